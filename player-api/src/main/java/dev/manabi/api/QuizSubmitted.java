package dev.manabi.api;

import java.time.Instant;

/**
 * CDI event: a learner submitted a quiz attempt and it was scored on the server.
 *
 * @param courseId the course the quiz was taken in, or null for a quiz taken outside any course
 */
public record QuizSubmitted(LearnerContext learner, String courseId, String quizId, String attemptId, double score,
                            double maxScore, boolean passed, Instant at) {
}
