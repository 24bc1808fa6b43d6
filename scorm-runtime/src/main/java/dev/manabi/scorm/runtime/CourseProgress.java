package dev.manabi.scorm.runtime;

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
}
