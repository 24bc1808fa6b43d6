package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: a learner completed a course under its completion rules, for the first time.
 *
 * @param passed whether the course's pass rule holds (e.g. "all chapter tests total at least 70 points")
 * @param score  the score the pass rule measured (points or percent as the rule declares), or null
 */
public record CourseCompleted(LearnerContext learner, String courseId, boolean passed, Double score, Instant at) {
}
