package dev.manabi.rules;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The xAPI statements of completion rules, written in the transaction that records the award (so they exist exactly
 * when the award does, once): a unit {@code completed} (activity {@code urn:manabi:course/<course>/unit/<unit>},
 * type module, its parent the course; score: the points its conditions give, e.g. its quizzes' best scores), the course
 * {@code completed}, and {@code passed} / {@code failed} when the course rule has a pass condition (a later pass of a
 * failed course adds {@code passed}).
 *
 * <p>A course has no attempts: the registration of these statements is one UUID per learner and course, derived
 * from tenant, learner and course ids (stable, needs no column).
 */
final class CompletionStatements {

    private CompletionStatements() {
    }

    /** Writes statements with an emitter. */
    @FunctionalInterface
    interface Write {
        void to(StatementOutbox.Emitter e) throws SQLException;
    }

    static UUID courseRegistration(LearnerContext learner, String courseId) {
        return LearnerStatement.registration("course-rules\n" + learner.tenant().id() + "\n" + learner.learnerId()
                + "\n" + courseId);
    }

    static String unitActivity(String courseId, String unitId) {
        return LearnerStatement.activityId("course", courseId, "unit", unitId);
    }

    static void unitCompleted(StatementOutbox.Emitter e, LearnerContext learner, String courseId, String unitId,
                              Double score) throws SQLException {
        LearnerStatement s = e.statement(Verb.COMPLETED, courseRegistration(learner, courseId), courseId);
        s.activity(unitActivity(courseId, unitId), LearnerStatement.MODULE_TYPE, unitId);
        s.contextActivity("parent", LearnerStatement.courseActivity(courseId), LearnerStatement.COURSE_TYPE);
        s.result().put("completion", true);
        if (score != null) {
            s.score(score, null);
        }
        e.append(s);
    }

    /**
     * {@code first}: the course award is new (completed, and passed/failed when {@code judged}); else a failed
     * course was passed now (passed only).
     */
    static void courseAwarded(StatementOutbox.Emitter e, LearnerContext learner, String courseId, boolean first,
                              boolean judged, boolean passed, Double score) throws SQLException {
        UUID registration = courseRegistration(learner, courseId);
        if (first) {
            LearnerStatement s = e.statement(Verb.COMPLETED, registration, courseId);
            s.activity(LearnerStatement.courseActivity(courseId), LearnerStatement.COURSE_TYPE, null);
            s.result().put("completion", true);
            e.append(s);
        }
        if (judged) {
            LearnerStatement s = e.statement(passed ? Verb.PASSED : Verb.FAILED, registration, courseId);
            s.activity(LearnerStatement.courseActivity(courseId), LearnerStatement.COURSE_TYPE, null);
            s.result().put("success", passed);
            s.result().put("completion", true);
            if (score != null) {
                s.score(score, null);
            }
            e.append(s);
        }
    }
}
