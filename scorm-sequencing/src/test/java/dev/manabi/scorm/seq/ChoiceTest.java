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

/** SB.2.9 Choice with SB.2.4 / SB.2.9.1 / SB.2.9.2 and every constraint on choice. */
class ChoiceTest {

    @Test
    void hidden_from_choice_applies_to_the_activity_and_its_descendants() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"),
                cluster("h", seq().flow().pre(RuleAction.HIDDEN_FROM_CHOICE, cond(ConditionType.ALWAYS)),
                        leaf("h1")))));
        Outcome o = l.choose("h1");
        assertThat(o.exception()).isEqualTo(SnCode.SB_2_9_3);
        assertThat(o.exceptionActivity()).isEqualTo("h");
        assertThat(l.start()).isEqualTo("a");
        assertThat(l.next()).as("flow still reaches hidden activities").isEqualTo("h1");
    }

    @Test
    void choosing_a_cluster_delivers_its_first_leaf_by_flow() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq().flow(), leaf("m1"), leaf("m2")))));
        assertThat(l.choose("m").deliver()).isEqualTo("m1");
    }

    @Test
    void choosing_a_cluster_without_flow_ends_with_nothing_to_deliver() {
        Learner l = new Learner(tree(cluster("root", seq(), leaf("a"), cluster("m", seq(), leaf("m1")))));
        l.choose("a");
        Outcome o = l.choose("m");
        assertThat(o.exception()).isEqualTo(SnCode.SB_2_9_9);
        assertThat(l.sequencer.currentActivity()).isEqualTo("m");
        assertThat(l.state.activity("a").active).isFalse();
    }

    @Test
    void stop_forward_traversal_blocks_choosing_past_the_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a", seq().pre(RuleAction.STOP_FORWARD_TRAVERSAL, cond(ConditionType.ALWAYS))),
                leaf("b"))));
        l.start();
        assertThat(l.choose("b").exception()).isEqualTo(SnCode.SB_2_4_1);
    }

    @Test
    void forward_only_forbids_choosing_backward_among_siblings() {
        Learner l = new Learner(tree(cluster("root", seq().flow().forwardOnly(), leaf("a"), leaf("b"))));
        l.start();
        l.next();
        assertThat(l.choose("a").exception()).isEqualTo(SnCode.SB_2_4_2);
    }

    @Test
    void choice_exit_false_keeps_the_learner_inside_an_active_cluster() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().noChoiceExit(), leaf("m1"), leaf("m2")), leaf("z"))));
        l.start();
        l.nav(Type.EXIT);
        // m1 is no longer active but m still is: NB.2.1 refuses before any termination happens.
        assertThat(l.choose("z").exception()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(l.choose("m2").deliver()).isEqualTo("m2");
    }

    /**
     * choiceExit="false" on a cluster whose active child would be left by a choice elsewhere (NB.2.1 step 7: every
     * active activity on the path from the current activity up to, not including, the common ancestor must allow
     * choice exit; SB.2.9 case 5 checks the same path again). The cluster's own subtree stays free, at any depth;
     * a sibling cluster, a leaf deep inside it and the look-ahead's TOC entry all say NB.2.1-8 and name the
     * cluster; once flow has left the cluster (it is no longer active), a choice back into it is valid.
     */
    @Test
    void choice_exit_false_on_a_cluster_refuses_every_choice_outside_it_while_its_child_is_active() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().noChoiceExit(),
                        cluster("m1", seq().flow(), leaf("m11"), leaf("m12")),
                        leaf("m2")),
                cluster("n", seq().flow(), cluster("n1", seq().flow(), leaf("n11"))),
                leaf("z"))));
        assertThat(l.start()).isEqualTo("m11");
        for (String outside : new String[] {"n", "n11", "z"}) {
            Outcome o = l.choose(outside);
            assertThat(o.exception()).as(outside).isEqualTo(SnCode.NB_2_1_8);
            assertThat(o.exceptionActivity()).as("the cluster that forbids leaving, not its active child")
                    .isEqualTo("m");
            assertThat(l.sequencer.currentActivity()).as("nothing was terminated").isEqualTo("m11");
            assertThat(l.state.activity("m11").active).isTrue();
        }
        LookAhead.ActivityAvailability toc = l.sequencer.lookAhead().activity("n11").orElseThrow();
        assertThat(toc.choiceValid()).isFalse();
        assertThat(toc.reason()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(toc.reasonActivity()).isEqualTo("m");
        assertThat(l.choose("m2").deliver()).as("a sibling of the inner cluster, still inside m").isEqualTo("m2");
        assertThat(l.choose("m12").deliver()).isEqualTo("m12");
        assertThat(l.next()).isEqualTo("m2");
        assertThat(l.next()).as("flow may leave m").isEqualTo("n11");
        assertThat(l.state.activity("m").active).isFalse();
        assertThat(l.choose("m11").deliver()).as("m is not active any more: choosing into it is valid")
                .isEqualTo("m11");
        assertThat(l.choose("z").exception()).as("and active again, it holds the learner again")
                .isEqualTo(SnCode.NB_2_1_8);
    }

    /**
     * choiceExit="false" on an inner cluster guards its own boundary: a sibling in the outer cluster and the outer
     * cluster itself (whose choice would restart the flow there) are refused; the inner cluster's children and the
     * inner cluster itself are not.
     */
    @Test
    void choice_exit_false_on_an_inner_cluster_refuses_its_siblings_not_its_descendants() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("outer", seq().flow(),
                        cluster("inner", seq().flow().noChoiceExit(), leaf("i1"), leaf("i2")),
                        leaf("o2")),
                leaf("z"))));
        l.start();
        assertThat(l.choose("o2").exceptionActivity()).isEqualTo("inner");
        assertThat(l.choose("outer").exceptionActivity()).as("the path up to outer leaves inner").isEqualTo("inner");
        assertThat(l.choose("i2").deliver()).isEqualTo("i2");
        assertThat(l.choose("inner").deliver()).as("the cluster itself: its path from i2 stays inside")
                .isEqualTo("i1");
    }

    /**
     * NB.2.1 step 7 includes the current activity itself in the path up to the common ancestor, also when the target
     * is its sibling: an active leaf with choiceExit="false" refuses every choice but itself, and flow still leaves
     * it (ADL CM-07a, script steps Act6V1 and Act10V1). Once it is no longer active (exited), choice is free again.
     */
    @Test
    void an_active_leaf_with_choice_exit_false_refuses_even_its_siblings() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a", seq().noChoiceExit()), leaf("b"), leaf("c"))));
        assertThat(l.start()).isEqualTo("a");
        Outcome o = l.choose("b");
        assertThat(o.exception()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(o.exceptionActivity()).isEqualTo("a");
        assertThat(l.choose("a").deliver()).as("itself: nothing is left").isEqualTo("a");
        assertThat(l.next()).as("flow leaves it").isEqualTo("b");
        assertThat(l.choose("a").deliver()).isEqualTo("a");
        l.nav(Type.EXIT);
        assertThat(l.choose("c").deliver()).as("exited, no longer active").isEqualTo("c");
    }

    @Test
    void choice_exit_false_on_an_inactive_path_is_checked_by_the_choice_process() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow(), leaf("m1", seq().noChoiceExit())), leaf("z"))));
        l.start();
        l.nav(Type.ABANDON); // m1 inactive, m active: NB.2.1 only looks at active activities
        assertThat(l.choose("z").exception()).isEqualTo(SnCode.SB_2_9_7);
        assertThat(l.sequencer.currentActivity()).isEqualTo("m1");
    }

    @Test
    void constrained_choice_only_reaches_the_next_or_previous_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("m", seq().flow().constrainChoice(), leaf("m1"), leaf("m2")),
                cluster("n", seq().flow(), leaf("n1")),
                cluster("o", seq().flow(), leaf("o1")))));
        l.start();
        assertThat(l.choose("o1").exception()).isEqualTo(SnCode.SB_2_9_8);
        assertThat(l.choose("n1").deliver()).isEqualTo("n1");
    }

    @Test
    void prevent_activation_forbids_starting_a_cluster_by_choice() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), cluster("m", seq().flow().preventActivation(), leaf("m1"), leaf("m2")))));
        l.start();
        assertThat(l.choose("m2").exception()).isEqualTo(SnCode.SB_2_9_6);
        assertThat(l.next()).isEqualTo("m1");
        assertThat(l.choose("m2").deliver()).as("inside the active cluster choice is free").isEqualTo("m2");
    }

    @Test
    void a_disabled_target_is_refused_by_the_delivery_request_process() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), leaf("b", seq().pre(RuleAction.DISABLED, cond(ConditionType.ALWAYS))))));
        Outcome o = l.choose("b");
        assertThat(o.exception()).isEqualTo(SnCode.DB_1_1_3);
        assertThat(o.exceptionActivity()).isEqualTo("b");
    }

    @Test
    void jump_bypasses_choice_controls_but_not_delivery_checks() {
        Learner l = new Learner(tree(cluster("root", seq().flow().noChoice(),
                leaf("a"), leaf("b"), leaf("c", seq().pre(RuleAction.DISABLED, cond(ConditionType.ALWAYS))))));
        l.start();
        assertThat(l.choose("b").exception()).isEqualTo(SnCode.NB_2_1_10);
        assertThat(l.sequencer.navigate(NavigationRequest.jump("b")).deliver()).isEqualTo("b");
        assertThat(l.sequencer.navigate(NavigationRequest.jump("c")).exception()).isEqualTo(SnCode.DB_1_1_3);
    }
}
