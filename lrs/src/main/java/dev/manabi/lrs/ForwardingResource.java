package dev.manabi.lrs;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Forwarding to an institution's external LRSs, {@code /manabi/api/lrs/forwarding}: the same rule as the credentials
 * ({@link CredentialsResource}): institution admins their own institution, the platform admin any ({@code ?tenant=}).
 * Another institution named by {@code ?tenant=} is 403; an endpoint id of another institution is 404, as is one that
 * does not exist, so ids say nothing across institutions. The Basic secret is write-only.
 */
@Path("/lrs/forwarding")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class ForwardingResource {

    @Inject
    CurrentLearner current;

    @Inject
    ForwardingEndpoints endpoints;

    /** Forwarding shares the institution's learning records with another system: every change is audited. */
    @Inject
    AuditLog audit;

    /** Which dead letters to replay: their ids, or none for all. */
    public record Replay(List<Long> ids) {
    }

    @GET
    @Operation(summary = "External LRS endpoints of the caller's institution (platform admin: ?tenant=, or all)")
    public List<ForwardingEndpoints.Endpoint> list(@QueryParam("tenant") String tenant) {
        LearnerContext admin = admin();
        if ((tenant == null || tenant.isBlank()) && admin.hasRole(Role.PLATFORM_ADMIN)) {
            return endpoints.list(null);
        }
        return endpoints.list(tenant(admin, tenant));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an external LRS: URL, Basic key/secret, xAPI version, verb and activity-prefix filters")
    public ForwardingEndpoints.Endpoint create(@QueryParam("tenant") String tenant, ForwardingEndpoints.Settings s) {
        LearnerContext admin = admin();
        return endpoints.create(tenant(admin, tenant), s, admin.tenant().id(), admin.learnerId(),
                (c, created) -> audit.record(c, admin, AuditLog.Action.LRS_FORWARDING_CREATED, created.tenantId(),
                        created.id(), sharing(created)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One external LRS endpoint with its outbox counts")
    public ForwardingEndpoints.Endpoint get(@PathParam("id") String id, @QueryParam("tenant") String tenant) {
        return endpoints.get(tenant(admin(), tenant), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an external LRS endpoint (a blank secret keeps the stored one)")
    public ForwardingEndpoints.Endpoint update(@PathParam("id") String id, @QueryParam("tenant") String tenant,
                                               ForwardingEndpoints.Settings s) {
        LearnerContext admin = admin();
        return endpoints.update(tenant(admin, tenant), id, s, (c, changed) -> audit.record(c, admin,
                AuditLog.Action.LRS_FORWARDING_CHANGED, changed.tenantId(), id, sharing(changed)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an external LRS endpoint with its outbox and dead letters")
    public void delete(@PathParam("id") String id, @QueryParam("tenant") String tenant) {
        LearnerContext admin = admin();
        String t = tenant(admin, tenant);
        endpoints.delete(t, id, (c, deleted) -> audit.record(c, admin, AuditLog.Action.LRS_FORWARDING_DELETED, t,
                deleted, Map.of()));
    }

    @GET
    @Path("/{id}/dead-letters")
    @Operation(summary = "Statements that could not be delivered within the attempt limit")
    public List<ForwardingEndpoints.DeadLetter> deadLetters(@PathParam("id") String id,
                                                            @QueryParam("tenant") String tenant) {
        return endpoints.deadLetters(tenant(admin(), tenant), id);
    }

    @POST
    @Path("/{id}/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send dead letters again (the listed ids, or all)")
    public Map<String, Integer> replay(@PathParam("id") String id, @QueryParam("tenant") String tenant, Replay r) {
        LearnerContext admin = admin();
        String t = tenant(admin, tenant);
        int n = endpoints.replay(t, id, r == null ? null : r.ids(), (c, replayed) -> audit.record(c, admin,
                AuditLog.Action.LRS_FORWARDING_REPLAYED, t, id, Map.of("replayed", replayed)));
        return Map.of("replayed", n);
    }

    /** What the audit entry says about an endpoint: where statements go and which, never the key or secret. */
    private static Map<String, Object> sharing(ForwardingEndpoints.Endpoint e) {
        return Map.of("label", e.label(), "url", e.url(), "enabled", e.enabled(), "verbs", e.verbs(),
                "activityPrefixes", e.activityPrefixes());
    }

    private LearnerContext admin() {
        return current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
    }

    /** The institution the request is about: {@code ?tenant=} when the caller administers it, else their own. */
    private static String tenant(LearnerContext admin, String tenant) {
        String t = tenant == null || tenant.isBlank() ? admin.tenant().id() : tenant;
        if (!admin.mayAdminister(t)) {
            throw PlayerException.forbidden("Institution admins manage only their own institution's forwarding");
        }
        return t;
    }
}
