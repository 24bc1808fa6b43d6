package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Optional;

/**
 * {@code numeric}: the {@code answer}, an absolute {@code tolerance} (default 0) and an optional {@code unit} text.
 * Response: a number, or a string holding one (full-width digits and a comma as decimal separator are accepted,
 * because Japanese and Chinese input methods produce them).
 */
final class NumericAnswer implements QuestionType {

    @Override
    public String id() {
        return "numeric";
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
        if (text.matches("[-+]?\\d+,\\d+")) {
            text = text.replace(',', '.');
        }
        if (!text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
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
