package dev.manabi.quiz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One learner's attempt at one quiz version, as stored. Responses and checked questions only change while the attempt
 * is open; a submitted attempt is final.
 *
 * @param courseId    the course the attempt was taken in; empty string outside any course (author preview)
 * @param questionIds the questions drawn for this attempt, in the order the learner sees them
 * @param checked     questions already checked under the after-each feedback policy; their responses are locked
 * @param result      per-question points once submitted ({@code {"questions": [{"id","points","max"}]}})
 */
record Attempt(String id, String tenantId, String learnerId, String quizId, int version, String courseId, int number,
               long seed, List<String> questionIds, ObjectNode responses, Set<String> checked, Status status,
               Instant startedAt, Instant deadline, Instant submittedAt, boolean timedOut, Score score, Boolean passed,
               ObjectNode result) {

    enum Status { OPEN, SUBMITTED }

    boolean open() {
        return status == Status.OPEN;
    }

    /** Past the deadline plus grace: responses arriving now are no longer accepted. */
    boolean expired(Instant now) {
        return deadline != null && now.isAfter(deadline.plus(QuizService.GRACE));
    }

    String courseOrNull() {
        return courseId.isEmpty() ? null : courseId;
    }
}
