package dev.manabi.quiz;

import static dev.manabi.quiz.Fixtures.json;
import static dev.manabi.quiz.Fixtures.question;
import static dev.manabi.quiz.Fixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manabi.core.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scoring of every built-in type; where the input space is large, generated inputs check the scoring laws. */
class BuiltInScoringTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> MALFORMED = List.of(F.numberNode(1), F.arrayNode(), F.objectNode(),
            BooleanNode.TRUE, TextNode.valueOf(""), F.arrayNode().add(F.numberNode(3)));

    @Test
    void singleChoiceGivesFullPointsOnlyForTheCorrectOption() {
        Question q = question("{'id': 's', 'type': 'single-choice', 'points': 3, 'prompt': {'en': 'P'},"
                + " 'options': [{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}}], 'correct': 'b'}");
        assertThat(score(q, TextNode.valueOf("b"))).isEqualTo(new Score(3, 3));
        assertThat(score(q, TextNode.valueOf("a"))).isEqualTo(new Score(0, 3));
        assertThat(score(q, TextNode.valueOf("B"))).isEqualTo(new Score(0, 3));
        MALFORMED.forEach(r -> assertThat(score(q, r).isZero()).as("%s", r).isTrue());
    }

    @Test
    void trueFalseComparesBooleansOnly() {
        Question q = question("{'id': 't', 'type': 'true-false', 'prompt': {'en': 'P'}, 'correct': false}");
        assertThat(score(q, BooleanNode.FALSE).isFull()).isTrue();
        assertThat(score(q, BooleanNode.TRUE).isZero()).isTrue();
        assertThat(score(q, TextNode.valueOf("false")).isZero()).isTrue();
    }

    @Test
    void multipleChoicePartialCreditFollowsItsFormulaForEverySubset() {
        List<String> ids = List.of("a", "b", "c", "d", "e");
        Set<String> correct = Set.of("a", "c", "d");
        Question partial = question("{'id': 'm', 'type': 'multiple-choice', 'scoring': 'partial', 'points': 6,"
                + " 'prompt': {'en': 'P'}, 'options': " + options(ids) + ", 'correct': ['a', 'c', 'd']}");
        Question strict = question("{'id': 'm', 'type': 'multiple-choice', 'points': 6,"
                + " 'prompt': {'en': 'P'}, 'options': " + options(ids) + ", 'correct': ['d', 'a', 'c']}");
        for (int mask = 0; mask < 1 << ids.size(); mask++) {
            Set<String> chosen = new HashSet<>();
            ArrayNode response = F.arrayNode();
            for (int i = 0; i < ids.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    chosen.add(ids.get(i));
                    response.add(ids.get(i));
                }
            }
            long right = chosen.stream().filter(correct::contains).count();
            long wrong = chosen.size() - right;
            double expected = Math.max(0, right / 3.0 - wrong / 2.0) * 6;
            assertThat(score(partial, response).points()).as("%s", chosen).isCloseTo(expected, within(1e-9));
            assertThat(score(strict, response).isFull()).as("%s", chosen).isEqualTo(chosen.equals(correct));
            assertThat(score(strict, response).isFull() || score(strict, response).isZero()).isTrue();
        }
        assertThat(score(partial, F.arrayNode().add("a").add("a").add("c").add("d")).isFull())
                .as("a duplicated id counts once").isTrue();
        assertThat(score(partial, F.arrayNode().add("a").add("c").add("d").add("zz")).points())
                .as("an id that is no option is a wrong tick: 1 - 1/2").isCloseTo(3, within(1e-9));
        MALFORMED.stream().filter(r -> !r.isArray() || !r.isEmpty())
                .forEach(r -> assertThat(score(partial, r).isZero()).as("%s", r).isTrue());
    }

    @Test
    void tickingEveryBoxEarnsNothingWhateverShareOfOptionsIsCorrect() {
        for (int options = 2; options <= 6; options++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < options; i++) {
                ids.add("o" + i);
            }
            for (int correct = 1; correct < options; correct++) {
                Question q = question("{'id': 'm', 'type': 'multiple-choice', 'scoring': 'partial', 'prompt': {'en': 'P'},"
                        + " 'options': " + options(ids) + ", 'correct': " + array(ids.subList(0, correct)) + "}");
                ArrayNode all = F.arrayNode();
                ids.forEach(all::add);
                assertThat(score(q, all).isZero()).as("%d of %d correct", correct, options).isTrue();
                ArrayNode right = F.arrayNode();
                ids.subList(0, correct).forEach(right::add);
                assertThat(score(q, right).isFull()).isTrue();
            }
        }
    }

    @Test
    void numericAcceptsExactlyTheValuesWithinTolerance() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            double answer = Math.round((random.nextDouble() - 0.5) * 2_000_000) / 1000.0;
            double tolerance = random.nextInt(4) == 0 ? 0 : Math.round(random.nextDouble() * 5000) / 1000.0;
            Question q = question("{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': " + answer
                    + ", 'tolerance': " + tolerance + "}");
            double offset = (random.nextDouble() * 2 - 1) * (tolerance * 2 + 0.01);
            boolean inside = Math.abs(offset) <= tolerance;
            assertThat(score(q, DoubleNode.valueOf(answer + offset)).isFull())
                    .as("answer %s tolerance %s offset %s", answer, tolerance, offset).isEqualTo(inside);
            assertThat(score(q, DoubleNode.valueOf(answer)).isFull()).isTrue();
            assertThat(score(q, DoubleNode.valueOf(answer + tolerance)).isFull()).as("boundary inclusive").isTrue();
            assertThat(score(q, DoubleNode.valueOf(answer + tolerance + 0.002)).isZero()).isTrue();
        }
    }

    @Test
    void numericReadsFullWidthDigitsAndDecimalCommasButNotText() {
        Question q = question("{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': 1.5}");
        assertThat(score(q, TextNode.valueOf("１.５")).isFull()).isTrue();
        assertThat(score(q, TextNode.valueOf(" 1,5 ")).isFull()).isTrue();
        assertThat(score(q, TextNode.valueOf("1.5e0")).isFull()).isTrue();
        assertThat(score(q, TextNode.valueOf("one and a half")).isZero()).isTrue();
        assertThat(score(q, TextNode.valueOf("1.5; drop table")).isZero()).isTrue();
        Question sum = question("{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': 0.3}");
        assertThat(score(sum, DoubleNode.valueOf(0.1 + 0.2)).isFull()).as("binary rounding").isTrue();
    }

    /** The cases numeric.js is tested with too (RendererScriptTest), so browser and server read text alike. */
    @Test
    void numericReadsTextByTheRuleTheBrowserShares() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/numeric-cases.json")) {
            cases = Json.mapper().readTree(in);
        }
        for (JsonNode c : cases) {
            Optional<Double> expected = c.get("value").isNull() ? Optional.empty()
                    : Optional.of(c.get("value").asDouble());
            assertThat(NumericAnswer.parse(c.get("text"))).as("'%s'", c.get("text").asText()).isEqualTo(expected);
        }
        Question thousand = question("{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': 1000}");
        assertThat(score(thousand, TextNode.valueOf("１，０００")).isFull()).isTrue();
        assertThat(score(question("{'id': 'n', 'type': 'numeric', 'prompt': {'en': 'P'}, 'answer': 1}"),
                TextNode.valueOf("1,000")).isZero()).as("1,000 is not 1.0").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-factor", "Two-Factor", "TWO-FACTOR", "ｔｗｏ－ｆａｃｔｏｒ", "  two-factor  ",
        "ＴＷＯ－ＦＡＣＴＯＲ", "2fa", "２ＦＡ", "パスキー", "ﾊﾟｽｷｰ"})
    void shortTextMatchesWidthAndCaseVariantsOfAnyAcceptedAnswer(String response) {
        Question q = question("{'id': 'x', 'type': 'short-text', 'prompt': {'en': 'P'},"
                + " 'accepted': ['two-factor', '2FA', 'パスキー']}");
        assertThat(score(q, TextNode.valueOf(response)).isFull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"two factor", "twofactor", "", "   ", "2FA!", "パスワード"})
    void shortTextRejectsOtherAnswers(String response) {
        Question q = question("{'id': 'x', 'type': 'short-text', 'prompt': {'en': 'P'},"
                + " 'accepted': ['two-factor', '2FA', 'パスキー']}");
        assertThat(score(q, TextNode.valueOf(response)).isZero()).isTrue();
    }

    @Test
    void shortTextCanBeCaseSensitiveAndCollapsesInnerSpaces() {
        Question q = question("{'id': 'x', 'type': 'short-text', 'prompt': {'en': 'P'}, 'caseSensitive': true,"
                + " 'accepted': ['Tokyo Tower']}");
        assertThat(score(q, TextNode.valueOf("Tokyo\u3000 Tower")).isFull()).isTrue();
        assertThat(score(q, TextNode.valueOf("tokyo tower")).isZero()).isTrue();
    }

    @Test
    void orderingPartialCreditIsTheShareOfItemsInPlaceForRandomPermutations() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");
        Question partial = question("{'id': 'o', 'type': 'ordering', 'scoring': 'partial', 'points': 12,"
                + " 'prompt': {'en': 'P'}, 'items': " + options(ids) + ", 'correct': " + array(ids) + "}");
        Question strict = question("{'id': 'o', 'type': 'ordering', 'points': 12,"
                + " 'prompt': {'en': 'P'}, 'items': " + options(ids) + ", 'correct': " + array(ids) + "}");
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            List<String> order = new ArrayList<>(ids);
            Collections.shuffle(order, random);
            long inPlace = java.util.stream.IntStream.range(0, ids.size()).filter(k -> ids.get(k).equals(order.get(k)))
                    .count();
            JsonNode response = Fixtures.node(array(order));
            assertThat(score(partial, response).points()).isCloseTo(12.0 * inPlace / ids.size(), within(1e-9));
            assertThat(score(strict, response).isFull()).isEqualTo(order.equals(ids));
        }
        assertThat(score(partial, Fixtures.node(array(ids.subList(0, 5)))).isZero()).as("incomplete order").isTrue();
    }

    @Test
    void matchingCountsCorrectPairsForRandomAssignments() {
        Question partial = question("{'id': 'm', 'type': 'matching', 'scoring': 'partial', 'points': 4,"
                + " 'prompt': {'en': 'P'}, 'prompts': " + options(List.of("p1", "p2", "p3", "p4"))
                + ", 'choices': " + options(List.of("c1", "c2", "c3", "c4", "x"))
                + ", 'correct': {'p1': 'c1', 'p2': 'c2', 'p3': 'c3', 'p4': 'c4'}}");
        Random random = new Random(3);
        List<String> choices = List.of("c1", "c2", "c3", "c4", "x");
        for (int i = 0; i < 300; i++) {
            ObjectNode response = F.objectNode();
            int right = 0;
            for (int p = 1; p <= 4; p++) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                String c = choices.get(random.nextInt(choices.size()));
                response.put("p" + p, c);
                right += c.equals("c" + p) ? 1 : 0;
            }
            assertThat(score(partial, response).points()).isEqualTo((double) right);
        }
        Question strict = question(partial.definition().without("scoring").toString().replace('"', '\''));
        assertThat(score(strict, json("{'p1': 'c1', 'p2': 'c2', 'p3': 'c3', 'p4': 'c4'}")).isFull()).isTrue();
        assertThat(score(strict, json("{'p1': 'c1', 'p2': 'c2', 'p3': 'c3', 'p4': 'x'}")).isZero()).isTrue();
    }

    private static String options(List<String> ids) {
        return ids.stream().map(id -> "{'id': '" + id + "', 'text': {'en': '" + id.toUpperCase() + "'}}")
                .toList().toString();
    }

    private static String array(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").toList().toString();
    }
}
