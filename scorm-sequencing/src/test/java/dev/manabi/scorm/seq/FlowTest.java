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

/** SB.2.1-2.3 flow traversal with SB.2.5 start, SB.2.7 continue, SB.2.8 previous and the end of the session. */
class FlowTest {

    @Test
    void continue_walks_the_tree_in_preorder_into_and_out_of_clusters_then_ends_the_session() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq().flow(), leaf("m1"), leaf("m2")), leaf("z"))));
        assertThat(l.start()).isEqualTo("a");
        assertThat(l.next()).isEqualTo("m1");
        assertThat(l.next()).isEqualTo("m2");
        assertThat(l.next()).isEqualTo("z");
        Outcome end = l.nav(Type.CONTINUE);
        assertThat(end.kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.state.sessionEnded).isTrue();
        assertThat(l.sequencer.currentActivity()).isNull();
        assertThat(l.sequencer.courseStatus().completed()).as("every leaf completed by the LMS at exit").isTrue();
    }

    @Test
    void previous_walks_back_and_stops_at_the_first_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq().flow(), leaf("m1"), leaf("m2")))));
        l.start();
        l.next();
        l.next();
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("m1");
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("a");
        assertThat(l.nav(Type.PREVIOUS).exception()).isEqualTo(SnCode.SB_2_1_3);
    }

    @Test
    void skipped_activities_are_passed_over_in_both_directions() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), leaf("b", seq().pre(RuleAction.SKIP, cond(ConditionType.ALWAYS))), leaf("c"))));
        l.start();
        assertThat(l.next()).isEqualTo("c");
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("a");
    }

    @Test
    void a_disabled_activity_stops_flow() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), leaf("b", seq().pre(RuleAction.DISABLED, cond(ConditionType.ALWAYS))), leaf("c"))));
        l.start();
        Outcome o = l.nav(Type.CONTINUE);
        assertThat(o.exception()).isEqualTo(SnCode.SB_2_2_2);
        assertThat(o.exceptionActivity()).isEqualTo("b");
    }

    @Test
    void flow_into_a_cluster_without_flow_is_refused() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq(), leaf("m1")))));
        l.start();
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_1);
    }

    @Test
    void start_of_a_tree_without_flow_is_refused_and_choice_still_works() {
        Learner l = new Learner(tree(cluster("root", seq(), leaf("a"), leaf("b"))));
        assertThat(l.nav(Type.START).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(l.choose("b").deliver()).isEqualTo("b");
    }

    @Test
    void a_single_leaf_organization_is_delivered_at_start() {
        Learner l = new Learner(tree(leaf("only")));
        assertThat(l.start()).isEqualTo("only");
    }

    @Test
    void an_empty_selection_has_no_children_to_flow_into() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().select(0, dev.manabi.scorm.seq.model.RandomizationControls.Timing.ONCE),
                        leaf("m1")))));
        assertThat(l.nav(Type.START).exception()).isEqualTo(SnCode.SB_2_1_2);
    }

    @Test
    void attempts_and_activity_state_follow_delivery() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), leaf("b"))));
        l.start();
        assertThat(l.state.activity("a").active).isTrue();
        assertThat(l.state.activity("root").active).isTrue();
        assertThat(l.state.activity("a").attemptCount).isEqualTo(1);
        l.next();
        assertThat(l.state.activity("a").active).isFalse();
        assertThat(l.state.activity("root").attemptCount).as("one attempt on the root").isEqualTo(1);
        l.nav(Type.PREVIOUS);
        assertThat(l.state.activity("a").attemptCount).isEqualTo(2);
    }
}
