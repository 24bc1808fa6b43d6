package dev.manabi.quiz;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON the quiz API answers with. Nothing here ever carries an answer before submission. */
final class Views {

    private Views() {
    }

    /** A quiz as a learner sees it before and between attempts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuizView(String id, int version, String title, String description, String courseId, int questionCount,
                    Map<String, Double> passThreshold, Integer maxAttempts, int attemptsUsed, Integer attemptsLeft,
                    Integer timeLimitSeconds, String feedback, String review, String openAttemptId,
                    List<AttemptSummary> attempts, boolean passed) {
    }

    /** One attempt in lists and reports. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptSummary(String attemptId, String courseId, int number, int version, String status,
                          Instant startedAt, Instant submittedAt, Double score, Double maxScore, Double percent,
                          Boolean passed, boolean timedOut) {

        static AttemptSummary of(Attempt a) {
            Score s = a.score();
            return new AttemptSummary(a.id(), a.courseOrNull(), a.number(), a.version(),
                    a.status().name().toLowerCase(java.util.Locale.ROOT), a.startedAt(), a.submittedAt(),
                    s == null ? null : s.points(), s == null ? null : s.max(), s == null ? null : round(s.percent()),
                    a.passed(), a.timedOut());
        }
    }

    /** An attempt in progress or submitted: the questions (answer-free while open), saved responses, result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptView(String attemptId, String quizId, String courseId, int number, String status, String title,
                       String feedback, Instant startedAt, Instant deadline, Long remainingSeconds,
                       List<ObjectNode> questions, Map<String, JsonNode> responses,
                       Map<String, QuestionOutcome> checked, Result result) {
    }

    /** The outcome of one question: after a check (after-each feedback) or in a result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuestionOutcome(String questionId, double points, double max, String outcome, String feedback,
                           String explanation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(double score, double maxScore, double percent, boolean passed, boolean timedOut,
                  Instant submittedAt, boolean review, Integer attemptsLeft, List<QuestionOutcome> questions) {
    }

    /** What an import answers: the stored version and the course it plays in. */
    record Imported(String quizId, int version, String courseId, boolean courseCreated) {
    }

    /** An institution's results of one quiz. */
    record Report(String quizId, String tenantId, List<ReportRow> rows) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReportRow(String learnerId, String displayName, String courseId, int attempt, int version, String status,
                     Instant startedAt, Instant submittedAt, Double score, Double maxScore, Double percent,
                     Boolean passed, boolean timedOut) {
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
