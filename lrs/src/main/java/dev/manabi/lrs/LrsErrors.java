package dev.manabi.lrs;

import dev.manabi.api.PlayerException;
import dev.manabi.core.ApiError;
import dev.manabi.xapi.XapiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every LRS failure as the SDK's JSON error {@code {"status","code","message"}} with the status xAPI names
 * (2.0 Part Three 2.1.7 / 1.0.3 Communication 3.2). A 401 carries the Basic challenge (RFC 7617).
 */
final class LrsErrors {

    private static final Logger LOG = Logger.getLogger(LrsErrors.class.getName());

    private LrsErrors() {
    }

    static Response respond(int status, String code, String message) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(LrsJson.write(new ApiError(status, code, message, null)));
        if (status == 401) {
            r.header("WWW-Authenticate", "Basic realm=\"Manabi LRS\", charset=\"UTF-8\"");
        }
        return r.build();
    }

    public static class Xapi implements ExceptionMapper<XapiException> {
        @Override
        public Response toResponse(XapiException e) {
            return respond(e.status(), e.code(), e.getMessage());
        }
    }

    public static class Player implements ExceptionMapper<PlayerException> {
        @Override
        public Response toResponse(PlayerException e) {
            return respond(e.status(), e.code(), e.getMessage());
        }
    }

    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String reason = e.getResponse().getStatusInfo().getReasonPhrase();
            Response error = respond(status, status == 404 ? "not-found" : "http-" + status,
                    reason == null ? "HTTP " + status : reason);
            String allow = e.getResponse().getHeaderString("Allow");
            return allow == null ? error : Response.fromResponse(error).header("Allow", allow).build();
        }
    }

    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "LRS failure, incident " + incident, e);
            return respond(500, "internal-error", "Unexpected server error (incident " + incident + ")");
        }
    }
}
