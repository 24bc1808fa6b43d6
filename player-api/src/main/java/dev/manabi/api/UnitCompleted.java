package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: the conditions of one unit of a course (e.g. "video watched and quiz passed") all hold for the first
 * time for this learner.
 */
public record UnitCompleted(LearnerContext learner, String courseId, String unitId, Instant at) {
}
