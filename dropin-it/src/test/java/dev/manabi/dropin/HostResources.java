package dev.manabi.dropin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;

/** The host's own JAX-RS application and resource, which must stay out of the SDK's application. */
public final class HostResources {

    private HostResources() {
    }

    @ApplicationPath("/host")
    public static class HostApplication extends Application {
    }

    @Path("/ping")
    public static class Ping {
        @GET
        public String ping() {
            return "host-pong";
        }

        /** Host-side failures must reach the host's own error handling, not the SDK's JSON error mapper. */
        @GET
        @Path("/fail")
        public String fail() {
            throw new WebApplicationException(Response.status(418).entity("host-teapot").type("text/plain").build());
        }

        /** A host endpoint that accepts cross-origin posts (its own CORS policy): the SDK's origin check stays out. */
        @POST
        public String echo(String body) {
            return "host-got:" + body;
        }
    }
}
