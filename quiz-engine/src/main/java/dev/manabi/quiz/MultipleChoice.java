package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code multiple-choice}: {@code options}, the {@code correct} option ids (one or more) and {@code scoring}.
 * Response: the chosen ids. {@code all-or-nothing} (default) gives points only for exactly the correct set;
 * {@code partial} gives the share of correct options ticked minus the share of incorrect options ticked, never below
 * zero: right / |correct| − wrong / |incorrect|. Ticking everything therefore earns nothing, however many options
 * are correct; an id that is no option counts as a wrong tick.
 */
final class MultipleChoice implements QuestionType {

    @Override
    public String id() {
        return "multiple-choice";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("options", "correct", "scoring"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<List<String>> ids = problems.requireOptions(question, "options", 2);
        Optional<JsonNode> correct = problems.requireArray(question, "correct", 1);
        problems.optionalEnum(question, "scoring", Options.SCORING);
        if (correct.isEmpty()) {
            return;
        }
        Optional<List<String>> chosen = Options.sequence(correct.get());
        if (chosen.isEmpty()) {
            problems.add("correct", "must be an array of option ids");
            return;
        }
        if (Set.copyOf(chosen.get()).size() != chosen.get().size()) {
            problems.add("correct", "names an option twice");
        }
        for (int i = 0; i < chosen.get().size(); i++) {
            if (ids.isPresent() && !ids.get().contains(chosen.get().get(i))) {
                problems.at("correct").add(i, "'" + chosen.get().get(i) + "' is not one of the option ids");
            }
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        Set<String> correct = Options.strings(question.definition().get("correct")).orElseThrow();
        Optional<Set<String>> chosen = Options.strings(response);
        if (chosen.isEmpty()) {
            return Score.zero(question);
        }
        if (!Options.partialCredit(question)) {
            return chosen.get().equals(correct) ? Score.full(question) : Score.zero(question);
        }
        long right = chosen.get().stream().filter(correct::contains).count();
        long wrong = chosen.get().size() - right;
        // Each wrong tick costs a share of the incorrect options, not of the correct ones: with more correct than
        // incorrect options, (right − wrong) / |correct| paid for ticking every box.
        int incorrect = question.definition().path("options").size() - correct.size();
        return Score.fraction(question, right / (double) correct.size() - wrong / (double) Math.max(1, incorrect));
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        out.set("options", Options.view(view.optionOrder(Options.list(question.definition().get("options"))), view));
        out.put("partialCredit", Options.partialCredit(question));
        if (view.revealAnswers()) {
            out.set("correct", question.definition().get("correct").deepCopy());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/multiple-choice.js";
    }
}
