package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.i18n.UiLanguage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What each built-in type lets reach the browser: never an answer before review. */
class ClientViewTest {

    private static final List<String> ANSWER_MEMBERS = List.of("correct", "accepted", "answer", "tolerance",
            "caseSensitive", "scoring", "explanation", "feedback");

    private static View view(boolean reveal, boolean shuffle) {
        return new View() {
            @Override
            public UiLanguage language() {
                return UiLanguage.JA;
            }

            @Override
            public String text(JsonNode localized) {
                return dev.manabi.core.Json.localizedText(localized).resolve(UiLanguage.JA);
            }

            @Override
            public <T> List<T> optionOrder(List<T> items) {
                return shuffle ? scrambled(items) : items;
            }

            @Override
            public <T> List<T> scrambled(List<T> items) {
                List<T> out = new ArrayList<>(items);
                Collections.shuffle(out, new Random(1));
                if (out.equals(items)) {
                    Collections.rotate(out, 1);
                }
                return out;
            }

            @Override
            public boolean revealAnswers() {
                return reveal;
            }

            @Override
            public ObjectNode object() {
                return JsonNodeFactory.instance.objectNode();
            }
        };
    }

    @Test
    void noTypeRevealsAnswersBeforeReview() {
        QuizDefinition d = new DefinitionParser(Fixtures.TYPES).parse(Fixtures.resource("all-types.json"));
        for (Question q : d.questions()) {
            ObjectNode client = Fixtures.type(q).clientView(q, view(false, false));
            assertThat(ANSWER_MEMBERS).as(q.type()).noneMatch(client::has);
            ObjectNode review = Fixtures.type(q).clientView(q, view(true, false));
            if (!q.type().equals("true-false") || q.definition().has("correct")) {
                assertThat(review.has("correct") || review.has("accepted") || review.has("answer"))
                        .as("review of %s shows the answer", q.type()).isTrue();
            }
        }
    }

    @Test
    void textsAreResolvedForTheLearnerWithFallback() {
        QuizDefinition d = new DefinitionParser(Fixtures.TYPES).parse(Fixtures.resource("all-types.json"));
        ObjectNode single = Fixtures.type(d.questions().get(0)).clientView(d.questions().get(0), view(false, false));
        assertThat(single.at("/options/1/text").asText()).isEqualTo("長いパスフレーズ");
        ObjectNode numeric = Fixtures.type(d.questions().get(3)).clientView(d.questions().get(3), view(false, false));
        assertThat(numeric.get("unit").asText()).isEqualTo("文字");
        ObjectNode multi = Fixtures.type(d.questions().get(1)).clientView(d.questions().get(1), view(false, false));
        assertThat(multi.at("/options/0/text").asText()).as("English when no Japanese").isEqualTo("Urgency");
    }

    @Test
    void orderingItemsNeverArriveInTheirCorrectOrder() {
        QuizDefinition d = new DefinitionParser(Fixtures.TYPES).parse(Fixtures.resource("all-types.json"));
        Question ordering = d.question("order").orElseThrow();
        ObjectNode client = Fixtures.type(ordering).clientView(ordering, view(false, false));
        List<String> shown = new ArrayList<>();
        client.get("items").forEach(i -> shown.add(i.get("id").asText()));
        assertThat(shown).containsExactlyInAnyOrder("detect", "contain", "recover")
                .isNotEqualTo(List.of("detect", "contain", "recover"));
    }
}
