package dev.manabi.scorm.runtime;

import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.pkg.ScormPackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A learner's progress in a course as the SCORM content reported it: the status rolled up over the latest attempt's
 * activities, and each launchable activity in tree order. The JSON of {@code GET /courses/{id}/progress/me}.
 *
 * @param completion  completed, incomplete, not attempted (or unknown for a delivered SCO that never said)
 * @param success     passed, failed, unknown
 * @param scoreScaled mean scaled score of the activities that reported one, or null
 * @param totalTime   ISO 8601 duration, the sum of all session times of the attempt; unlike a SCO's cmi.total_time it
 *                    does not restart when a SCO attempt does, so it never goes back
 * @param activities  every launchable activity of the played organization, in tree order
 */
public record CourseProgress(String completion, String success, Double scoreScaled, String totalTime,
                             List<Activity> activities) {

    public CourseProgress {
        activities = List.copyOf(activities);
    }

    /** One activity (SCO or asset): its title per language and what it reported. */
    public record Activity(String id, Map<String, String> title, String completion, String success,
                           Double scoreScaled) {
    }

    /** Of the attempt with its SCO records, or of the package the learner would start (nothing attempted yet). */
    static CourseProgress of(Optional<AttemptRecord> attempt, List<ScoRecord> scos, Optional<ScormPackage> pkg) {
        Map<String, ScoStatus> status = new LinkedHashMap<>();
        scos.forEach(s -> status.put(s.itemId(), s.status()));
        List<Activity> activities = new ArrayList<>();
        pkg.ifPresent(p -> new ActivityTree(p).launchables().forEach(a -> {
            ScoStatus s = status.getOrDefault(a.id(), ScoStatus.NOT_ATTEMPTED);
            activities.add(new Activity(a.id(), a.title().values(), s.completion(), s.success(), s.scoreScaled()));
        }));
        ScoStatus total = attempt.map(AttemptRecord::status).orElse(ScoStatus.NOT_ATTEMPTED);
        return new CourseProgress(total.completion(), total.success(), total.scoreScaled(),
                Durations.formatIso(attempt.map(AttemptRecord::totalTimeCs).orElse(0L)), activities);
    }

    /**
     * Of a course without SCORM parts (e.g. a tincan.xml package), from the progress facts its modules record: one
     * activity per course component (id {@code <kind>:<ref>}, the course's title) with its part's fact; completed
     * when every part is, passed when every judged part passed and none failed, the mean scaled score of the parts
     * that report one. Those modules keep no session times, so {@code totalTime} is zero.
     */
    static CourseProgress ofParts(Course course, List<ProgressFact> facts) {
        List<Activity> activities = new ArrayList<>();
        for (Course.Component c : course.components()) {
            Optional<ProgressFact> fact = facts.stream().filter(f -> f.kind().equals(c.kind())
                    && f.ref().equals(c.ref())).findFirst();
            activities.add(new Activity(c.kind() + ":" + c.ref(), course.title().values(),
                    fact.map(f -> f.completed() ? "completed" : "incomplete").orElse("not attempted"),
                    fact.map(ProgressFact::passed).map(p -> p ? "passed" : "failed").orElse("unknown"),
                    fact.flatMap(f -> f.percent().isPresent() ? Optional.of(f.percent().getAsDouble() / 100)
                            : Optional.empty()).orElse(null)));
        }
        boolean all = !activities.isEmpty() && activities.stream().allMatch(a -> a.completion().equals("completed"));
        boolean none = activities.stream().allMatch(a -> a.completion().equals("not attempted"));
        boolean failed = activities.stream().anyMatch(a -> a.success().equals("failed"));
        boolean passed = activities.stream().anyMatch(a -> a.success().equals("passed"));
        double[] scores = activities.stream().filter(a -> a.scoreScaled() != null)
                .mapToDouble(Activity::scoreScaled).toArray();
        return new CourseProgress(all ? "completed" : none ? "not attempted" : "incomplete",
                failed ? "failed" : passed ? "passed" : "unknown",
                scores.length == 0 ? null : java.util.Arrays.stream(scores).average().orElseThrow(),
                Durations.formatIso(0L), activities);
    }
}
