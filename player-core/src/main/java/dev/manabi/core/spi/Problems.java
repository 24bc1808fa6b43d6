package dev.manabi.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.Json;
import dev.manabi.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a JSON document, each problem at its JSON path ({@code $.questions[2].options[0].id}).
 * Paths are valid JSONPath (RFC 9535): a member whose name is not an identifier is written in bracket notation,
 * {@code $.title['zh-Hans']}, {@code $['my key']}, so tools can follow them back into the document.
 *
 * <p>Validators never stop at the first problem: authors fix a whole definition at once. A view created by
 * {@link #at(String)} or {@link #at(int)} shares the list of its parent and only prefixes the path, so a plug-in
 * (the quiz engine's question types, the completion rules' condition kinds) reports relative to its own object
 * without knowing where that object sits in the document.
 */
public final class Problems {

    /** One problem: where (a JSON path from the document root) and what. */
    public record Problem(String path, String message) {
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Names JSONPath's dot notation allows as they are (RFC 9535 member-name-shorthand, ASCII part). */
    private static final Pattern DOT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|x-none");

    private final String path;
    private final List<Problem> list;

    public Problems() {
        this("$", new ArrayList<>());
    }

    private Problems(String path, List<Problem> list) {
        this.path = path;
        this.list = list;
    }

    /** A view whose problems are reported under the member {@code field} of this path. */
    public Problems at(String field) {
        return new Problems(path + member(field), list);
    }

    /** {@code .name}, or {@code ['name']} with {@code '} and {@code \} escaped when dot notation cannot hold it. */
    public static String member(String name) {
        if (DOT_NAME.matcher(name).matches()) {
            return "." + name;
        }
        StringBuilder out = new StringBuilder("['");
        for (char ch : name.toCharArray()) {
            if (ch == '\'' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append("']").toString();
    }

    /** A view whose problems are reported under the array element {@code index} of this path. */
    public Problems at(int index) {
        return new Problems(path + "[" + index + "]", list);
    }

    /** This view's JSON path. */
    public String path() {
        return path;
    }

    /** Reports a problem at this path. */
    public void add(String message) {
        list.add(new Problem(path, message));
    }

    /** Reports a problem at the member {@code field} of this path. */
    public void add(String field, String message) {
        at(field).add(message);
    }

    /** Reports a problem at the array element {@code index} of this path. */
    public void add(int index, String message) {
        at(index).add(message);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Every problem found so far, in the order found (shared by all views of one document). */
    public List<Problem> list() {
        return Collections.unmodifiableList(list);
    }

    // ---- helpers for validators; each reports a problem and returns empty when the member is unusable ----

    /** A required non-blank string member. */
    public Optional<String> requireString(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(field, "is required");
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            add(field, "must be a non-blank string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** A required identifier member: 1-64 characters of letters, digits, '.', '_' or '-'. */
    public Optional<String> requireId(JsonNode parent, String field) {
        Optional<String> id = requireString(parent, field);
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            add(field, "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return Optional.empty();
        }
        return id;
    }

    /** A required finite number member. */
    public Optional<Double> requireNumber(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(field, "is required");
            return Optional.empty();
        }
        return number(node, field);
    }

    /** An optional finite number member. */
    public Optional<Double> optionalNumber(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? Optional.empty() : number(node, field);
    }

    private Optional<Double> number(JsonNode node, String field) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            add(field, "must be a number");
            return Optional.empty();
        }
        return Optional.of(node.asDouble());
    }

    /** An optional boolean member. */
    public Optional<Boolean> optionalBoolean(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            add(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(node.asBoolean());
    }

    /** A required array member with at least {@code minSize} elements. */
    public Optional<JsonNode> requireArray(JsonNode parent, String field, int minSize) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(field, "is required");
            return Optional.empty();
        }
        if (!node.isArray()) {
            add(field, "must be an array");
            return Optional.empty();
        }
        if (node.size() < minSize) {
            add(field, "must have at least " + minSize + " element" + (minSize == 1 ? "" : "s"));
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** An optional member with one of the given string values. */
    public Optional<String> optionalEnum(JsonNode parent, String field, Set<String> allowed) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            add(field, "must be one of " + allowed.stream().sorted().toList());
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /**
     * A text in several languages: an object from BCP 47 tags ({@code ja}, {@code en}, {@code zh-Hans},
     * {@code zh-Hant}, {@code ko}) to non-blank strings, resolved for learners with {@link LocalizedText}.
     */
    public Optional<LocalizedText> localizedText(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(field, "is required");
            }
            return Optional.empty();
        }
        if (!node.isObject() || node.isEmpty()) {
            add(field, "must be an object of language tag to text, e.g. {\"ja\": \"…\", \"en\": \"…\"}");
            return Optional.empty();
        }
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!LANGUAGE_TAG.matcher(e.getKey()).matches()) {
                at(field).add(e.getKey(), "'" + e.getKey() + "' is not a language tag (use ja, en, zh-Hans,"
                        + " zh-Hant, ko)");
                ok = false;
            } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                at(field).add(e.getKey(), "must be a non-blank string");
                ok = false;
            }
        }
        return ok ? Optional.of(Json.localizedText(node)) : Optional.empty();
    }

    /**
     * A required array of {@code {"id": ..., "text": {...}}} objects with unique ids (answer options, items to
     * order, things to match).
     *
     * @return the distinct valid ids in order (so answers can still be checked against them), or empty when there
     *         is no usable array
     */
    public Optional<List<String>> requireOptions(JsonNode parent, String field, int minSize) {
        Optional<JsonNode> array = requireArray(parent, field, minSize);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode option = array.get().get(i);
            Problems at = at(field).at(i);
            if (!option.isObject()) {
                at.add("must be an object with id and text");
                continue;
            }
            Optional<String> id = at.requireId(option, "id");
            at.localizedText(option, "text", true);
            if (id.isPresent() && ids.contains(id.get())) {
                at.add("id", "duplicate id '" + id.get() + "'");
            } else {
                id.ifPresent(ids::add);
            }
        }
        return Optional.of(ids);
    }
}
