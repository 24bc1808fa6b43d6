package dev.manabi.quiz;

import static dev.manabi.quiz.AttemptsTest.ALICE;
import static dev.manabi.quiz.AttemptsTest.AUTHOR;
import static dev.manabi.quiz.AttemptsTest.allRight;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manabi.core.TestStatements;
import dev.manabi.i18n.UiLanguage;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A submitted attempt states each answered question and the quiz's outcome; completion rules state the unit and the
 * course; all in the transactions that store them, each statement checked by the xapi validator.
 */
class QuizStatementsTest {

    private static String courseWithQuiz(TestPlatform p) {
        ObjectNode q1 = Fixtures.resource("all-types.json");
        q1.put("id", "q1");
        ((ObjectNode) q1.get("settings")).remove("maxAttempts");
        return p.quizzes().importQuiz(AUTHOR, q1, null).courseId();
    }

    private static String take(TestPlatform p, String courseId, Map<String, JsonNode> responses) {
        QuizService quizzes = p.quizzes();
        String attempt = quizzes.start(ALICE, "q1", courseId, UiLanguage.EN).attemptId();
        quizzes.submit(ALICE, "q1", attempt, responses, UiLanguage.EN);
        return attempt;
    }

    private static String verb(JsonNode s) {
        return s.path("verb").path("id").asText().replace("http://adlnet.gov/expapi/verbs/", "");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void eachAnsweredQuestionAndTheOutcomeAreStatedOnce(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithQuiz(p);
        String attempt = take(p, courseId, Map.of("single", TextNode.valueOf("b"), "tf", BooleanNode.FALSE));

        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(all).extracting(QuizStatementsTest::verb).containsExactly("answered", "answered", "failed");
        assertThat(p.statementsQueued).isEqualTo(1);
        ObjectNode single = all.stream().filter(s -> s.at("/object/id").asText().endsWith("/question/single"))
                .findFirst().orElseThrow();
        assertThat(single.at("/object/id").asText()).isEqualTo("urn:manabi:quiz/q1/question/single");
        assertThat(single.at("/result/response").asText()).isEqualTo("\"b\"");
        assertThat(single.at("/result/success").asBoolean()).isTrue();
        assertThat(single.at("/result/score/scaled").asDouble()).isEqualTo(1.0);
        assertThat(single.at("/context/contextActivities/parent/0/id").asText()).isEqualTo("urn:manabi:quiz/q1");
        ObjectNode tf = all.stream().filter(s -> s.at("/object/id").asText().endsWith("/question/tf"))
                .findFirst().orElseThrow();
        assertThat(tf.at("/result/success").asBoolean()).isFalse();
        assertThat(tf.at("/result/score/raw").asDouble()).isZero();
        ObjectNode failed = all.get(2);
        assertThat(failed.at("/object/id").asText()).isEqualTo("urn:manabi:quiz/q1");
        assertThat(failed.at("/result/success").asBoolean()).isFalse();
        assertThat(failed.at("/result/completion").asBoolean()).isTrue();
        assertThat(failed.at("/result/score/max").asDouble()).isEqualTo(8.0);
        assertThat(failed.at("/result/score/raw").asDouble()).as("the single choice, worth 2").isEqualTo(2.0);
        assertThat(all).extracting(s -> s.at("/context/registration").asText()).containsOnly(attempt);
        assertThat(all).extracting(s -> s.at("/context/contextActivities/grouping/0/id").asText())
                .containsOnly("urn:manabi:course/" + courseId);

        // Submitting the submitted attempt again changes and states nothing.
        p.quizzes().submit(ALICE, "q1", attempt, Map.of(), UiLanguage.EN);
        assertThat(TestStatements.queued(ds)).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void completionRulesStateTheUnitAndTheCourse(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = courseWithQuiz(p);
        p.rules().put(AUTHOR, courseId, Fixtures.json("""
                {'units': [{'id': 'unit-1', 'when': [{'type': 'quiz', 'quiz': 'q1'}]}],
                 'course': {'units': ['unit-1'], 'pass': {'quizzes': ['q1'], 'aggregate': 'sum', 'atLeast': 8}}}
                """));

        take(p, courseId, allRight());

        List<ObjectNode> all = TestStatements.queued(ds);
        List<String> verbs = all.stream().map(QuizStatementsTest::verb).toList();
        assertThat(verbs.subList(verbs.size() - 4, verbs.size())).containsExactly("passed", "completed",
                "completed", "passed");
        ObjectNode unit = all.get(all.size() - 3);
        assertThat(unit.at("/object/id").asText()).isEqualTo("urn:manabi:course/" + courseId + "/unit/unit-1");
        assertThat(unit.at("/result/score/raw").asDouble()).isEqualTo(8.0);
        assertThat(unit.at("/context/contextActivities/parent/0/id").asText())
                .isEqualTo("urn:manabi:course/" + courseId);
        ObjectNode course = all.get(all.size() - 1);
        assertThat(course.at("/object/id").asText()).isEqualTo("urn:manabi:course/" + courseId);
        assertThat(course.at("/result/success").asBoolean()).isTrue();
        assertThat(course.at("/context/registration").asText())
                .isEqualTo(unit.at("/context/registration").asText())
                .isEqualTo(dev.manabi.rules.RulesHarness.courseRegistration(ALICE, courseId).toString());

        // A second pass awards nothing new, so states nothing about unit or course.
        take(p, courseId, allRight());
        List<String> again = TestStatements.queued(ds).stream().map(QuizStatementsTest::verb).toList();
        assertThat(again.subList(verbs.size(), again.size())).doesNotContain("completed")
                .endsWith("passed").filteredOn("passed"::equals).hasSize(1);
    }
}
