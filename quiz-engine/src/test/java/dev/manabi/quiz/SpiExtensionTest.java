package dev.manabi.quiz;

import dev.manabi.core.spi.Plugins;
import dev.manabi.core.spi.Problems;
import static dev.manabi.quiz.AttemptsTest.ALICE;
import static dev.manabi.quiz.AttemptsTest.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.quiz.extension.FillInTheBlanks;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Plug-ins from outside the SDK: found by ServiceLoader or handed over as CDI beans, and used end to end. */
class SpiExtensionTest {

    private static final String QUIZ = """
            {'id': 'blanks', 'title': {'en': 'Blanks'}, 'settings': {'passThreshold': {'percent': 100}},
             'questions': [{'id': 'b1', 'type': 'fill-in-the-blanks', 'points': 4,
                            'prompt': {'en': 'Use a ___ manager and ___ authentication.'},
                            'blanks': ['password', 'multi-factor']}]}
            """;

    /** A type only a CDI container would hand over (not in any services file). */
    static class Stars implements QuestionType {
        @Override
        public String id() {
            return "stars";
        }

        @Override
        public void validate(ObjectNode question, Problems problems) {
        }

        @Override
        public Score score(Question question, JsonNode response) {
            return Score.full(question);
        }

        @Override
        public ObjectNode clientView(Question question, View view) {
            return view.object();
        }

        @Override
        public String rendererModule() {
            return "https://cdn.example/stars.js";
        }
    }

    /** Claims a built-in id; must not take over how existing quizzes are scored. */
    static final class Impostor extends Stars {
        @Override
        public String id() {
            return "single-choice";
        }
    }

    @Test
    void serviceLoaderAndBeanTypesJoinTheBuiltIns() {
        Plugins<QuestionType> types = QuizEngine.questionTypes(List.of(new Stars(), new Impostor()));
        assertThat(types.ids()).contains("fill-in-the-blanks", "stars", "single-choice", "matching");
        assertThat(types.find("fill-in-the-blanks")).containsInstanceOf(FillInTheBlanks.class);
        assertThat(types.find("single-choice")).containsInstanceOf(SingleChoice.class);
    }

    /** Another class claiming {@code stars} in the same tier as {@link Stars}. */
    static final class OtherStars extends Stars {
    }

    /**
     * Issue 15 (review 3): two beans claiming one question type id are both refused, and readiness says so (it was
     * only logged), as the completion rules' readiness does for condition kinds.
     */
    @Test
    void twoTypesClaimingOneIdAreRefusedAndReadinessSaysSo() {
        Plugins<QuestionType> types = QuizEngine.questionTypes(List.of(new Stars(), new OtherStars()));
        assertThat(types.find("stars")).isEmpty();
        HealthCheckResponse down = QuizReadiness.answer(types.conflicts());
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("reason", QuizReadiness.TYPE_CONFLICT)
                .containsEntry("ids", "stars");
        assertThat(QuizReadiness.answer(QuizEngine.questionTypes(List.of(new Stars())).conflicts()).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void pluginValidationProblemsCarryTheQuestionPath() {
        ObjectNode quiz = Fixtures.json(QUIZ);
        ((ObjectNode) quiz.get("questions").get(0)).putArray("blanks").add("ok").add(" ");
        DefinitionParser.InvalidDefinition e = catchThrowableOfType(DefinitionParser.InvalidDefinition.class,
                () -> new DefinitionParser(Fixtures.TYPES).parse(quiz));
        assertThat(e.problems()).extracting(Problems.Problem::path).containsExactly("$.questions[0].blanks[1]");
    }

    @Test
    void aPluginTypeIsImportedRenderedAndScoredOnTheServer() {
        TestPlatform p = new TestPlatform(dev.manabi.core.TestDatabases.h2());
        String courseId = p.quizzes().importQuiz(AUTHOR, Fixtures.json(QUIZ), null).courseId();
        Views.AttemptView a = p.quizzes().start(ALICE, "blanks", courseId, UiLanguage.EN);
        ObjectNode q = a.questions().get(0);
        assertThat(q.get("renderer").asText()).isEqualTo("/extension/fill-in-the-blanks.js");
        assertThat(q.get("gaps").asInt()).isEqualTo(2);
        assertThat(q.has("blanks")).isFalse();
        Views.AttemptView done = p.quizzes().submit(ALICE, "blanks", a.attemptId(),
                Map.of("b1", Fixtures.node("['Password', 'single-factor']")), UiLanguage.EN);
        assertThat(done.result().score()).isEqualTo(2.0);
        assertThat(done.result().questions().get(0).outcome()).isEqualTo("partial");
        assertThat(done.questions().get(0).get("blanks")).as("review").hasSize(2);
    }

    @Test
    void aTypeThatDeclaresNoMembersKeepsItsMembersToItself() {
        ObjectNode quiz = Fixtures.json(QUIZ);
        ((ObjectNode) quiz.get("questions").get(0)).put("hint", "written before members() existed");
        assertThat(new DefinitionParser(Fixtures.TYPES).parse(quiz).questions()).hasSize(1);
    }
}
