package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.Json;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the server's validator describe the same format. */
class SchemaConsistencyTest {

    private static JsonNode schema() throws Exception {
        try (InputStream in = SchemaConsistencyTest.class.getResourceAsStream(
                "/META-INF/resources/manabi/assets/quiz/quiz-definition.schema.json")) {
            return Json.mapper().readTree(in);
        }
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> out = new HashSet<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void membersAndBuiltInTypesMatchTheValidator() throws Exception {
        JsonNode schema = schema();
        assertThat(names(schema.get("properties"))).isEqualTo(DefinitionParser.ROOT_MEMBERS);
        assertThat(names(schema.at("/$defs/settings/properties"))).isEqualTo(DefinitionParser.SETTINGS_MEMBERS);
        assertThat(names(schema.at("/$defs/pool/properties"))).isEqualTo(DefinitionParser.POOL_MEMBERS);
        assertThat(names(schema.at("/$defs/question/properties"))).isEqualTo(DefinitionParser.QUESTION_MEMBERS);
        Set<String> typed = new HashSet<>();
        for (JsonNode branch : schema.at("/$defs/question/allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            typed.add(type);
            // Each built-in branch allows exactly the shared members and the ones its type declares.
            Set<String> allowed = new HashSet<>(DefinitionParser.QUESTION_MEMBERS);
            allowed.addAll(Fixtures.TYPES.find(type).orElseThrow().members().orElseThrow());
            assertThat(names(branch.at("/then/properties"))).as(type).isEqualTo(allowed);
            assertThat(branch.at("/then/unevaluatedProperties").isBoolean()
                    && !branch.at("/then/unevaluatedProperties").asBoolean()).as(type).isTrue();
        }
        assertThat(typed).containsExactlyInAnyOrderElementsOf(List.of("single-choice", "multiple-choice",
                "true-false", "numeric", "short-text", "ordering", "matching"));
        assertThat(schema.at("/$defs/settings/properties/feedback/enum").toString())
                .isEqualTo("[\"after-each\",\"after-submit\",\"never\"]");
        assertThat(schema.at("/$defs/settings/properties/review/enum").toString())
                .isEqualTo("[\"never\",\"after-submit\",\"after-final-attempt\"]");
    }
}
