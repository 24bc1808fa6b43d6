package dev.manabi.core;

import dev.manabi.api.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention job on demand (platform admins); it also runs daily on its own (README "Personal data"). */
@Path("/admin/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class RetentionResource {

    @Inject
    CurrentLearner current;

    @Inject
    PersonalDataRules rules;

    @POST
    @Path("/run")
    @Operation(summary = "Run the personal-data retention job now; answers what it did")
    public PersonalDataRules.RetentionRun run() {
        return rules.run(current.requireAny(Role.PLATFORM_ADMIN));
    }
}
