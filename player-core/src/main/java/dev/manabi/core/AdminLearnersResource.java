package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Institution admins list their own members; only a platform admin may name another tenant. */
@Path("/admin/learners")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class AdminLearnersResource {

    @Inject
    CurrentLearner current;

    @Inject
    LearnerDirectory directory;

    @Inject
    AuditLog audit;

    public record MemberList(String tenantId, List<LearnerDirectory.Member> learners) {
    }

    @GET
    @Operation(summary = "Learners of a tenant (default: the caller's own)")
    public MemberList learners(@QueryParam("tenant") String tenantId) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String tenant = tenantId == null || tenantId.isBlank() ? admin.tenant().id() : tenantId;
        if (!admin.mayAdminister(tenant)) {
            throw PlayerException.forbidden("Institution admins see only their own institution's learners");
        }
        List<LearnerDirectory.Member> members = directory.members(tenant);
        audit.record(admin, AuditLog.Action.MEMBERS_LISTED, tenant, null, Map.of("members", members.size()));
        return new MemberList(tenant, members);
    }
}
