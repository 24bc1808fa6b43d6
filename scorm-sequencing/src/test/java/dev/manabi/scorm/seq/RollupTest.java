package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RB.1.1-RB.1.5: measure, completion measure, objective and progress rollup, rules, controls, considerations. */
class RollupTest {

    private static Learner threeScos(Seq root, Seq a, Seq b, Seq c) {
        return new Learner(tree(cluster("root", root.flow(), leaf("a", a.setByContent()),
                leaf("b", b.setByContent()), leaf("c", c.setByContent()))));
    }

    @Test
    void measure_rollup_is_the_weighted_average_of_known_measures() {
        Learner l = threeScos(seq(), seq().weight(1), seq().weight(3), seq().weight(0));
        l.start();
        l.report("completed", "passed", 0.4);
        l.next();
        l.report("completed", "passed", 0.8);
        l.next();
        l.report("completed", "failed", -1.0);
        assertThat(l.sequencer.courseStatus().scaledScore()).isCloseTo((0.4 + 3 * 0.8) / 4, within(1e-9));
    }

    @Test
    void default_rules_satisfy_when_all_children_are_and_fail_once_all_are_known() {
        Learner l = threeScos(seq(), seq(), seq(), seq());
        l.start();
        l.report("completed", "passed");
        l.next();
        l.report("completed", "failed");
        assertThat(l.sequencer.courseStatus().satisfied()).as("c still unknown").isNull();
        l.next();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    @Test
    void at_least_count_and_percent_rules() {
        Seq root = seq().rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_COUNT, 2, 0, false,
                List.of(RuleCondition.of(ConditionType.SATISFIED)), RollupAction.SATISFIED))
                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.5, false,
                        List.of(RuleCondition.of(ConditionType.COMPLETED)), RollupAction.COMPLETED));
        Learner l = threeScos(root, seq(), seq(), seq());
        l.start();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().completed()).as("1 of 3 completed").isNull();
        l.next();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    @Test
    void none_rule_and_not_satisfied_action() {
        Seq root = seq().rollupRule(ChildActivitySet.NONE, RollupAction.NOT_SATISFIED, ConditionType.SATISFIED)
                .rollupRule(ChildActivitySet.ANY, RollupAction.SATISFIED, ConditionType.SATISFIED);
        Learner l = threeScos(root, seq(), seq(), seq());
        l.start();
        l.report("completed", "failed");
        l.next();
        l.report("completed", "failed");
        l.next();
        l.report("completed", "failed");
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        l.nav(Type.PREVIOUS);
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    @Test
    void children_outside_rollup_are_not_counted() {
        Learner l = threeScos(seq(), seq(), seq(), seq().notInRollup());
        l.start();
        l.report("completed", "passed");
        l.next();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    @Test
    void if_attempted_consideration_ignores_children_never_attempted() {
        RollupControls ifAttempted = new RollupControls(true, true, 1, RollupConsideration.IF_ATTEMPTED,
                RollupConsideration.IF_ATTEMPTED, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true);
        Learner l = threeScos(seq(), seq().rollup(ifAttempted), seq().rollup(ifAttempted),
                seq().rollup(ifAttempted));
        l.start();
        l.report("completed", "passed");
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    @Test
    void satisfied_by_measure_uses_the_rolled_up_measure() {
        Learner l = threeScos(seq().primaryByMeasure("course", 0.6), seq(), seq(), seq());
        l.start();
        l.report("completed", "passed", 0.9);
        l.next();
        l.report("completed", "passed", 0.5);
        // RB.1.1: unknown measures still count with their weight: (0.9 + 0.5) / 3
        assertThat(l.sequencer.courseStatus().scaledScore()).isCloseTo(1.4 / 3, within(1e-9));
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        l.next();
        l.report("completed", "passed", 1.0);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    @Test
    void measure_satisfaction_if_active_false_waits_for_the_attempt_to_end() {
        RollupControls inactiveOnly = new RollupControls(true, true, 1, RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, false);
        Learner l = new Learner(tree(cluster("root", seq().flow().primaryByMeasure("course", 0.5).rollup(
                inactiveOnly), leaf("a", seq().setByContent()))));
        l.start();
        l.report("completed", "passed", 0.8);
        assertThat(l.sequencer.courseStatus().satisfied()).isNull();
        l.nav(Type.EXIT_ALL);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    @Test
    void completion_by_measure_rolls_up_progress() {
        Learner l = new Learner(tree(cluster("root", seq().flow().completedByMeasure(0.75),
                leaf("a", seq().setByContent()), leaf("b", seq().setByContent()))));
        l.start();
        l.sequencer.report("a", new RteResults("incomplete", null, null, null, null, null, 1.0, null, List.of()));
        assertThat(l.sequencer.courseStatus().progressMeasure()).isCloseTo(0.5, within(1e-9));
        assertThat(l.sequencer.courseStatus().completed()).isFalse();
        l.next();
        l.sequencer.report("b", new RteResults("incomplete", null, null, null, null, null, 0.5, null, List.of()));
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    /**
     * RB.1.4 over an empty contributing children bag (RU-15b): an "all" or "none" rule holds (the bag contains only
     * True, resp. only False, values), "any" and "at least percent" do not. Here no child takes part in objective
     * rollup, a passes and b fails.
     */
    @Test
    void rules_no_child_takes_part_in_hold_for_all_and_none_only() {
        java.util.function.Function<RollupRule, Boolean> satisfied = rule -> {
            Learner l = threeScos(seq().rollupRule(rule), seq().notInRollup(), seq().notInRollup(),
                    seq().notInRollup());
            l.start();
            l.report("completed", "passed");
            l.next();
            l.report("completed", "failed");
            return l.sequencer.courseStatus().satisfied();
        };
        List<RuleCondition> sat = List.of(RuleCondition.of(ConditionType.SATISFIED));
        assertThat(satisfied.apply(new RollupRule(ChildActivitySet.ALL, 0, 0, false, sat, RollupAction.SATISFIED)))
                .isTrue();
        assertThat(satisfied.apply(new RollupRule(ChildActivitySet.NONE, 0, 0, false, sat, RollupAction.SATISFIED)))
                .isTrue();
        assertThat(satisfied.apply(new RollupRule(ChildActivitySet.ANY, 0, 0, false, sat, RollupAction.SATISFIED)))
                .isNull();
        assertThat(satisfied.apply(new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0, false, sat,
                RollupAction.SATISFIED))).as("0 of 0 is no percentage").isNull();
    }

    /**
     * RB.1.5 as ADL's run-time does it (RU-17a): writing a global objective also rolls up the parents of the
     * activities that read it, even in a branch nobody entered; each parent once, and on until nothing new is
     * written (the reader's cluster writes a second global objective that another cluster's child reads).
     */
    @Test
    void writing_a_shared_objective_rolls_up_the_clusters_of_its_readers() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("writer", seq().primary("w", ObjectiveMap.of("g1", false, false,
                        true, false))),
                cluster("c1", seq().flow().primary("c1", Seq.write("g2")), leaf("r1", seq().primary("r1",
                        Seq.read("g1")))),
                cluster("c2", seq().flow(), leaf("r2", seq().primary("r2", Seq.read("g2")))))));
        l.start();
        l.report("completed", "passed");
        assertThat(l.state.activity("c1").objective("c1").satisfiedStatus).isTrue();
        assertThat(l.globals.find("g2").satisfiedStatus).isTrue();
        assertThat(l.state.activity("c2").objective("").satisfiedStatus).as("through g2, written by c1's rollup")
                .isTrue();
    }
}
