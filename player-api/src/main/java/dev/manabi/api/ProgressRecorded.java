package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event fired after a learner's progress on one part of a course is stored (a SCO, a quiz, a video topic...).
 * Completion rules, badges and xAPI forwarding observe it.
 *
 * @param learner  who
 * @param courseId the course the part belongs to
 * @param fact     the stored state of that part
 * @param at       when it was stored
 */
public record ProgressRecorded(LearnerContext learner, String courseId, ProgressFact fact, Instant at) {
}
