package dev.manabi.core;

import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The institutions a platform admin may pick on the admin page (README "Institution administration"): every tenant
 * the player has met. Institution admins administer only their own, so the list is not theirs (403).
 */
@Path("/admin/tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class AdminTenantsResource {

    @Inject
    CurrentLearner current;

    @Inject
    LearnerDirectory directory;

    @GET
    @Operation(summary = "Institutions the player knows, by name (platform admins only)")
    public List<LearnerDirectory.Institution> tenants() {
        current.requireAny(Role.PLATFORM_ADMIN);
        return directory.institutions();
    }
}
