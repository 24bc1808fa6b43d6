package dev.manabi.scorm.seq.model;

/**
 * 4th Edition {@code adlcp:completionThreshold} as the sequencer uses it (SN 4th Ed. 3.14 completion threshold).
 *
 * @param completedByMeasure completion is decided by the progress measure (default false)
 * @param minProgressMeasure completed when the measure reaches it (default 1.0)
 * @param progressWeight     weight in the parent's completion measure rollup (default 1.0)
 */
public record CompletionThreshold(boolean completedByMeasure, double minProgressMeasure, double progressWeight) {

    public static final CompletionThreshold DEFAULT = new CompletionThreshold(false, 1.0, 1.0);
}
