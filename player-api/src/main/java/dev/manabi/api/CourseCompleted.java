package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: a learner completed a course under its completion rules. Fired once when the course first completes,
 * and once more, with {@code passed} true, if a course completed without passing is passed later (e.g. a retaken
 * chapter test lifts the total over the pass mark), so observers awarding badges for passing never miss a learner.
 *
 * @param passed whether the course's pass rule holds (e.g. "all chapter tests total at least 70 points")
 * @param score  the score the pass rule measured (points or percent as the rule declares), or null
 */
public record CourseCompleted(LearnerContext learner, String courseId, boolean passed, Double score, Instant at) {
}
