package dev.manabi.scorm.cmi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SCORM run-time data model (SCORM 1.2 RTE 3.4 or SCORM 2004 RTE 4.2) loaded from its JSON definition, which is
 * also what the browser adapter ({@code cmi-model.js}) validates with. {@link #getValue} and {@link #setValue} give
 * the answer and error code the RTE prescribes for every element, including the n-indexed collections and the
 * keywords {@code _children}, {@code _count} and {@code _version}. An invalid SetValue changes nothing.
 */
public final class DataModel {

    /** The two models, by the name the API serves them under. */
    public static final String SCORM_12 = "1.2";
    public static final String SCORM_2004 = "2004";

    private static final Pattern INDEX = Pattern.compile("0|[1-9]\\d{0,8}");
    private static final Pattern TARGET = Pattern.compile("\\{target=[^\\s{}]+}");
    private static final Map<String, DataModel> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private final String model;
    private final String json;
    private final boolean spmStrict;
    private final Limits limits;
    private final Map<Integer, String[]> errors = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> states = new LinkedHashMap<>();
    private final Map<String, Integer> getErrors = new LinkedHashMap<>();
    private final Map<String, Integer> setErrors = new LinkedHashMap<>();
    private final Map<String, Type> types = new LinkedHashMap<>();
    private final Map<String, Collection> collections = new LinkedHashMap<>();
    private final Map<String, Map<String, Pattern>> responses = new LinkedHashMap<>();
    /** Interaction types whose responses list identifiers separated by {@code [,]} that must all differ. */
    private final java.util.Set<String> distinctResponseItems = new java.util.HashSet<>();
    private final List<Element> elements = new ArrayList<>();
    /** Each element's name split at the dots, in the order of {@link #elements}: matching splits a name once. */
    private final List<String[]> elementParts = new ArrayList<>();

    /**
     * What one SCO's data may grow to on this LMS (the definition's {@code limits}, overridden by configuration, see
     * {@link #withLimits}). SCORM's smallest permitted maximums (SCORM 2004 RTE 4.1.1 SPM) are what an LMS must at
     * least keep; the defaults are well above them, and the browser model refuses the same SetValue calls with the
     * same error codes.
     *
     * @param valueChars    longest value of any element, in characters (SCORM 1.2's CMIString255/4096 types stay
     *                      stricter, their lengths are the spec's own maximums)
     * @param setsPerCommit SetValue calls one commit may carry
     * @param records       collection ({@code cmi.interactions}, {@code cmi.interactions.n.objectives}...) to the most
     *                      records a SCO may create in it; collections not listed are unbounded here (those the LMS
     *                      alone fills)
     */
    public record Limits(int valueChars, int setsPerCommit, Map<String, Integer> records) {
        public Limits {
            if (valueChars < 1 || setsPerCommit < 1) {
                throw new IllegalArgumentException("Data model limits must be positive");
            }
            records = Map.copyOf(records);
            records.forEach((k, v) -> {
                if (v < 1) {
                    throw new IllegalArgumentException("Data model limit " + k + " must be positive");
                }
            });
        }
    }

    /** A type of the model: an optional pattern, maximum length and whether values are numbers. */
    record Type(String name, Pattern pattern, Integer maxLength, boolean numeric) {
    }

    /** Rules of one collection ({@code cmi.interactions}, {@code cmi.objectives}...). */
    record Collection(String name, String key, boolean unique, boolean immutableKey, boolean lmsOnly,
                      String typeElement, Map<String, Integer> maxByType, List<String> uniqueByType) {
    }

    /** What GetValue answers: the value (empty on error) and the error code (0: none). */
    public record Value(String value, int error) {
        static Value ok(String value) {
            return new Value(value, 0);
        }

        static Value fail(int error) {
            return new Value("", error);
        }
    }

    private DataModel(String model, String json) {
        this.model = model;
        this.json = json;
        JsonNode root = parse(model, json);
        spmStrict = root.path("spmStrict").asBoolean();
        JsonNode l = root.path("limits");
        limits = new Limits(l.path("valueChars").asInt(), l.path("setsPerCommit").asInt(), ints(l.path("records")));
        Map<String, String> macros = new LinkedHashMap<>();
        root.path("macros").fields().forEachRemaining(e -> macros.put(e.getKey(), e.getValue().asText()));
        root.path("errors").fields().forEachRemaining(e -> errors.put(Integer.parseInt(e.getKey()),
                new String[] {e.getValue().get(0).asText(), e.getValue().get(1).asText()}));
        root.path("states").fields().forEachRemaining(e -> states.put(e.getKey(), ints(e.getValue())));
        getErrors.putAll(ints(root.path("getErrors")));
        setErrors.putAll(ints(root.path("setErrors")));
        root.path("types").fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            types.put(e.getKey(), new Type(e.getKey(),
                    t.has("pattern") ? Pattern.compile(expand(t.get("pattern").asText(), macros)) : null,
                    t.has("maxLength") ? t.get("maxLength").asInt() : null, t.path("numeric").asBoolean()));
        });
        root.path("collections").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            collections.put(e.getKey(), new Collection(e.getKey(), text(c, "key"), c.path("unique").asBoolean(),
                    c.path("immutableKey").asBoolean(), c.path("lmsOnly").asBoolean(), text(c, "typeElement"),
                    ints(c.path("maxByType")), strings(c.get("uniqueByType"))));
        });
        distinctResponseItems.addAll(strings(root.path("distinctResponseItems").get("types")));
        root.path("responses").fields().forEachRemaining(set -> {
            Map<String, Pattern> byType = new LinkedHashMap<>();
            set.getValue().fields().forEachRemaining(p -> byType.put(p.getKey(),
                    Pattern.compile(expand(p.getValue().asText(), macros))));
            responses.put(set.getKey(), byType);
        });
        for (JsonNode e : root.path("elements")) {
            elements.add(new Element(e.get("name").asText(), Access.parse(e.get("access").asText()), text(e, "type"),
                    strings(e.get("vocabulary")), strings(e.get("setVocabulary")), text(e, "orType"),
                    e.has("min") ? e.get("min").asDouble() : null, e.has("max") ? e.get("max").asDouble() : null,
                    e.has("spm") ? e.get("spm").asInt() : null, text(e, "default"), text(e, "keyword"),
                    text(e, "value"), evaluation(e.get("evaluate")), text(e, "dependsOn"), text(e, "responses"),
                    text(e, "accessFrom")));
        }
        for (Element e : elements) {
            if (e.type() != null && !types.containsKey(e.type())) {
                throw new IllegalStateException(model + ": element " + e.name() + " has unknown type " + e.type());
            }
            elementParts.add(e.name().split("\\.", -1));
        }
        for (String limited : limits.records().keySet()) {
            if (!collections.containsKey(limited)) {
                throw new IllegalStateException(model + ": limit for unknown collection " + limited);
            }
        }
    }

    private static JsonNode parse(String model, String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Corrupt data model definition " + model, e);
        }
    }

    /** The model served as {@code 1.2} or {@code 2004}. */
    public static DataModel of(String model) {
        return LOADED.computeIfAbsent(model, m -> switch (m) {
            case SCORM_12 -> new DataModel(m, resource("scorm12.json"));
            case SCORM_2004 -> new DataModel(m, resource("scorm2004.json"));
            default -> throw new IllegalArgumentException("No SCORM data model '" + m + "' (1.2 or 2004)");
        });
    }

    public static DataModel scorm12() {
        return of(SCORM_12);
    }

    public static DataModel scorm2004() {
        return of(SCORM_2004);
    }

    /**
     * This model with other limits (the host's configuration), its served definition carrying them too, so the
     * browser refuses exactly what the server refuses.
     */
    public DataModel withLimits(Limits other) {
        if (other.equals(limits)) {
            return this;
        }
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) parse(model, json);
        com.fasterxml.jackson.databind.node.ObjectNode l = root.with("limits");
        l.put("valueChars", other.valueChars());
        l.put("setsPerCommit", other.setsPerCommit());
        com.fasterxml.jackson.databind.node.ObjectNode records = l.putObject("records");
        new java.util.TreeMap<>(other.records()).forEach(records::put);
        try {
            return new DataModel(model, Json.mapper().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Limits limits() {
        return limits;
    }

    /** {@code 1.2} or {@code 2004}. */
    public String model() {
        return model;
    }

    /** The definition as served to the browser. */
    public String json() {
        return json;
    }

    public List<Element> elements() {
        return List.copyOf(elements);
    }

    /** GetErrorString / LMSGetErrorString: the spec's short text, or "" for an unknown code. */
    public String errorString(int code) {
        String[] e = errors.get(code);
        return e == null ? "" : e[0];
    }

    /** GetDiagnostic: a longer explanation of a code. */
    public String diagnostic(int code) {
        String[] e = errors.get(code);
        return e == null ? "" : e[1];
    }

    public java.util.Set<Integer> errorCodes() {
        return java.util.Collections.unmodifiableSet(errors.keySet());
    }

    /**
     * The error an API function raises in a state of the instance ({@code notInitialized}, {@code running},
     * {@code terminated}, {@code argument}, {@code failure}), 0 if the call is allowed. SCORM 2004 RTE 3.1.7 / SCORM
     * 1.2 RTE 3.3.
     */
    public int stateError(String function, String condition) {
        return states.getOrDefault(function, Map.of()).getOrDefault(condition, 0);
    }

    /** GetValue (SCORM 2004 RTE 3.1.4.1 / SCORM 1.2 LMSGetValue). */
    public Value getValue(CmiValues values, String name) {
        if (name == null || name.isEmpty()) {
            return Value.fail(getErrors.get("empty"));
        }
        Match m = match(name);
        if (m == null) {
            return Value.fail(keywordMiss(name, true));
        }
        Element e = m.element;
        if (e.isKeyword()) {
            if (!parentsExist(values, m, -1)) {
                return Value.fail(getErrors.get("indexOutOfRange"));
            }
            return switch (e.keyword()) {
                case "count" -> Value.ok(Integer.toString(values.count(name.substring(0, name.length() - 7))));
                default -> Value.ok(e.keywordValue());
            };
        }
        if (!access(values, e, name).readable()) {
            return Value.fail(getErrors.get("writeOnly"));
        }
        if (!parentsExist(values, m, -1)) {
            return Value.fail(getErrors.get("indexOutOfRange"));
        }
        if (e.evaluate() != null) {
            return Value.ok(evaluated(e, values, name));
        }
        String v = values.get(name);
        if (v != null) {
            return Value.ok(v);
        }
        String anyTarget = e.name().endsWith(".{target}") ? values.get(e.name()) : null;
        if (anyTarget != null) {
            // The launch answered every target it does not list at once, under the element's own name (SCORM 2004
            // RTE 4.4.2 adl.nav.request_valid: the LMS knows its activity tree, other targets are not valid).
            return Value.ok(anyTarget);
        }
        if (e.defaultValue() != null) {
            return Value.ok(e.defaultValue());
        }
        return Value.fail(getErrors.get("notInitialized"));
    }

    /** SetValue (SCORM 2004 RTE 3.1.4.2 / SCORM 1.2 LMSSetValue): 0 and the value stored, or an error and nothing. */
    public int setValue(CmiValues values, String name, String value) {
        if (name == null || name.isEmpty()) {
            return setErrors.get("empty");
        }
        if (value == null) {
            value = "";
        }
        Match m = match(name);
        if (m == null) {
            return keywordMiss(name, false);
        }
        Element e = m.element;
        if (e.isKeyword()) {
            return setErrors.get("keyword");
        }
        if (!access(values, e, name).writable()) {
            return setErrors.get("readOnly");
        }
        int collectionError = checkCollections(values, m, value);
        if (collectionError != 0) {
            return collectionError;
        }
        int typeError = checkType(values, m, value);
        if (typeError != 0) {
            return typeError;
        }
        values.put(name, value);
        return 0;
    }

    // ---- matching ---------------------------------------------------------------------------------------------

    /** An element definition matched by a concrete name, with the collection indices and their prefixes. */
    private record Match(Element element, List<String> collectionPrefixes, List<Integer> indices) {
    }

    private Match match(String name) {
        String[] n = name.split("\\.", -1);
        for (int i = 0; i < elements.size(); i++) {
            Match m = match(elements.get(i), elementParts.get(i), name, n);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Match match(Element e, String[] p, String name, String[] n) {
        String pattern = e.name();
        if (pattern.endsWith(".{target}")) {
            String prefix = pattern.substring(0, pattern.length() - "{target}".length());
            return name.startsWith(prefix) && TARGET.matcher(name.substring(prefix.length())).matches()
                    ? new Match(e, List.of(), List.of()) : null;
        }
        if (p.length != n.length) {
            return null;
        }
        List<String> prefixes = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("n")) {
                if (!INDEX.matcher(n[i]).matches()) {
                    return null;
                }
                prefixes.add(String.join(".", java.util.Arrays.copyOfRange(n, 0, i)));
                indices.add(Integer.parseInt(n[i]));
            } else if (!p[i].equals(n[i])) {
                return null;
            }
        }
        return new Match(e, prefixes, indices);
    }

    /**
     * A name that matches no definition: {@code x._children} / {@code x._count} of an existing non-parent element
     * is "no children" / "not a collection" (SCORM 1.2 errors 202/203; 2004 301), a SetValue of such a keyword is a
     * keyword error; anything else is undefined (1.2: 201; 2004: 401).
     */
    private int keywordMiss(String name, boolean get) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String last = name.substring(dot + 1);
            String prefix = name.substring(0, dot);
            if ((last.equals("_children") || last.equals("_count")) && exists(prefix)) {
                if (!get) {
                    return setErrors.get("keyword");
                }
                return getErrors.get(last.equals("_children") ? "noChildren" : "noCount");
            }
        }
        return get ? getErrors.get("undefined") : setErrors.get("undefined");
    }

    /** True if {@code prefix} names an element or a group of elements (e.g. {@code cmi.score}). */
    private boolean exists(String prefix) {
        if (match(prefix) != null) {
            return true;
        }
        for (Element e : elements) {
            if (e.name().endsWith(".{target}")) {
                continue;
            }
            String[] p = e.name().split("\\.", -1);
            String[] n = prefix.split("\\.", -1);
            if (n.length >= p.length) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < n.length && all; i++) {
                all = p[i].equals("n") ? INDEX.matcher(n[i]).matches() : p[i].equals(n[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    // ---- rules ------------------------------------------------------------------------------------------------

    private Access access(CmiValues values, Element e, String name) {
        if (e.accessFrom() != null) {
            String override = values.get(name + e.accessFrom());
            if (override != null) {
                return Access.parse(override);
            }
        }
        return e.access();
    }

    /** Every enclosing record exists (all indices below {@code skipLast} levels are in range). */
    private boolean parentsExist(CmiValues values, Match m, int upTo) {
        int levels = upTo < 0 ? m.indices.size() : upTo;
        for (int i = 0; i < levels; i++) {
            if (m.indices.get(i) >= values.count(m.collectionPrefixes.get(i))) {
                return false;
            }
        }
        return true;
    }

    private int checkCollections(CmiValues values, Match m, String value) {
        for (int level = 0; level < m.indices.size(); level++) {
            String prefix = m.collectionPrefixes.get(level);
            int index = m.indices.get(level);
            int count = values.count(prefix);
            if (index > count) {
                return setErrors.get("indexOutOfRange");
            }
            String collection = genericName(prefix);
            Integer most = limits.records().get(collection);
            if (most != null && index == count && count >= most) {
                // A new record beyond what this LMS keeps (the definition's limits, above SCORM's SPM).
                return setErrors.get("tooManyRecords");
            }
            Collection rules = collections.get(collection);
            String record = prefix + "." + index;
            boolean innermost = level == m.indices.size() - 1;
            String field = innermost ? m.element.name().substring(m.element.name().lastIndexOf(".n.") + 3) : null;
            if (rules == null) {
                continue;
            }
            if (rules.lmsOnly() && index == count) {
                return setErrors.get("indexOutOfRange");
            }
            if (rules.key() != null && !values.has(record + "." + rules.key())
                    && !(innermost && rules.key().equals(field))) {
                return setErrors.get("dependency");
            }
            if (innermost && rules.maxByType() != null && !rules.maxByType().isEmpty()) {
                String parentRecord = prefix.substring(0, prefix.lastIndexOf('.'));
                String type = values.get(parentRecord + "." + rules.typeElement());
                Integer max = type == null ? null : rules.maxByType().get(type);
                if (max != null && index >= max) {
                    return setErrors.get("tooManyPatterns");
                }
            }
            if (innermost && rules.key() != null && rules.key().equals(field)) {
                String current = values.get(record + "." + field);
                if (rules.immutableKey() && current != null && !current.equals(value)) {
                    return setErrors.get("idImmutable");
                }
                boolean unique = rules.unique();
                if (!unique && !rules.uniqueByType().isEmpty()) {
                    String parentRecord = prefix.substring(0, prefix.lastIndexOf('.'));
                    unique = rules.uniqueByType().contains(values.get(parentRecord + "." + rules.typeElement()));
                }
                if (unique) {
                    for (int i : values.recordsWith(prefix, field, value)) {
                        if (i != index && i < count) {
                            return setErrors.get("duplicateId");
                        }
                    }
                }
            }
        }
        return 0;
    }

    private int checkType(CmiValues values, Match m, String value) {
        Element e = m.element;
        if (value.length() > limits.valueChars()) {
            return setErrors.get("tooLong");
        }
        Type type = types.get(e.type());
        boolean numeric = type.numeric();
        if (!e.vocabulary().isEmpty()) {
            if (!e.settable().contains(value)) {
                Type or = e.orType() == null ? null : types.get(e.orType());
                if (or == null || !matches(or, value)) {
                    return setErrors.get("typeMismatch");
                }
                numeric = or.numeric();
            } else {
                numeric = false;
            }
        } else if (e.responses() != null) {
            String typeName = concrete(e.dependsOn(), m.indices);
            String interactionType = values.get(typeName);
            if (interactionType == null) {
                return setErrors.get("dependency");
            }
            Pattern p = responses.getOrDefault(e.responses(), Map.of()).get(interactionType);
            if (p != null && !p.matcher(value).matches()) {
                return setErrors.get("typeMismatch");
            }
            if (distinctResponseItems.contains(interactionType)) {
                List<String> items = List.of(value.split(Pattern.quote("[,]"), -1));
                if (new java.util.HashSet<>(items).size() != items.size()) {
                    return setErrors.get("typeMismatch");
                }
            }
        } else if (!matches(type, value)) {
            return setErrors.get("typeMismatch");
        }
        if (type.maxLength() != null && value.length() > type.maxLength()) {
            return setErrors.get("tooLong");
        }
        if (spmStrict && e.spm() != null && value.length() > e.spm()) {
            return setErrors.get("tooLong");
        }
        if (numeric && !value.isEmpty() && (e.min() != null || e.max() != null)) {
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException ex) {
                return setErrors.get("typeMismatch");
            }
            if ((e.min() != null && d < e.min()) || (e.max() != null && d > e.max())) {
                return setErrors.get("outOfRange");
            }
        }
        return 0;
    }

    private static boolean matches(Type type, String value) {
        return type.pattern() == null || type.pattern().matcher(value).matches();
    }

    // ---- SCORM 2004 evaluations -------------------------------------------------------------------------------

    /**
     * The value the LMS gives an evaluated element (SCORM 2004 RTE 4.2.4.1 completion_status, 4.2.21.1
     * success_status), by the rule in the definition's {@code evaluate}.
     */
    private static String evaluated(Element e, CmiValues values, String name) {
        Element.Evaluation rule = e.evaluate();
        return rule.apply(values.get(name), number(values.get(rule.threshold())),
                number(values.get(rule.measure())), e.defaultValue());
    }

    /** The evaluation rule of an element, or null when the LMS does not evaluate it. */
    public Element.Evaluation evaluation(String name) {
        return elements.stream().filter(e -> e.name().equals(name)).map(Element::evaluate)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Element.Evaluation evaluation(JsonNode rule) {
        if (rule == null || rule.isNull()) {
            return null;
        }
        return new Element.Evaluation(text(rule, "threshold"), text(rule, "measure"), text(rule, "reached"),
                text(rule, "below"), text(rule, "unmeasured"));
    }

    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** {@code cmi.interactions.3.objectives} to {@code cmi.interactions.n.objectives}. */
    static String genericName(String concrete) {
        String[] parts = concrete.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (INDEX.matcher(parts[i]).matches()) {
                parts[i] = "n";
            }
        }
        return String.join(".", parts);
    }

    /** Fills the {@code n}s of a generic name with indices, in order. */
    static String concrete(String generic, List<Integer> indices) {
        String[] parts = generic.split("\\.", -1);
        Iterator<Integer> it = indices.iterator();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("n") && it.hasNext()) {
                parts[i] = Integer.toString(it.next());
            }
        }
        return String.join(".", parts);
    }

    private static String expand(String pattern, Map<String, String> macros) {
        String out = pattern;
        for (Map.Entry<String, String> m : macros.entrySet()) {
            out = out.replace("%" + m.getKey() + "%", m.getValue());
        }
        return out;
    }

    private static Map<String, Integer> ints(JsonNode node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = DataModel.class.getResourceAsStream(name)) {
            Objects.requireNonNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
