package dev.manabi.badges;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in side of badges: a learner's own badges, and an institution's awarded badges for its admins. */
@Path("/badges")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "badges")
public class BadgesResource {

    /** The body of a revocation. */
    public record Revocation(String reason) {
    }

    @Inject
    CurrentLearner current;

    @Inject
    BadgeEngine engine;

    @Inject
    AuditLog audit;

    @Context
    UriInfo uri;

    @GET
    @Path("/mine")
    @Operation(summary = "The caller's badges, with links to the hosted assertion and the baked PNG and SVG")
    public List<Badges.MyBadge> mine() {
        return engine.badges().mine(current.require(), BadgeEngine.urls(uri.getBaseUri()));
    }

    @GET
    @Operation(summary = "Badges awarded to members of an institution (its admins; default: the caller's own)")
    public List<Badges.Awarded> awarded(@QueryParam("tenant") String tenant) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        List<Badges.Awarded> awarded = engine.badges().awardedIn(admin, tenant, BadgeEngine.urls(uri.getBaseUri()));
        // A list of members' awards is a read of personal data, audited as a member list is (README "Personal data").
        audit.record(admin, AuditLog.Action.BADGES_LISTED, tenant == null || tenant.isBlank() ? admin.tenant().id()
                : tenant, null, Map.of("badges", awarded.size()));
        return awarded;
    }

    @POST
    @Path("/assertions/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an awarded badge with a reason (admins of the learner's or the issuing institution)")
    public Badges.Awarded revoke(@PathParam("id") String id, Revocation revocation) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        // Audited in the revocation's own transaction (Badges.revoke).
        return engine.badges().revoke(admin, id, revocation == null ? null : revocation.reason(),
                BadgeEngine.urls(uri.getBaseUri()));
    }
}
