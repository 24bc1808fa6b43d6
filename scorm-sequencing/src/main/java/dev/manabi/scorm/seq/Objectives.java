package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.state.ActivityState;
import dev.manabi.scorm.seq.state.ObjectiveState;

/**
 * Reading and writing objective and attempt information through objective maps (SN 3.10.2 and 4.2.1.1; 4th Edition
 * adlseq:mapInfo for completion, progress measure and scores). Reads: a map with a read flag whose global objective
 * has the value known wins over the local value. Writes: the local value, and every map with the write flag gets it
 * too. Unknown values are never written to a global objective, so one activity's fresh attempt does not erase what
 * another activity learned.
 */
final class Objectives {
    /** What a read sees of information that does not count: nothing known. Never written. */
    private static final ObjectiveState UNKNOWN = new ObjectiveState();

    private final Context ctx;
    /**
     * Null for plain reads; for {@link #inRollupOf(ActivityDefinition)}, the cluster whose rollup reads its
     * children through this view.
     */
    private final ActivityDefinition rollupParent;

    Objectives(Context ctx) {
        this(ctx, null);
    }

    private Objectives(Context ctx, ActivityDefinition rollupParent) {
        this.ctx = ctx;
        this.rollupParent = rollupParent;
    }

    /**
     * The children of {@code parent} as its rollup sees them (SN 3.2.1 control modes Use Current Attempt Objective
     * Information / Use Current Attempt Progress Information, both true by default): a child's own objective (resp.
     * attempt progress) information counts only if it was recorded during the parent's current attempt, else it
     * reads as unknown. Values read through global objective maps always count: they belong to the learner, not to
     * an attempt. Writes through a view are as through this.
     */
    Objectives inRollupOf(ActivityDefinition parent) {
        return new Objectives(ctx, parent);
    }

    private ObjectiveState local(ActivityDefinition a, ObjectiveDefinition o) {
        return ctx.st(a).objective(o.key());
    }

    /** The local objective as a read sees it: {@link #UNKNOWN} when it does not count for the rollup parent. */
    private ObjectiveState localRead(ActivityDefinition a, ObjectiveDefinition o) {
        return countsForRollup(a, true) ? local(a, o) : UNKNOWN;
    }

    /** The activity's attempt progress information, if it counts for the rollup parent; else null. */
    private ActivityState attemptRead(ActivityDefinition a) {
        return countsForRollup(a, false) ? ctx.st(a) : null;
    }

    private boolean countsForRollup(ActivityDefinition child, boolean objective) {
        if (rollupParent == null) {
            return true;
        }
        var mode = rollupParent.sequencing().controlMode();
        if (objective ? !mode.useCurrentAttemptObjectiveInfo() : !mode.useCurrentAttemptProgressInfo()) {
            return true; // previous attempts' information keeps counting
        }
        ActivityState s = ctx.st(child);
        int recorded = objective ? s.objectiveRecordedInParentAttempt : s.progressRecordedInParentAttempt;
        return recorded == 0 || recorded == ctx.st(rollupParent).attemptCount;
    }

    /** Notes in which of its parent's attempts the activity's objective or attempt progress information is set. */
    private void recorded(ActivityDefinition a, boolean objective) {
        ActivityDefinition parent = ctx.parent(a);
        int parentAttempt = parent == null ? 0 : ctx.st(parent).attemptCount;
        if (objective) {
            ctx.st(a).objectiveRecordedInParentAttempt = parentAttempt;
        } else {
            ctx.st(a).progressRecordedInParentAttempt = parentAttempt;
        }
    }

    private ObjectiveState readGlobal(ObjectiveDefinition o, java.util.function.Predicate<ObjectiveMap> flag,
                                      java.util.function.Predicate<ObjectiveState> known) {
        for (ObjectiveMap m : o.maps()) {
            if (flag.test(m)) {
                ObjectiveState g = ctx.globals.find(m.targetObjectiveId());
                if (g != null && known.test(g)) {
                    return g;
                }
            }
        }
        return null;
    }

    /**
     * A global objective about to be written, noted in the context so the overall rollup also rolls up the
     * activities that read it ({@link Rollup#overall}).
     */
    private ObjectiveState written(String target) {
        ctx.writtenGlobals.add(target);
        return ctx.globals.get(target);
    }

    // --- satisfied status -------------------------------------------------------------------------------------

    boolean satisfiedKnown(ActivityDefinition a, ObjectiveDefinition o) {
        if (o.satisfiedByMeasure()) {
            return satisfiedByMeasure(a, o) != null;
        }
        return readGlobal(o, ObjectiveMap::readSatisfiedStatus, g -> g.progressStatus) != null
                || localRead(a, o).progressStatus;
    }

