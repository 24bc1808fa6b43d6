package dev.manabi.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One xAPI statement about a learner, built by a content module and put into the {@link StatementOutbox} with
 * {@link StatementOutbox.Emitter#append}. Actor, timestamp and the shared context (registration, language, platform,
 * the course as grouping) are set by {@link StatementOutbox.Emitter#statement}; the module adds the object, result
 * and its own context. Kept as a Jackson tree: the LRS validates and stores the JSON as it is.
 */
public final class LearnerStatement {

    /** Activity types (ADL vocabulary) used by more than one module. */
    public static final String COURSE_TYPE = "http://adlnet.gov/expapi/activities/course";
    public static final String MODULE_TYPE = "http://adlnet.gov/expapi/activities/module";

    private static final String ID_PREFIX = "urn:manabi:";

    private final ObjectNode json = JsonNodeFactory.instance.objectNode();

    LearnerStatement(ObjectNode actor, Verb verb, Instant timestamp) {
        json.set("actor", actor);
        ObjectNode v = json.putObject("verb");
        v.put("id", verb.id());
        v.putObject("display").put("en", verb.display());
        json.put("timestamp", timestamp.toString());
    }

    /**
     * The activity IRI of a thing of Manabi: {@code urn:manabi:} and the parts (each percent-encoded as an RFC 3986
     * segment) joined by '/', e.g. {@code urn:manabi:course/c-1}. Stable: built from ids only, never from titles.
     */
    public static String activityId(String... parts) {
        StringBuilder out = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(segment(parts[i]));
        }
        return out.toString();
    }

    /** {@code text} percent-encoded as one RFC 3986 path segment (only unreserved characters kept). */
    static String segment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** The activity IRI of a course. */
    public static String courseActivity(String courseId) {
        return activityId("course", courseId);
    }

    /**
     * A registration (xAPI 2.0 Part Two 2.4.6) stable for one key: the attempt's own id when it is a UUID, else a
     * name-based UUID of the key, so the same attempt always gets the same registration without another column.
     */
    public static UUID registration(String attemptKey) {
        try {
            UUID u = UUID.fromString(attemptKey);
            if (u.toString().equalsIgnoreCase(attemptKey)) {
                return u;
            }
        } catch (IllegalArgumentException notAUuid) {
            // derived below
        }
        return UUID.nameUUIDFromBytes(("manabi:" + attemptKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the object to an Activity and answers its definition, with type and an English name (may be null). */
    public ObjectNode activity(String id, String type, String name) {
        ObjectNode o = json.putObject("object");
        o.put("objectType", "Activity");
        o.put("id", id);
        ObjectNode d = o.putObject("definition");
        d.put("type", type);
        if (name != null && !name.isBlank()) {
            d.putObject("name").put("und", name);
        }
        return d;
    }

    /** The result, created on first use. */
    public ObjectNode result() {
        return json.with("result");
    }

    /** The context, created on first use. */
    public ObjectNode context() {
        return json.with("context");
    }

    /** Adds an activity to one of the context activity lists ({@code parent}, {@code grouping}, {@code category}). */
    public LearnerStatement contextActivity(String list, String id, String type) {
        ArrayNode a = context().with("contextActivities").withArray(list);
        ObjectNode act = a.addObject();
        act.put("objectType", "Activity");
        act.put("id", id);
        if (type != null) {
            act.putObject("definition").put("type", type);
        }
        return this;
    }

    /** The result's score from points: raw, min 0, max and scaled raw / max (when max is positive). */
    public LearnerStatement score(double raw, Double max) {
        ObjectNode s = result().putObject("score");
        if (max != null && max > 0) {
            double clamped = Math.max(0, Math.min(raw, max));
            s.put("scaled", Math.round(clamped / max * 10000) / 10000.0);
            s.put("raw", clamped);
            s.put("min", 0.0);
            s.put("max", max);
        } else {
            s.put("raw", raw);
        }
        return this;
    }

    /** The statement as JSON; the outbox adds its id. */
    public ObjectNode json() {
        return json;
    }
}
