package dev.manabi.scorm.seq;

import java.time.Duration;
import java.util.List;

/**
 * What a SCO reported through the SCORM 2004 RTE data model, as the sequencer needs it (SN 4th Ed. 4.2.1 / RTE
 * 4.2: mapping of {@code cmi.*} to the tracking model). Values use the RTE vocabulary; null means "not set".
 *
 * @param completionStatus {@code cmi.completion_status}: completed, incomplete, not attempted, unknown
 * @param successStatus    {@code cmi.success_status}: passed, failed, unknown
 * @param scoreScaled      {@code cmi.score.scaled}
 * @param scoreRaw         {@code cmi.score.raw}
 * @param scoreMin         {@code cmi.score.min}
 * @param scoreMax         {@code cmi.score.max}
 * @param progressMeasure  {@code cmi.progress_measure}
 * @param sessionTime      {@code cmi.session_time}, or null
 * @param objectives       {@code cmi.objectives.n.*}
 */
public record RteResults(String completionStatus, String successStatus, Double scoreScaled, Double scoreRaw,
                         Double scoreMin, Double scoreMax, Double progressMeasure, Duration sessionTime,
                         List<Objective> objectives) {

    public RteResults {
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }

    /** One {@code cmi.objectives.n} entry. */
    public record Objective(String id, String successStatus, String completionStatus, Double scoreScaled,
                            Double scoreRaw, Double scoreMin, Double scoreMax, Double progressMeasure) {
    }
}
