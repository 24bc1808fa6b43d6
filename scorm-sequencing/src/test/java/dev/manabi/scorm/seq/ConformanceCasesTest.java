package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases derived from the ADL SCORM 2004 4th Edition Conformance Test Suite (LMS test content packages, public at
 * github.com/adlnet/SCORM-2004-4ed-Test-Suite, {@code TestSuite/LMSRTE/Courses/LMSTestPackage_<case>/imsmanifest.xml}).
 * Each test rebuilds the package's sequencing definition in code (nothing of the suite is copied) and asserts what
 * the SN book makes of it when a learner plays it as described in the test's comment. The suite's SCOs drive the
 * learner through its own instructions; these tests drive the {@link Sequencer} the same way the run-time does.
 */
class ConformanceCasesTest {

    private static final List<String> HIDDEN = List.of("continue", "previous", "suspendAll");

    /**
     * CM-01 (control modes): organization {@code choice="false" flow="true"}; activity_1 with an attempt absolute
     * duration limit (P5Y6M4DT12H30M58S), activity_2 satisfied by measure at 0.8, activity_3 satisfied by measure at
     * 0.7 with a duration limit; every item hides continue, previous and suspendAll.
     */
    @Test
    void cm_01_flow_without_choice_with_measure_satisfaction_and_far_time_limits() {
        Duration farLimit = Duration.ofDays(5 * 365 + 6 * 30 + 4).plusHours(12).plusMinutes(30).plusSeconds(58);
        Learner l = new Learner(tree(cluster("CM-01", seq().flow().noChoice(),
                leaf("activity_1", seq().durationLimit(farLimit).hide(HIDDEN.toArray(String[]::new))),
                leaf("activity_2", seq().primaryByMeasure(null, 0.8).hide(HIDDEN.toArray(String[]::new))),
                leaf("activity_3", seq().durationLimit(farLimit).primaryByMeasure(null, 0.7)
                        .hide(HIDDEN.toArray(String[]::new))))));
        assertThat(l.start()).isEqualTo("activity_1");
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.hideLmsUi()).containsExactlyInAnyOrderElementsOf(HIDDEN);
        assertThat(la.continueValid()).isTrue();
        assertThat(la.previousValid()).as("first activity: nothing before it").isFalse();
        // The organization itself has no parent whose control mode could forbid choosing it (NB.2.1 step 7.1).
        assertThat(la.activities()).filteredOn(a -> !a.id().equals("CM-01"))
                .noneMatch(LookAhead.ActivityAvailability::choiceValid);
        Outcome chosen = l.choose("activity_3");
        assertThat(chosen.exception()).as("choice is off on the organization").isEqualTo(SnCode.NB_2_1_10);
        assertThat(chosen.exceptionActivity()).isEqualTo("CM-01");
        assertThat(l.sequencer.currentActivity()).isEqualTo("activity_1");

        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_2");
        l.report("completed", null, 0.75);
        assertThat(l.next()).as("the far duration limit does not disable activity_3").isEqualTo("activity_3");
        l.report("completed", null, 0.75);
        la = l.sequencer.lookAhead();
        assertThat(la.activity("activity_2").orElseThrow().satisfied()).as("0.75 < 0.8").isFalse();
        assertThat(la.activity("activity_3").orElseThrow().satisfied()).as("0.75 >= 0.7").isTrue();
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_2");
        l.nav(Type.CONTINUE);
        assertThat(l.nav(Type.CONTINUE).kind()).as("continue past the last activity ends the course")
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
    }

    /**
     * The cluster activity_2 shared by SX-02 and RU-04aa: {@code choice="false" flow="true"}, an exit rule "satisfied
     * → exit" and a post-condition rule "satisfied → previous", with the given rollup rule; activity_1 before it and
     * activity_6 after it in a flow organization without choice.
     */
    private static ActivityDefinition organization(String id, RollupRule rollup, Seq a3, Seq a4, Seq a5) {
        return cluster(id, seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.SATISFIED))
                                .rollupRule(rollup),
                        leaf("activity_3", a3), leaf("activity_4", a4), leaf("activity_5", a5)),
                leaf("activity_6"));
    }

    private static RteResults progress(double measure) {
        return new RteResults(null, null, null, null, null, null, measure, null, List.of());
    }

    /** SX-02's tree: activity_2 satisfied when all children are completed; 3 and 5 completed by measure. */
    private static Learner sx02() {
        return new Learner(tree(organization("SX-02",
                new RollupRule(ChildActivitySet.ALL, 0, 0, false, List.of(cond(ConditionType.COMPLETED)),
                        RollupAction.SATISFIED),
                seq().completedByMeasure(0.5), seq(), seq().completedByMeasure(0.75))));
    }

    /**
     * SX-02 (sequencing exit and post-condition rules): activity_2 is satisfied when all its children are completed
     * (activity_3 completed by measure at 0.5, activity_5 at 0.75). Leaving its last child once it is satisfied
     * fires the exit rule on activity_2 (TB.2.1), then its post-condition "previous" (TB.2.2): the learner is sent
     * to activity_1, not on to activity_6.
     */
    @Test
    void sx_02_a_satisfied_cluster_exits_and_its_post_condition_sends_the_learner_back() {
        Learner l = sx02();
        l.start();
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", progress(0.6));
        assertThat(l.next()).isEqualTo("activity_4");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_5");
        l.sequencer.report("activity_5", progress(0.8));
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isTrue();
        assertThat(l.next()).as("exit rule, then post-condition previous").isEqualTo("activity_1");
    }

    /** SX-02, the other way: activity_5's progress stays under its 0.75 threshold, so the flow goes on. */
    @Test
    void sx_02_an_unsatisfied_cluster_lets_the_flow_go_on() {
        Learner l = sx02();
        l.start();
        l.next();
        l.sequencer.report("activity_3", progress(0.6));
        l.next();
        l.report("completed", null);
        l.next();
        l.sequencer.report("activity_5", progress(0.7));
        assertThat(l.next()).isEqualTo("activity_6");
    }

    /**
     * RU-04aa (rollup rules): activity_2 is satisfied when at least 50% of its children are "satisfied" or have a
     * known measure (the rollup conditions' default combination is "any", IMS SS 5.1). A child that passes with a
     * score and one that fails with a score make two of three: the cluster is satisfied, its exit and
     * post-condition rules send the learner back to activity_1.
     */
    @Test
    void ru_04aa_at_least_percent_with_any_condition_satisfies_the_cluster() {
        Learner l = new Learner(tree(organization("RU-04aa",
                new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.5, false,
                        List.of(cond(ConditionType.SATISFIED), cond(ConditionType.OBJECTIVE_MEASURE_KNOWN)),
                        RollupAction.SATISFIED),
                seq().setByContent(), seq().setByContent(), seq().setByContent())));
        l.start();
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_3");
        l.report("completed", "passed", 0.9);
        assertThat(l.next()).as("one child of three: under 50%").isEqualTo("activity_4");
        l.report("completed", "failed", 0.1);
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isTrue();
        assertThat(l.next()).as("two of three meet a condition").isEqualTo("activity_1");
    }

    /** RU-04aa with both conditions required instead: the failed child no longer counts, the flow goes on. */
    @Test
    void ru_04aa_with_all_conditions_required_the_failed_child_does_not_count() {
        RuleCondition satisfied = cond(ConditionType.SATISFIED);
        Learner l = new Learner(tree(organization("RU-04aa",
                new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.5, true,
                        List.of(satisfied, cond(ConditionType.OBJECTIVE_MEASURE_KNOWN)), RollupAction.SATISFIED),
                seq().setByContent(), seq().setByContent(), seq().setByContent())));
        l.start();
        l.next();
        l.report("completed", "passed", 0.9);
        l.next();
        l.report("completed", "failed", 0.1);
        assertThat(l.next()).isEqualTo("activity_5");
    }

    /**
     * OB-09a (objectives, global maps): the organization ({@code choice="false" flow="true"}) exits when completed
     * and retries while not satisfied; activity_1 and activity_2 are skipped when the global objective they read is
     * satisfied and do not count in rollup; activity_3 writes both global objectives from its own objectives
     * ({@code cmi.objectives}). After a first pass where activity_3 fails obj2 and the course, leaving activity_3
     * ends the root's attempt (exit rule), the post-condition retries it, and the new attempt skips activity_1 (obj1
     * satisfied) and delivers activity_2 (obj2 failed).
     */
    @Test
    void ob_09a_retry_of_the_organization_skips_what_the_global_objectives_say_is_mastered() {
        Learner l = new Learner(tree(cluster("OB-09a", seq().flow().noChoice()
                        .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                        .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                leaf("activity_1", seq().pre(RuleAction.SKIP, Seq.on("obj1", ConditionType.SATISFIED, false))
                        .notInRollup().primary("obj1", Seq.read("gObj-OB09-obj1"))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.on("obj2", ConditionType.SATISFIED, false))
                        .notInRollup().primary("obj2", Seq.read("gObj-OB09-obj2"))),
                leaf("activity_3", seq().setByContent().primary(null)
                        .objective("obj1", ObjectiveMap.of("gObj-OB09-obj1", false, false, true, false))
                        .objective("obj2", ObjectiveMap.of("gObj-OB09-obj2", false, false, true, false))))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_2");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", withObjectives("failed", "passed", "failed"));
        assertThat(l.next()).as("root exited and retried; obj1 mastered, obj2 not").isEqualTo("activity_2");
        assertThat(l.state.activity("OB-09a").attemptCount).as("the organization's second attempt").isEqualTo(2);
        // The package's second pass (activity_2, then activity_3 again) needs the organization's new attempt to
        // ignore activity_3's completion from the first one (useCurrentAttemptProgressInfo, SN 3.2.1), which this
        // sequencer does not do yet: see the module README, "Not implemented".
    }

    private static RteResults withObjectives(String success, String obj1, String obj2) {
        return new RteResults("completed", success, null, null, null, null, null, null, List.of(
                new RteResults.Objective("obj1", obj1, null, null, null, null, null, null),
                new RteResults.Objective("obj2", obj2, null, null, null, null, null, null)));
    }
}
