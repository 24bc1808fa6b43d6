package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.not;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RuleAction;
import org.junit.jupiter.api.Test;

/** TB.2.3 with exit rules (TB.2.1), post-condition rules (TB.2.2), UP.3 and UP.4; suspend and resume all. */
class TerminationTest {

    @Test
    void end_attempt_marks_a_leaf_completed_and_satisfied_unless_the_content_sets_them() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("lms"), leaf("content", seq()
                .setByContent()))));
        l.start();
        l.next();
        assertThat(l.state.activity("lms").attemptCompletionStatus).isTrue();
        assertThat(l.state.activity("lms").objective("").satisfiedStatus).isTrue();
        l.nav(Type.EXIT);
        assertThat(l.state.activity("content").attemptProgressStatus).as("set by content: unknown").isFalse();
        assertThat(l.sequencer.courseStatus().completed()).isNull();
    }

    @Test
    void post_condition_retry_restarts_a_failed_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("test", seq().setByContent().post(RuleAction.RETRY, not(ConditionType.SATISFIED))),
                leaf("after"))));
        l.start();
        l.report("completed", "failed");
        Outcome o = l.nav(Type.CONTINUE);
        assertThat(o.deliver()).isEqualTo("test");
        assertThat(l.state.activity("test").attemptCount).isEqualTo(2);
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("after");
    }

    @Test
    void exit_parent_and_continue_leave_a_cluster_early() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().post(RuleAction.CONTINUE, cond(ConditionType.ALWAYS)),
                        leaf("m1", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS))), leaf("m2")),
                leaf("z"))));
        l.start();
        // m1's exitParent ends m, whose post-condition continue flows on past m2.
        assertThat(l.nav(Type.CONTINUE).deliver()).isEqualTo("z");
        assertThat(l.state.activity("m").active).isFalse();
        assertThat(l.state.activity("m2").attemptCount).isZero();
    }

    @Test
    void exit_action_rules_end_the_ancestor_whose_rule_fires() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .rollupRule(ChildActivitySet.ANY, RollupAction.SATISFIED, ConditionType.SATISFIED),
                        leaf("m1", seq().setByContent()), leaf("m2")),
                leaf("z"))));
        l.start();
        l.report("completed", "passed"); // m1 satisfied -> m rolls up satisfied -> m's exit rule fires
        assertThat(l.nav(Type.CONTINUE).deliver()).isEqualTo("z");
        assertThat(l.state.activity("m2").attemptCount).isZero();
    }

    @Test
    void exit_all_ends_the_session_and_the_root_attempt() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), leaf("b"))));
        l.start();
        assertThat(l.nav(Type.EXIT_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.state.activity("root").active).isFalse();
        assertThat(l.sequencer.suspendedActivity()).isNull();
        assertThat(l.nav(Type.RESUME_ALL).exception()).isEqualTo(SnCode.NB_2_1_3);
    }

    @Test
    void retry_all_restarts_the_course() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"),
                leaf("b", seq().post(RuleAction.RETRY_ALL, cond(ConditionType.ALWAYS))))));
        l.start();
        l.next();
        assertThat(l.nav(Type.CONTINUE).deliver()).isEqualTo("a");
        assertThat(l.state.activity("root").attemptCount).isEqualTo(2);
    }

    @Test
    void suspend_all_then_resume_all_returns_to_the_suspended_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq().flow(), leaf("m1"), leaf("m2")))));
        l.start();
        l.next();
        l.next();
        assertThat(l.nav(Type.SUSPEND_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.suspendedActivity()).isEqualTo("m2");
        assertThat(l.state.activity("m").suspended).isTrue();
        l.reload();
        assertThat(l.nav(Type.START).kind()).as("start is allowed; resume is the learner's choice")
                .isEqualTo(Outcome.Kind.DELIVER);
    }

    @Test
    void resume_all_delivers_the_suspended_activity_without_a_new_attempt() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), leaf("b"))));
        l.start();
        l.next();
        l.nav(Type.SUSPEND_ALL);
        l.reload();
        Outcome o = l.nav(Type.RESUME_ALL);
        assertThat(o.deliver()).isEqualTo("b");
        assertThat(l.state.activity("b").attemptCount).isEqualTo(1);
        assertThat(l.state.activity("b").suspended).isFalse();
        assertThat(l.sequencer.suspendedActivity()).isNull();
    }

    @Test
    void abandon_leaves_nothing_current_to_flow_from_and_abandon_all_ends_the_session() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), leaf("b"))));
        l.start();
        assertThat(l.nav(Type.ABANDON).kind()).isEqualTo(Outcome.Kind.NOTHING);
        assertThat(l.state.activity("a").active).isFalse();
        assertThat(l.state.activity("a").attemptCompletionStatus).as("abandon does not end the attempt").isFalse();
        assertThat(l.next()).isEqualTo("b");
        assertThat(l.nav(Type.ABANDON_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
    }

    @Test
    void suspending_an_inactive_root_is_refused() {
        Learner l = new Learner(tree(leaf("only")));
        l.start();
        l.nav(Type.EXIT); // the root leaf exits: the session ends, nothing is current
        assertThat(l.nav(Type.SUSPEND_ALL).exception()).isEqualTo(SnCode.NB_2_1_2);
    }
}
