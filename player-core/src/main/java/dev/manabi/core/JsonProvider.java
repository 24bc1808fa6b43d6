package dev.manabi.core;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Jackson for the SDK's application only; the host's own JSON binding is untouched. */
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonProvider extends JacksonJsonProvider {

    public JsonProvider() {
        super(Json.mapper());
    }
}
