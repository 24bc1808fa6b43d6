package dev.manabi.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes two Agents or identified Groups the same: their inverse functional identifier (xAPI 2.0 Part Two
 * 2.4.2.3: "Agents and Groups are equal when they have the same IFI"). {@link #key()} is the stored, comparable form:
 * {@code mbox=mailto:a@example.org}, {@code mbox_sha1sum=<hex, lower case>}, {@code openid=<iri>},
 * {@code account=<homePage> <name>}.
 *
 * @param key the identifier in its stored form
 */
public record AgentIdentity(String key) {

    /** The identity of an Agent or identified Group; empty for an anonymous Group or something that is no actor. */
    public static Optional<AgentIdentity> of(JsonNode actor) {
        if (actor == null || !actor.isObject()) {
            return Optional.empty();
        }
        if (actor.hasNonNull("mbox")) {
            return Optional.of(new AgentIdentity("mbox=" + actor.get("mbox").asText()));
        }
        if (actor.hasNonNull("mbox_sha1sum")) {
            return Optional.of(new AgentIdentity("mbox_sha1sum=" + actor.get("mbox_sha1sum").asText()
                    .toLowerCase(Locale.ROOT)));
        }
        if (actor.hasNonNull("openid")) {
            return Optional.of(new AgentIdentity("openid=" + actor.get("openid").asText()));
        }
        JsonNode account = actor.get("account");
        if (account != null && account.isObject()) {
            return Optional.of(new AgentIdentity("account=" + account.path("homePage").asText() + " "
                    + account.path("name").asText()));
        }
        return Optional.empty();
    }

    /**
     * The identity named by an {@code agent} query parameter (2.0 Part Three 2.1.3: a JSON Agent or identified
     * Group); 400 when it is not JSON or has not exactly one identifier.
     */
    public static AgentIdentity ofParameter(String name, JsonNode agent) {
        if (agent == null || !agent.isObject()) {
            throw XapiException.badRequest("invalid-agent", "'" + name + "' must be a JSON Agent object");
        }
        try {
            new StatementValidator(XapiVersion.V2_0_0).actor(agent, name);
        } catch (XapiException e) {
            throw XapiException.badRequest("invalid-agent", e.getMessage());
        }
        return of(agent).orElseThrow(() -> XapiException.badRequest("invalid-agent",
                "'" + name + "' must name an Agent or identified Group by its identifier"));
    }

    /** The identifier alone as an Agent object, e.g. {@code {"objectType":"Agent","mbox":"mailto:..."}}. */
    public ObjectNode toAgent(String objectType) {
        ObjectNode agent = JsonNodeFactory.instance.objectNode().put("objectType", objectType);
        int eq = key.indexOf('=');
        String kind = key.substring(0, eq);
        String value = key.substring(eq + 1);
        if ("account".equals(kind)) {
            int space = value.indexOf(' ');
            agent.putObject("account").put("homePage", value.substring(0, space)).put("name", value.substring(space + 1));
        } else {
            agent.put(kind, value);
        }
        return agent;
    }
}
