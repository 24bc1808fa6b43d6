package dev.manabi.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Erasure of a member on request (issue 15; README "Personal data"): every module deletes what it holds about the
 * learner, in one transaction, audit-logged under the learner's pseudonym. Institution admins erase their own
 * institution's members; platform admins any tenant's ({@code tenant}, default their own).
 */
@Path("/admin/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class ErasureResource {

    @Inject
    CurrentLearner current;

    @Inject
    PersonalDataRules rules;

    /** Why the member is erased (kept in the audit log; up to 500 characters). */
    public record ErasureRequest(String reason) {
    }

    /**
     * The member's data as {@code GET /me/data} gives it to them, for an admin answering the member's request (an
     * access request made through the institution); audit-logged.
     */
    @GET
    @Path("/{learnerId}/data")
    @Operation(summary = "Download a member's personal data in every module as JSON (404 for another institution's"
            + " member)")
    public Response data(@PathParam("learnerId") String learnerId, @QueryParam("tenant") String tenantId) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String tenant = tenantId == null || tenantId.isBlank() ? admin.tenant().id() : tenantId;
        ObjectNode data = rules.exportMember(admin, tenant, learnerId);
        return Response.ok(data)
                .header("Content-Disposition", "attachment; filename=\"manabi-member-data.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("/{learnerId}/erase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a member's personal data in every module (404 for another institution's member)")
    public PersonalDataRules.Erasure erase(@PathParam("learnerId") String learnerId,
                                           @QueryParam("tenant") String tenantId, ErasureRequest body) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String tenant = tenantId == null || tenantId.isBlank() ? admin.tenant().id() : tenantId;
        return rules.erase(admin, tenant, learnerId, body == null ? null : body.reason());
    }
}
