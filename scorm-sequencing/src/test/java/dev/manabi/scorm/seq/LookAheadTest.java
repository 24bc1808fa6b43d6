package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RuleAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** adl.nav.request_valid and the table of contents: simulated on copies, never changing the real state. */
class LookAheadTest {

    @Test
    void continue_and_previous_follow_the_flow_and_simulation_changes_nothing() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), leaf("b"))));
        l.start();
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.continueValid()).isTrue();
        assertThat(la.previousValid()).isFalse();
        assertThat(l.state.activity("a").active).as("look-ahead left the attempt running").isTrue();
        assertThat(l.sequencer.currentActivity()).isEqualTo("a");
        l.next();
        la = l.sequencer.lookAhead();
        assertThat(la.previousValid()).isTrue();
        assertThat(la.continueValid()).as("continue past the end ends the course: valid").isTrue();
        assertThat(la.activity("b").orElseThrow().current()).isTrue();
        assertThat(la.activity("a").orElseThrow().completed()).isTrue();
    }

    @Test
    void invisible_clusters_keep_their_children_choosable_and_hidden_ones_are_marked() {
        ActivityDefinition wrapper = new ActivityDefinition("wrapper", "Wrapper", false, false, seq().flow().build(),
                List.of(leaf("w1"), leaf("w2")));
        Learner l = new Learner(tree(cluster("root", seq().flow(), wrapper,
                leaf("secret", seq().pre(RuleAction.HIDDEN_FROM_CHOICE, cond(ConditionType.ALWAYS))))));
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.activity("wrapper").orElseThrow().visible()).isFalse();
        assertThat(la.activity("w2").orElseThrow().choiceValid()).isTrue();
        assertThat(la.activity("w2").orElseThrow().depth()).isEqualTo(2);
        assertThat(la.activity("secret").orElseThrow().hiddenFromChoice()).isTrue();
        assertThat(la.activity("secret").orElseThrow().choiceValid()).isFalse();
        assertThat(la.choiceValidity()).containsEntry("w1", true).containsEntry("secret", false);
    }

    @Test
    void hide_lms_ui_comes_from_the_current_activity() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a", seq().hide("continue", "previous")),
                leaf("b"))));
        assertThat(l.sequencer.lookAhead().hideLmsUi()).isEmpty();
        l.start();
        assertThat(l.sequencer.lookAhead().hideLmsUi()).containsExactlyInAnyOrder("continue", "previous");
        l.nav(Type.CONTINUE);
        assertThat(l.sequencer.lookAhead().hideLmsUi()).isEmpty();
    }

    @Test
    void jump_validity_is_reported_for_leaves_once_the_session_runs() {
        Learner l = new Learner(tree(cluster("root", seq().flow().noChoice(), leaf("a"), leaf("b"))));
        assertThat(l.sequencer.lookAhead().activity("b").orElseThrow().jumpValid()).isFalse();
        l.start();
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.activity("b").orElseThrow().jumpValid()).isTrue();
        assertThat(la.activity("b").orElseThrow().choiceValid()).isFalse();
        assertThat(la.activity("b").orElseThrow().reason()).isEqualTo(SnCode.NB_2_1_10);
    }

    @Test
    void launch_objectives_read_through_global_maps() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a", seq().setByContent().primary("pa", Seq.readWrite("g.shared"))),
                leaf("b", seq().objective("shared", Seq.read("g.shared"))))));
        l.start();
        l.report("completed", "passed", 0.75);
        l.next();
        List<LaunchObjective> objectives = l.sequencer.launchObjectives("b");
        assertThat(objectives).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo("shared");
            assertThat(o.successStatus()).isEqualTo("passed");
            assertThat(o.scoreScaled()).isEqualTo(0.75);
        });
    }
}