    boolean satisfied(ActivityDefinition a, ObjectiveDefinition o) {
        if (o.satisfiedByMeasure()) {
            return Boolean.TRUE.equals(satisfiedByMeasure(a, o));
        }
        ObjectiveState g = readGlobal(o, ObjectiveMap::readSatisfiedStatus, s -> s.progressStatus);
        ObjectiveState l = localRead(a, o);
        return g != null ? g.satisfiedStatus : l.progressStatus && l.satisfiedStatus;
    }

    /**
     * An objective satisfied by measure: its measure (its own or read through a map) against its minimum
     * normalized measure, "in place of any other method" (SN 3.10.1 Objective Satisfied by Measure; RB.1.2 a), so a
     * satisfied status read through a map or set by content does not override it. Unknown without a measure, and
     * while the activity is active if its {@code measureSatisfactionIfActive} is false (4th Ed.).
     */
    private Boolean satisfiedByMeasure(ActivityDefinition a, ObjectiveDefinition o) {
        if (!measureKnown(a, o)) {
            return null;
        }
        if (ctx.st(a).active && !a.sequencing().rollupControls().measureSatisfactionIfActive()) {
            return null;
        }
        return measure(a, o) >= o.minNormalizedMeasure();
    }

    /** Sets the objective's satisfied status; null makes it unknown (locally only). */
    void setSatisfied(ActivityDefinition a, ObjectiveDefinition o, Boolean value) {
        ObjectiveState l = local(a, o);
        recorded(a, true);
        l.progressStatus = value != null;
        l.satisfiedStatus = value != null && value;
        if (value != null) {
            for (ObjectiveMap m : o.maps()) {
                if (m.writeSatisfiedStatus()) {
                    ObjectiveState g = written(m.targetObjectiveId());
                    g.progressStatus = true;
                    g.satisfiedStatus = value;
                }
            }
        }
    }

    /**
     * The SCO explicitly set a non-primary objective's success status to {@code unknown}
     * ({@code cmi.objectives.n.success_status}): that is shared too, through every map that writes the satisfied
     * status (ADL conformance package OB-17a, script step Act3V1 reads "unknown" after activity_2 set it). Unknown
     * values the sequencer itself makes (a new attempt) are still never written.
     */
    void writeUnknownSatisfied(ObjectiveDefinition o) {
        for (ObjectiveMap m : o.maps()) {
            if (m.writeSatisfiedStatus()) {
                ObjectiveState g = written(m.targetObjectiveId());
                g.progressStatus = false;
                g.satisfiedStatus = false;
            }
        }
    }

    // --- normalized measure -----------------------------------------------------------------------------------

    boolean measureKnown(ActivityDefinition a, ObjectiveDefinition o) {
        return readGlobal(o, ObjectiveMap::readNormalizedMeasure, g -> g.measureStatus) != null
                || localRead(a, o).measureStatus;
    }

