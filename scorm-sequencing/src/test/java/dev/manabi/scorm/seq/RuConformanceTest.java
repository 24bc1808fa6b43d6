package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RU family (rollup rules, controls and considerations) of the ADL SCORM 2004 4th Edition conformance test
 * packages, played as the suite's expected-behaviour script says (where the packages and scripts are: see
 * {@link SxConformanceTest}).
 */
class RuConformanceTest {

    /**
     * RU-15b: activity_2 ({@code choice="false" flow="true"}) is completed when all its children are satisfied
     * and then goes "previous"; but no child takes part in that rule: activity_3 counts for completion only if not
     * skipped and is skipped once attempted and not satisfied, activity_4 has {@code rollupProgressCompletion="false"}
     * and activity_5 (which exits its parent) is not tracked. Script: Act1V1 continue; Act3V1 fails, continue;
     * Act4V1 continue; Act5V1 continue: activity_5 exits activity_2, whose rule sees no contributing child and
     * still completes it, so "previous" delivers Act1V2. An "all" rule over an empty contributing children bag holds
     * (RB.1.4 step 1.2.4: the bag "contains only True values").
     */
    @Test
    void ru_15b_an_all_rule_with_no_contributing_child_holds() {
        Learner l = new Learner(tree(cluster("RU-15b", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .post(RuleAction.PREVIOUS, cond(ConditionType.COMPLETED))
                                .rollupRule(ChildActivitySet.ALL, RollupAction.COMPLETED, ConditionType.SATISFIED),
                        leaf("activity_3", seq()
                                .pre(RuleAction.SKIP, Seq.not(ConditionType.SATISFIED), cond(ConditionType.ATTEMPTED))
                                .rollup(new RollupControls(true, true, 1.0, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, RollupConsideration.IF_NOT_SKIPPED,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_4", seq().rollup(new RollupControls(true, false, 1.0,
                                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                RollupConsideration.ALWAYS, true))),
                        leaf("activity_5", seq().untracked().post(RuleAction.EXIT_PARENT,
                                cond(ConditionType.ALWAYS)))),
                leaf("activity_6"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report(null, "failed");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.report(null, "failed");
        assertThat(l.next()).as("Act1V2").isEqualTo("activity_1");
    }

    /**
     * RU-13b (rollup rules reading through objective maps, exit parent chains and a retry of the organization). The
     * organization (satisfied by measure at 1.0, reading gObj-RU13b-1) retries when satisfied; activity_1 (satisfied
     * when at least one child is, exits its parent when satisfied) is skipped once attempted while its obj1
     * (gObj-RU13b-1) has no measure; activity_2 is skipped when its obj1 (satisfied by measure at 0.5, reading
     * gObj-RU13b-2) has no measure or is not satisfied; activity_4 always exits its parent and writes obj1 to
     * gObj-RU13b-1, obj2's measure to gObj-RU13b-2. Script: activity_2 has no measure, so Act3V1 comes first;
     * continue to Act4V1, which sets obj1 1.0 "failed" and obj2 0.7 and asks for previous. Its exit parent ends
     * activity_1, satisfied by activity_3 (the LMS satisfied it, UP.4), whose exit parent ends the organization,
     * satisfied by the shared measure 1.0 whatever the shared status says (SN 3.10.1), so it is retried: activity_1
     * is not skipped (its obj1 has a measure now) and activity_2 reads 0.7 through its map, satisfied at 0.5:
     * Act2V1, launched with obj1 "passed" and 0.7.
     */
    @Test
    void ru_13b_exit_parent_chain_and_a_shared_measure_retry_the_organization() {
        Learner l = new Learner(tree(cluster("RU-13b", seq().flow().noChoice()
                        .post(RuleAction.RETRY, cond(ConditionType.SATISFIED))
                        .primaryByMeasure("PRIMARYOBJ", 1.0, Seq.read("gObj-RU13b-1")),
                cluster("activity_1", seq().flow().noChoice()
                                .pre(RuleAction.SKIP, cond(ConditionType.ATTEMPTED),
                                        Seq.on("obj1", ConditionType.OBJECTIVE_MEASURE_KNOWN, true))
                                .post(RuleAction.EXIT_PARENT, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_COUNT,
                                        1, 0, false, List.of(cond(ConditionType.SATISFIED)),
                                        RollupAction.SATISFIED))
                                .objective("obj1", Seq.read("gObj-RU13b-1")),
                        leaf("activity_2", seq()
                                .preAny(RuleAction.SKIP, Seq.on("obj1", ConditionType.OBJECTIVE_MEASURE_KNOWN, true),
                                        Seq.on("obj1", ConditionType.SATISFIED, true))
                                .objectiveByMeasure("obj1", 0.5, Seq.read("gObj-RU13b-2"))),
                        leaf("activity_3"),
                        leaf("activity_4", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS))
                                .objective("obj1", ObjectiveMap.of("gObj-RU13b-1", false,
                                        false, true, true))
                                .objective("obj2", ObjectiveMap.of("gObj-RU13b-2", false,
                                        false, false, true))),
                        leaf("activity_5")),
                leaf("activity_6"))));
        assertThat(l.start()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.objectives(Learner.objective("obj1", "failed", 1.0), Learner.objective("obj2", null, 0.7));
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.state.activity("RU-13b").attemptCount).as("retried").isEqualTo(2);
        LaunchObjective obj1 = l.launched("activity_2", "obj1");
        assertThat(obj1.successStatus()).isEqualTo("passed");
        assertThat(obj1.scoreScaled()).isEqualTo(0.7);
    }

