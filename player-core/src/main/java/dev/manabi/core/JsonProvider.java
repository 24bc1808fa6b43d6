package dev.manabi.core;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Jackson for the SDK's application only; the host's own JSON binding is untouched.
 *
 * <p>Servers bring a JSON-B provider of their own (Payara's Jersey registers it like an application provider, Open
 * Liberty's and WildFly's RESTEasy as a built-in one). For an entity of type {@code Object} and
 * {@code application/json} both providers are equally good by type and media type, and the choice would then depend
 * on registration order, which changes from one start to the next. Jakarta REST 3.1 section 4.1.3 breaks such ties by
 * {@code @Priority}, the lowest value first, so the SDK declares {@link #PRIORITY}, well ahead of the default
 * {@link Priorities#USER} that server and host providers get: the SDK's JSON (field order, nulls kept, {@code JsonNode}
 * as the JSON it holds, unknown properties rejected) is then the same on every server.
 */
@Priority(JsonProvider.PRIORITY)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonProvider extends JacksonJsonProvider {

    /** Ahead of any provider left at the default priority ({@link Priorities#USER}, 5000). */
    public static final int PRIORITY = Priorities.USER - 4000;

    public JsonProvider() {
        super(Json.mapper());
    }
}
