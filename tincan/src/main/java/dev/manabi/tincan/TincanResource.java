package dev.manabi.tincan;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * tincan courses for the signed-in learner: {@code POST /tincan/courses/{courseId}/launch} answers 201
 * {@code {url, registration, activityId, authExpiresAt}}, the launch link of the package's root activity on the
 * content origin ({@link TincanLauncher}).
 */
@Path("/tincan")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tincan")
public class TincanResource {

    @Inject
    CurrentLearner current;

    @Inject
    TincanLauncher launcher;

    @Inject
    ContentOrigin contentOrigin;

    @Context
    HttpServletRequest request;

    /** The launch answer. */
    public record LaunchView(String url, String registration, String activityId, Instant authExpiresAt) {
    }

    @POST
    @Path("/courses/{courseId}/launch")
    @Operation(summary = "Launch a course's tincan package for the signed-in learner (404 unless the course is"
            + " visible)")
    public Response launch(@PathParam("courseId") String courseId) {
        LearnerContext learner = current.require();
        String portalOrigin = ContentOrigin.portalOrigin(request);
        String portalBase = portalOrigin + request.getContextPath();
        TincanLauncher.Launch launch = launcher.launch(learner, courseId, new TincanLauncher.Site() {
            @Override
            public String portalBase() {
                return portalBase;
            }

            @Override
            public String packageBase(String packageId, String registration, String activityId,
                                      String credentialId) {
                String token = contentOrigin.capabilities().issue(ContentCapability.Scope.LEARNER, packageId,
                        learner.tenant().id(), learner.learnerId(), registration, activityId, credentialId,
                        portalOrigin);
                String base = contentOrigin.contentBase(request.getContextPath(), token);
                return base.startsWith("/") ? portalOrigin + base : base;
            }
        });
        return Response.status(201).entity(new LaunchView(launch.url(), launch.registration(), launch.activityId(),
                launch.authExpiresAt())).build();
    }
}
