package dev.manabi.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.api.PlayerException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into an {@link ApiError} JSON body; stack traces stay in the server log. */
final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response respond(int status, String code, String message, Object details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, code, message, details)).build();
    }

    public static class Player implements ExceptionMapper<PlayerException> {
        @Override
        public Response toResponse(PlayerException e) {
            return respond(e.status(), e.code(), e.getMessage(), e.details());
        }
    }

    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e.getCause() instanceof JsonProcessingException json) {
                return respond(400, "malformed-json", "The request body is not valid JSON for this call: "
                        + json.getOriginalMessage(), null);
            }
            // The SDK throws PlayerException; these come from the JAX-RS runtime (no such resource, method or media
            // type), whose messages name the implementation and echo the full request URL: the status says enough.
            String reason = e.getResponse().getStatusInfo().getReasonPhrase();
            Response error = respond(status, status == 404 ? "not-found" : "http-" + status,
                    reason == null ? "HTTP " + status : reason, null);
            String allow = e.getResponse().getHeaderString("Allow"); // a 405 names the methods there are (RFC 9110)
            return allow == null ? error : Response.fromResponse(error).header("Allow", allow).build();
        }
    }

    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof JsonProcessingException json) {
                return respond(400, "malformed-json", "The request body is not valid JSON for this call: "
                        + json.getOriginalMessage(), null);
            }
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
            return respond(500, "internal-error", "Unexpected server error (incident " + incident + ")", null);
        }
    }
}
