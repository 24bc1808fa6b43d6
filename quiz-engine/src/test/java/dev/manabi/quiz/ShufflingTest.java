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
}
