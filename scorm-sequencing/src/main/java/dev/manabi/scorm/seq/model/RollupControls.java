package dev.manabi.scorm.seq.model;

/**
 * How an activity takes part in its parent's rollup (SN 3.6.4 rollup controls; SN 3.7 / {@code adlseq}
 * rollup considerations).
 *
 * @param rollupObjectiveSatisfied     contributes to the parent's objective rollup (default true)
 * @param rollupProgressCompletion     contributes to the parent's progress rollup (default true)
 * @param objectiveMeasureWeight       weight in the parent's measure rollup, 0..1 (default 1)
 * @param requiredForSatisfied         adlseq consideration for the satisfied action (default always)
 * @param requiredForNotSatisfied      for not satisfied
 * @param requiredForCompleted         for completed
 * @param requiredForIncomplete        for incomplete
 * @param measureSatisfactionIfActive  an active activity's measure may decide its satisfaction (default true)
 */
public record RollupControls(boolean rollupObjectiveSatisfied, boolean rollupProgressCompletion,
                             double objectiveMeasureWeight, RollupConsideration requiredForSatisfied,
                             RollupConsideration requiredForNotSatisfied, RollupConsideration requiredForCompleted,
                             RollupConsideration requiredForIncomplete, boolean measureSatisfactionIfActive) {

    public static final RollupControls DEFAULT = new RollupControls(true, true, 1.0, RollupConsideration.ALWAYS,
            RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true);

    /** The consideration that governs a rollup action. */
    public RollupConsideration requiredFor(RollupAction action) {
        return switch (action) {
            case SATISFIED -> requiredForSatisfied;
            case NOT_SATISFIED -> requiredForNotSatisfied;
            case COMPLETED -> requiredForCompleted;
            case INCOMPLETE -> requiredForIncomplete;
        };
    }
}
