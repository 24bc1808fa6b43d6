package dev.manabi.scorm.cmi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GetValue/SetValue cases written from SCORM 1.2 RTE 3.3-3.4 and SCORM 2004 RTE 3.1.7/4.2 ({@code cases.json}); the
 * browser's {@code cmi-model.js} must give the same answers ({@link AdapterScriptTest} runs it under node).
 */
class DataModelCasesTest {

    static Stream<Named<JsonNode>> cases() throws IOException {
        try (InputStream in = DataModelCasesTest.class.getResourceAsStream("cases.json")) {
            List<Named<JsonNode>> out = new ArrayList<>();
            for (JsonNode c : Json.mapper().readTree(in)) {
                String value = c.path("value").asText();
                String shown = value.length() > 40 ? value.substring(0, 20) + "...(" + value.length() + ")" : value;
                out.add(Named.of(c.get("model").asText() + " " + c.get("op").asText() + " " + c.get("element").asText()
                        + (c.get("op").asText().equals("set") ? " = '" + shown + "'" : "") + " -> "
                        + c.get("expect").asInt() + " " + c.path("note").asText(), c));
            }
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersAsTheSpecSays(JsonNode c) {
        DataModel dm = withLimits(DataModel.of(c.get("model").asText()), c.get("limits"));
        CmiValues values = new CmiValues();
        for (JsonNode g : c.get("given")) {
            values.put(g.get(0).asText(), g.get(1).asText());
        }
        CmiValues before = values.copy();
        String element = c.get("element").asText();
        if (c.get("op").asText().equals("get")) {
            DataModel.Value v = dm.getValue(values, element);
            assertThat(v.error()).isEqualTo(c.get("expect").asInt());
            if (c.has("expectValue")) {
                assertThat(v.value()).isEqualTo(c.get("expectValue").asText());
            }
            if (v.error() != 0) {
                assertThat(v.value()).isEmpty();
            }
        } else {
            int error = dm.setValue(values, element, c.get("value").asText());
            assertThat(error).isEqualTo(c.get("expect").asInt());
            if (error == 0) {
                assertThat(values.get(element)).isEqualTo(c.get("value").asText());
            } else {
                assertThat(values.asMap()).as("nothing stored on error").isEqualTo(before.asMap());
            }
        }
        assertThat(dm.errorString(c.get("expect").asInt())).isNotEmpty();
    }

    /** The model with a case's {@code limits} (only those given differ from the definition's). */
    static DataModel withLimits(DataModel dm, JsonNode limits) {
        if (limits == null) {
            return dm;
        }
        java.util.Map<String, Integer> records = new java.util.HashMap<>(dm.limits().records());
        limits.path("records").fields().forEachRemaining(e -> records.put(e.getKey(), e.getValue().asInt()));
        return dm.withLimits(new DataModel.Limits(limits.path("valueChars").asInt(dm.limits().valueChars()),
                limits.path("setsPerCommit").asInt(dm.limits().setsPerCommit()), records));
    }
}
