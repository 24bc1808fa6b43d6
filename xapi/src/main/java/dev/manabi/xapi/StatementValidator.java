package dev.manabi.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks a statement against every MUST rule of the xAPI data model: xAPI 2.0 (IEEE 9274.1.1) Part Two section 2.4
 * (statement properties) and 4.2.7 (data types), and 1.0.3 Data section 2.4 / 4. The first broken rule becomes a
 * {@link XapiException} with status 400 and a message naming the property's path, e.g. {@code object.definition.type}.
 *
 * <p>Rules common to every object: properties are case-sensitive and only the ones the specification lists are
 * allowed (2.0 Part Two 2.2: "An LRS rejects with 400 a Statement containing a property it does not know"), and no
 * value is {@code null} outside extensions.
 */
public final class StatementValidator {

    public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

    private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
            "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result",
            "context", "timestamp", "attachments");
    private static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> GROUP = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account",
            "member");
    private static final Set<String> ACCOUNT = Set.of("homePage", "name");
    private static final Set<String> VERB = Set.of("id", "display");
    private static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");
    private static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "extensions",
            "interactionType", "correctResponsesPattern", "choices", "scale", "source", "target", "steps");
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in",
            "matching", "performance", "sequencing", "likert", "numeric", "other");
    /** Which interaction component lists each interaction type uses (2.0 Part Two 2.4.4.1.2, table "Interaction Components"). */
    private static final Map<String, Set<String>> COMPONENTS = Map.of(
            "choice", Set.of("choices"), "sequencing", Set.of("choices"), "likert", Set.of("scale"),
            "matching", Set.of("source", "target"), "performance", Set.of("steps"));
    private static final Set<String> COMPONENT = Set.of("id", "description");
    private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");
    private static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration",
            "extensions");
    private static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");
    private static final Set<String> CONTEXT_1 = Set.of("registration", "instructor", "team", "contextActivities",
            "revision", "platform", "language", "statement", "extensions");
    private static final Set<String> CONTEXT_2 = union(CONTEXT_1, Set.of("contextAgents", "contextGroups"));
    private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");
    private static final Set<String> CONTEXT_AGENT = Set.of("objectType", "agent", "relevantTypes");
    private static final Set<String> CONTEXT_GROUP = Set.of("objectType", "group", "relevantTypes");
    private static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType", "length",
            "sha2", "fileUrl");

    private final XapiVersion version;

    public StatementValidator(XapiVersion version) {
        this.version = version;
    }

    /** Throws {@link XapiException} (400) at the first MUST rule {@code statement} breaks. */
    public void validate(JsonNode statement) {
        statement(statement, "statement", false);
    }

    private void statement(JsonNode s, String path, boolean sub) {
        object(s, path, sub ? SUB_STATEMENT : STATEMENT);
        if (!sub && s.has("id")) {
            uuid(s.get("id"), path + ".id");
        }
        actor(required(s, "actor", path), path + ".actor");
        JsonNode verb = required(s, "verb", path);
        verb(verb, path + ".verb");
        JsonNode object = required(s, "object", path);
        statementObject(object, path + ".object", sub);
        if (VOIDED.equals(verb.path("id").asText()) && !"StatementRef".equals(object.path("objectType").asText())) {
            throw XapiException.invalid(path + ".object", "a voiding statement's object must be a StatementRef"
                    + " (xAPI 2.0 Part Two 2.4.5)");
        }
        if (s.has("result")) {
            result(s.get("result"), path + ".result");
        }
        if (s.has("context")) {
            String objectType = object.path("objectType").asText("Activity");
            context(s.get("context"), path + ".context", "Activity".equals(objectType));
        }
        if (s.has("timestamp")) {
            timestamp(s.get("timestamp"), path + ".timestamp");
        }
        if (s.has("stored")) {
            timestamp(s.get("stored"), path + ".stored");
        }
        if (s.has("authority")) {
            authority(s.get("authority"), path + ".authority");
        }
        if (s.has("version")) {
            JsonNode v = s.get("version");
            if (!v.isTextual() || !version.acceptsStatementVersion(v.asText())) {
                throw XapiException.invalid(path + ".version", "unsupported statement version " + v);
            }
        }
        if (s.has("attachments")) {
            JsonNode list = array(s.get("attachments"), path + ".attachments");
            int i = 0;
            for (JsonNode a : list) {
                attachment(a, path + ".attachments[" + i++ + "]");
            }
        }
    }

    private void statementObject(JsonNode o, String path, boolean inSub) {
        if (!o.isObject()) {
            throw XapiException.invalid(path, "must be an object");
        }
        JsonNode type = o.get("objectType");
        String kind = type == null ? "Activity" : text(type, path + ".objectType");
        switch (kind) {
            case "Activity" -> activity(o, path);
            case "Agent", "Group" -> actor(o, path);
            case "StatementRef" -> statementRef(o, path);
            case "SubStatement" -> {
                if (inSub) {
                    throw XapiException.invalid(path, "a SubStatement must not contain a SubStatement (2.4.4.3)");
                }
                statement(o, path, true);
            }
            default -> throw XapiException.invalid(path + ".objectType", "unknown objectType '" + kind + "'");
        }
    }

    /** An Agent or Group as actor, instructor, authority or object (2.0 Part Two 2.4.2). */
    void actor(JsonNode a, String path) {
        if (!a.isObject()) {
            throw XapiException.invalid(path, "must be an Agent or Group object");
        }
        JsonNode type = a.get("objectType");
        String kind = type == null ? "Agent" : text(type, path + ".objectType");
        if ("Agent".equals(kind)) {
            agent(a, path);
        } else if ("Group".equals(kind)) {
            group(a, path);
        } else {
            throw XapiException.invalid(path + ".objectType", "must be 'Agent' or 'Group', not '" + kind + "'");
        }
    }

    /**
     * 2.0 Part Two 2.4.9: an Agent, or for OAuth 3-legged an anonymous Group of exactly two Agents (the application
     * and the user); identified Groups and other sizes are refused.
     */
    private void authority(JsonNode a, String path) {
        actor(a, path);
        if ("Group".equals(a.path("objectType").asText())) {
            if (!a.has("member") || a.get("member").size() != 2 || a.has("mbox") || a.has("mbox_sha1sum")
                    || a.has("openid") || a.has("account")) {
                throw XapiException.invalid(path, "a Group authority is an anonymous Group of exactly two Agents"
                        + " (2.4.9)");
            }
        }
    }

    private void agent(JsonNode a, String path) {
        object(a, path, AGENT);
        if (a.has("objectType") && !"Agent".equals(a.get("objectType").asText())) {
            throw XapiException.invalid(path + ".objectType", "must be 'Agent'");
        }
        if (a.has("name")) {
            text(a.get("name"), path + ".name");
        }
        if (identifiers(a, path) != 1) {
            throw XapiException.invalid(path, "an Agent must have exactly one inverse functional identifier"
                    + " (mbox, mbox_sha1sum, openid or account; 2.4.2.1)");
        }
    }

    private void group(JsonNode g, String path) {
        object(g, path, GROUP);
        if (g.has("name")) {
            text(g.get("name"), path + ".name");
        }
        int ifis = identifiers(g, path);
        if (ifis > 1) {
            throw XapiException.invalid(path, "a Group has at most one inverse functional identifier (2.4.2.2)");
        }
        if (ifis == 0 && !g.has("member")) {
            throw XapiException.invalid(path, "an anonymous Group must list its members (2.4.2.2)");
        }
        if (g.has("member")) {
            JsonNode members = array(g.get("member"), path + ".member");
            if (ifis == 0 && members.isEmpty()) {
                throw XapiException.invalid(path + ".member", "an anonymous Group needs at least one member");
            }
            int i = 0;
            for (JsonNode m : members) {
                String p = path + ".member[" + i++ + "]";
                if (m.isObject() && m.has("objectType") && !"Agent".equals(m.get("objectType").asText())) {
                    throw XapiException.invalid(p, "a Group's members are Agents, never Groups (2.4.2.2)");
                }
                agent(m, p);
            }
        }
    }

    /** Checks every inverse functional identifier present and answers how many there are (2.4.2.3). */
    private int identifiers(JsonNode a, String path) {
        int n = 0;
        if (a.has("mbox")) {
            n++;
            if (!Formats.isMailto(stored(a.get("mbox"), path + ".mbox"))) {
                throw XapiException.invalid(path + ".mbox", "must be a mailto IRI, e.g. mailto:someone@example.org");
            }
        }
        if (a.has("mbox_sha1sum")) {
            n++;
            if (!Formats.isSha1(text(a.get("mbox_sha1sum"), path + ".mbox_sha1sum"))) {
                throw XapiException.invalid(path + ".mbox_sha1sum", "must be a hex-encoded SHA-1 sum");
            }
        }
        if (a.has("openid")) {
            n++;
            iri(a.get("openid"), path + ".openid");
        }
        if (a.has("account")) {
            n++;
            JsonNode account = a.get("account");
            object(account, path + ".account", ACCOUNT);
            iri(required(account, "homePage", path + ".account"), path + ".account.homePage");
            stored(required(account, "name", path + ".account"), path + ".account.name");
        }
        return n;
    }

    private void verb(JsonNode v, String path) {
        object(v, path, VERB);
        iri(required(v, "id", path), path + ".id");
        if (v.has("display")) {
            languageMap(v.get("display"), path + ".display");
        }
    }

    private void activity(JsonNode a, String path) {
        object(a, path, ACTIVITY);
        iri(required(a, "id", path), path + ".id");
        if (a.has("definition")) {
            definition(a.get("definition"), path + ".definition");
        }
    }

    private void definition(JsonNode d, String path) {
        object(d, path, DEFINITION);
        if (d.has("name")) {
            languageMap(d.get("name"), path + ".name");
        }
        if (d.has("description")) {
            languageMap(d.get("description"), path + ".description");
        }
        if (d.has("type")) {
            iri(d.get("type"), path + ".type");
        }
        if (d.has("moreInfo")) {
            iri(d.get("moreInfo"), path + ".moreInfo");
        }
        if (d.has("extensions")) {
            extensions(d.get("extensions"), path + ".extensions");
        }
        String interactionType = null;
        if (d.has("interactionType")) {
            interactionType = text(d.get("interactionType"), path + ".interactionType");
            if (!INTERACTION_TYPES.contains(interactionType)) {
                throw XapiException.invalid(path + ".interactionType", "unknown interaction type '" + interactionType
                        + "' (2.4.4.1.2)");
            }
        }
        if (d.has("correctResponsesPattern") && interactionType == null) {
            throw XapiException.invalid(path + ".correctResponsesPattern", "needs an interactionType (2.4.4.1.2)");
        }
        if (d.has("correctResponsesPattern")) {
            int i = 0;
            for (JsonNode p : array(d.get("correctResponsesPattern"), path + ".correctResponsesPattern")) {
                text(p, path + ".correctResponsesPattern[" + i++ + "]");
            }
        }
        for (String list : Set.of("choices", "scale", "source", "target", "steps")) {
            if (!d.has(list)) {
                continue;
            }
            if (interactionType == null || !COMPONENTS.getOrDefault(interactionType, Set.of()).contains(list)) {
                throw XapiException.invalid(path + "." + list, "interaction components '" + list
                        + "' do not belong to interaction type " + interactionType + " (2.4.4.1.2)");
            }
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (JsonNode c : array(d.get(list), path + "." + list)) {
                String p = path + "." + list + "[" + i++ + "]";
                object(c, p, COMPONENT);
                String id = text(required(c, "id", p), p + ".id");
                if (!ids.add(id)) {
                    throw XapiException.invalid(p + ".id", "interaction component ids must be unique in their list");
                }
                if (c.has("description")) {
                    languageMap(c.get("description"), p + ".description");
                }
            }
        }
    }

    private void statementRef(JsonNode r, String path) {
        object(r, path, STATEMENT_REF);
        if (!"StatementRef".equals(r.path("objectType").asText())) {
            throw XapiException.invalid(path + ".objectType", "must be 'StatementRef'");
        }
        uuid(required(r, "id", path), path + ".id");
    }

    private void result(JsonNode r, String path) {
        object(r, path, RESULT);
        if (r.has("score")) {
            JsonNode score = r.get("score");
            String p = path + ".score";
            object(score, p, SCORE);
            for (Iterator<String> it = score.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!score.get(f).isNumber()) {
                    throw XapiException.invalid(p + "." + f, "must be a number");
                }
            }
            if (score.has("scaled")) {
                double scaled = score.get("scaled").asDouble();
                if (scaled < -1 || scaled > 1) {
                    throw XapiException.invalid(p + ".scaled", "must be between -1 and 1 (2.4.5.1)");
                }
            }
            Double min = score.has("min") ? score.get("min").asDouble() : null;
            Double max = score.has("max") ? score.get("max").asDouble() : null;
            if (min != null && max != null && min >= max) {
                throw XapiException.invalid(p, "min must be less than max (2.4.5.1)");
            }
            if (score.has("raw")) {
                double raw = score.get("raw").asDouble();
                if ((min != null && raw < min) || (max != null && raw > max)) {
                    throw XapiException.invalid(p + ".raw", "must lie between min and max (2.4.5.1)");
                }
            }
        }
        if (r.has("success")) {
            bool(r.get("success"), path + ".success");
        }
        if (r.has("completion")) {
            bool(r.get("completion"), path + ".completion");
        }
        if (r.has("response")) {
            text(r.get("response"), path + ".response");
        }
        if (r.has("duration") && !Formats.isDuration(text(r.get("duration"), path + ".duration"))) {
            throw XapiException.invalid(path + ".duration", "must be an ISO 8601 duration (4.2.7)");
        }
        if (r.has("extensions")) {
            extensions(r.get("extensions"), path + ".extensions");
        }
    }

    private void context(JsonNode c, String path, boolean aboutActivity) {
        object(c, path, version.atLeast2() ? CONTEXT_2 : CONTEXT_1);
        if (c.has("registration")) {
            uuid(c.get("registration"), path + ".registration");
        }
        if (c.has("instructor")) {
            actor(c.get("instructor"), path + ".instructor");
        }
        if (c.has("team")) {
            JsonNode team = c.get("team");
            if (!"Group".equals(team.path("objectType").asText())) {
                throw XapiException.invalid(path + ".team", "must be a Group (2.4.6.2)");
            }
            group(team, path + ".team");
        }
        if (c.has("contextActivities")) {
            JsonNode ca = c.get("contextActivities");
            object(ca, path + ".contextActivities", CONTEXT_ACTIVITIES);
            for (Iterator<Map.Entry<String, JsonNode>> it = ca.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + ".contextActivities." + e.getKey();
                if (e.getValue().isArray()) {
                    int i = 0;
                    for (JsonNode a : e.getValue()) {
                        contextActivity(a, p + "[" + i++ + "]");
                    }
                } else {
                    contextActivity(e.getValue(), p); // a single Activity: accepted for 1.0 clients (2.4.6.2)
                }
            }
        }
        for (String onlyForActivities : new String[] {"revision", "platform"}) {
            if (c.has(onlyForActivities)) {
                text(c.get(onlyForActivities), path + "." + onlyForActivities);
                if (!aboutActivity) {
                    throw XapiException.invalid(path + "." + onlyForActivities, "only allowed when the statement's"
                            + " object is an Activity (2.4.6)");
                }
            }
        }
        if (c.has("language") && !Formats.isLanguageTag(text(c.get("language"), path + ".language"))) {
            throw XapiException.invalid(path + ".language", "must be an RFC 5646 language tag");
        }
        if (c.has("statement")) {
            statementRef(c.get("statement"), path + ".statement");
        }
        if (c.has("extensions")) {
            extensions(c.get("extensions"), path + ".extensions");
        }
        if (c.has("contextAgents")) {
            int i = 0;
            for (JsonNode ca : array(c.get("contextAgents"), path + ".contextAgents")) {
                String p = path + ".contextAgents[" + i++ + "]";
                object(ca, p, CONTEXT_AGENT);
                if (!"contextAgent".equals(ca.path("objectType").asText())) {
                    throw XapiException.invalid(p + ".objectType", "must be 'contextAgent' (2.0 Part Two 2.4.6.3)");
                }
                JsonNode agent = required(ca, "agent", p);
                if (agent.has("objectType") && !"Agent".equals(agent.get("objectType").asText())) {
                    throw XapiException.invalid(p + ".agent", "must be an Agent");
                }
                agent(agent, p + ".agent");
                relevantTypes(ca, p);
            }
        }
        if (c.has("contextGroups")) {
            int i = 0;
            for (JsonNode cg : array(c.get("contextGroups"), path + ".contextGroups")) {
                String p = path + ".contextGroups[" + i++ + "]";
                object(cg, p, CONTEXT_GROUP);
                if (!"contextGroup".equals(cg.path("objectType").asText())) {
                    throw XapiException.invalid(p + ".objectType", "must be 'contextGroup' (2.0 Part Two 2.4.6.4)");
                }
                JsonNode group = required(cg, "group", p);
                if (!"Group".equals(group.path("objectType").asText())) {
                    throw XapiException.invalid(p + ".group", "must be a Group");
                }
                group(group, p + ".group");
                relevantTypes(cg, p);
            }
        }
    }

    private void relevantTypes(JsonNode holder, String path) {
        if (holder.has("relevantTypes")) {
            JsonNode types = array(holder.get("relevantTypes"), path + ".relevantTypes");
            if (types.isEmpty()) {
                throw XapiException.invalid(path + ".relevantTypes", "must not be empty");
            }
            int i = 0;
            for (JsonNode t : types) {
                iri(t, path + ".relevantTypes[" + i++ + "]");
            }
        }
    }

    private void contextActivity(JsonNode a, String path) {
        if (!a.isObject()) {
            throw XapiException.invalid(path, "must be an Activity");
        }
        if (a.has("objectType") && !"Activity".equals(a.get("objectType").asText())) {
            throw XapiException.invalid(path + ".objectType", "context activities are Activities");
        }
        activity(a, path);
    }

    private void attachment(JsonNode a, String path) {
        object(a, path, ATTACHMENT);
        iri(required(a, "usageType", path), path + ".usageType");
        languageMap(required(a, "display", path), path + ".display");
        if (a.has("description")) {
            languageMap(a.get("description"), path + ".description");
        }
        if (!Formats.isMediaType(text(required(a, "contentType", path), path + ".contentType"))) {
            throw XapiException.invalid(path + ".contentType", "must be an Internet media type");
        }
        JsonNode length = required(a, "length", path);
        if (!length.canConvertToLong() || !length.isIntegralNumber() || length.asLong() < 0) {
            throw XapiException.invalid(path + ".length", "must be a non-negative integer");
        }
        if (!Formats.isSha2(text(required(a, "sha2", path), path + ".sha2"))) {
            throw XapiException.invalid(path + ".sha2", "must be a hex-encoded SHA-2 sum");
        }
        if (a.has("fileUrl")) {
            iri(a.get("fileUrl"), path + ".fileUrl");
        }
    }

    /** A language map: RFC 5646 tags to strings (2.0 Part Two 4.2.7 "Language Map"). */
    public static void languageMap(JsonNode m, String path) {
        if (!m.isObject()) {
            throw XapiException.invalid(path, "must be a language map (an object of language tags to strings)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Formats.isLanguageTag(e.getKey())) {
                throw XapiException.invalid(path, "'" + e.getKey() + "' is not an RFC 5646 language tag");
            }
            if (!e.getValue().isTextual()) {
                throw XapiException.invalid(path + "." + e.getKey(), "must be a string");
            }
        }
    }

    private static void extensions(JsonNode x, String path) {
        if (!x.isObject()) {
            throw XapiException.invalid(path, "must be an object keyed by IRIs");
        }
        for (Iterator<String> it = x.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Formats.isIri(key)) {
                throw XapiException.invalid(path, "extension key '" + key + "' is not an IRI (2.4.7)");
            }
        }
    }

    private static void timestamp(JsonNode t, String path) {
        if (Formats.parseTimestamp(text(t, path)) == null) {
            throw XapiException.invalid(path, "must be an ISO 8601 timestamp with a time zone offset (4.2.7)");
        }
    }

    private static void uuid(JsonNode u, String path) {
        if (!Formats.isUuid(text(u, path))) {
            throw XapiException.invalid(path, "must be a UUID");
        }
    }

    private static void iri(JsonNode i, String path) {
        if (!Formats.isIri(stored(i, path))) {
            throw XapiException.invalid(path, "must be an IRI");
        }
    }

    /**
     * The longest identifier (IRI, mailto, account name) this LRS stores and finds statements by. The specification
     * sets no limit; an LRS refuses what it cannot store rather than failing later (xAPI 2.0 Part Three 2.1.2: a 400
     * for a request it cannot accept), so a client learns it at once and the statement outbox is never blocked.
     */
    public static final int MAX_IDENTIFIER_CHARS = 1024;

    /** A string that is stored as an identifier: at most {@link #MAX_IDENTIFIER_CHARS} characters. */
    private static String stored(JsonNode t, String path) {
        String value = text(t, path);
        if (value.length() > MAX_IDENTIFIER_CHARS) {
            throw XapiException.invalid(path, "is " + value.length() + " characters long; this LRS stores"
                    + " identifiers of at most " + MAX_IDENTIFIER_CHARS);
        }
        return value;
    }

    private static void bool(JsonNode b, String path) {
        if (!b.isBoolean()) {
            throw XapiException.invalid(path, "must be true or false");
        }
    }

    private static String text(JsonNode t, String path) {
        if (!t.isTextual()) {
            throw XapiException.invalid(path, "must be a string");
        }
        return t.asText();
    }

    private static JsonNode array(JsonNode a, String path) {
        if (!a.isArray()) {
            throw XapiException.invalid(path, "must be an array");
        }
        return a;
    }

    private static JsonNode required(JsonNode o, String name, String path) {
        JsonNode v = o.get(name);
        if (v == null) {
            throw XapiException.invalid(path + "." + name, "is required");
        }
        return v;
    }

    /** An object with only the {@code allowed} properties, none of them null. */
    private static void object(JsonNode o, String path, Set<String> allowed) {
        if (o == null || !o.isObject()) {
            throw XapiException.invalid(path, "must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!allowed.contains(e.getKey())) {
                throw XapiException.invalid(path + "." + e.getKey(), "is not a property of this object");
            }
            if (e.getValue().isNull()) {
                throw XapiException.invalid(path + "." + e.getKey(), "must not be null");
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
