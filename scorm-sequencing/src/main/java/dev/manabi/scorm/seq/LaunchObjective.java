package dev.manabi.scorm.seq;

/**
 * One {@code cmi.objectives.n} entry a SCO is given at launch (RTE 4.2.17: objectives are initialized from the
 * activity's objectives and the global objectives they read).
 */
public record LaunchObjective(String id, String successStatus, String completionStatus, Double scoreScaled,
                              Double scoreRaw, Double scoreMin, Double scoreMax, Double progressMeasure) {
}
