package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.i18n.LocalizedText;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code {"ja": ..., "en": ...}} JSON objects as {@link LocalizedText}. */
final class Texts {

    private Texts() {
    }

    /** The texts of a JSON object; empty for anything else (absent, null, not an object). */
    static LocalizedText of(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isTextual()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return new LocalizedText(values);
    }
}
