package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: the conditions of one unit of a course (e.g. "video watched and quiz passed") all hold for the first
 * time for this learner.
 *
 * @param score the learner's best score, in points, in the quiz the unit's conditions name (the sum when they name
 *              several), as it stood when the unit completed; null when no quiz condition applies (e.g. a unit of
 *              videos only)
 */
public record UnitCompleted(LearnerContext learner, String courseId, String unitId, Double score, Instant at) {

    /** A unit completed without a quiz score, as the event was before it carried one. */
    public UnitCompleted(LearnerContext learner, String courseId, String unitId, Instant at) {
        this(learner, courseId, unitId, null, at);
    }
}
