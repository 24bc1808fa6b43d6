package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RuleAction;
import org.junit.jupiter.api.Test;

/**
 * The control modes Use Current Attempt Objective Information and Use Current Attempt Progress Information (SN 3.2.1,
 * IMS SS {@code controlMode/@useCurrentAttemptObjectiveInfo}, {@code @useCurrentAttemptProgressInfo}, both true by
 * default): a cluster's rollup uses a child's objective (resp. attempt progress) information only if it was recorded
 * during the cluster's current attempt; when false, what earlier attempts recorded keeps counting.
 *
 * <p>The design retried: a course ({@code flow}) that exits when completed and retries while not satisfied, with a
 * lesson (the LMS completes and satisfies it when it ends, UP.4) and a quiz whose status the content sets. The first
 * attempt fails the quiz, so the course is retried and the lesson delivered again.
 */
class CurrentAttemptInfoTest {

    private static Learner course(boolean objectiveInfo, boolean progressInfo) {
        Learner l = new Learner(tree(cluster("course", seq().flow().useCurrentAttempt(objectiveInfo, progressInfo)
                        .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                        .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                leaf("lesson"),
                leaf("quiz", seq().setByContent()))));
        assertThat(l.start()).isEqualTo("lesson");
        assertThat(l.next()).isEqualTo("quiz");
        l.report("completed", "failed", 0.2);
        assertThat(l.next()).as("completed, not satisfied: exit and retry").isEqualTo("lesson");
        assertThat(l.state.activity("course").attemptCount).isEqualTo(2);
        return l;
    }

    @Test
    void a_retried_cluster_does_not_count_the_quiz_failed_in_its_previous_attempt() {
        Learner l = course(true, true);
        assertThat(l.state.activity("quiz").objective("").progressStatus)
                .as("the quiz's own record is kept: only its parent's rollup ignores it").isTrue();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).as("the quiz's failure is the first attempt's").isNull();
        assertThat(l.sequencer.courseStatus().scaledScore()).as("only the lesson counts, and it has no score")
                .isNull();
    }

    @Test
    void without_current_attempt_objective_info_the_previous_failure_keeps_counting() {
        Learner l = course(false, true);
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        assertThat(l.sequencer.courseStatus().scaledScore()).as("the mean of the lesson (unknown) and the quiz")
                .isEqualTo(0.1);
    }

    @Test
    void a_retried_cluster_does_not_count_the_quiz_completed_in_its_previous_attempt() {
        Learner l = course(true, true);
        assertThat(l.next()).as("the course is not completed yet: the quiz comes again").isEqualTo("quiz");
        l.report("completed", "passed", 0.9);
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus()).isEqualTo(new CourseStatus(true, true, 0.45, null));
    }

    @Test
    void without_current_attempt_progress_info_the_previous_completion_ends_the_course_early() {
        Learner l = course(true, false);
        Outcome o = l.nav(Type.CONTINUE);
        assertThat(o.kind()).as("the quiz's old completion completes the course: exit; satisfaction unknown: no retry")
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.sequencer.courseStatus().satisfied()).isNull();
    }

    @Test
    void information_recorded_in_the_current_attempt_counts_whatever_the_control_modes() {
        Learner l = course(true, true);
        l.next();
        l.report("completed", "failed", 0.3);
        assertThat(l.sequencer.courseStatus().satisfied()).as("the second failure is this attempt's").isFalse();
    }

    @Test
    void the_attempt_each_record_belongs_to_survives_a_reload() {
        Learner l = course(true, true);
        assertThat(l.state.activity("quiz").objectiveRecordedInParentAttempt).isEqualTo(1);
        assertThat(l.state.activity("lesson").progressRecordedInParentAttempt).isEqualTo(2);
        l.reload();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isNull();
    }

    /**
     * A retry rule reading a cluster's objective after the cluster's retry. The module (exit when completed, retry
     * when not satisfied, default rollup rules) holds two quizzes; the second allows one attempt and is skipped
     * afterwards. First attempt: q1 passed, q2 failed, so the module is completed and not satisfied: exit, retry.
     * Second attempt: q1 passed again, q2 skipped. With {@code useCurrentAttemptProgressInfo="false"} q2's old
     * completion keeps the module completed, so its exit rule fires and its retry rule reads the module's
     * objective: with {@code useCurrentAttemptObjectiveInfo} true (the default) q2's failure belongs to the first
     * attempt, the module's status is unknown, "not satisfied" is unknown and the course goes on; with false the
     * failure still counts and the module is retried a third time.
     */
    private static Learner retriedModule(boolean objectiveInfo, boolean progressInfo) {
        Learner l = new Learner(tree(cluster("course", seq().flow(),
                cluster("module", seq().flow().useCurrentAttempt(objectiveInfo, progressInfo)
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                        leaf("q1", seq().setByContent()),
                        leaf("q2", seq().setByContent().attemptLimit(1)
                                .pre(RuleAction.SKIP, cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED)))),
                leaf("end"))));
        assertThat(l.start()).isEqualTo("q1");
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("q2");
        l.report("completed", "failed");
        assertThat(l.next()).as("completed, not satisfied: the module is retried").isEqualTo("q1");
        assertThat(l.state.activity("module").attemptCount).isEqualTo(2);
        l.report("completed", "passed");
        return l;
    }

    @Test
    void after_a_retry_the_retry_rule_reads_only_the_current_attempt_s_objective_information() {
        Learner l = retriedModule(true, false);
        assertThat(l.next()).as("q2 skipped; the module exits, its status is unknown: no retry").isEqualTo("end");
        assertThat(l.state.activity("module").attemptCount).isEqualTo(2);
        assertThat(l.state.activity("module").objective("").progressStatus).isFalse();
    }

    @Test
    void after_a_retry_without_current_attempt_objective_info_the_old_failure_retries_again() {
        Learner l = retriedModule(false, false);
        assertThat(l.next()).as("q2's failure still counts: retried again").isEqualTo("q1");
        assertThat(l.state.activity("module").attemptCount).isEqualTo(3);
    }

    @Test
    void after_a_retry_with_current_attempt_progress_info_the_exit_rule_does_not_fire() {
        Learner l = retriedModule(false, true);
        assertThat(l.next()).as("q2's old completion does not count: the module is not completed, no exit and"
                + " so no retry rule; flow goes on past the skipped q2").isEqualTo("end");
        assertThat(l.state.activity("module").attemptCount).isEqualTo(2);
    }
}
