package dev.manabi.badges;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open Badges 2.0 hosted verification: the Issuer Profile, BadgeClass and Assertion at public URLs, without
 * sign-in, as verifiers and backpacks fetch them ("Verification", HostedBadge), and the badge images. Nothing
 * here reads the caller's identity. No {@code @Produces}: each answer sets its own type, so a verifier's or a
 * browser's {@code Accept} header never turns a public document into a 406.
 */
@Path("/badges/ob2")
@RequestScoped
@Tag(name = "badges")
public class HostedBadgesResource {

    @Inject
    BadgeEngine engine;

    @GET
    @Path("/issuers/{id}")
    @Operation(summary = "Open Badges 2.0 Issuer Profile (public)")
    public Response issuer(@PathParam("id") String id) {
        OpenBadges.Urls urls = urls();
        return jsonLd(engine.badges().issuer(id, urls).toString(), Response.Status.OK);
    }

    @GET
    @Path("/classes/{id}")
    @Operation(summary = "Open Badges 2.0 BadgeClass (public)")
    public Response badgeClass(@PathParam("id") String id) {
        OpenBadges.Urls urls = urls();
        return jsonLd(engine.badges().badgeClass(id, urls).toString(), Response.Status.OK);
    }

    @GET
    @Path("/classes/{id}/image")
    @Operation(summary = "The badge class's image (public)")
    public Response classImage(@PathParam("id") String id) {
        return picture(engine.badges().classImage(id), null);
    }

    @GET
    @Path("/assertions/{id}")
    @Operation(summary = "Open Badges 2.0 hosted Assertion (public); 410 with revoked and revocationReason once revoked")
    public Response assertion(@PathParam("id") String id) {
        OpenBadges.Urls urls = urls();
        Badges.Hosted hosted = engine.badges().assertion(id, urls);
        return jsonLd(hosted.json().toString(), hosted.gone() ? Response.Status.GONE : Response.Status.OK);
    }

    @GET
    @Path("/assertions/{id}/badge.png")
    @Operation(summary = "The badge as PNG with the assertion baked in (iTXt openbadges; public)")
    public Response bakedPng(@PathParam("id") String id) {
        OpenBadges.Urls urls = urls();
        return picture(engine.badges().baked(id, BadgeArt.PNG, urls), "badge-" + id + ".png");
    }

    @GET
    @Path("/assertions/{id}/badge.svg")
    @Operation(summary = "The badge as SVG with the assertion baked in (openbadges:assertion; public)")
    public Response bakedSvg(@PathParam("id") String id) {
        OpenBadges.Urls urls = urls();
        return picture(engine.badges().baked(id, BadgeArt.SVG, urls), "badge-" + id + ".svg");
    }

    /** The configured public URL (tests set their own). */
    java.util.function.Supplier<java.util.Optional<String>> publicUrl = BadgeEngine::publicUrl;

    /**
     * Hosted documents name their own address ({@link BadgeEngine#hostedUrls}): 503 without the configured public
     * URL, asked before anything is looked up.
     */
    private OpenBadges.Urls urls() {
        return BadgeEngine.hostedUrls(publicUrl.get());
    }

    /** Verifiers must see revocation at once, so hosted documents are never cached. */
    private static Response jsonLd(String body, Response.Status status) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status).type(OpenBadges.JSON_LD + ";charset=UTF-8").entity(body)
                .cacheControl(noStore).header("Access-Control-Allow-Origin", "*").build();
    }

    static Response picture(Badges.Picture picture, String downloadName) {
        Response.ResponseBuilder r = Response.ok(picture.bytes(), picture.mediaType())
                .header("X-Content-Type-Options", "nosniff")
                // A declared SVG is author content: never let it run script on the SDK's origin.
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        if (downloadName != null) {
            r.header("Content-Disposition", "attachment; filename=\"" + downloadName + "\"");
        }
        return r.build();
    }
}
