package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import static dev.manabi.quiz.AttemptsTest.ALICE;
import static dev.manabi.quiz.AttemptsTest.AUTHOR;
import static dev.manabi.quiz.AttemptsTest.BOB;
import static dev.manabi.quiz.AttemptsTest.allRight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.i18n.UiLanguage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quiz engine's part of completion rules (the rules themselves are the completion-rules module's, tested there):
 * the {@code quiz} condition through real attempts, quiz scores as unit scores, quiz references checked when rules
 * are saved, and the course pass over quizzes.
 */
class CompletionRulesTest {

    /**
     * One course with two quizzes (q1, q2: copies of all-types, 8 points each) and a video book "handbook" (rules may
     * name only facts the course's components can record).
     */
    private static String courseWithTwoQuizzes(TestPlatform p) {
        ObjectNode q1 = Fixtures.resource("all-types.json");
        q1.put("id", "q1");
        ((ObjectNode) q1.get("settings")).remove("maxAttempts");
        String courseId = p.quizzes().importQuiz(AUTHOR, q1, null).courseId();
        ObjectNode q2 = q1.deepCopy();
        q2.put("id", "q2");
        p.quizzes().importQuiz(AUTHOR, q2, courseId);
        dev.manabi.core.CoreTestAccess.addComponent(p.ds, courseId, new dev.manabi.core.Course.Component("book",
                "handbook", null));
        return courseId;
    }

    private static void take(TestPlatform p, String courseId, String quiz, Map<String, JsonNode> responses) {
        QuizService quizzes = p.quizzes();
        String attempt = quizzes.start(ALICE, quiz, courseId, UiLanguage.EN).attemptId();
        quizzes.submit(ALICE, quiz, attempt, responses, UiLanguage.EN);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aUnitCompletesWhenAVideoIsWatchedAndTheQuizPassedOnce(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithTwoQuizzes(p);
        p.rules().put(AUTHOR, courseId, Fixtures.json("""
                {'units': [
                   {'id': 'unit-1', 'title': {'ja': '第1章', 'en': 'Unit 1'}, 'when': [
                      {'type': 'fact', 'kind': 'video-topic', 'ref': 'handbook/intro', 'completed': true},
                      {'type': 'quiz', 'quiz': 'q1'}]},
                   {'id': 'unit-2', 'when': [{'type': 'quiz', 'quiz': 'q2', 'minPercent': 50}]}]}
                """));

        take(p, courseId, "q1", allRight());
        assertThat(p.events(UnitCompleted.class)).as("video not watched yet").isEmpty();

        // The video-book module records its facts through the same ledger; the engine needs no code for them.
        p.record(ALICE, courseId, new ProgressFact("video-topic", "handbook/intro", true, null, null, null));
        assertThat(p.events(UnitCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.unitId()).isEqualTo("unit-1");
            assertThat(e.score()).as("the quiz's best score").isEqualTo(8.0);
            assertThat(e.learner()).isEqualTo(ALICE);
            assertThat(e.courseId()).isEqualTo(courseId);
        });

        take(p, courseId, "q1", Map.of());
        p.record(ALICE, courseId, new ProgressFact("video-topic", "handbook/intro", true, null, null, null));
        assertThat(p.events(UnitCompleted.class)).as("awarded once").hasSize(1);

        // 4 of 8 points: exactly the unit's 50 %, below the quiz's own 70 % threshold
        take(p, courseId, "q2", Map.of("single", TextNode.valueOf("b"), "tf", BooleanNode.TRUE, "num",
                IntNode.valueOf(12)));
        assertThat(p.events(UnitCompleted.class)).extracting(UnitCompleted::unitId).containsExactly("unit-1",
                "unit-2");
        assertThat(p.events(UnitCompleted.class).get(1).score()).isEqualTo(4.0);
        assertThat(p.rules().status(ALICE, courseId).units()).isEqualTo(Map.of("unit-1", true, "unit-2", true));
        assertThat(p.rules().status(BOB_IN_A, courseId).units()).isEqualTo(Map.of("unit-1", false, "unit-2", false));
    }

