package dev.manabi.quiz;

import static dev.manabi.quiz.TestPlatform.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.i18n.UiLanguage;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests of one attempt that arrive at the same moment (two tabs, a debounced save racing a check). */
class ConcurrentAttemptsTest {

    private static final int ROUNDS = 30;
    private static final LearnerContext AUTHOR = person("author", "uni-a", Role.CONTENT_AUTHOR, Role.LEARNER);

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aSaveRacingACheckNeitherUnlocksTheCheckedAnswerNorGetsLost(DataSource ds) throws Exception {
        TestPlatform p = new TestPlatform(ds);
        String course = p.quizzes().importQuiz(AUTHOR, Fixtures.json("{'id': 'ae', 'title': {'en': 'T'},"
                + " 'settings': {'passThreshold': {'percent': 50}, 'feedback': 'after-each'}, 'questions': ["
                + "{'id': 'q1', 'type': 'true-false', 'prompt': {'en': 'P'}, 'correct': true},"
                + " {'id': 'q2', 'type': 'true-false', 'prompt': {'en': 'P'}, 'correct': true}]}"), null).courseId();
        QuizService quizzes = p.quizzes();
        for (int i = 0; i < ROUNDS; i++) {
            LearnerContext learner = person("l" + i, "uni-a", Role.LEARNER);
            String attempt = quizzes.start(learner, "ae", course, UiLanguage.EN).attemptId();
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Views.QuestionOutcome> check = threads.submit(() -> {
                together.await();
                return quizzes.check(learner, "ae", attempt, "q1", BooleanNode.FALSE, UiLanguage.EN);
            });
            Future<Boolean> save = threads.submit(() -> {
                together.await();
                try {
                    quizzes.save(learner, "ae", attempt, Map.<String, JsonNode>of("q1", BooleanNode.TRUE,
                            "q2", BooleanNode.TRUE), UiLanguage.EN);
                    return true;
                } catch (PlayerException e) {
                    assertThat(e.code()).as("only refused for changing the checked q1").isEqualTo("invalid-responses");
                    return false;
                }
            });
            Views.QuestionOutcome checked = check.get();
            boolean saved = save.get();

            Views.AttemptView now = quizzes.attempt(learner, "ae", attempt, UiLanguage.EN);
            assertThat(checked.outcome()).as("round %d", i).isEqualTo("incorrect");
            assertThat(now.checked()).as("round %d: the check's lock survives", i).containsKey("q1");
            assertThat(now.responses().get("q1")).as("round %d: the checked answer stands", i)
                    .isEqualTo(BooleanNode.FALSE);
            if (saved) {
                assertThat(now.responses().get("q2")).as("round %d: the accepted save is kept", i)
                        .isEqualTo(BooleanNode.TRUE);
            }
            assertThat(quizzes.submit(learner, "ae", attempt, null, UiLanguage.EN).result().questions().get(0)
                    .outcome()).as("round %d: scored as checked", i).isEqualTo("incorrect");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aSubmissionRacingACheckCannotChangeTheCheckedAnswer(DataSource ds) throws Exception {
        TestPlatform p = new TestPlatform(ds);
        String course = p.quizzes().importQuiz(AUTHOR, Fixtures.json("{'id': 'ae', 'title': {'en': 'T'},"
                + " 'settings': {'passThreshold': {'percent': 50}, 'feedback': 'after-each'}, 'questions': ["
                + "{'id': 'q1', 'type': 'true-false', 'prompt': {'en': 'P'}, 'correct': true}]}"), null).courseId();
        QuizService quizzes = p.quizzes();
        for (int i = 0; i < ROUNDS; i++) {
            LearnerContext learner = person("l" + i, "uni-a", Role.LEARNER);
            String attempt = quizzes.start(learner, "ae", course, UiLanguage.EN).attemptId();
            CyclicBarrier together = new CyclicBarrier(2);
            Future<?> check = threads.submit(() -> {
                together.await();
                try {
                    return quizzes.check(learner, "ae", attempt, "q1", BooleanNode.FALSE, UiLanguage.EN);
                } catch (PlayerException e) {
                    assertThat(e.code()).as("only refused once submitted").isEqualTo("attempt-submitted");
                    return null;
                }
            });
            Future<?> submit = threads.submit(() -> {
                together.await();
                try {
                    return quizzes.submit(learner, "ae", attempt, Map.<String, JsonNode>of("q1", BooleanNode.TRUE),
                            UiLanguage.EN);
                } catch (PlayerException e) {
                    assertThat(e.code()).as("only refused for changing the checked q1").isEqualTo("invalid-responses");
                    return null;
                }
            });
            check.get();
            submit.get();
            Views.AttemptView now = quizzes.submit(learner, "ae", attempt, null, UiLanguage.EN);
            if (now.checked() != null && now.checked().containsKey("q1")) {
                assertThat(now.result().score()).as("round %d: checked false, scored false", i).isZero();
            } else {
                assertThat(now.result().score()).as("round %d: submitted true before any check", i).isEqualTo(1.0);
            }
        }
    }
}
