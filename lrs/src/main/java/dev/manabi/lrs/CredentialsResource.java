package dev.manabi.lrs;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CurrentLearner;
import dev.manabi.xapi.XapiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * LRS credentials for institution admins (their own institution) and the platform admin (any, and the list of
 * all): {@code /manabi/api/lrs/credentials}. The secret is in the answer to the POST only.
 */
@Path("/lrs/credentials")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class CredentialsResource {

    @Inject
    CurrentLearner current;

    @Inject
    LrsCredentials credentials;

    @Inject
    AuditLog audit;

    /** What an admin asks for: a label, read and/or write, and all statements or only the credential's own. */
    public record Request(String label, boolean read, boolean write, boolean allStatements, String tenant) {
    }

    @GET
    @Operation(summary = "LRS credentials of the caller's institution (platform admin: ?tenant=, or all)")
    public List<LrsCredentials.Credential> list(@QueryParam("tenant") String tenant) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        if (tenant == null || tenant.isBlank()) {
            return credentials.list(admin.hasRole(Role.PLATFORM_ADMIN) ? null : admin.tenant().id());
        }
        requireAdministers(admin, tenant);
        return credentials.list(tenant);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an LRS credential (key and secret; the secret is shown once)")
    public LrsCredentials.Issued issue(Request r) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        if (r == null || r.label() == null || r.label().isBlank() || r.label().length() > 200) {
            throw PlayerException.badRequest("invalid-label", "A label of 1-200 characters names the credential");
        }
        String tenant = r.tenant() == null || r.tenant().isBlank() ? admin.tenant().id() : r.tenant();
        requireAdministers(admin, tenant);
        try {
            // README "Personal data": never the secret; written in the issuing transaction.
            return credentials.issue(tenant, r.label().strip(),
                    new LrsCredentials.Scope(r.read(), r.write(), r.allStatements()), admin.tenant().id(),
                    admin.learnerId(), (c, issued) -> audit.record(c, admin, AuditLog.Action.LRS_CREDENTIAL_CREATED,
                            tenant, issued.id(), Map.of("label", r.label().strip(), "read", r.read(),
                                    "write", r.write(), "allStatements", r.allStatements())));
        } catch (XapiException e) {
            throw new PlayerException(e.status(), e.code(), e.getMessage());
        }
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an LRS credential")
    public void revoke(@PathParam("id") String id, @QueryParam("tenant") String tenant) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String t = tenant == null || tenant.isBlank() ? admin.tenant().id() : tenant;
        requireAdministers(admin, t);
        try {
            credentials.revoke(t, id, (c, revoked) -> audit.record(c, admin, AuditLog.Action.LRS_CREDENTIAL_REVOKED,
                    t, revoked, Map.of()));
        } catch (XapiException e) {
            throw PlayerException.notFound("No such credential in this institution");
        }
    }

    private static void requireAdministers(LearnerContext admin, String tenant) {
        if (!admin.mayAdminister(tenant)) {
            throw PlayerException.forbidden("Institution admins manage only their own institution's LRS credentials");
        }
    }
}
