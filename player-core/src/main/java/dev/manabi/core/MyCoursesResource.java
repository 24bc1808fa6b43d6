package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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

    @Inject
    OfferedLanguages offered;

    @GET
    @Operation(summary = "The caller's courses with status, progress, best score, last activity and the part to resume;"
            + " status=not-started|in-progress|completed, q searches titles in every language, offset/limit page")
    public CourseStandings.Page list(@QueryParam("status") String status, @QueryParam("q") String q,
                                     @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                     @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        LearnerContext learner = current.require();
        String chosen = directory.uiLanguage(learner).orElse(null);
        CourseStandings.PageLanguages pageLanguages = courses -> {
            Map<String, Set<String>> offeredByCourse = offered.of(courses);
            Map<String, String> tags = new HashMap<>();
            courses.forEach(c -> tags.put(c.id(),
                    languages.negotiate(learner, chosen, c, offeredByCourse.get(c.id()), acceptLanguage).tag()));
            return tags;
        };
        return standings.page(learner, pageLanguages, status, q, number(offset, 0), number(limit, 20));
    }

    /** A paging parameter; a malformed one is the same 400 {@code bad-page} as one out of range, not JAX-RS's 404. */
    static int number(String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw CourseStandings.badPage();
        }
    }
}
