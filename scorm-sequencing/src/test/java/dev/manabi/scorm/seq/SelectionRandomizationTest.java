package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RandomizationControls.Timing;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SR.1 / SR.2: seeded, stored, stable over reloads, renewed on each new attempt when asked. */
class SelectionRandomizationTest {

    private static ActivityTree pool(Timing timing) {
        return tree(cluster("root", seq().flow(), cluster("forms", seq().flow().select(1, timing)
                .randomize(timing), leaf("f1"), leaf("f2"), leaf("f3"), leaf("f4"))));
    }

    @Test
    void once_selects_one_child_and_keeps_it_across_reloads() {
        Learner l = new Learner(pool(Timing.ONCE), 7);
        List<String> chosen = l.state.activity("forms").availableChildren;
        assertThat(chosen).hasSize(1);
        String first = l.start();
        assertThat(chosen).containsExactly(first);
        l.reload();
        assertThat(l.state.activity("forms").availableChildren).isEqualTo(chosen);
        assertThat(new Learner(pool(Timing.ONCE), 7).state.activity("forms").availableChildren)
                .as("same seed, same selection").isEqualTo(chosen);
    }

    @Test
    void different_seeds_reach_every_form() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            seen.addAll(new Learner(pool(Timing.ONCE), seed).state.activity("forms").availableChildren);
        }
        assertThat(seen).containsExactlyInAnyOrder("f1", "f2", "f3", "f4");
    }

    @Test
    void randomization_keeps_every_child_in_some_order() {
        Learner l = new Learner(tree(cluster("root", seq().flow().randomize(Timing.ONCE),
                leaf("a"), leaf("b"), leaf("c"), leaf("d"), leaf("e"))), 3);
        assertThat(l.state.activity("root").availableChildren).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void on_each_new_attempt_selects_again_for_the_next_attempt() {
        Seq exitParent = seq().post(RuleAction.EXIT_PARENT, Seq.cond(ConditionType.ALWAYS));
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                cluster("forms", seq().flow().select(1, Timing.ON_EACH_NEW_ATTEMPT)
                                .post(RuleAction.RETRY, Seq.cond(ConditionType.ALWAYS)),
                        leaf("f1", exitParent), leaf("f2", exitParent), leaf("f3", exitParent),
                        leaf("f4", exitParent)))), 11);
        Set<String> seen = new HashSet<>();
        seen.add(l.start());
        for (int i = 0; i < 12; i++) {
            // the form exits its parent; the parent's retry rule begins a new attempt with a fresh selection
            Outcome o = l.nav(NavigationRequest.Type.EXIT);
            assertThat(o.delivered()).as("retry delivers: %s", o).isTrue();
            assertThat(l.state.activity("forms").availableChildren).containsExactly(o.deliver());
            seen.add(o.deliver());
        }
        assertThat(l.state.activity("forms").attemptCount).isEqualTo(13);
        assertThat(seen.size()).as("new attempts draw other forms").isGreaterThan(1);
    }
}
