package dev.manabi.scorm.runtime;

import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The learner's own progress in a course, rolled up from the SCOs of their latest SCORM attempt. */
@Path("/courses/{courseId}/progress")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scorm-runtime")
public class CourseProgressResource {

    @Inject
    CurrentLearner current;

    @Inject
    ScormRuntime runtime;

    @GET
    @Path("/me")
    @Operation(summary = "The caller's progress in the course (latest SCORM attempt)")
    public CourseProgress me(@PathParam("courseId") String courseId) {
        return runtime.progress(current.require(), courseId);
    }
}
