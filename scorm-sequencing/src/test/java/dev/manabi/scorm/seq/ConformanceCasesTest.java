package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.time.Duration;
import java.util.ArrayList;
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
     * activity_6 after it in a flow organization without choice. A null rollup rule keeps the default ones.
     */
    private static ActivityDefinition organization(String id, RollupRule rollup, Seq a3, Seq a4, Seq a5) {
        Seq activity2 = seq().flow().noChoice()
                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                .post(RuleAction.PREVIOUS, cond(ConditionType.SATISFIED));
        if (rollup != null) {
            activity2.rollupRule(rollup);
        }
        return cluster(id, seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", activity2,
                        leaf("activity_3", a3), leaf("activity_4", a4), leaf("activity_5", a5)),
                leaf("activity_6"));
    }

    private static RteResults progress(double measure) {
        return progress(null, measure);
    }

    private static RteResults progress(String completionStatus, double measure) {
        return new RteResults(completionStatus, null, null, null, null, null, measure, null, List.of());
    }

    /** SX-02's tree: activity_2 satisfied when all children are completed; 3 and 5 completed by measure. */
    static Learner sx02() {
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
        Learner l = ru04aa();
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
     * satisfied) and delivers activity_2 (obj2 failed). In that second attempt activity_3's completion from the
     * first one no longer counts (useCurrentAttemptProgressInfo, true by default, SN 3.2.1): leaving activity_2
     * delivers activity_3 again instead of completing, exiting and retrying the organization once more; passing it
     * ends the course completed and passed.
     */
    @Test
    void ob_09a_retry_of_the_organization_skips_what_the_global_objectives_say_is_mastered() {
        Learner l = ob09a(seq().flow().noChoice());
        assertThat(l.start()).isEqualTo("activity_1");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_2");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", withObjectives("failed", "passed", "failed"));
        assertThat(l.next()).as("root exited and retried; obj1 mastered, obj2 not").isEqualTo("activity_2");
        assertThat(l.state.activity("OB-09a").attemptCount).as("the organization's second attempt").isEqualTo(2);

        l.report("completed", null);
        assertThat(l.sequencer.courseStatus().completed())
                .as("activity_3's completion belongs to the organization's first attempt").isNull();
        assertThat(l.next()).as("second pass: activity_3 again").isEqualTo("activity_3");
        l.sequencer.report("activity_3", withObjectives("passed", "passed", "passed"));
        assertThat(l.nav(Type.CONTINUE).kind()).as("completed and satisfied: exit, no retry")
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.globals.find("gObj-OB09-obj2").satisfiedStatus).isTrue();
    }

    /**
     * OB-09a with {@code useCurrentAttemptObjectiveInfo="false" useCurrentAttemptProgressInfo="false"} on the
     * organization: activity_3's completion and failure from the first attempt keep counting, so leaving activity_2
     * completes the organization again, its exit rule ends the attempt and, still not satisfied, it is retried once
     * more instead of delivering activity_3 (the loop the package guards against).
     */
    @Test
    void ob_09a_with_previous_attempts_counting_the_organization_retries_again() {
        Learner l = ob09a(seq().flow().noChoice().useCurrentAttempt(false, false));
        l.start();
        l.report("completed", null);
        l.next();
        l.report("completed", null);
        l.next();
        l.sequencer.report("activity_3", withObjectives("failed", "passed", "failed"));
        assertThat(l.next()).isEqualTo("activity_2");
        l.report("completed", null);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.next()).as("exit rule and retry again, not activity_3").isEqualTo("activity_2");
        assertThat(l.state.activity("OB-09a").attemptCount).isEqualTo(3);
    }

    static Learner ob09a(Seq organization) {
        return new Learner(tree(cluster("OB-09a", organization
                        .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                        .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED)),
                leaf("activity_1", seq().pre(RuleAction.SKIP, Seq.on("obj1", ConditionType.SATISFIED, false))
                        .notInRollup().primary("obj1", Seq.read("gObj-OB09-obj1"))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.on("obj2", ConditionType.SATISFIED, false))
                        .notInRollup().primary("obj2", Seq.read("gObj-OB09-obj2"))),
                leaf("activity_3", seq().setByContent().primary(null)
                        .objective("obj1", ObjectiveMap.of("gObj-OB09-obj1", false, false, true, false))
                        .objective("obj2", ObjectiveMap.of("gObj-OB09-obj2", false, false, true, false))))));
    }

    /**
     * CM-02a (control modes, skip): a flow organization without choice; activity_2 is skipped when its (anonymous)
     * primary objective is satisfied. Its status is unknown on the way forward, so it is delivered; the LMS
     * satisfies it when its attempt ends (UP.4, no content-set status), so going back from activity_3 skips it and
     * so does going forward again (SB.2.2 skips in both directions).
     */
    @Test
    void cm_02a_a_satisfied_activity_is_skipped_both_ways() {
        Learner l = cm02a();
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).as("unknown status: not skipped").isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isTrue();
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("backward past the satisfied activity_2")
                .isEqualTo("activity_1");
        assertThat(l.next()).as("forward past it too").isEqualTo("activity_3");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    /** CM-02a's tree: activity_2 skipped when satisfied, activity_3's primary objective PRIMARYOBJ. */
    static Learner cm02a() {
        return new Learner(tree(cluster("CM-02a", seq().flow().noChoice(),
                leaf("activity_1"),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))),
                leaf("activity_3", seq().primary("PRIMARYOBJ")))));
    }

    /**
     * CO-02b (4th Ed. completion shared through {@code adlseq:mapInfo}): activity_1 writes its completion status to
     * gObj-CO02b; activity_2 reads it and is skipped when not completed. activity_1 completed: activity_2 follows.
     */
    @Test
    void co_02b_a_shared_completion_lets_the_reader_through() {
        Learner l = co02b();
        l.start();
        l.report("completed", null);
        assertThat(l.globals.find("gObj-CO02b").completed).isTrue();
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.sequencer.launchObjectives("activity_2")).singleElement()
                .satisfies(o -> assertThat(o.completionStatus()).as("read through the map").isEqualTo("completed"));
    }

    /** CO-02b, the other way: activity_1 left incomplete, the shared status skips activity_2. */
    @Test
    void co_02b_a_shared_incomplete_status_skips_the_reader() {
        Learner l = co02b();
        l.start();
        l.report("incomplete", null);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.globals.find("gObj-CO02b").completionStatusKnown).isTrue();
        assertThat(l.globals.find("gObj-CO02b").completed).isFalse();
    }

    private static Learner co02b() {
        return new Learner(tree(cluster("CO-02b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", Seq.adlseq("gObj-CO02b", true, false))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO02b", false, false))),
                leaf("activity_3"))));
    }

    /**
     * CO-04a (4th Ed. completion by measure, shared): activity_1 is completed by measure (threshold 1.0) and writes
     * its completion and progress measure; activity_2 is skipped when completed and activity_3 when not, both
     * reading the shared completion. A progress measure of 1.0 completes activity_1: activity_2 is skipped and
     * activity_3 delivered.
     */
    @Test
    void co_04a_completion_by_measure_is_shared() {
        Learner l = co04a();
        l.start();
        l.sequencer.report("activity_1", progress(1.0));
        assertThat(l.globals.find("gObj-CO04a").completed).isTrue();
        assertThat(l.globals.find("gObj-CO04a").progressMeasure).isEqualTo(1.0);
        assertThat(l.next()).isEqualTo("activity_3");
    }

    /** CO-04a, the other way: 0.5 is under activity_1's threshold, the shared status is incomplete. */
    @Test
    void co_04a_a_progress_measure_under_the_threshold_shares_incomplete() {
        Learner l = co04a();
        l.start();
        l.sequencer.report("activity_1", progress(0.5));
        assertThat(l.globals.find("gObj-CO04a").completed).isFalse();
        assertThat(l.next()).isEqualTo("activity_2");
    }

    private static Learner co04a() {
        return new Learner(tree(cluster("CO-04a", seq().flow().noChoice(),
                leaf("activity_1", seq().completedByMeasure(1.0)
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04a", true, true))),
                leaf("activity_2", seq().completedByMeasure(0.4).pre(RuleAction.SKIP, cond(ConditionType.COMPLETED))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04a", false, false))),
                leaf("activity_3", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04a", false, false))),
                leaf("activity_4"))));
    }

    /**
     * CT-02 (4th Ed. completion threshold with progress weights): activity_2 is completed by measure at 0.5 and
     * skipped when not completed; its children weigh 0.75, 0.25 and 0.25. Its progress measure is their weighted
     * mean (4th Ed. RB.1.1 b): 0.8, 0.2, 0.2 make 0.56, completed, so going back from activity_6 enters it at its
     * last child.
     */
    @Test
    void ct_02_weighted_progress_completes_the_cluster() {
        Learner l = ct02(0.8, 0.2, 0.2);
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().completed()).isTrue();
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(0.56, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
    }

    /** CT-02, the other way: 0.6, 0.2, 0.2 make 0.44, incomplete: going back skips activity_2. */
    @Test
    void ct_02_weighted_progress_under_the_threshold_skips_the_cluster_backward() {
        Learner l = ct02(0.6, 0.2, 0.2);
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().completed()).isFalse();
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(0.44, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_1");
    }

    /** CT-02 played forward to activity_6 with the progress measures of activity_3, activity_4 and activity_5. */
    static Learner ct02(double activity3, double activity4, double activity5) {
        Learner l = new Learner(tree(cluster("CT-02", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED))
                                .completedByMeasure(0.5),
                        leaf("activity_3", seq().progressWeight(0.75)),
                        leaf("activity_4", seq().progressWeight(0.25)),
                        leaf("activity_5", seq().progressWeight(0.25))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).as("activity_2's completion is unknown: not skipped").isEqualTo("activity_3");
        l.sequencer.report("activity_3", progress(activity3));
        assertThat(l.next()).isEqualTo("activity_4");
        l.sequencer.report("activity_4", progress(activity4));
        assertThat(l.next()).isEqualTo("activity_5");
        l.sequencer.report("activity_5", progress(activity5));
        assertThat(l.next()).isEqualTo("activity_6");
        return l;
    }

    /**
     * CT-04 (4th Ed. completion threshold with an untracked child): activity_2 is completed by measure at 0.25 and
     * skipped when not completed; activity_4 is not tracked, so it takes no part in the progress measure rollup
     * (RB.1.1 b counts tracked children only) whatever its SCO reports. 0.1 and 0.4 (weight 0.5) make 0.2: going
     * back from activity_6 skips activity_2.
     */
    @Test
    void ct_04_an_untracked_child_does_not_count_in_the_progress_measure() {
        Learner l = ct04(0.1);
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(0.2, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_1");
    }

    /** CT-04, the other way: 0.3 and 0.4 make 0.33, completed: going back enters activity_2 at its last child. */
    @Test
    void ct_04_enough_progress_completes_the_cluster() {
        Learner l = ct04(0.3);
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
    }

    private static Learner ct04(double activity3) {
        return ct04(activity3, 0.4, null);
    }

    /** CT-04's tree played to activity_6; each SCO reports its progress and {@code completionStatus}. */
    static Learner ct04(double activity3, double activity5, String completionStatus) {
        Learner l = new Learner(tree(cluster("CT-04", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED))
                                .completedByMeasure(0.25),
                        leaf("activity_3"),
                        leaf("activity_4", seq().untracked()),
                        leaf("activity_5", seq().progressWeight(0.5))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", progress(completionStatus, activity3));
        assertThat(l.next()).isEqualTo("activity_4");
        l.sequencer.report("activity_4", progress(completionStatus, 1.0));
        assertThat(l.next()).isEqualTo("activity_5");
        l.sequencer.report("activity_5", progress(completionStatus, activity5));
        assertThat(l.next()).isEqualTo("activity_6");
        return l;
    }

    /**
     * MS-02 (measure rollup with weights): activity_2's children weigh 0.75, 0.25 and 0.25 in its measure
     * (RB.1.1); activity_2 is skipped when its measure is under 0.6. Scores 0.9, 0.2, 0.2 make 0.62: going back
     * from activity_6 enters activity_2.
     */
    @Test
    void ms_02_a_weighted_measure_over_the_threshold_keeps_the_cluster() {
        Learner l = ms02(0.9);
        assertThat(measure(l, "activity_2")).isCloseTo(0.62, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
    }

    /** MS-02, the other way: 0.8, 0.2, 0.2 make 0.56, under 0.6: going back skips activity_2. */
    @Test
    void ms_02_a_weighted_measure_under_the_threshold_skips_the_cluster() {
        Learner l = ms02(0.8);
        assertThat(measure(l, "activity_2")).isCloseTo(0.56, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_1");
    }

    private static double measure(Learner l, String activity) {
        var o = l.state.activity(activity).objective("");
        assertThat(o.measureStatus).isTrue();
        return o.normalizedMeasure;
    }

    private static Learner ms02(double activity3) {
        Learner l = new Learner(tree(cluster("MS-02", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP,
                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_LESS_THAN, null, 0.6, false)),
                        leaf("activity_3", seq().weight(0.75)),
                        leaf("activity_4", seq().weight(0.25)),
                        leaf("activity_5", seq().weight(0.25))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).as("activity_2's measure is unknown: not skipped").isEqualTo("activity_3");
        l.report("completed", null, activity3);
        l.next();
        l.report("completed", null, 0.2);
        l.next();
        l.report("completed", null, 0.2);
        assertThat(l.next()).isEqualTo("activity_6");
        return l;
    }

    /**
     * OB-05a (objectives satisfied by measure through a shared objective): activity_1 is satisfied by measure (at
     * 1.0) and writes its status and measure to gObj-OB05a; activity_2 is satisfied by measure at 0.4 reading both,
     * and skipped when satisfied; activity_3 reads the status and is skipped when not satisfied. A score of 0.5 fails
     * activity_1 (so the shared status is "not satisfied") but satisfies activity_2 through the shared measure: its
     * measure decides "in place of any other method" (SN 3.10.1), so both are skipped.
     */
    @Test
    void ob_05a_a_shared_measure_satisfies_by_the_reader_s_own_threshold() {
        Learner l = ob05a();
        l.start();
        l.report("completed", null, 0.5);
        assertThat(l.globals.find("gObj-OB05a").satisfiedStatus).isFalse();
        assertThat(l.next()).as("activity_2 satisfied by 0.5 >= 0.4, activity_3 not satisfied")
                .isEqualTo("activity_4");
    }

    /** OB-05a with 1.0: activity_1 passes, activity_2 is skipped and activity_3 delivered. */
    @Test
    void ob_05a_a_full_score_satisfies_every_reader() {
        Learner l = ob05a();
        l.start();
        l.report("completed", null, 1.0);
        assertThat(l.next()).isEqualTo("activity_3");
    }

    /** OB-05a with 0.2: under activity_2's 0.4, so activity_2 is delivered. */
    @Test
    void ob_05a_a_low_score_satisfies_no_reader() {
        Learner l = ob05a();
        l.start();
        l.report("completed", null, 0.2);
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.sequencer.launchObjectives("activity_2")).singleElement()
                .satisfies(o -> assertThat(o.successStatus()).isEqualTo("failed"));
    }

    private static Learner ob05a() {
        return new Learner(tree(cluster("OB-05a", seq().flow().noChoice(),
                leaf("activity_1", seq().primaryByMeasure("PRIMARYOBJ", 1.0,
                        ObjectiveMap.of("gObj-OB05a", true, true, true, true))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                        .primaryByMeasure("PRIMARYOBJ", 0.4, Seq.read("gObj-OB05a"))),
                leaf("activity_3", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ", Seq.read("gObj-OB05a"))),
                leaf("activity_4"))));
    }

    /**
     * MS-03 (measure weights including 0): activity_2's children weigh 0.5, 0 and 0.25; a child of weight 0 does
     * not count at all (RB.1.1), and activity_2 is skipped when its measure is over 0.5. Scores 0.3, 1.0, 0.3 make
     * 0.3 (not 0.7, as they would if the middle one counted): going back from activity_6 enters activity_2.
     */
    @Test
    void ms_03_a_child_of_weight_zero_does_not_count() {
        Learner l = ms03(0.3, 1.0, 0.3);
        assertThat(measure(l, "activity_2")).isCloseTo(0.3, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
    }

    /** MS-03, the other way: 0.9, 0.0, 0.3 make 0.7, over 0.5: going back skips activity_2. */
    @Test
    void ms_03_a_weighted_measure_over_the_threshold_skips_the_cluster() {
        Learner l = ms03(0.9, 0.0, 0.3);
        assertThat(measure(l, "activity_2")).isCloseTo(0.7, within(1e-9));
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_1");
    }

    private static Learner ms03(double activity3, double activity4, double activity5) {
        Learner l = new Learner(tree(cluster("MS-03", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP,
                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_GREATER_THAN, null, 0.5, false)),
                        leaf("activity_3", seq().weight(0.5)),
                        leaf("activity_4", seq().weight(0)),
                        leaf("activity_5", seq().weight(0.25))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        for (double score : new double[] {activity3, activity4, activity5}) {
            l.report("completed", null, score);
            l.next();
        }
        assertThat(l.sequencer.currentActivity()).isEqualTo("activity_6");
        return l;
    }

    /**
     * SX-10a (post-condition exit all): activity_1 ends the whole course (exitAll) once its objective obj1 is
     * satisfied; otherwise the flow goes on to activity_2.
     */
    @Test
    void sx_10a_a_satisfied_objective_exits_all() {
        Learner l = sx10a();
        l.start();
        sx10aObj1(l, "passed");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.globals.find("gObj_SX10a").satisfiedStatus).isTrue();
    }

    /** SX-10a, the other way: obj1 failed, no exit all. */
    @Test
    void sx_10a_an_unsatisfied_objective_lets_the_flow_go_on() {
        Learner l = sx10a();
        l.start();
        sx10aObj1(l, "failed");
        assertThat(l.next()).isEqualTo("activity_2");
    }

    private static void sx10aObj1(Learner l, String success) {
        l.sequencer.report("activity_1", new RteResults("completed", null, null, null, null, null, null, null,
                List.of(new RteResults.Objective("obj1", success, null, null, null, null, null, null))));
    }

    private static Learner sx10a() {
        return new Learner(tree(cluster("SX-10a", seq().flow(),
                leaf("activity_1", seq().post(RuleAction.EXIT_ALL, Seq.on("obj1", ConditionType.SATISFIED, false))
                        .objective("obj1", ObjectiveMap.of("gObj_SX10a", true, true, true, false))),
                leaf("activity_2"))));
    }

    /**
     * RU-01aa (default rollup rules, SN 4.6.4 defaults): the SX-02 cluster without rollup rules of its own is
     * satisfied when all its children are. Children that end without a success status are satisfied by the LMS
     * (UP.4), so after the last one the cluster's exit rule and its post-condition "previous" send the learner to
     * activity_1.
     */
    @Test
    void ru_01aa_default_rules_satisfy_the_cluster_when_every_child_is() {
        Learner l = new Learner(tree(organization("RU-01aa", null, seq(), seq(), seq())));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.next()).isEqualTo("activity_4");
        assertThat(l.next()).isEqualTo("activity_5");
        assertThat(l.next()).as("satisfied: exit, then previous").isEqualTo("activity_1");
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isTrue();
    }

    /** RU-01aa, the other way: one failed child makes the cluster not satisfied; the flow goes on to activity_6. */
    @Test
    void ru_01aa_one_failed_child_fails_the_cluster() {
        Learner l = new Learner(tree(organization("RU-01aa", null, seq(), seq().setByContent(), seq())));
        l.start();
        l.next();
        l.next();
        l.report("completed", "failed");
        l.next();
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isFalse();
    }

    /**
     * SX-04a (skip by a shared objective across attempts): activity_1 is skipped when satisfied and writes its
     * status to gObj-SX04a. Passed once, it cannot be reached by "previous" any more (SB.2.1-3: nothing before it),
     * and the learner's next attempt on the course, which shares the global objectives
     * ({@code objectivesGlobalToSystem}), starts at activity_2.
     */
    @Test
    void sx_04a_a_satisfied_first_activity_is_skipped_in_the_next_attempt() {
        ActivityDefinition org = cluster("SX-04a", seq().flow().noChoice(),
                leaf("activity_1", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ", ObjectiveMap.of("gObj-SX04a", true, true, true, false))),
                leaf("activity_2"), leaf("activity_3"));
        Learner first = new Learner(tree(org));
        assertThat(first.start()).isEqualTo("activity_1");
        first.report("completed", "passed");
        assertThat(first.next()).isEqualTo("activity_2");
        assertThat(first.sequencer.lookAhead().previousValid()).isFalse();
        Outcome back = first.nav(Type.PREVIOUS);
        assertThat(back.exception()).isEqualTo(SnCode.SB_2_1_3);

        Learner again = new Learner(tree(org), 7, first.globals);
        assertThat(again.start()).isEqualTo("activity_2");
    }

    /**
     * OB-01a (objective ids and a shared objective): activity_1 writes its primary objective to gObj-OB01a,
     * activity_2 reads it as its own primary objective and is skipped when satisfied; activity_3 has objectives
     * "OBJ", "obj" and "Obj", which are three objectives (identifiers are case-sensitive).
     */
    @Test
    void ob_01a_a_passed_shared_objective_skips_the_reader() {
        Learner l = ob01a();
        l.start();
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", new RteResults("completed", "passed", null, null, null, null, null, null,
                List.of(new RteResults.Objective("obj", "failed", null, null, null, null, null, null),
                        new RteResults.Objective("Obj", "passed", null, null, null, null, null, null))));
        assertThat(l.sequencer.launchObjectives("activity_3"))
                .extracting(LaunchObjective::id, LaunchObjective::successStatus)
                .containsExactly(tuple("OBJ", "passed"),
                        tuple("obj", "failed"),
                        tuple("Obj", "passed"));
    }

    /** OB-01a, the other way: activity_1 failed, so activity_2 reads "not satisfied" and is delivered. */
    @Test
    void ob_01a_a_failed_shared_objective_delivers_the_reader() {
        Learner l = ob01a();
        l.start();
        l.report("completed", "failed");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.sequencer.launchObjectives("activity_2")).singleElement()
                .satisfies(o -> assertThat(o.successStatus()).isEqualTo("failed"));
    }

    private static Learner ob01a() {
        return new Learner(tree(cluster("OB-01a", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ_1",
                        ObjectiveMap.of("gObj-OB01a", true, true, true, false))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ_2", Seq.read("gObj-OB01a"))),
                leaf("activity_3", seq().primary("OBJ").objective("obj").objective("Obj")))));
    }

    /**
     * CM-05 (flow and choice through nested clusters, every control mode at its default but flow): continue walks
     * the leaves in tree order across cluster boundaries, a choice may jump into a nested cluster, and previous
     * from the first leaf of a cluster enters the previous cluster at its last leaf.
     */
    @Test
    void cm_05_flow_and_choice_through_nested_clusters() {
        Learner l = cm05();
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.choose("activity_7").deliver()).isEqualTo("activity_7");
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("into activity_3 from its end").isEqualTo("activity_6");
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.next()).isEqualTo("activity_7");
        assertThat(l.next()).isEqualTo("activity_8");
        assertThat(l.next()).isEqualTo("activity_9");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).as("activity_4 was never attempted").isNull();
    }

    /**
     * CM-07a (choiceExit and disabled activities): activity_1 ({@code choiceExit="false"}) may not be left by a
     * choice while it is active, though choices inside it are free; the leaf activity_10 ({@code choiceExit="false"})
     * may not be left by a choice outside its parent either; activity_5 and activity_14 are always disabled, so
     * flowing onto them stops with SB.2.2-2 and choosing them delivers nothing; flow leaves activity_1 freely.
     */
    @Test
    void cm_07a_choice_exit_and_disabled_activities() {
        Learner l = cm07a();
        assertThat(l.start()).isEqualTo("activity_3");
        Outcome out = l.choose("activity_9");
        assertThat(out.exception()).as("activity_1 is active and forbids choice exit").isEqualTo(SnCode.NB_2_1_8);
        assertThat(out.exceptionActivity()).isEqualTo("activity_1");
        assertThat(l.sequencer.currentActivity()).isEqualTo("activity_3");
        assertThat(l.choose("activity_5").delivered()).as("disabled").isFalse();
        assertThat(l.next()).isEqualTo("activity_4");
        assertThat(l.nav(Type.CONTINUE).exception()).as("flow onto the disabled activity_5")
                .isEqualTo(SnCode.SB_2_2_2);
        assertThat(l.choose("activity_7").deliver()).as("a choice inside activity_1").isEqualTo("activity_7");
        assertThat(l.choose("activity_9").exception()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(l.next()).as("flow leaves activity_1").isEqualTo("activity_9");
        assertThat(l.choose("activity_10").deliver()).isEqualTo("activity_10");
        out = l.choose("activity_12");
        assertThat(out.exception()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(out.exceptionActivity()).isEqualTo("activity_10");
        assertThat(l.next()).isEqualTo("activity_12");
        assertThat(l.next()).isEqualTo("activity_13");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_2);
    }

    /**
     * RU-09 (attempt limit, skip on attemptLimitExceeded, rollup considerations "ifNotSkipped", retry all):
     * activity_2 exits when satisfied, then retries the whole course while not completed and continues once
     * completed; activity_4 allows two attempts and is skipped (and left out of activity_2's rollup) afterwards.
     * activity_5 left incomplete twice retries the course twice; on the third pass activity_4 is skipped, and
     * completing activity_5 completes activity_2 without it, so the learner continues to activity_6.
     */
    @Test
    void ru_09_an_exhausted_activity_is_skipped_and_left_out_of_rollup() {
        Learner l = ru09();
        assertThat(l.start()).isEqualTo("activity_1");
        for (int pass = 1; pass <= 2; pass++) {
            assertThat(l.next()).isEqualTo("activity_3");
            assertThat(l.next()).as("pass %d", pass).isEqualTo("activity_4");
            assertThat(l.next()).isEqualTo("activity_5");
            l.report("incomplete", null);
            assertThat(l.next()).as("satisfied but not completed: retry all").isEqualTo("activity_1");
        }
        assertThat(l.state.activity("RU-09").attemptCount).isEqualTo(3);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.next()).as("two attempts used: skipped").isEqualTo("activity_5");
        l.report("completed", null);
        assertThat(l.next()).as("completed without activity_4: continue").isEqualTo("activity_6");
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.activity("activity_2").orElseThrow().completed()).isTrue();
        assertThat(la.activity("activity_2").orElseThrow().satisfied()).isTrue();
    }

    /**
     * T-01a (pre-test / lessons / post-test in three modules, from sequencing collections): every module (exit when
     * completed) holds a forward-only pre-test (one attempt, completed when all its questions are attempted,
     * satisfied by measure at 0.6, writing the module's global objective), lessons skipped when that objective is
     * satisfied, and a post-test like the pre-test that is skipped when it is satisfied and counts for the module's
     * completion only if not skipped. A wrapper (exit when completed, then always continue) holds the modules; the
     * organization exits when completed and is not satisfied when any child is not ({@code notSatisfied} is its only
     * objective rule, so the default rules do not apply to it, SN 4.6.4 / RB.1.2 b). activity_42 reads the three
     * global objectives. Passing every pre-test tests out of every module.
     */
    @Test
    void t_01a_passing_every_pre_test_tests_out_of_every_module() {
        Learner l = t01a();
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).as("module 1's pre-test: its objective is unknown").isEqualTo("activity_5");
        for (int module : T01A_MODULES) {
            assertThat(t01aTest(l, module + 1, 1.0)).as("module %d: lessons and post-test skipped", module)
                    .isEqualTo(module == 29 ? "activity_42" : "activity_" + (module + 15));
        }
        assertThat(l.sequencer.launchObjectives("activity_42")).extracting(LaunchObjective::successStatus)
                .containsExactly("unknown", "passed", "passed", "passed");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        // Not "unknown": while module 3's pre-test was half answered, its measure counted the unanswered
        // questions (RB.1.1) and made it, module 3 and so activity_2 not satisfied (RB.1.2 a, measure satisfaction
        // while active by default); the organization's only objective rule fired then, and nothing sets it back.
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().satisfied()).isTrue();
    }

    /** T-01a: a failed pre-test sends the learner through the lessons and the post-test; passing it goes on. */
    @Test
    void t_01a_a_failed_pre_test_leads_through_lessons_to_the_post_test() {
        Learner l = t01a();
        l.start();
        l.next();
        assertThat(t01aTest(l, 4, 0.2)).as("lessons not skipped").isEqualTo("activity_9");
        assertThat(l.next()).isEqualTo("activity_10");
        assertThat(l.next()).isEqualTo("activity_11");
        assertThat(l.next()).as("post-test not skipped").isEqualTo("activity_13");
        assertThat(t01aTest(l, 12, 0.5, 0.5, 1.0)).as("module 1 completed: exit, on to module 2's pre-test")
                .isEqualTo("activity_18");
        assertThat(l.globals.find("gObj-T01a-1").satisfiedStatus).isTrue();
        assertThat(t01aTest(l, 17, 1.0)).isEqualTo("activity_31");
        assertThat(t01aTest(l, 30, 1.0)).isEqualTo("activity_42");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    /**
     * T-01a: a post-test passed before its last question (1.0 and 1.0 make 0.67 of three) is at once "skipped" by its
     * own rule, and the module counts it for completion only if not skipped (RB.1.4.2 evaluates the consideration at
     * rollup time): the module is completed, its exit rule ends it and the learner goes on to module 2 without the
     * third question.
     */
    @Test
    void t_01a_a_post_test_passed_early_ends_the_module_early() {
        Learner l = t01aAtFirstPostTest();
        assertThat(t01aTest(l, 12, 1.0, 1.0)).isEqualTo("activity_18");
        assertThat(l.state.activity("activity_15").attemptCount).isZero();
    }

    /** T-01a: a failed post-test leaves its module, and so the course, not satisfied. */
    @Test
    void t_01a_a_failed_post_test_fails_the_course() {
        Learner l = t01aAtFirstPostTest();
        assertThat(t01aTest(l, 12, 0.2)).as("completed though failed: module 1 exits").isEqualTo("activity_18");
        t01aTest(l, 17, 1.0);
        t01aTest(l, 30, 1.0);
        assertThat(l.sequencer.launchObjectives("activity_42")).extracting(LaunchObjective::successStatus)
                .containsExactly("unknown", "failed", "passed", "passed");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
    }

    /** T-01a with module 1's pre-test failed and its lessons seen: the post-test's first question is current. */
    private static Learner t01aAtFirstPostTest() {
        Learner l = t01a();
        l.start();
        l.next();
        assertThat(t01aTest(l, 4, 0.2)).isEqualTo("activity_9");
        l.next();
        l.next();
        assertThat(l.next()).isEqualTo("activity_13");
        return l;
    }

    /** T-01a's modules by the id number of their cluster (pre-test +1, lessons +5, post-test +9). */
    private static final int[] T01A_MODULES = {3, 16, 29};

    /**
     * Answers the questions of the test {@code activity_<test>} (its first question is current) with the scores
     * (one score: the same for all three), continuing after each; returns what is delivered after the last.
     */
    private static String t01aTest(Learner l, int test, double... scores) {
        int questions = scores.length == 1 ? 3 : scores.length;
        for (int i = 0; i < questions; i++) {
            assertThat(l.sequencer.currentActivity()).isEqualTo("activity_" + (test + 1 + i));
            l.report("completed", null, scores[Math.min(i, scores.length - 1)]);
            if (i < questions - 1) {
                l.next();
            }
        }
        return l.next();
    }

    private static Learner t01a() {
        List<ActivityDefinition> modules = new ArrayList<>();
        for (int i = 0; i < T01A_MODULES.length; i++) {
            modules.add(t01aModule(T01A_MODULES[i], "gObj-T01a-" + (i + 1)));
        }
        return new Learner(tree(cluster("T-01a", seq().flow().noChoice()
                        .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                        .rollupRule(new RollupRule(ChildActivitySet.ANY, 0, 0, false,
                                List.of(Seq.not(ConditionType.SATISFIED)), RollupAction.NOT_SATISFIED)),
                leaf("activity_1", seq().rollup(new RollupControls(false, true, 1.0, RollupConsideration.ALWAYS,
                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true))),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.CONTINUE, cond(ConditionType.ALWAYS)),
                        modules.toArray(ActivityDefinition[]::new)),
                leaf("activity_42", seq().attemptLimit(1)
                        .rollup(new RollupControls(false, true, 1.0, RollupConsideration.ALWAYS,
                                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                                true))
                        .primary("PRIMARYOBJ")
                        .objective("obj1", Seq.read("gObj-T01a-1"))
                        .objective("obj2", Seq.read("gObj-T01a-2"))
                        .objective("obj3", Seq.read("gObj-T01a-3"))))));
    }

    /** One T-01a module: the "module", "pretest", "lessons" and "posttest" collection entries with their items. */
    private static ActivityDefinition t01aModule(int n, String global) {
        RuleCondition satisfied = cond(ConditionType.SATISFIED);
        RollupRule allAttempted = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                List.of(cond(ConditionType.ATTEMPTED)), RollupAction.COMPLETED);
        Seq pretest = seq().flow().noChoice().forwardOnly().pre(RuleAction.SKIP, satisfied).attemptLimit(1)
                .rollupRule(allAttempted)
                .rollup(considerCompleted(RollupConsideration.IF_ATTEMPTED))
                .primaryByMeasure("PRIMARYOBJ", 0.6, ObjectiveMap.of(global, true, false, true, true));
        Seq lessons = seq().flow().noChoice().pre(RuleAction.SKIP, satisfied)
                .rollup(new RollupControls(false, false, 1.0, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                        RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true))
                .primary("PRIMARYOBJ", Seq.read(global));
        Seq posttest = seq().flow().noChoice().forwardOnly().pre(RuleAction.SKIP, satisfied).attemptLimit(1)
                .rollupRule(allAttempted)
                .rollup(considerCompleted(RollupConsideration.IF_NOT_SKIPPED))
                .primaryByMeasure("PRIMARYOBJ", 0.6, ObjectiveMap.of(global, true, true, true, true));
        return cluster("activity_" + n, seq().flow().noChoice().exit(RuleAction.EXIT, cond(ConditionType.COMPLETED)),
                cluster("activity_" + (n + 1), pretest, t01aItems(n + 2)),
                cluster("activity_" + (n + 5), lessons, t01aItems(n + 6)),
                cluster("activity_" + (n + 9), posttest, t01aItems(n + 10)));
    }

    private static ActivityDefinition[] t01aItems(int first) {
        return new ActivityDefinition[] {leaf("activity_" + first), leaf("activity_" + (first + 1)),
                leaf("activity_" + (first + 2))};
    }

    private static RollupControls considerCompleted(RollupConsideration consideration) {
        return new RollupControls(true, true, 1.0, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS,
                consideration, RollupConsideration.ALWAYS, true);
    }

    static RteResults withObjectives(String success, String obj1, String obj2) {
        return new RteResults("completed", success, null, null, null, null, null, null, List.of(
                new RteResults.Objective("obj1", obj1, null, null, null, null, null, null),
                new RteResults.Objective("obj2", obj2, null, null, null, null, null, null)));
    }

    /** CM-07a's tree (also played as its script in {@link CmConformanceTest}). */
    static Learner cm07a() {
        RuleCondition always = cond(ConditionType.ALWAYS);
        return new Learner(tree(cluster("CM-07a", seq().flow(),
                cluster("activity_1", seq().flow().noChoiceExit(),
                        cluster("activity_2", seq().flow(), leaf("activity_3"), leaf("activity_4"),
                                leaf("activity_5", seq().pre(RuleAction.DISABLED, always))),
                        leaf("activity_6", seq().noChoiceExit()),
                        leaf("activity_7")),
                cluster("activity_8", seq().flow().noChoiceExit(),
                        leaf("activity_9"),
                        leaf("activity_10", seq().noChoiceExit()),
                        cluster("activity_11", seq().flow(), leaf("activity_12"), leaf("activity_13"),
                                leaf("activity_14", seq().pre(RuleAction.DISABLED, always)))))));
    }

    /** CM-05's tree (also played as its script in {@link CmConformanceTest}). */
    static Learner cm05() {
        return new Learner(tree(cluster("CM-05", seq().flow(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow(),
                        cluster("activity_3", seq().flow(), leaf("activity_4"), leaf("activity_5"),
                                leaf("activity_6")),
                        leaf("activity_7"), leaf("activity_8")),
                leaf("activity_9"))));
    }

    /** RU-09's tree (also played as its script in {@link RuConformanceTest}). */
    static Learner ru09() {
        RollupControls ifNotSkipped = new RollupControls(true, true, 1.0, RollupConsideration.IF_NOT_SKIPPED,
                RollupConsideration.ALWAYS, RollupConsideration.IF_NOT_SKIPPED, RollupConsideration.IF_NOT_SKIPPED,
                true);
        return new Learner(tree(cluster("RU-09", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.RETRY_ALL, Seq.not(ConditionType.COMPLETED))
                                .post(RuleAction.CONTINUE, cond(ConditionType.COMPLETED)),
                        leaf("activity_3"),
                        leaf("activity_4", seq().pre(RuleAction.SKIP, cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED))
                                .attemptLimit(2).rollup(ifNotSkipped)),
                        leaf("activity_5")),
                leaf("activity_6"))));
    }

    /** RU-04aa's tree (also played as its script in {@link RuConformanceTest}). */
    static Learner ru04aa() {
        return new Learner(tree(organization("RU-04aa",
                new RollupRule(ChildActivitySet.AT_LEAST_PERCENT, 0, 0.5, false,
                        List.of(cond(ConditionType.SATISFIED), cond(ConditionType.OBJECTIVE_MEASURE_KNOWN)),
                        RollupAction.SATISFIED),
                seq().setByContent(), seq().setByContent(), seq().setByContent())));
    }
}