    /**
     * RU-07a (remediation by retry with an attempt limit and rollup considerations). activity_2 ({@code choice="false"
     * flow="true"}) exits when completed and is retried while not satisfied; activity_3 allows one attempt (its own
     * {@code attemptLimit="1"} replaces the collection entry's 2), is skipped once it is used up, takes no part in
     * completion and takes part in satisfaction only if not skipped; activity_4 is always skipped and counts only if
     * attempted; activity_5 has the defaults. Script: Act1V1; Act3V1 fails; activity_4 skipped, Act5V1 fails:
     * activity_2 is completed (only activity_5 counts) and not satisfied (activity_3 is skipped now, so only
     * activity_5's failure counts): exit, retry; activity_3 and activity_4 skipped, Act5V2 fails: again; Act5V3
     * passes: satisfied, no retry, Act6V1.
     */
    @Test
    void ru_07a_a_retried_cluster_skips_what_is_used_up_and_ignores_it_in_rollup() {
        Learner l = new Learner(tree(cluster("RU-07a", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                        leaf("activity_3", seq().pre(RuleAction.SKIP, cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED))
                                .attemptLimit(1)
                                .rollup(new RollupControls(true, false, 1.0, RollupConsideration.IF_NOT_SKIPPED,
                                        RollupConsideration.IF_NOT_SKIPPED, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_4", seq().pre(RuleAction.SKIP, cond(ConditionType.ALWAYS))
                                .rollup(new RollupControls(true, true, 1.0, RollupConsideration.IF_ATTEMPTED,
                                        RollupConsideration.IF_ATTEMPTED, RollupConsideration.IF_ATTEMPTED,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_5")),
                leaf("activity_6"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report(null, "failed");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.report(null, "failed");
        assertThat(l.next()).as("Act5V2").isEqualTo("activity_5");
        assertThat(l.state.activity("activity_2").attemptCount).isEqualTo(2);
        l.report(null, "failed");
        assertThat(l.next()).as("Act5V3").isEqualTo("activity_5");
        l.report(null, "passed");
        assertThat(l.next()).as("Act6V1").isEqualTo("activity_6");
        assertThat(l.state.activity("activity_3").attemptCount).isEqualTo(1);
        assertThat(l.state.activity("activity_4").attemptCount).isZero();
    }

    /**
     * RU-17a (rollup of a branch nobody entered, through a shared objective). activity_9 (under activity_2's first
     * branch) writes its satisfied status to gObj-RU17a; activity_16, deep in activity_10's branch, reads it;
     * activity_14 and activity_10 are satisfied if any child is, not satisfied if any is not, and activity_10 is
     * skipped when satisfied. Script: Act1V1, Act5V1, Act6V1, Act8V1 continue; Act9V1 passes and continues; nothing
     * of activity_10 was ever attempted, yet it is satisfied through activity_16's read (its parent rolled up when
     * the objective was written) and skipped: Act17V1.
     */
    @Test
    void ru_17a_a_written_shared_objective_rolls_up_the_readers_branch() {
        RollupRule anySatisfied = new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                List.of(cond(ConditionType.SATISFIED)), RollupAction.SATISFIED);
        RollupRule anyNotSatisfied = new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                List.of(Seq.not(ConditionType.SATISFIED)), RollupAction.NOT_SATISFIED);
        Learner l = new Learner(tree(cluster("RU-17a", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice(),
                        cluster("activity_3", seq().flow().noChoice(),
                                cluster("activity_4", seq().flow().noChoice(), leaf("activity_5"),
                                        leaf("activity_6")),
                                cluster("activity_7", seq().flow().noChoice(), leaf("activity_8"),
                                        leaf("activity_9", seq().primary("PRIMARYOBJ",
                                                ObjectiveMap.of("gObj-RU17a", true, true, true, false))))),
                        cluster("activity_10", seq().flow().noChoice()
                                        .pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                        .rollupRule(anySatisfied).rollupRule(anyNotSatisfied),
                                cluster("activity_11", seq().flow().noChoice(), leaf("activity_12"),
                                        leaf("activity_13")),
                                cluster("activity_14", seq().flow().noChoice().rollupRule(anySatisfied)
                                                .rollupRule(anyNotSatisfied),
                                        leaf("activity_15"),
                                        leaf("activity_16", seq().primary("PRIMARYOBJ",
                                                Seq.read("gObj-RU17a")))))),
                leaf("activity_17"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        assertThat(l.next()).as("Act6V1").isEqualTo("activity_6");
        assertThat(l.next()).as("Act8V1").isEqualTo("activity_8");
        assertThat(l.next()).as("Act9V1").isEqualTo("activity_9");
        l.report(null, "passed");
        assertThat(l.sequencer.lookAhead().activity("activity_10").orElseThrow().satisfied()).isTrue();
        assertThat(l.next()).as("Act17V1").isEqualTo("activity_17");
        assertThat(l.state.activity("activity_12").attemptCount).isZero();
    }

    /**
     * RU-06b ({@code useCurrentAttemptProgressInfo="false"}): activity_1 is satisfied when at least two children are
     * completed, then exits and continues. Script: Act2V1 incomplete, Act3V1 completed, Act4V1 incomplete: one
     * completed, on to Act5V1, which goes back: activity_1's second attempt enters at its end, Act4V2, which
     * completes; with the first attempt's completion of activity_3 still counting, two are completed, so activity_1
     * is satisfied, exits and continues: Act5V2 (not activity_3, where "previous" would lead).
     */
    @Test
    void ru_06b_progress_of_an_earlier_attempt_counts_when_the_control_mode_says_so() {
        Learner l = ru06b(false);
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act5V2").isEqualTo("activity_5");
    }

    /** RU-06b with the default {@code useCurrentAttemptProgressInfo="true"}: one completion only, previous goes on. */
    @Test
    void ru_06b_with_current_attempt_progress_info_only_this_attempt_counts() {
        Learner l = ru06b(true);
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).isEqualTo("activity_3");
    }

    /** RU-06b played up to Act4V2 having completed activity_4; its next request is the caller's. */
    private static Learner ru06b(boolean currentAttemptProgressInfo) {
        Learner l = new Learner(tree(cluster("RU-06b", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice().useCurrentAttempt(true, currentAttemptProgressInfo)
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.CONTINUE, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_COUNT, 2, 0, false,
                                        List.of(cond(ConditionType.COMPLETED)), RollupAction.SATISFIED)),
                        leaf("activity_2"), leaf("activity_3"), leaf("activity_4")),
                leaf("activity_5"))));
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        l.report("incomplete", null);
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report("completed", null);
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.report("incomplete", null);
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act4V2").isEqualTo("activity_4");
        assertThat(l.state.activity("activity_1").attemptCount).isEqualTo(2);
        l.report("completed", null);
        return l;
    }

    /**
     * RU-07c (a retried organization around a module with an attempt limit). The organization exits when completed
     * and retries while not satisfied (default rollup rules); activity_1 allows two attempts, is skipped afterwards,
     * takes no part in completion and in satisfaction only if not skipped; activity_6 takes part in nothing.
     * Script: Act2V1, Act3V1 fails, Act4V1, Act5V1 passes and completes: the organization is completed (only
     * activity_5 counts) and not satisfied (activity_1 failed): exit, retry; Act2V2 fails, Act3V2, Act4V2, Act5V2
     * fails: again; activity_1's two attempts are used up, so the third attempt starts at Act5V3.
     */
    @Test
    void ru_07c_an_exhausted_module_is_skipped_when_the_organization_is_retried() {
        Learner l = new Learner(tree(cluster("RU-07c", seq().flow().noChoice()
                        .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                        .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                cluster("activity_1", seq().flow().noChoice()
                                .pre(RuleAction.SKIP, cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED)).attemptLimit(2)
                                .rollup(new RollupControls(true, false, 1.0, RollupConsideration.IF_NOT_SKIPPED,
                                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true)),
                        leaf("activity_2"), leaf("activity_3"), leaf("activity_4")),
                leaf("activity_5"),
                leaf("activity_6", seq().notInRollup()))));
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report(null, "failed");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.report("completed", "passed");
        assertThat(l.next()).as("Act2V2").isEqualTo("activity_2");
        l.report(null, "failed");
        assertThat(l.next()).as("Act3V2").isEqualTo("activity_3");
        assertThat(l.next()).as("Act4V2").isEqualTo("activity_4");
        assertThat(l.next()).as("Act5V2").isEqualTo("activity_5");
        l.report("completed", "failed");
        assertThat(l.next()).as("Act5V3").isEqualTo("activity_5");
        assertThat(l.state.activity("RU-07c").attemptCount).isEqualTo(3);
    }

    /**
     * RU-04bc ("at least 50% of the children completed or with a known measure", over two attempts of the
     * cluster). activity_2 ({@code choice="false" flow="true"}) exits when completed and then goes "previous".
     * Script: Act1V1; Act3V1 incomplete; Act4V1 fails (the LMS completes it); Act5V1 incomplete: one of three, on
     * to Act6V1; previous enters activity_2's second attempt at its end, Act5V2 (completed by the LMS): one of three
     * in this attempt (useCurrentAttemptProgressInfo, true by default, leaves out the first attempt's), previous to
     * Act4V2, which sets a score: two of three, activity_2 is completed, exits and its post-condition "previous"
     * leads to Act1V2, not activity_3.
     */
    @Test
    void ru_04bc_at_least_percent_of_completed_or_measured_children_over_two_attempts() {
        Learner l = new Learner(atLeastHalfCompletedOrMeasured("RU-04bc"));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report("incomplete", null);
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.report(null, "failed");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.report("incomplete", null);
        assertThat(l.next()).as("Act6V1").isEqualTo("activity_6");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act5V2").isEqualTo("activity_5");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act4V2").isEqualTo("activity_4");
        l.scores(0.25, null);
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
    }

    /**
     * RU-15a (no script in the suite; the book's reading): activity_3 is satisfied when any child is not satisfied,
     * but activity_4 is not tracked and activity_5 takes no part in objective rollup, so only activity_6 counts;
     * activity_6 always exits its parent; activity_3 then continues when not satisfied and goes "previous" when
     * satisfied, writing its status to gObj-RU15a, which activity_2 (skipped when satisfied) reads. activity_6
     * satisfied by the LMS: activity_3's rule does not fire, its status stays unknown, neither post-condition
     * fires and the pending continue leads to activity_7. activity_6 failed: activity_3 is satisfied and goes back,
     * and activity_2 (satisfied by the LMS when its attempt ended, as the shared objective now says too) is
     * skipped: activity_1.
     */
    @Test
    void ru_15a_only_the_tracked_contributing_child_decides() {
        assertThat(ru15a(null)).isEqualTo("activity_7");
        assertThat(ru15a("failed")).isEqualTo("activity_1");
    }

    private static String ru15a(String activity6) {
        Learner l = new Learner(tree(cluster("RU-15a", seq().flow().noChoice(),
                leaf("activity_1"),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ", ObjectiveMap.of("gObj-RU15a", true, true, true, false))),
                cluster("activity_3", seq().flow().noChoice()
                                .post(RuleAction.CONTINUE, Seq.not(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                                        List.of(Seq.not(ConditionType.SATISFIED)), RollupAction.SATISFIED))
                                .primary("PRIMARYOBJ", ObjectiveMap.of("gObj-RU15a", false, false, true, false)),
                        leaf("activity_4", seq().untracked()),
                        leaf("activity_5", seq().notInRollup()),
                        leaf("activity_6", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS)))),
                leaf("activity_7"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_4");
        assertThat(l.next()).isEqualTo("activity_5");
        assertThat(l.next()).isEqualTo("activity_6");
        l.report(null, activity6);
        return l.next();
    }

    /**
     * RU-15c (no script in the suite; the book's reading, with RU-15b's empty-bag result): activity_2 is not
     * satisfied when all its children are not completed, continues when satisfied and goes "previous" when not;
     * activity_3 is always skipped and counts only if attempted, activity_4 is skipped once attempted and not
     * completed and counts only if not skipped, activity_5 takes no part and exits its parent. activity_4 left
     * incomplete is skipped, so no child takes part: the "all" rule holds over the empty bag, activity_2 is not
     * satisfied and goes back to activity_1. activity_4 completed takes part with "not completed" false: the rule
     * does not hold, the status stays unknown, neither post-condition fires, and the flow goes on to activity_6.
     */
    @Test
    void ru_15c_a_not_satisfied_rule_no_child_takes_part_in_holds() {
        assertThat(ru15c("incomplete")).isEqualTo("activity_1");
        assertThat(ru15c("completed")).isEqualTo("activity_6");
    }

    private static String ru15c(String activity4) {
        Learner l = new Learner(tree(cluster("RU-15c", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .post(RuleAction.CONTINUE, cond(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, Seq.not(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                                        List.of(Seq.not(ConditionType.COMPLETED)), RollupAction.NOT_SATISFIED)),
                        leaf("activity_3", seq().pre(RuleAction.SKIP, cond(ConditionType.ALWAYS))
                                .rollup(new RollupControls(true, true, 1.0, RollupConsideration.ALWAYS,
                                        RollupConsideration.IF_ATTEMPTED, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_4", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED),
                                        cond(ConditionType.ATTEMPTED))
                                .rollup(new RollupControls(true, true, 1.0, RollupConsideration.ALWAYS,
                                        RollupConsideration.IF_NOT_SKIPPED, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_5", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS))
                                .rollup(new RollupControls(false, true, 1.0, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true)))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).as("activity_3 always skipped").isEqualTo("activity_4");
        l.report(activity4, null);
        assertThat(l.next()).isEqualTo("activity_5");
        return l.next();
    }

    /**
     * RU-15d (no script in the suite; the book's reading): activity_2 is satisfied by its rolled-up measure at 0.3,
     * so its rule "satisfied if any child is satisfied" does not apply (RB.1.2: by measure, RB.1.2 a, else by rules);
     * children weigh 1, 0.01 and 0; activity_5 exits its parent, after which activity_2 continues when satisfied and
     * goes "previous" when not. activity_3 at 0.2 and activity_4 at 1.0 make 0.21 / 1.01 = 0.208: not satisfied
     * though activity_4 is (the LMS satisfied it), back to activity_1; activity_3 at 0.5 makes 0.505: satisfied, on
     * to activity_6.
     */
    @Test
    void ru_15d_satisfaction_by_measure_takes_precedence_over_the_rules() {
        assertThat(ru15d(0.2)).isEqualTo("activity_1");
        assertThat(ru15d(0.5)).isEqualTo("activity_6");
    }

    private static String ru15d(double activity3) {
        Learner l = new Learner(tree(cluster("RU-15d", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().primaryByMeasure("PRIMARYOBJ", 0.3)
                                .post(RuleAction.CONTINUE, cond(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, Seq.not(ConditionType.SATISFIED))
                                .rollupRule(ChildActivitySet.ANY, RollupAction.SATISFIED, ConditionType.SATISFIED),
                        leaf("activity_3", seq().pre(RuleAction.SKIP, cond(ConditionType.OBJECTIVE_MEASURE_KNOWN),
                                        cond(ConditionType.ATTEMPTED))
                                .rollup(new RollupControls(true, true, 1.0, RollupConsideration.IF_NOT_SKIPPED,
                                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true))),
                        leaf("activity_4", seq().weight(0.01)),
                        leaf("activity_5", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS))
                                .rollup(new RollupControls(false, true, 0.0, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                        RollupConsideration.ALWAYS, true)))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.scores(activity3, null);
        assertThat(l.next()).isEqualTo("activity_4");
        l.scores(1.0, null);
        assertThat(l.next()).isEqualTo("activity_5");
        return l.next();
    }

    /**
     * RU-16 (no script in the suite; the book's reading with the readers' rollup of RU-17a): activity_1 writes obj1,
     * obj2 and obj3 to gObj-RU16-2..4, which activity_4 (in activity_3), activity_6 and activity_7 (in activity_5)
     * read as their primary objectives; activity_3, activity_5 and activity_2 above them are satisfied when all their
     * children are, and skipped when satisfied. All three passed: the clusters nobody entered are satisfied, the
     * whole activity_2 is skipped: activity_8. obj3 not reported: activity_5 and so activity_2 are not satisfied,
     * activity_3 is skipped and activity_6 delivered.
     */
    @Test
    void ru_16_shared_objectives_satisfy_nested_clusters_nobody_entered() {
        assertThat(ru16("passed", "passed", "passed")).isEqualTo("activity_8");
        assertThat(ru16("passed", "passed", null)).isEqualTo("activity_6");
    }

    private static String ru16(String obj1, String obj2, String obj3) {
        RollupRule allSatisfied = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                List.of(cond(ConditionType.SATISFIED)), RollupAction.SATISFIED);
        Learner l = new Learner(tree(cluster("RU-16", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", ObjectiveMap.of("gObj-RU16-1", true, true, true, false))
                        .objective("obj1", ObjectiveMap.of("gObj-RU16-2", true, true, true, false))
                        .objective("obj2", ObjectiveMap.of("gObj-RU16-3", true, true, true, false))
                        .objective("obj3", ObjectiveMap.of("gObj-RU16-4", true, true, true, false))),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                .rollupRule(allSatisfied),
                        cluster("activity_3", seq().flow().noChoice()
                                        .pre(RuleAction.SKIP, cond(ConditionType.SATISFIED)).rollupRule(allSatisfied),
                                leaf("activity_4", seq().primary("PRIMARYOBJ", Seq.read("gObj-RU16-2")))),
                        cluster("activity_5", seq().flow().noChoice()
                                        .pre(RuleAction.SKIP, cond(ConditionType.SATISFIED)).rollupRule(allSatisfied),
                                leaf("activity_6", seq().primary("PRIMARYOBJ", Seq.read("gObj-RU16-3"))),
                                leaf("activity_7", seq().primary("PRIMARYOBJ", Seq.read("gObj-RU16-4"))))),
                leaf("activity_8"))));
        l.start();
        l.objectives(Learner.objective("obj1", obj1, null), Learner.objective("obj2", obj2, null),
                Learner.objective("obj3", obj3, null));
        return l.next();
    }

    /**
     * RU-14b (no script in the suite; the book's reading): activity_1 exits when its obj1 (read from gObj-RU14b) is
     * satisfied and then exits all; activity_3 writes obj1. Passing obj1 in activity_3 ends activity_1 through its
     * exit rule (TB.2.1) and then the session through its post-condition (exit all); failing it lets activity_1
     * end normally and the flow go on to activity_4.
     */
    @Test
    void ru_14b_an_exit_rule_on_a_shared_objective_then_exit_all() {
        assertThat(ru14b("passed").kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(ru14b("failed").deliver()).isEqualTo("activity_4");
    }

    private static Outcome ru14b(String obj1) {
        Learner l = new Learner(tree(cluster("RU-14b", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice()
                                .pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                .exit(RuleAction.EXIT, Seq.on("obj1", ConditionType.SATISFIED, false))
                                .post(RuleAction.EXIT_ALL, Seq.on("obj1", ConditionType.SATISFIED, false))
                                .rollupRule(new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                                        List.of(Seq.not(ConditionType.COMPLETED)), RollupAction.SATISFIED))
                                .objective("obj1", Seq.read("gObj-RU14b")),
                        leaf("activity_2"),
                        leaf("activity_3", seq().objective("obj1",
                                ObjectiveMap.of("gObj-RU14b", true, true, true, false)))),
                leaf("activity_4"))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.next()).as("obj1 unknown: no exit").isEqualTo("activity_3");
        l.objectives(Learner.objective("obj1", obj1, null));
        return l.nav(NavigationRequest.Type.CONTINUE);
    }

    /**
     * RU-18b (no script in the suite; the book's reading): activity_3 has only a "not satisfied if any child is not
     * completed" rule, so no default rule satisfies it (SN 4.6.4: the defaults apply only when neither action of the
     * pair has a rule); activity_7 exits its parent when satisfied; activity_1 (default rules) is retried when not
     * satisfied. All completed: activity_3's status stays unknown, so activity_1's is too, "not satisfied" is
     * unknown, no retry: activity_8. activity_5 left incomplete: activity_3 and then activity_1 (all children known)
     * are not satisfied, activity_1 is retried: activity_2.
     */
    @Test
    void ru_18b_a_negative_rule_alone_never_satisfies() {
        assertThat(ru18b("completed")).isEqualTo("activity_8");
        assertThat(ru18b("incomplete")).isEqualTo("activity_2");
    }

    private static String ru18b(String activity5) {
        Learner l = new Learner(tree(cluster("RU-18b", seq().flow(),
                cluster("activity_1", seq().flow().post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                        leaf("activity_2"),
                        cluster("activity_3", seq().flow().rollupRule(new RollupRule(ChildActivitySet.ANY, 0, 0,
                                        false, List.of(Seq.not(ConditionType.COMPLETED)),
                                        RollupAction.NOT_SATISFIED)),
                                leaf("activity_4"), leaf("activity_5"), leaf("activity_6")),
                        leaf("activity_7", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.SATISFIED)))),
                leaf("activity_8"))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_4");
        assertThat(l.next()).isEqualTo("activity_5");
        l.report(activity5, null);
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.next()).isEqualTo("activity_7");
        return l.next();
    }

    /**
     * RU-12a (no script in the suite; the book's reading): activity_2 always exits after its child, goes "previous"
     * while its status is unknown and retries when satisfied; its only rollup rule makes it not satisfied when all
     * children are not satisfied. activity_3 satisfied (by the LMS): the rule does not fire, the status is unknown,
     * back to activity_1 (and never a retry: nothing can satisfy it). activity_3 failed: not satisfied, known, no
     * post-condition fires and the pending continue leads to activity_4.
     */
    @Test
    void ru_12a_status_known_only_through_the_negative_rule() {
        assertThat(ru12a(null)).isEqualTo("activity_1");
        assertThat(ru12a("failed")).isEqualTo("activity_4");
    }

    private static String ru12a(String activity3) {
        Learner l = new Learner(tree(cluster("RU-12a", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.ALWAYS))
                                .post(RuleAction.PREVIOUS, Seq.not(ConditionType.OBJECTIVE_STATUS_KNOWN))
                                .post(RuleAction.RETRY, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                                        List.of(Seq.not(ConditionType.SATISFIED)), RollupAction.NOT_SATISFIED)),
                        leaf("activity_3")),
                leaf("activity_4"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.report(null, activity3);
        return l.next();
    }

    /**
     * RU-11 (no script in the suite; the book's reading with RU-15b's empty-bag result): all of activity_2's
     * children are untracked, so none takes part in its rule "completed when all children's status is not known";
     * the rule holds over the empty bag as soon as activity_2 is rolled up (when its first child ends), its exit
     * rule ends it and its post-condition "previous" sends the learner back to activity_1 before activity_4.
     */
    @Test
    void ru_11_a_cluster_of_untracked_children_completes_over_the_empty_bag() {
        Learner l = new Learner(tree(cluster("RU-11", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.COMPLETED))
                                .rollupRule(new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                                        List.of(Seq.not(ConditionType.OBJECTIVE_STATUS_KNOWN)),
                                        RollupAction.COMPLETED)),
                        leaf("activity_3", seq().untracked()), leaf("activity_4", seq().untracked()),
                        leaf("activity_5", seq().untracked())),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.next()).isEqualTo("activity_1");
        assertThat(l.state.activity("activity_4").attemptCount).isZero();
    }

    /**
     * RU-14d (no script in the suite; the book's reading): activity_1 is satisfied when any child is not satisfied
     * (its only rule) and skipped when satisfied. activity_2 failed: activity_1 is satisfied, yet flow goes on
     * inside it (a skip applies when flow enters an activity, SB.2.2), and going back from activity_4 skips it and
     * finds nothing before (SB.2.1-3). Both passed: its status stays unknown, going back enters it at activity_3.
     */
    @Test
    void ru_14d_satisfied_by_a_failure_skipped_only_when_entered() {
        assertThat(ru14d("failed").exception()).isEqualTo(SnCode.SB_2_1_3);
        assertThat(ru14d("passed").deliver()).isEqualTo("activity_3");
    }

    private static Outcome ru14d(String activity2) {
        Learner l = new Learner(tree(cluster("RU-14d", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                                        List.of(Seq.not(ConditionType.SATISFIED)), RollupAction.SATISFIED)),
                        leaf("activity_2"), leaf("activity_3")),
                leaf("activity_4"))));
        l.start();
        l.report(null, activity2);
        assertThat(l.next()).isEqualTo("activity_3");
        l.report(null, "passed");
        assertThat(l.next()).isEqualTo("activity_4");
        return l.nav(NavigationRequest.Type.PREVIOUS);
    }

    /**
     * RU-09 as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s): first pass activity_3
     * completed, activity_4 incomplete, activity_5 completed: activity_2 is satisfied (exit) and not completed, so
     * retry all (Act1V2); second pass activity_3 incomplete, activity_4 and activity_5 completed: again (Act1V3);
     * third pass activity_4 has used its two attempts and is skipped (and left out of the rollup), activity_3 and
     * activity_5 completed: activity_5's "previous" request is replaced by activity_2's exit and its "continue"
     * post-condition: Act6V1.
     */
    @Test
    void ru_09_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.ru09();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        String[][] passes = {{"completed", "incomplete", "completed"}, {"incomplete", "completed", "completed"}};
        for (int pass = 0; pass < passes.length; pass++) {
            assertThat(l.next()).as("Act3V%d", pass + 1).isEqualTo("activity_3");
            l.report(passes[pass][0], null);
            assertThat(l.next()).as("Act4V%d", pass + 1).isEqualTo("activity_4");
            l.report(passes[pass][1], null);
            assertThat(l.next()).as("Act5V%d", pass + 1).isEqualTo("activity_5");
            l.report(passes[pass][2], null);
            assertThat(l.next()).as("Act1V%d", pass + 2).isEqualTo("activity_1");
        }
        assertThat(l.next()).as("Act3V3").isEqualTo("activity_3");
        l.report("completed", null);
        assertThat(l.next()).as("Act5V3: activity_4 skipped").isEqualTo("activity_5");
        l.report("completed", null);
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act6V1").isEqualTo("activity_6");
    }

    /**
     * RU-04aa as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s): Act3V1 is incomplete
     * with a score of 0.75 (a known measure: one child of three meets a condition); Act4V1 completes and fails;
     * Act5V1 fails: still one of three, under 50%, so activity_2 is not satisfied, does not exit, and the flow goes on
     * to Act6V1.
     */
    @Test
    void ru_04aa_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.ru04aa();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.report("incomplete", null, 0.75);
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.report("completed", "failed");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.report(null, "failed");
        assertThat(l.next()).as("Act6V1").isEqualTo("activity_6");
    }

    /**
     * RU-19a ({@code TestCases/RU-19a.properties}): activity_1 ({@code choice="false" flow="true"}) exits when its
     * objective status is known and is then retried. Script: Act2V1 and Act3V1 set nothing (the LMS satisfies them
     * when their attempts end, UP.4); Act4V1 sets {@code cmi.success_status = "unknown"} itself: the content set it
     * ("Objective Set by Content", UP.4), so the LMS does not satisfy activity_4, activity_1 stays unknown ("all
     * satisfied" fails) and neither exits nor is retried: Act5V1. Without the SCO's "unknown", the LMS's satisfaction
     * retries activity_1 (Act2V2).
     */
    @Test
    void ru_19a_an_unknown_set_by_the_content_is_not_satisfied_by_the_lms() {
        ActivityTree tree = tree(cluster("RU-19a", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.OBJECTIVE_STATUS_KNOWN))
                                .post(RuleAction.RETRY, cond(ConditionType.OBJECTIVE_STATUS_KNOWN)),
                        leaf("activity_2"), leaf("activity_3"), leaf("activity_4")),
                leaf("activity_5")));
        Learner l = new Learner(tree);
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.report(null, "unknown");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        assertThat(l.state.activity("activity_1").attemptCount).isEqualTo(1);

