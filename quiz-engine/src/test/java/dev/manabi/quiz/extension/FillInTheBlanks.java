package dev.manabi.quiz.extension;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.quiz.Question;
import dev.manabi.quiz.QuestionType;
import dev.manabi.quiz.Score;
import dev.manabi.quiz.View;
import java.util.Optional;

/**
 * A question type from outside the SDK's package, using only its public SPI, registered through
 * {@code META-INF/services/dev.manabi.quiz.QuestionType} in the test resources: a text with numbered gaps
 * ({@code blanks}: the expected word per gap), partial credit per gap.
 */
public final class FillInTheBlanks implements QuestionType {

    @Override
    public String id() {
        return "fill-in-the-blanks";
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<JsonNode> blanks = problems.requireArray(question, "blanks", 1);
        for (int i = 0; blanks.isPresent() && i < blanks.get().size(); i++) {
            if (!blanks.get().get(i).isTextual() || blanks.get().get(i).asText().isBlank()) {
                problems.at("blanks").add(i, "must be a non-blank string");
            }
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        JsonNode blanks = question.definition().get("blanks");
        if (!response.isArray()) {
            return Score.zero(question);
        }
        int right = 0;
        for (int i = 0; i < blanks.size(); i++) {
            if (response.path(i).asText("").strip().equalsIgnoreCase(blanks.get(i).asText())) {
                right++;
            }
        }
        return Score.fraction(question, right / (double) blanks.size());
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object().put("gaps", question.definition().get("blanks").size());
        if (view.revealAnswers()) {
            out.set("blanks", question.definition().get("blanks").deepCopy());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "/extension/fill-in-the-blanks.js";
    }
}
