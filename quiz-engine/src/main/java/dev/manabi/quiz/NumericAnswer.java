package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code numeric}: the {@code answer}, an absolute {@code tolerance} (default 0) and an optional {@code unit} text.
 * Response: a number, or a string holding one. Strings are read after NFKC normalization, so full-width digits and
 * punctuation from Japanese and Chinese input methods count like ASCII. A comma is a thousands separator when the
 * text is grouped in threes ({@code 1,000}, {@code 12,345.6}, first group not starting with 0), otherwise a decimal
 * separator between digits ({@code 1,5}, {@code 0,001}); anything else with a comma is not a number. numeric.js
 * reads text by the same rule, so what the browser shows as valid is what the server scores.
 */
final class NumericAnswer implements QuestionType {

    private static final Pattern GROUPED = Pattern.compile("[-+]?[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d+,\\d+");
    private static final Pattern PLAIN = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    @Override
    public String id() {
        return "numeric";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("answer", "tolerance", "unit"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        problems.requireNumber(question, "answer");
        Optional<Double> tolerance = problems.optionalNumber(question, "tolerance");
        if (tolerance.isPresent() && tolerance.get() < 0) {
            problems.add("tolerance", "must not be negative");
        }
        problems.localizedText(question, "unit", false);
    }

    @Override
    public Score score(Question question, JsonNode response) {
        Optional<Double> value = parse(response);
        if (value.isEmpty()) {
            return Score.zero(question);
        }
        double answer = question.definition().path("answer").asDouble();
        double tolerance = question.definition().path("tolerance").asDouble(0);
        // A relative epsilon keeps 0.1 + 0.2 == 0.3 and tolerance boundaries inclusive despite binary floating point.
        double slack = tolerance + Math.max(Math.abs(answer), 1) * 1e-9;
        return Math.abs(value.get() - answer) <= slack ? Score.full(question) : Score.zero(question);
    }

    static Optional<Double> parse(JsonNode response) {
        if (response.isNumber()) {
            return Double.isFinite(response.asDouble()) ? Optional.of(response.asDouble()) : Optional.empty();
        }
        if (!response.isTextual()) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(response.asText(), Normalizer.Form.NFKC).strip().replace('−', '-');
        // Grouping first: "1,000" is a thousand, never 1.0, which would make a right answer wrong silently.
        if (GROUPED.matcher(text).matches()) {
            text = text.replace(",", "");
        } else if (DECIMAL_COMMA.matcher(text).matches()) {
            text = text.replace(',', '.');
        }
        if (!PLAIN.matcher(text).matches()) {
            return Optional.empty();
        }
        double value = new BigDecimal(text).doubleValue();
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        JsonNode unit = question.definition().get("unit");
        if (unit != null && unit.isObject()) {
            out.put("unit", view.text(unit));
        }
        if (view.revealAnswers()) {
            out.put("answer", question.definition().path("answer").asDouble());
            out.put("tolerance", question.definition().path("tolerance").asDouble(0));
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/numeric.js";
    }
}
