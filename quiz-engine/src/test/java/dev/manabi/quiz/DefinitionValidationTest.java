package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import static dev.manabi.quiz.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {

    private final DefinitionParser parser = new DefinitionParser(Fixtures.TYPES);

    private List<Problems.Problem> problems(ObjectNode definition) {
        return catchThrowableOfType(DefinitionParser.InvalidDefinition.class, () -> parser.parse(definition))
                .problems();
    }

    private List<String> paths(ObjectNode definition) {
        return problems(definition).stream().map(Problems.Problem::path).toList();
    }

    @Test
    void validDefinitionsParse() {
        QuizDefinition d = parser.parse(Fixtures.resource("all-types.json"));
        assertThat(d.questions()).extracting(Question::type).containsExactly("single-choice", "multiple-choice",
                "true-false", "numeric", "short-text", "ordering", "matching");
        assertThat(d.questions().get(0).points()).isEqualTo(2);
        assertThat(d.questions().get(1).points()).as("default").isEqualTo(1);
        assertThat(d.settings().maxAttempts()).isEqualTo(2);
        assertThat(d.settings().threshold().reachedBy(new Score(5.6, 8))).isTrue();
        assertThat(d.settings().threshold().reachedBy(new Score(5.5, 8))).isFalse();
    }

    @Test
    void reportsEveryProblemWithItsJsonPath() {
        ObjectNode bad = json("""
                {'id': 'has space', 'title': {'en': ''}, 'colour': 'red',
                 'settings': {'passThreshold': {'percent': 120}, 'maxAttempts': 0, 'timeLimitSeconds': 2.5,
                              'feedback': 'sometimes'},
                 'questions': [
                   {'id': 'q1', 'type': 'single-choice', 'prompt': {'en': 'P'},
                    'options': [{'id': 'a', 'text': {'en': 'A'}}, {'id': 'a', 'text': {'english': 'B'}}],
                    'correct': 'z'},
                   {'id': 'q1', 'type': 'telepathy', 'prompt': {'en': 'P'}},
                   {'id': 'q3', 'type': 'numeric', 'points': -1, 'answer': 'ten', 'tolerance': -1},
                   {'id': 'q4', 'type': 'ordering', 'prompt': {'ja': '順番'},
                    'items': [{'id': 'x', 'text': {'en': 'X'}}, {'id': 'y', 'text': {'en': 'Y'}}], 'correct': ['x', 'x']},
                   {'id': 'q5', 'type': 'matching', 'prompt': {'en': 'M'},
                    'prompts': [{'id': 'p1', 'text': {'en': '1'}}, {'id': 'p2', 'text': {'en': '2'}}],
                    'choices': [{'id': 'c1', 'text': {'en': '1'}}, {'id': 'c2', 'text': {'en': '2'}}],
                    'correct': {'p1': 'c9'}},
                   {'id': 'q6', 'type': 'multiple-choice', 'prompt': {'en': 'M'}, 'scoring': 'generous',
                    'options': [{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}}], 'correct': []},
                   {'id': 'q7', 'type': 'short-text', 'prompt': {'en': 'S'}, 'accepted': ['ok', ' ', 3]}
                 ],
                 'pools': [{'id': 'p', 'draw': 3, 'questions': [
                   {'id': 'q8', 'type': 'true-false', 'prompt': {'en': 'T'}, 'correct': 'yes'}]}]}
                """);
        assertThat(paths(bad)).containsExactlyInAnyOrder(
                "$.colour",
                "$.id",
                "$.title.en",
                "$.questions[0].options[1].id",
                "$.questions[0].options[1].text.english",
                "$.questions[0].correct",
                "$.questions[1].id",
                "$.questions[1].type",
                "$.questions[2].prompt",
                "$.questions[2].points",
                "$.questions[2].answer",
                "$.questions[2].tolerance",
                "$.questions[3].correct",
                "$.questions[4].correct.p1",
                "$.questions[4].correct",
                "$.questions[5].scoring",
                "$.questions[5].correct",
                "$.questions[6].accepted[1]",
                "$.questions[6].accepted[2]",
                "$.pools[0].questions[0].correct",
                "$.pools[0].draw",
                "$.settings.passThreshold.percent",
                "$.settings.maxAttempts",
                "$.settings.timeLimitSeconds",
                "$.settings.feedback");
        assertThat(problems(bad)).filteredOn(p -> p.path().equals("$.questions[1].type"))
                .singleElement().extracting(Problems.Problem::message).asString()
                .contains("telepathy").contains("single-choice");
    }

    @Test
    void misspeltMembersOfBuiltInTypesAreReportedAtTheirPaths() {
        ObjectNode typos = json("""
                {'id': 'typos', 'title': {'en': 'T'}, 'settings': {'passThreshold': {'percent': 50}},
                 'questions': [
                   {'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': 3, 'tolerence': 0.5},
                   {'id': 'm', 'type': 'multiple-choice', 'prompt': {'en': 'P'}, 'scorring': 'partial',
                    'options': [{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}}], 'correct': ['a']}],
                 'pools': [{'id': 'p', 'draw': 1, 'questions': [
                   {'id': 't', 'type': 'true-false', 'prompt': {'en': 'P'}, 'correct': true, 'explaination': {'en': 'E'}}]}]}
                """);
        assertThat(paths(typos)).containsExactlyInAnyOrder("$.questions[0].tolerence", "$.questions[1].scorring",
                "$.pools[0].questions[0].explaination");
        assertThat(problems(typos).get(0).message()).contains("unknown member").contains("tolerance");
    }

    @Test
    void everyMemberABuiltInTypeDeclaresIsAccepted() {
        QuizDefinition d = parser.parse(json("""
                {'id': 'full', 'title': {'en': 'T'}, 'settings': {'passThreshold': {'percent': 50}},
                 'questions': [{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'points': 2, 'answer': 3,
                                'tolerance': 0.5, 'unit': {'en': 'cm'}, 'feedback': {'correct': {'en': 'Yes'}},
                                'explanation': {'en': 'E'}}]}
                """));
        assertThat(d.questions()).hasSize(1);
    }

    @Test
    void pathsAreJsonPathEvenForNamesThatAreNoIdentifiers() {
        ObjectNode bad = json("""
                {'id': 'x', 'title': {'zh-Hans': ' ', 'bad tag': 'x', 'en': 'T'}, 'my key': 1, "it's": 2,
                 'settings': {'passThreshold': {'percent': 50}},
                 'questions': [{'id': 'm', 'type': 'matching', 'prompt': {'en': 'P'},
                    'prompts': [{'id': 'p-1', 'text': {'en': '1'}}, {'id': 'p2', 'text': {'en': '2'}}],
                    'choices': [{'id': 'c1', 'text': {'en': '1'}}, {'id': 'c2', 'text': {'en': '2'}}],
                    'correct': {'p-1': 'c9', 'p2': 'c2'}}]}
                """.replace("\"it's\"", "'it\\u0027s'"));
        assertThat(paths(bad)).containsExactlyInAnyOrder(
                "$.title['zh-Hans']",
                "$.title['bad tag']",
                "$['my key']",
                "$['it\\'s']",
                "$.questions[0].correct['p-1']");
        assertThat(problems(bad)).filteredOn(p -> p.path().equals("$.title['bad tag']")).singleElement()
                .extracting(Problems.Problem::message).asString().contains("not a language tag");
        assertThat(Problems.member("a\\b")).isEqualTo("['a\\\\b']");
        assertThat(Problems.member("_ok9")).isEqualTo("._ok9");
        assertThat(Problems.member("9lives")).isEqualTo("['9lives']");
    }

    @Test
    void rejectsMissingStructure() {
        assertThat(paths(json("{}"))).containsExactlyInAnyOrder("$.id", "$.title", "$.questions", "$.settings");
        assertThat(paths(json("{'id': 'x', 'title': {'en': 'X'}, 'settings': {'passThreshold': {'percent': 1,"
                + " 'points': 1}}, 'questions': [{'id': 'a', 'type': 'true-false', 'prompt': {'en': 'p'},"
                + " 'correct': true}]}"))).containsExactly("$.settings.passThreshold");
    }

    @Test
    void aPointsThresholdMustBeReachableByEveryDraw() {
        ObjectNode pooled = Fixtures.resource("pooled.json");
        ((ObjectNode) pooled.get("settings")).putObject("passThreshold").put("points", 3.5);
        assertThat(paths(pooled)).containsExactly("$.settings.passThreshold.points");
    }

    @Test
    void duplicateKeysAndBrokenJsonAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> QuizService.readJson(new ByteArrayInputStream(
                "{\"id\": \"a\",\n \"id\": \"b\"}".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("Duplicate field 'id'").hasMessageContaining("line 2");
        assertThatThrownBy(() -> QuizService.readJson(new ByteArrayInputStream(
                "{\"id\": ".getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> QuizService.readJson(new ByteArrayInputStream(
                "{\"id\": \"a\"} {}".getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("not valid JSON");
    }

    @Test
    void poolsDrawTheirShareAndShuffleReproducibly() {
        QuizDefinition d = parser.parse(Fixtures.resource("pooled.json"));
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            List<String> ids = d.draw(seed).stream().map(Question::id).toList();
            assertThat(ids).hasSize(3).contains("fixed").doesNotHaveDuplicates();
            assertThat(d.draw(seed).stream().map(Question::id).toList()).isEqualTo(ids);
            orders.add(ids);
        }
        assertThat(orders.size()).as("draws and orders vary between attempts").isGreaterThan(10);
    }
}