    double measure(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readNormalizedMeasure, s -> s.measureStatus);
        return g != null ? g.normalizedMeasure : localRead(a, o).normalizedMeasure;
    }

    void setMeasure(ActivityDefinition a, ObjectiveDefinition o, Double value) {
        ObjectiveState l = local(a, o);
        recorded(a, true);
        l.measureStatus = value != null;
        l.normalizedMeasure = value == null ? 0 : value;
        if (value != null) {
            for (ObjectiveMap m : o.maps()) {
                if (m.writeNormalizedMeasure()) {
                    ObjectiveState g = written(m.targetObjectiveId());
                    g.measureStatus = true;
                    g.normalizedMeasure = value;
                }
            }
        }
    }

    // --- 4th Edition: raw/min/max scores of an objective ------------------------------------------------------

    void setScores(ActivityDefinition a, ObjectiveDefinition o, Double raw, Double min, Double max) {
        ObjectiveState l = local(a, o);
        l.rawScore = raw;
        l.minScore = min;
        l.maxScore = max;
        for (ObjectiveMap m : o.maps()) {
            if (m.writeRawScore() && raw != null) {
                written(m.targetObjectiveId()).rawScore = raw;
            }
            if (m.writeMinScore() && min != null) {
                written(m.targetObjectiveId()).minScore = min;
            }
            if (m.writeMaxScore() && max != null) {
                written(m.targetObjectiveId()).maxScore = max;
            }
        }
    }

    Double rawScore(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readRawScore, s -> s.rawScore != null);
        return g != null ? g.rawScore : local(a, o).rawScore;
    }

    Double minScore(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readMinScore, s -> s.minScore != null);
        return g != null ? g.minScore : local(a, o).minScore;
    }

    Double maxScore(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readMaxScore, s -> s.maxScore != null);
        return g != null ? g.maxScore : local(a, o).maxScore;
    }

    // --- 4th Edition: completion status and progress measure of a non-primary objective ----------------------

    /**
     * A non-primary objective's completion status ({@code cmi.objectives.n.completion_status}, shared through
     * {@code adlseq:mapInfo} read/writeCompletionStatus, SN 4th Ed. 4.2.1.1 and CAM 5.1.3.2): the global value when a
     * map reads it and it is known, else the local one; null when unknown. (The primary objective's completion is
     * the activity's attempt completion: {@link #completed}.)
     */
    Boolean objectiveCompletion(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readCompletionStatus, s -> s.completionStatusKnown);
        ObjectiveState s = g != null ? g : local(a, o);
        return s.completionStatusKnown ? s.completed : null;
    }

    /**
     * Records what the SCO set as the objective's completion status (RTE vocabulary; null: not set). Unlike the
     * values the sequencer itself clears (a new attempt, which never writes), a status the SCO explicitly set to
     * {@code unknown} is written as unknown through the maps that write completion: the content said so (ADL
     * conformance package SX-11b, script step Act2V2, reads "unknown" after another activity set it).
     */
    void setObjectiveCompletion(ActivityDefinition a, ObjectiveDefinition o, String status) {
        Boolean value = status == null ? null : switch (status) {
            case "completed" -> true;
            case "incomplete", "not attempted" -> false;
            default -> null;
        };
        ObjectiveState l = local(a, o);
        l.completionStatusKnown = value != null;
        l.completed = value != null && value;
        if (status == null) {
            return;
        }
        for (ObjectiveMap m : o.maps()) {
            if (m.writeCompletionStatus()) {
                ObjectiveState g = written(m.targetObjectiveId());
                g.completionStatusKnown = value != null;
                g.completed = value != null && value;
            }
        }
    }

    /** A non-primary objective's progress measure ({@code cmi.objectives.n.progress_measure}), or null. */
    Double objectiveProgress(ActivityDefinition a, ObjectiveDefinition o) {
        ObjectiveState g = readGlobal(o, ObjectiveMap::readProgressMeasure, s -> s.progressMeasure != null);
        return g != null ? g.progressMeasure : local(a, o).progressMeasure;
    }

    void setObjectiveProgress(ActivityDefinition a, ObjectiveDefinition o, Double value) {
        local(a, o).progressMeasure = value;
        if (value != null) {
            for (ObjectiveMap m : o.maps()) {
                if (m.writeProgressMeasure()) {
                    written(m.targetObjectiveId()).progressMeasure = value;
                }
            }
        }
    }

    // --- attempt completion and progress measure (4th Edition: shared through the primary objective's maps) ---

    boolean completionKnown(ActivityDefinition a) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        ActivityState s = attemptRead(a);
        return readGlobal(p, ObjectiveMap::readCompletionStatus, g -> g.completionStatusKnown) != null
                || (s != null && s.attemptProgressStatus);
    }

    boolean completed(ActivityDefinition a) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        ObjectiveState g = readGlobal(p, ObjectiveMap::readCompletionStatus, s -> s.completionStatusKnown);
        ActivityState s = attemptRead(a);
        return g != null ? g.completed : s != null && s.attemptProgressStatus && s.attemptCompletionStatus;
    }

    void setCompletion(ActivityDefinition a, Boolean value) {
        ActivityState s = ctx.st(a);
        recorded(a, false);
        s.attemptProgressStatus = value != null;
        s.attemptCompletionStatus = value != null && value;
        if (value != null) {
            for (ObjectiveMap m : a.sequencing().primaryObjective().maps()) {
                if (m.writeCompletionStatus()) {
                    ObjectiveState g = written(m.targetObjectiveId());
                    g.completionStatusKnown = true;
                    g.completed = value;
                }
            }
        }
    }

    boolean progressMeasureKnown(ActivityDefinition a) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        ActivityState s = attemptRead(a);
        return readGlobal(p, ObjectiveMap::readProgressMeasure, g -> g.progressMeasure != null) != null
                || (s != null && s.attemptCompletionAmountStatus);
    }

    double progressMeasure(ActivityDefinition a) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        ObjectiveState g = readGlobal(p, ObjectiveMap::readProgressMeasure, s -> s.progressMeasure != null);
        ActivityState s = attemptRead(a);
        return g != null ? g.progressMeasure : s == null ? 0 : s.attemptCompletionAmount;
    }

    void setProgressMeasure(ActivityDefinition a, Double value) {
        ActivityState s = ctx.st(a);
        recorded(a, false);
        s.attemptCompletionAmountStatus = value != null;
        s.attemptCompletionAmount = value == null ? 0 : value;
        if (value != null) {
            for (ObjectiveMap m : a.sequencing().primaryObjective().maps()) {
                if (m.writeProgressMeasure()) {
                    written(m.targetObjectiveId()).progressMeasure = value;
                }
            }
        }
    }
}
