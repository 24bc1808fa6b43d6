package dev.manabi.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an LRS does to statements besides validating them: completing them when stored (2.0 Part Two 2.4: id,
 * stored, timestamp, authority, version), finding the agents and activities they are about (the query parameters
 * {@code agent}, {@code activity}, {@code related_agents}, {@code related_activities}), shaping them into the
 * {@code ids} / {@code exact} / {@code canonical} formats, and comparing two for equality.
 */
public final class Statements {

    private Statements() {
    }

    /** The statement as stored; fills in what the LRS sets (2.0 Part Two 2.4.1, 2.4.7 - 2.4.10). */
    public static ObjectNode complete(ObjectNode statement, String id, OffsetDateTime stored, JsonNode authority) {
        ObjectNode s = statement.deepCopy();
        s.put("id", id.toLowerCase(Locale.ROOT));
        String storedText = Formats.format(stored);
        s.put("stored", storedText);
        // Timestamps in UTC (2.0 Part Two 4.2.7 "the LRS SHOULD convert timestamps to UTC"); same instant.
        s.put("timestamp", s.has("timestamp") ? Formats.format(Formats.parseTimestamp(s.get("timestamp").asText()))
                : storedText);
        normalizeDurations(s);
        contextActivitiesAsArrays(s);
        s.set("authority", authority); // 2.4.9: the LRS sets authority, overriding what the client sent
        if (!s.has("version")) {
            s.put("version", "1.0.0"); // 2.4.10: "If not provided, the LRS MUST set it to 1.0.0"
        }
        return s;
    }

    /** 2.0 Part Two 2.4.6.2: "An LRS returns a ContextActivity in an array, even if only one was sent". */
    private static void contextActivitiesAsArrays(ObjectNode s) {
        if (s.path("context").path("contextActivities") instanceof ObjectNode ca) {
            for (Iterator<String> it = ca.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (ca.get(f).isObject()) {
                    ca.set(f, JsonNodeFactory.instance.arrayNode().add(ca.get(f)));
                }
            }
        }
        if (s.path("object").path("objectType").asText().equals("SubStatement")) {
            contextActivitiesAsArrays((ObjectNode) s.get("object"));
        }
    }

    private static void normalizeDurations(ObjectNode s) {
        if (s.path("result").path("duration").isTextual()) {
            ((ObjectNode) s.get("result")).put("duration", Formats.truncateDuration(s.get("result").get("duration").asText()));
        }
        if (s.path("object").path("objectType").asText().equals("SubStatement")) {
            normalizeDurations((ObjectNode) s.get("object"));
        }
    }

    /** The agents a statement is about: {@code primary} for the {@code agent} parameter, the rest for related. */
    public record Involved(Set<String> primaryAgents, Set<String> relatedAgents, Set<String> primaryActivities,
                           Set<String> relatedActivities) {
    }

    /**
     * Agents and activities for the query parameters (2.0 Part Three 2.1.3): {@code agent} matches actor or object;
     * {@code related_agents} also authority, instructor, team, context agents and groups, group members and the
     * same inside a SubStatement; {@code activity} matches the object, {@code related_activities} also context
     * activities and a SubStatement's.
     */
    public static Involved involved(JsonNode statement) {
        Set<String> pa = new LinkedHashSet<>();
        Set<String> ra = new LinkedHashSet<>();
        Set<String> pact = new LinkedHashSet<>();
        Set<String> ract = new LinkedHashSet<>();
        JsonNode actor = statement.get("actor");
        JsonNode object = statement.get("object");
        AgentIdentity.of(actor).ifPresent(a -> pa.add(a.key()));
        String objectType = object.path("objectType").asText("Activity");
        if ("Agent".equals(objectType) || "Group".equals(objectType)) {
            AgentIdentity.of(object).ifPresent(a -> pa.add(a.key()));
        }
        if ("Activity".equals(objectType)) {
            pact.add(object.path("id").asText());
        }
        ra.addAll(pa);
        ract.addAll(pact);
        related(statement, ra, ract);
        if (statement.has("authority")) {
            actorAndMembers(statement.get("authority"), ra);
        }
        return new Involved(pa, ra, pact, ract);
    }

    private static void related(JsonNode s, Set<String> agents, Set<String> activities) {
        actorAndMembers(s.get("actor"), agents);
        JsonNode object = s.get("object");
        String objectType = object.path("objectType").asText("Activity");
        switch (objectType) {
            case "Agent", "Group" -> actorAndMembers(object, agents);
            case "Activity" -> activities.add(object.path("id").asText());
            case "SubStatement" -> related(object, agents, activities);
            default -> { }
        }
        JsonNode context = s.get("context");
        if (context != null) {
            actorAndMembers(context.get("instructor"), agents);
            actorAndMembers(context.get("team"), agents);
            context.path("contextAgents").forEach(ca -> actorAndMembers(ca.get("agent"), agents));
            context.path("contextGroups").forEach(cg -> actorAndMembers(cg.get("group"), agents));
            for (Iterator<JsonNode> it = context.path("contextActivities").elements(); it.hasNext(); ) {
                JsonNode list = it.next();
                if (list.isArray()) {
                    list.forEach(a -> activities.add(a.path("id").asText()));
                } else {
                    activities.add(list.path("id").asText());
                }
            }
        }
    }

