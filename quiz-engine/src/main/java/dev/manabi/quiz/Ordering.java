package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ordering}: {@code items} to put in order, {@code correct} (the item ids in the right order) and
 * {@code scoring}. Response: the item ids in the learner's order. {@code partial} gives the share of items in their
 * correct position. The browser always gets the items scrambled, never in the correct order, and the renderer
 * sends nothing until the learner moves an item: leaving the list untouched is unanswered, not a free guess.
 */
final class Ordering implements QuestionType {

    @Override
    public String id() {
        return "ordering";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("items", "correct", "scoring"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<List<String>> ids = problems.requireOptions(question, "items", 2);
        Optional<JsonNode> correct = problems.requireArray(question, "correct", 2);
        problems.optionalEnum(question, "scoring", Options.SCORING);
        if (correct.isEmpty()) {
            return;
        }
        Optional<List<String>> order = Options.sequence(correct.get());
        if (order.isEmpty()) {
            problems.add("correct", "must be an array of item ids");
        } else if (ids.isPresent() && (order.get().size() != ids.get().size()
                || !new HashSet<>(order.get()).equals(new HashSet<>(ids.get())))) {
            problems.add("correct", "must name every item id exactly once: " + ids.get());
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        List<String> correct = Options.sequence(question.definition().get("correct")).orElseThrow();
        Optional<List<String>> given = Options.sequence(response);
        if (given.isEmpty() || given.get().size() != correct.size()) {
            return Score.zero(question);
        }
        if (!Options.partialCredit(question)) {
            return given.get().equals(correct) ? Score.full(question) : Score.zero(question);
        }
        int inPlace = 0;
        for (int i = 0; i < correct.size(); i++) {
            if (correct.get(i).equals(given.get().get(i))) {
                inPlace++;
            }
        }
        return Score.fraction(question, inPlace / (double) correct.size());
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        // What must never be shown is the correct sequence, whatever order the author wrote the items in (they often
        // write them in the right order, but not always). scrambled() never returns the order it is given, so it is
        // given the correct one.
        Map<String, JsonNode> byId = new HashMap<>();
        question.definition().get("items").forEach(item -> byId.put(item.path("id").asText(), item));
        List<JsonNode> inCorrectOrder = Options.sequence(question.definition().get("correct")).orElseThrow().stream()
                .map(byId::get).toList();
        out.set("items", Options.view(view.scrambled(inCorrectOrder), view));
        out.put("partialCredit", Options.partialCredit(question));
        if (view.revealAnswers()) {
            out.set("correct", question.definition().get("correct").deepCopy());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/ordering.js";
    }
}
