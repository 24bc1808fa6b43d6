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
 * Open Badges 3.0, public as the OB 2.0 hosted documents are (README "Open Badges 3.0"): the signed
 * OpenBadgeCredential of an award as JSON and baked into PNG and SVG, and what a verifier needs to check it without
 * signing in: the issuer's did:web DID document (the key) and its revocation status list. The credential carries the
 * recipient only as a salted hash, as the hosted OB 2.0 assertion does. No {@code @Produces}: each answer sets its
 * type, so a verifier's {@code Accept} never turns a public document into a 406. Every URL and the issuers' DIDs come
 * from {@code manabi.badges.public-url}, never from the request (503 without it; {@link BadgeEngine#hostedUrls()}).
 */
@Path("/badges/ob3")
@RequestScoped
@Tag(name = "badges")
public class OpenBadges3Resource {

    @Inject
    BadgeEngine engine;

    @GET
    @Path("/credentials/{id}")
    @Operation(summary = "The OpenBadgeCredential (VC 2.0, eddsa-rdfc-2022 proof) of an award (public); 410 once revoked")
    public Response credential(@PathParam("id") String id) {
        return Response.ok(engine.badges().credential(id, urls()).toString(), OpenBadges3.VC_JSON_LD)
                .header("Content-Disposition", "attachment; filename=\"badge-" + id + ".json\"")
                .header("Access-Control-Allow-Origin", "*").build();
    }

    @GET
    @Path("/credentials/{id}/badge.png")
    @Operation(summary = "The badge as PNG with the credential baked in (iTXt openbadgecredential; public)")
    public Response bakedPng(@PathParam("id") String id) {
        return baked(id, BadgeArt.PNG, "png");
    }

    @GET
    @Path("/credentials/{id}/badge.svg")
    @Operation(summary = "The badge as SVG with the credential baked in (openbadges:credential; public)")
    public Response bakedSvg(@PathParam("id") String id) {
        return baked(id, BadgeArt.SVG, "svg");
    }

    private Response baked(String id, String mediaType, String extension) {
        return HostedBadgesResource.picture(engine.badges().bakedCredential(id, mediaType, urls()),
                "badge-" + id + "-ob3." + extension);
    }

    @GET
    @Path("/issuers/{issuer}/did.json")
    @Operation(summary = "The issuer's did:web DID document with its Multikey verification method (public)")
    public Response didDocument(@PathParam("issuer") String issuer) {
        return fresh(engine.badges().didDocument(issuer, urls()).toString(), OpenBadges3.DID_JSON);
    }

    @GET
    @Path("/issuers/{issuer}/status/revocation")
    @Operation(summary = "The issuer's revocation list: a signed BitstringStatusListCredential (public)")
    public Response statusList(@PathParam("issuer") String issuer) {
        return fresh(engine.badges().statusList(issuer, urls()).toString(), OpenBadges3.VC_JSON_LD);
    }

    /** Only below the configured public URL: 503 {@code badges-public-url-required} without it. */
    private static OpenBadges.Urls urls() {
        return BadgeEngine.hostedUrls();
    }

    /** Verifiers must see a revocation at once, so the status list (and the key) are never cached. */
    private static Response fresh(String body, String type) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body, type + ";charset=UTF-8").cacheControl(noStore)
                .header("Access-Control-Allow-Origin", "*").build();
    }
}
