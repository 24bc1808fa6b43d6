package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The course list's one call: the caller's standing in every course they may play (README "REST API (core)"). */
@Path("/me/courses")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "learner")
public class MyCoursesResource {

    @Inject
    CurrentLearner current;

    @Inject
    CourseStandings standings;

    @Inject
    UiLanguages languages;

    @Inject
    LearnerDirectory directory;

    @GET
    @Operation(summary = "The caller's courses with status, progress, best score, last activity and the part to resume;"
            + " status=not-started|in-progress|completed, q searches titles in every language, offset/limit page")
    public CourseStandings.Page list(@QueryParam("status") String status, @QueryParam("q") String q,
                                     @QueryParam("offset") @DefaultValue("0") int offset,
                                     @QueryParam("limit") @DefaultValue("20") int limit,
                                     @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        LearnerContext learner = current.require();
        String chosen = directory.uiLanguage(learner).orElse(null);
        return standings.page(learner, course -> languages.negotiate(learner, chosen, course, acceptLanguage).tag(),
                status, q, offset, limit);
    }
}
