package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/** {@code true-false}: a statement as the prompt and {@code correct} true or false. Response: a boolean. */
final class TrueFalse implements QuestionType {

    @Override
    public String id() {
        return "true-false";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("correct"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        JsonNode correct = question.get("correct");
        if (correct == null || !correct.isBoolean()) {
            problems.add("correct", "must be true or false");
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        return response.isBoolean() && response.asBoolean() == question.definition().path("correct").asBoolean()
                ? Score.full(question) : Score.zero(question);
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        if (view.revealAnswers()) {
            out.put("correct", question.definition().path("correct").asBoolean());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/true-false.js";
    }
}
