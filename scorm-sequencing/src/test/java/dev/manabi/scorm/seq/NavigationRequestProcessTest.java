package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityTree;
import org.junit.jupiter.api.Test;

/** NB.2.1 Navigation Request Process: each request's validity rules and exception codes. */
class NavigationRequestProcessTest {

    private static final ActivityTree FLOW = tree(cluster("root", seq().flow(),
            leaf("a"), leaf("b"), cluster("c", seq().noChoiceExit(), leaf("c1"), leaf("c2"))));

    @Test
    void start_is_valid_only_before_the_session_begins() {
        Learner l = new Learner(FLOW);
        assertThat(l.start()).isEqualTo("a");
        assertThat(l.nav(Type.START).exception()).isEqualTo(SnCode.NB_2_1_1);
        assertThat(l.nav(Type.RESUME_ALL).exception()).isEqualTo(SnCode.NB_2_1_1);
    }

    @Test
    void requests_needing_a_current_activity_fail_before_start() {
        Learner l = new Learner(FLOW);
        for (Type t : new Type[] {Type.CONTINUE, Type.PREVIOUS, Type.EXIT, Type.EXIT_ALL, Type.ABANDON,
                Type.ABANDON_ALL, Type.SUSPEND_ALL}) {
            assertThat(l.nav(t).exception()).as(t.token()).isEqualTo(SnCode.NB_2_1_2);
        }
        assertThat(l.nav(Type.RESUME_ALL).exception()).isEqualTo(SnCode.NB_2_1_3);
    }

    @Test
    void continue_needs_flow_in_the_parent() {
        Learner l = new Learner(tree(cluster("root", seq(), leaf("a"), leaf("b"))));
        assertThat(l.choose("a").deliver()).isEqualTo("a");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.NB_2_1_4);
        assertThat(l.nav(Type.PREVIOUS).exception()).isEqualTo(SnCode.NB_2_1_5);
    }

    @Test
    void previous_is_refused_under_forward_only() {
        Learner l = new Learner(tree(cluster("root", seq().flow().forwardOnly(), leaf("a"), leaf("b"))));
        l.start();
        assertThat(l.next()).isEqualTo("b");
        assertThat(l.nav(Type.PREVIOUS).exception()).isEqualTo(SnCode.NB_2_1_5);
    }

    @Test
    void forward_and_backward_are_not_supported_and_unknown_targets_do_not_exist() {
        Learner l = new Learner(FLOW);
        l.start();
        assertThat(l.nav(Type.FORWARD).exception()).isEqualTo(SnCode.NB_2_1_7);
        assertThat(l.nav(Type.BACKWARD).exception()).isEqualTo(SnCode.NB_2_1_7);
        assertThat(l.choose("nope").exception()).isEqualTo(SnCode.NB_2_1_11);
        assertThat(l.sequencer.navigate(NavigationRequest.jump("nope")).exception()).isEqualTo(SnCode.NB_2_1_11);
    }

    @Test
    void choice_needs_choice_in_the_parent() {
        Learner l = new Learner(tree(cluster("root", seq().flow().noChoice(), leaf("a"), leaf("b"))));
        assertThat(l.choose("b").exception()).isEqualTo(SnCode.NB_2_1_10);
        assertThat(l.choose("root").exception()).as("the root has no parent to forbid it")
                .isNotEqualTo(SnCode.NB_2_1_10);
    }

    @Test
    void choice_may_not_leave_an_active_cluster_without_choice_exit() {
        Learner l = new Learner(FLOW);
        assertThat(l.choose("c1").deliver()).isEqualTo("c1");
        assertThat(l.choose("a").exception()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(l.choose("c2").deliver()).as("siblings inside the cluster stay choosable").isEqualTo("c2");
    }

    @Test
    void exit_and_abandon_need_an_active_current_activity() {
        Learner l = new Learner(FLOW);
        l.start();
        assertThat(l.nav(Type.EXIT).kind()).isEqualTo(Outcome.Kind.NOTHING);
        assertThat(l.nav(Type.EXIT).exception()).isEqualTo(SnCode.NB_2_1_12);
        assertThat(l.nav(Type.ABANDON).exception()).isEqualTo(SnCode.NB_2_1_12);
    }

    @Test
    void parses_adl_nav_request_values() {
        assertThat(NavigationRequest.parse("continue")).isEqualTo(NavigationRequest.of(Type.CONTINUE));
        assertThat(NavigationRequest.parse("{target=c2}choice")).isEqualTo(NavigationRequest.choice("c2"));
        assertThat(NavigationRequest.parse("{target=c2}jump")).isEqualTo(NavigationRequest.jump("c2"));
        assertThat(NavigationRequest.parse("suspendAll").type()).isEqualTo(Type.SUSPEND_ALL);
        assertThatThrownBy(() -> NavigationRequest.parse("{target=x}go")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NavigationRequest.parse("choice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NavigationRequest.parse("_none_")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_code_has_its_text() {
        assertThat(SnCode.of("SB.2.9-3").text()).isEqualTo("Target activity hidden from choice");
        assertThat(SnCode.values()).allSatisfy(c -> assertThat(c.text()).isNotBlank());
        assertThatThrownBy(() -> SnCode.of("XX.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
