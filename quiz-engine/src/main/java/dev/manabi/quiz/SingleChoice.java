package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code single-choice}: {@code options} and the one {@code correct} option id. Response: the chosen id. */
final class SingleChoice implements QuestionType {

    @Override
    public String id() {
        return "single-choice";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("options", "correct"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<List<String>> ids = problems.requireOptions(question, "options", 2);
        Optional<String> correct = problems.requireString(question, "correct");
        if (ids.isPresent() && correct.isPresent() && !ids.get().contains(correct.get())) {
            problems.add("correct", "'" + correct.get() + "' is not one of the option ids " + ids.get());
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        return response.isTextual() && response.asText().equals(question.definition().path("correct").asText())
                ? Score.full(question) : Score.zero(question);
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        out.set("options", Options.view(view.optionOrder(Options.list(question.definition().get("options"))), view));
        if (view.revealAnswers()) {
            out.put("correct", question.definition().path("correct").asText());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/single-choice.js";
    }
}
