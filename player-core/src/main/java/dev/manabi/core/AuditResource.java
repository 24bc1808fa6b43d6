package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log of admin actions: institution admins read their institution's entries (done by its admins or
 * concerning it), platform admins every tenant's or one {@code tenant}'s.
 */
@Path("/admin/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class AuditResource {

    @Inject
    CurrentLearner current;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Audit log of admin actions, newest first (from/to: ISO-8601 instants, to exclusive; action: one action code)")
    public AuditLog.Page entries(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size,
                                 @QueryParam("tenant") String tenantId,
                                 @QueryParam("action") String action) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String tenant;
        if (admin.hasRole(Role.PLATFORM_ADMIN)) {
            tenant = tenantId == null || tenantId.isBlank() ? null : tenantId;
        } else {
            tenant = admin.tenant().id();
            if (tenantId != null && !tenantId.isBlank() && !tenantId.equals(tenant)) {
                throw PlayerException.forbidden("Institution admins see only their own institution's audit log");
            }
        }
        AuditLog.Page entries = audit.entries(tenant, action == null || action.isBlank() ? null : action,
                instant("from", from), instant("to", to), page, size);
        // Reading the log is itself logged: it names who did what to whom (README "Personal data"). Once per
        // admin, filter and hour (AuditLog.recordRead): paging and the page's reloads are the same look.
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("page", page);
        detail.put("size", size);
        detail.put("from", from == null ? "" : from);
        detail.put("to", to == null ? "" : to);
        detail.put("action", action == null ? "" : action);
        audit.recordRead(admin, tenant, "action=" + detail.get("action") + " from=" + detail.get("from") + " to="
                + detail.get("to"), detail);
        return entries;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw PlayerException.badRequest("bad-instant", name + " must be an ISO-8601 instant such as"
                    + " 2026-12-01T00:00:00Z");
        }
    }
}
