package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code matching}: {@code prompts} (left), {@code choices} (right; may include distractors), {@code correct}
 * mapping every prompt id to a choice id, and {@code scoring}. Response: an object from prompt id to choice id.
 * {@code partial} gives the share of prompts matched correctly. Choices always reach the browser scrambled, and
 * independently of the prompts' order, so where a choice is shown says nothing about which prompt it answers.
 */
final class Matching implements QuestionType {

    @Override
    public String id() {
        return "matching";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("prompts", "choices", "correct", "scoring"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<List<String>> prompts = problems.requireOptions(question, "prompts", 2);
        Optional<List<String>> choices = problems.requireOptions(question, "choices", 2);
        problems.optionalEnum(question, "scoring", Options.SCORING);
        JsonNode correct = question.get("correct");
        if (correct == null || !correct.isObject()) {
            problems.add("correct", "must be an object from prompt id to choice id");
            return;
        }
        for (Map.Entry<String, JsonNode> e : correct.properties()) {
            if (prompts.isPresent() && !prompts.get().contains(e.getKey())) {
                problems.at("correct").add(e.getKey(), "is not one of the prompt ids " + prompts.get());
            }
            if (!e.getValue().isTextual() || choices.isPresent() && !choices.get().contains(e.getValue().asText())) {
                problems.at("correct").add(e.getKey(), "must be one of the choice ids " + choices.orElse(List.of()));
            }
        }
        if (prompts.isPresent()) {
            for (String prompt : prompts.get()) {
                if (!correct.has(prompt)) {
                    problems.add("correct", "gives no choice for prompt '" + prompt + "'");
                }
            }
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        JsonNode correct = question.definition().get("correct");
        if (!response.isObject()) {
            return Score.zero(question);
        }
        int right = 0;
        for (Map.Entry<String, JsonNode> e : correct.properties()) {
            JsonNode given = response.get(e.getKey());
            if (given != null && given.isTextual() && given.asText().equals(e.getValue().asText())) {
                right++;
            }
        }
        if (!Options.partialCredit(question)) {
            return right == correct.size() ? Score.full(question) : Score.zero(question);
        }
        return Score.fraction(question, right / (double) correct.size());
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        out.set("prompts", Options.view(view.optionOrder(Options.list(question.definition().get("prompts"))), view));
        out.set("choices", Options.view(view.scrambled(Options.list(question.definition().get("choices"))), view));
        out.put("partialCredit", Options.partialCredit(question));
        if (view.revealAnswers()) {
            out.set("correct", question.definition().get("correct").deepCopy());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/matching.js";
    }
}
