package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.i18n.UiLanguage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the attempt's seeded shuffles show learners, over many attempts (seeds). */
class ShufflingTest {

    private static final int SEEDS = 2000;

    private static List<String> ids(ObjectNode client, String member) {
        List<String> out = new ArrayList<>();
        client.get(member).forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static ObjectNode clientView(Question q, long seed, boolean shuffleOptions) {
        return Fixtures.type(q).clientView(q, new QuizService.SeededView(UiLanguage.EN, seed, shuffleOptions, false));
    }

    @Test
    void twoItemsToOrderAreNeverShownInTheirCorrectOrder() {
        // Written in the wrong order: avoiding the written order alone would show the answer every time.
        Question q = Fixtures.question("{'id': 'o', 'type': 'ordering', 'prompt': {'en': 'P'}, 'items': ["
                + "{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}}], 'correct': ['b', 'a']}");
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(ids(clientView(q, seed, false), "items")).as("seed %d", seed).isEqualTo(List.of("a", "b"));
        }
    }

    @Test
    void itemsToOrderStartInAnyOrderButTheCorrectOneAndEvenly() {
        Question q = Fixtures.question("{'id': 'o', 'type': 'ordering', 'prompt': {'en': 'P'}, 'items': ["
                + "{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}},"
                + " {'id': 'c', 'text': {'en': 'C'}}], 'correct': ['c', 'a', 'b']}");
        Map<List<String>, Integer> seen = new HashMap<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            seen.merge(ids(clientView(q, seed, false), "items"), 1, Integer::sum);
        }
        assertThat(seen).doesNotContainKey(List.of("c", "a", "b")).hasSize(5);
        // 400 expected for each of the 5 other orders; a rotation fallback would give one of them about twice that.
        assertThat(seen.values()).allSatisfy(n -> assertThat(n).isBetween(300, 500));
    }

    @Test
    void aViewIsTheSameOnEveryReload() {
        Question q = Fixtures.question("{'id': 'o', 'type': 'ordering', 'prompt': {'en': 'P'}, 'items': ["
                + "{'id': 'a', 'text': {'en': 'A'}}, {'id': 'b', 'text': {'en': 'B'}},"
                + " {'id': 'c', 'text': {'en': 'C'}}], 'correct': ['c', 'a', 'b']}");
        for (long seed = 0; seed < 50; seed++) {
            assertThat(clientView(q, seed, false)).isEqualTo(clientView(q, seed, false));
        }
    }
    private static final String MATCHING = "{'id': 'm', 'type': 'matching', 'prompt': {'en': 'P'}, 'prompts': ["
            + "{'id': 'p1', 'text': {'en': '1'}}, {'id': 'p2', 'text': {'en': '2'}}, {'id': 'p3', 'text': {'en': '3'}},"
            + " {'id': 'p4', 'text': {'en': '4'}}], 'choices': [{'id': 'c1', 'text': {'en': 'w'}},"
            + " {'id': 'c2', 'text': {'en': 'x'}}, {'id': 'c3', 'text': {'en': 'y'}}, {'id': 'c4', 'text': {'en': 'z'}}],"
            + " 'correct': {'p1': 'c1', 'p2': 'c2', 'p3': 'c3', 'p4': 'c4'}}";

    /** How many shown rows pair a prompt with its own answer, per seed. */
    private static List<Integer> alignedRows(boolean shuffleOptions) {
        Question q = Fixtures.question(MATCHING);
        List<Integer> out = new ArrayList<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            ObjectNode client = clientView(q, seed, shuffleOptions);
            List<String> prompts = ids(client, "prompts");
            List<String> choices = ids(client, "choices");
            int aligned = 0;
            for (int k = 0; k < prompts.size(); k++) {
                aligned += q.definition().at("/correct/" + prompts.get(k)).asText().equals(choices.get(k)) ? 1 : 0;
            }
            out.add(aligned);
        }
        return out;
    }

    @Test
    void whereAMatchingChoiceIsShownSaysNothingAboutItsPrompt() {
        for (boolean shuffleOptions : List.of(true, false)) {
            List<Integer> aligned = alignedRows(shuffleOptions);
            // Independent shuffles of 4: about 1 aligned row on average, all 4 in about 1 of 24 attempts.
            assertThat(aligned.stream().mapToInt(Integer::intValue).average().orElseThrow())
                    .as("shuffleOptions %s", shuffleOptions).isBetween(0.7, 1.3);
            assertThat(aligned.stream().filter(n -> n == 4).count()).as("shuffleOptions %s", shuffleOptions)
                    .isLessThan(SEEDS / 10);
        }
    }
}