    private static void actorAndMembers(JsonNode actor, Set<String> into) {
        if (actor == null) {
            return;
        }
        AgentIdentity.of(actor).ifPresent(a -> into.add(a.key()));
        actor.path("member").forEach(m -> AgentIdentity.of(m).ifPresent(a -> into.add(a.key())));
    }

    /** The {@code format} query parameter (2.0 Part Three 2.1.3). */
    public enum Format {
        /** Agents, verbs and activities by identifier only. */
        IDS,
        /** As stored. */
        EXACT,
        /** Language maps reduced to the one entry best matching Accept-Language. */
        CANONICAL;

        public static Format of(String parameter) {
            if (parameter == null) {
                return EXACT;
            }
            return switch (parameter) {
                case "ids" -> IDS;
                case "exact" -> EXACT;
                case "canonical" -> CANONICAL;
                default -> throw XapiException.badRequest("invalid-format", "format must be ids, exact or canonical");
            };
        }
    }

    /** A copy of a stored statement in {@code format}. */
    public static ObjectNode format(ObjectNode stored, Format format, List<Locale.LanguageRange> languages) {
        ObjectNode s = stored.deepCopy();
        switch (format) {
            case IDS -> ids(s);
            case CANONICAL -> LanguageMaps.reduceAll(s, languages);
            default -> { }
        }
        return s;
    }

    private static void ids(ObjectNode s) {
        s.set("actor", actorIds(s.get("actor")));
        if (s.has("authority")) {
            s.set("authority", actorIds(s.get("authority")));
        }
        ObjectNode verb = JsonNodeFactory.instance.objectNode().put("id", s.path("verb").path("id").asText());
        s.set("verb", verb);
        JsonNode object = s.get("object");
        String type = object.path("objectType").asText("Activity");
        switch (type) {
            case "Agent", "Group" -> s.set("object", actorIds(object));
            case "Activity" -> s.set("object", activityIds(object));
            case "SubStatement" -> ids((ObjectNode) object);
            default -> { }
        }
        if (s.get("context") instanceof ObjectNode context) {
            for (String f : new String[] {"instructor", "team"}) {
                if (context.has(f)) {
                    context.set(f, actorIds(context.get(f)));
                }
            }
            if (context.get("contextActivities") instanceof ObjectNode ca) {
                for (Iterator<String> it = ca.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    JsonNode list = ca.get(f);
                    if (list.isArray()) {
                        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
                        list.forEach(a -> ids.add(activityIds(a)));
                        ca.set(f, ids);
                    } else {
                        ca.set(f, activityIds(list));
                    }
                }
            }
        }
    }

    /** An activity by its id alone (2.0 Part Three 2.1.3 "ids": "only ids are returned"). */
    private static ObjectNode activityIds(JsonNode activity) {
        return JsonNodeFactory.instance.objectNode().put("id", activity.path("id").asText());
    }

    private static JsonNode actorIds(JsonNode actor) {
        String type = actor.path("objectType").asText("Agent");
        var identity = AgentIdentity.of(actor);
        ObjectNode ids = identity.map(a -> a.toAgent(type))
                .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("objectType", type));
        if (identity.isEmpty() && actor.has("member")) { // an anonymous Group is known by its members
            ArrayNode members = ids.putArray("member");
            actor.get("member").forEach(m -> members.add(actorIds(m)));
        }
        return ids;
    }

    /**
     * Whether two statements are the same for a repeated write or a signature (2.0 Part Two 2.5 "Statement
     * Comparison"): properties the LRS sets or may change (authority, stored, version, id case) are left out,
     * timestamps compared as instants and durations to hundredths of a second.
     */
    public static boolean sameStatement(JsonNode a, JsonNode b) {
        ObjectNode x = comparable(a);
        ObjectNode y = comparable(b);
        if (!a.has("timestamp") || !b.has("timestamp")) { // one side had it set by the LRS
            x.remove("timestamp");
            y.remove("timestamp");
        }
        return x.equals(y);
    }

    private static ObjectNode comparable(JsonNode statement) {
        ObjectNode s = statement.deepCopy();
        s.remove(List.of("authority", "stored", "version", "id", "timestamp"));
        normalizeDurations(s);
        contextActivitiesAsArrays(s);
        if (statement.has("timestamp")) {
            OffsetDateTime t = Formats.parseTimestamp(statement.get("timestamp").asText());
            s.put("timestamp", t == null ? statement.get("timestamp").asText() : Formats.format(t));
        }
        return s;
    }
}
