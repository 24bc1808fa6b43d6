package dev.manabi.scorm.pkg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manabi.api.Problem;
import dev.manabi.core.Json;
import dev.manabi.i18n.LocalizedText;
import java.util.List;
import java.util.Map;

/**
 * The JSON form in which a parsed manifest and its problems are stored: the SDK's {@link Json} configuration plus
 * {@link LocalizedText} written as a plain {@code {tag: text}} object.
 */
final class TreeJson {

    /** What the {@code tree_json} column holds. */
    record StoredTree(String defaultOrganization, List<Organization> organizations, String sequencingCollectionXml) {
    }

    abstract static class LocalizedTextAsMap {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        LocalizedTextAsMap(Map<String, String> values) {
        }

        @JsonValue
        abstract Map<String, String> values();
    }

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .addMixIn(LocalizedText.class, LocalizedTextAsMap.class);

    private static final TypeReference<List<Problem>> PROBLEMS = new TypeReference<>() { };

    private TreeJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static StoredTree readTree(String json) {
        try {
            return MAPPER.readValue(json, StoredTree.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored package tree: " + e.getOriginalMessage(), e);
        }
    }

    static List<Problem> readProblems(String json) {
        try {
            return MAPPER.readValue(json, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored problems: " + e.getOriginalMessage(), e);
        }
    }

    static LocalizedText readTitle(String json) {
        try {
            return MAPPER.readValue(json, LocalizedText.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored title: " + e.getOriginalMessage(), e);
        }
    }
}
