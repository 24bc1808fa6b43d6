package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Shared helpers of the built-in types for {@code [{"id", "text"}]} lists and string-array responses. */
final class Options {

    static final Set<String> SCORING = Set.of("all-or-nothing", "partial");

    private Options() {
    }

    /** The options as the browser sees them: id and resolved text, in the given order. */
    static ArrayNode view(List<JsonNode> options, View view) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode option : options) {
            out.addObject().put("id", option.path("id").asText()).put("text", view.text(option.get("text")));
        }
        return out;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** The distinct strings of a JSON array, or empty when the node is not an array of strings. */
    static Optional<Set<String>> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                return Optional.empty();
            }
            out.add(e.asText());
        }
        return Optional.of(out);
    }

    /** The strings of a JSON array in order (duplicates kept), or empty when it is not an array of strings. */
    static Optional<List<String>> sequence(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                return Optional.empty();
            }
            out.add(e.asText());
        }
        return Optional.of(out);
    }

    static boolean partialCredit(Question question) {
        return "partial".equals(question.definition().path("scoring").asText());
    }
}