        Learner silent = new Learner(tree);
        silent.start();
        silent.next();
        silent.next();
        assertThat(silent.next()).as("satisfied by the LMS: retried").isEqualTo("activity_2");
        assertThat(silent.state.activity("activity_1").attemptCount).isEqualTo(2);
    }

    /**
     * RU-03b (no script; the book's reading): activity_2 is satisfied when at least one child is attempted and not
     * satisfied (an "all" combination), exits when satisfied and then goes "previous". Act1; activity_3 fails:
     * activity_2 is satisfied by that odd rule, exits, and its post-condition sends the learner back to activity_1.
     * Continue starts a new attempt of activity_2, where the first attempt's failure no longer counts
     * ({@code useCurrentAttemptObjectiveInfo}); all three pass: the rule does not hold, no default "satisfied" rule
     * applies (the cluster has a rule with that action, RB.1.2 b), so activity_2 stays unknown and flow goes on to
     * activity_6.
     */
    @Test
    void ru_03b_satisfied_by_an_attempted_and_not_satisfied_child() {
        Learner l = new Learner(tree(cluster("RU-03b", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_COUNT, 1, 0, true,
                                        List.of(cond(ConditionType.ATTEMPTED), Seq.not(ConditionType.SATISFIED)),
                                        RollupAction.SATISFIED)),
                        leaf("activity_3"), leaf("activity_4"), leaf("activity_5")),
                leaf("activity_6"))));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_3");
        l.report(null, "failed");
        assertThat(l.next()).as("activity_2 satisfied by the failure: exit, previous").isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.state.activity("activity_2").attemptCount).isEqualTo(2);
        l.report(null, "passed");
        assertThat(l.next()).isEqualTo("activity_4");
        l.report(null, "passed");
        assertThat(l.next()).isEqualTo("activity_5");
        l.report(null, "passed");
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isNull();
    }

    /**
     * RU-04bd (no script; the book's reading): activity_2 is completed when at least 50% of its children are
     * completed or have a known measure (the rollup conditions' default combination is "any"), exits when completed
     * and then goes "previous". Act1; activity_3 incomplete without a score (0 of 3); activity_4 incomplete with a
     * score (1 of 3, not enough); activity_5 completed: 2 of 3, so activity_2 completes, exits, and the learner is
     * sent back to activity_1.
     */
    @Test
    void ru_04bd_at_least_half_completed_or_measured() {
        Learner l = new Learner(atLeastHalfCompletedOrMeasured("RU-04bd"));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_3");
        l.report("incomplete", null);
        assertThat(l.next()).isEqualTo("activity_4");
        l.report("incomplete", null, 0.4);
        assertThat(l.next()).as("1 of 3: not completed").isEqualTo("activity_5");
        l.report("completed", null);
        assertThat(l.next()).as("2 of 3: completed, exit, previous").isEqualTo("activity_1");
    }

    /**
     * RU-13d ({@code TestCases/RU-13d.properties}): the organization has {@code adlseq:objectivesGlobalToSystem=
     * "false"}, reads gObj-RU13d-1 into its primary objective and is retried while not satisfied; activity_1 is
     * skipped once attempted while its obj1 (reading -1) is unknown, satisfied when at least 40% of its children are,
     * and exits its parent when satisfied; activity_2 is skipped unless its obj1 (reading -2) is known satisfied;
     * activity_4 always exits its parent and writes obj1 to -1, obj2 to -2 without reading them. Script: Act3V1
     * (activity_2 skipped); Act4V1 fails obj1 and passes obj2: activity_1 is satisfied (2 of 4), exits the
     * organization, not satisfied (it reads the failure), which is retried. The retry begins a new attempt on the
     * tree, and the global objectives belonged to the old one: cleared, activity_1 (attempted, obj1 unknown now) is
     * skipped: Act6V1. With the default {@code objectivesGlobalToSystem} they are kept: activity_2 (-2 passed) comes.
     */
    @Test
    void ru_13d_global_objectives_scoped_to_the_attempt_are_cleared_when_the_root_is_retried() {
        assertThat(ru13d(false)).as("Act6V1").isEqualTo("activity_6");
        assertThat(ru13d(true)).isEqualTo("activity_2");
    }

    private static String ru13d(boolean objectivesGlobalToSystem) {
        ObjectiveMap writeOnly1 = ObjectiveMap.of("gObj-RU13d-1", false, false, true, false);
        ObjectiveMap writeOnly2 = ObjectiveMap.of("gObj-RU13d-2", false, false, true, false);
        ActivityTree tree = new ActivityTree(cluster("RU-13d", seq().flow().noChoice()
                        .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ", Seq.read("gObj-RU13d-1")),
                cluster("activity_1", seq().flow().noChoice()
                                .pre(RuleAction.SKIP, cond(ConditionType.ATTEMPTED),
                                        Seq.on("obj1", ConditionType.OBJECTIVE_STATUS_KNOWN, true))
                                .post(RuleAction.EXIT_PARENT, cond(ConditionType.SATISFIED))
                                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.4, false,
                                        List.of(cond(ConditionType.SATISFIED)), RollupAction.SATISFIED))
                                .primary(null).objective("obj1", Seq.read("gObj-RU13d-1")),
                        leaf("activity_2", seq()
                                .preAny(RuleAction.SKIP, Seq.on("obj1", ConditionType.OBJECTIVE_STATUS_KNOWN, true),
                                        Seq.on("obj1", ConditionType.SATISFIED, true))
                                .primary(null).objective("obj1", Seq.read("gObj-RU13d-2"))),
                        leaf("activity_3"),
                        leaf("activity_4", seq().post(RuleAction.EXIT_PARENT, cond(ConditionType.ALWAYS))
                                .primary(null).objective("obj1", writeOnly1).objective("obj2", writeOnly2)),
                        leaf("activity_5")),
                leaf("activity_6")), objectivesGlobalToSystem);
        Learner l = new Learner(tree);
        assertThat(l.start()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.objectives(Learner.objective("obj1", "failed", null), Learner.objective("obj2", "passed", null));
        String next = l.next();
        assertThat(l.state.activity("RU-13d").attemptCount).as("the organization was retried").isEqualTo(2);
        return next;
    }

    /**
     * RU-04bc and RU-04bd share one structure: activity_2 ({@code choice="false" flow="true"}) exits when completed
     * and then goes "previous", and is completed when at least 50% of its children are completed or have a known
     * measure (the rollup conditions' default combination, "any").
     */
    private static ActivityTree atLeastHalfCompletedOrMeasured(String organization) {
        return tree(cluster(organization, seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.COMPLETED))
                                .rollupRule(new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.5, false,
                                        List.of(cond(ConditionType.COMPLETED),
                                                cond(ConditionType.OBJECTIVE_MEASURE_KNOWN)),
                                        RollupAction.COMPLETED)),
                        leaf("activity_3"), leaf("activity_4"), leaf("activity_5")),
                leaf("activity_6")));
    }
}
