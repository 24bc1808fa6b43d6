package dev.manabi.scorm.seq.state;

/**
 * Objective progress information (SN 4.2.1.1 tracking model), for a local objective of an activity or a global
 * (shared) objective. 4th Edition adds raw/min/max score, completion and progress measure for shared objectives.
 * Plain mutable values: the runtime stores them, the processes change them.
 */
public final class ObjectiveState {
    /** Objective Progress Status: the satisfied status is known. */
    public boolean progressStatus;
    /** Objective Satisfied Status (meaningful when {@link #progressStatus}). */
    public boolean satisfiedStatus;
    /** Objective Measure Status: the normalized measure is known. */
    public boolean measureStatus;
    /** Objective Normalized Measure, -1..1. */
    public double normalizedMeasure;
    /** 4th Edition: raw, min and max score as the SCO reported them (null: unknown). */
    public Double rawScore;
    public Double minScore;
    public Double maxScore;
    /** 4th Edition: completion status known / completed, and progress measure, for shared objectives. */
    public boolean completionStatusKnown;
    public boolean completed;
    public Double progressMeasure;

    public ObjectiveState copy() {
        ObjectiveState c = new ObjectiveState();
        c.progressStatus = progressStatus;
        c.satisfiedStatus = satisfiedStatus;
        c.measureStatus = measureStatus;
        c.normalizedMeasure = normalizedMeasure;
        c.rawScore = rawScore;
        c.minScore = minScore;
        c.maxScore = maxScore;
        c.completionStatusKnown = completionStatusKnown;
        c.completed = completed;
        c.progressMeasure = progressMeasure;
        return c;
    }

    /** SN 4.2.1.1: a new attempt starts with nothing known. */
    public void reset() {
        progressStatus = false;
        satisfiedStatus = false;
        measureStatus = false;
        normalizedMeasure = 0;
        rawScore = null;
        minScore = null;
        maxScore = null;
        completionStatusKnown = false;
        completed = false;
        progressMeasure = null;
    }
}
