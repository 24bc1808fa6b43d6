package dev.manabi.core;

import dev.manabi.api.PlayerException;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** UI bundles for the browser; public, because the sign-in page of a host may use them too. */
@Path("/i18n")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "i18n")
public class I18nResource {

    public record Bundle(String language, Map<String, String> messages) {
    }

    @GET
    @Operation(summary = "The supported UI languages")
    public List<String> languages() {
        return UiLanguage.tags();
    }

    @GET
    @Path("/{language}")
    @Operation(summary = "All UI messages of one language")
    public Response bundle(@PathParam("language") String tag) {
        UiLanguage language = UiLanguage.tags().contains(tag) ? UiLanguage.ofTag(tag).orElseThrow() : null;
        if (language == null) {
            throw PlayerException.notFound("No UI language '" + tag + "'; use one of " + UiLanguage.tags());
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(new Bundle(language.tag(), UiMessages.get().bundle(language))).cacheControl(cache).build();
    }
}
