package dev.manabi.api;

import java.time.Instant;

/** CDI event: a submitted quiz attempt reached the quiz's pass threshold. Fired after {@link QuizSubmitted}. */
public record QuizPassed(LearnerContext learner, String courseId, String quizId, String attemptId, double score,
                         double maxScore, Instant at) {
}