    private static final dev.manabi.api.LearnerContext BOB_IN_A = TestPlatform.person("bob", "uni-a",
            dev.manabi.api.Role.LEARNER);

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theCoursePassesWhenTheSumOfNamedQuizzesReachesThePoints(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithTwoQuizzes(p);
        p.rules().put(AUTHOR, courseId, Fixtures.json(
                "{'course': {'pass': {'quizzes': ['q1', 'q2'], 'aggregate': 'sum', 'atLeast': 12}}}"));

        take(p, courseId, "q1", allRight());
        assertThat(p.events(CourseCompleted.class)).as("q2 not taken yet").isEmpty();
        assertThat(p.rules().outcomes(ALICE, java.util.List.of(courseId, "other")))
                .as("the course list's verdict: ruled, not complete").containsOnlyKeys(courseId)
                .containsEntry(courseId, new dev.manabi.api.CourseOutcomes.Outcome(false, null, null));
        take(p, courseId, "q2", Map.of("single", TextNode.valueOf("b")));
        assertThat(p.events(CourseCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.passed()).isFalse();
            assertThat(e.score()).isEqualTo(10.0);
        });
        assertThat(p.rules().outcomes(ALICE, java.util.List.of(courseId)))
                .containsEntry(courseId, new dev.manabi.api.CourseOutcomes.Outcome(true, false, 10.0));
        assertThat(p.rules().outcomes(BOB_IN_A, java.util.List.of(courseId)))
                .containsEntry(courseId, new dev.manabi.api.CourseOutcomes.Outcome(false, null, null));
        take(p, courseId, "q2", Map.of());
        assertThat(p.events(CourseCompleted.class)).as("a worse retake changes nothing").hasSize(1);

        take(p, courseId, "q2", allRight());
        assertThat(p.events(CourseCompleted.class)).hasSize(2).last().satisfies(e -> {
            assertThat(e.passed()).isTrue();
            assertThat(e.score()).isEqualTo(16.0);
        });
        take(p, courseId, "q1", allRight());
        assertThat(p.events(CourseCompleted.class)).as("passed once").hasSize(2);
        assertThat(p.rules().status(ALICE, courseId).passed()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void averageRulesNeedTheirUnitsToo(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithTwoQuizzes(p);
        p.rules().put(AUTHOR, courseId, Fixtures.json("""
                {'units': [{'id': 'u', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'handbook'}]}],
                 'course': {'units': ['u'], 'pass': {'quizzes': ['q1', 'q2'], 'aggregate': 'average', 'atLeast': 7}}}
                """));
        take(p, courseId, "q1", allRight());
        take(p, courseId, "q2", allRight());
        assertThat(p.events(CourseCompleted.class)).isEmpty();
        p.record(ALICE, courseId, new ProgressFact("book", "handbook", true, null, null, null));
        assertThat(p.events(CourseCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.passed()).isTrue();
            assertThat(e.score()).isEqualTo(8.0);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void rulesAreValidatedWholeWithJsonPathsAndOnlyEditorsMaySetThem(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithTwoQuizzes(p);
        JsonNode bad = Fixtures.json("""
                {'units': [
                   {'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'nope'}, {'type': 'moon-phase'},
                                         {'type': 'fact', 'ref': 'x', 'minPercent': 200}]},
                   {'id': 'u1', 'when': []}],
                 'course': {'units': ['u9'], 'pass': {'quizzes': ['q1', 'q3'], 'aggregate': 'median'}}}
                """);
        PlayerException e = catchThrowableOfType(PlayerException.class, () -> p.rules().put(AUTHOR, courseId, bad));
        assertThat(e.code()).isEqualTo("invalid-completion-rules");
        @SuppressWarnings("unchecked")
        List<Problems.Problem> problems = (List<Problems.Problem>) ((Map<String, Object>) e.details()).get("problems");
        assertThat(problems).extracting(Problems.Problem::path).containsExactlyInAnyOrder(
                "$.units[0].when[0].quiz",
                "$.units[0].when[1].type",
                "$.units[0].when[2].kind",
                "$.units[0].when[2].minPercent",
                "$.units[1].id",
                "$.units[1].when",
                "$.course.units[0]",
                "$.course.pass.quizzes[1]",
                "$.course.pass.aggregate",
                "$.course.pass.atLeast");
        assertThat(catchThrowableOfType(PlayerException.class, () -> p.rules().get(AUTHOR, courseId)).code())
                .as("nothing stored").isEqualTo("no-completion-rules");

        JsonNode good = Fixtures.json("{'units': [{'id': 'u', 'when': [{'type': 'quiz', 'quiz': 'q1'}]}]}");
        assertThat(catchThrowableOfType(PlayerException.class, () -> p.rules().put(ALICE, courseId, good)).status())
                .isEqualTo(403);
        assertThat(catchThrowableOfType(PlayerException.class, () -> p.rules().put(BOB, courseId, good)).status())
                .isEqualTo(404);
        p.rules().put(AUTHOR, courseId, good);
        assertThat(p.rules().get(ALICE, courseId)).isEqualTo(good);
        p.rules().put(AUTHOR, courseId, Fixtures.json("{'course': {'pass': {'quizzes': ['q1'], 'aggregate': 'sum',"
                + " 'atLeast': 1}}}"));
        assertThat(p.rules().get(ALICE, courseId).has("units")).as("replaced").isFalse();
        assertThat(p.events).as("only the saved rules, no completions").allMatch(CompletionRulesSaved.class::isInstance)
                .hasSize(2);
    }
}
