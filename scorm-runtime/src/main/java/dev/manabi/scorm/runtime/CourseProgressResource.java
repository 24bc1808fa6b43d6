package dev.manabi.scorm.runtime;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.Course;
import dev.manabi.core.CurrentLearner;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.pkg.ScormPackage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** One activity (SCO or asset) of the played organization, in tree order. */
    public record ActivityProgress(String id, Map<String, String> title, String completion, String success,
                                   Double scoreScaled) {
    }

    /**
     * @param completion  completed, incomplete, not attempted
     * @param success     passed, failed, unknown
     * @param scoreScaled mean scaled score of the activities that reported one, or null
     * @param totalTime   ISO 8601 duration, the sum of all session times
     */
    public record Progress(String completion, String success, Double scoreScaled, String totalTime,
                           List<ActivityProgress> activities) {
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's progress in the course (latest SCORM attempt)")
    public Progress me(@PathParam("courseId") String courseId) {
        LearnerContext learner = current.require();
        Course course = runtime.visibleCourse(learner, courseId);
        Optional<AttemptRecord> attempt = runtime.latestInCourse(learner, course);
        Map<String, ScoStatus> status = new LinkedHashMap<>();
        Optional<ScormPackage> pkg;
        if (attempt.isPresent()) {
            runtime.scos(attempt.get()).forEach(s -> status.put(s.itemId(), s.status()));
            pkg = Optional.of(runtime.packageOf(attempt.get()));
        } else {
            pkg = course.components().stream().filter(c -> c.kind().equals("scorm")).findFirst()
                    .flatMap(c -> runtime.latestOfLine(c.ref()));
        }
        List<ActivityProgress> activities = new ArrayList<>();
        pkg.ifPresent(p -> new ActivityTree(p).launchables().forEach(a -> {
            ScoStatus s = status.getOrDefault(a.id(), ScoStatus.NOT_ATTEMPTED);
            activities.add(new ActivityProgress(a.id(), a.title().values(), s.completion(), s.success(),
                    s.scoreScaled()));
        }));
        ScoStatus total = attempt.map(AttemptRecord::status).orElse(ScoStatus.NOT_ATTEMPTED);
        return new Progress(total.completion(), total.success(), total.scoreScaled(),
                Durations.formatIso(attempt.map(AttemptRecord::totalTimeCs).orElse(0L)), activities);
    }
}
