package dev.manabi.dropin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

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
    }
}
