package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Learner.objective;
import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MS (measures) and CT (4th Ed. completion threshold) families of the ADL SCORM 2004 4th Edition conformance test
 * packages, played as the suite's expected-behaviour script says (where the packages and scripts are: see
 * {@link SxConformanceTest}).
 */
class MsCtConformanceTest {

    /**
     * MS-07 (measure conditions near a threshold, read through maps): activity_1 writes its score to gObj-MS07-1 and
     * its objective obj1's score to gObj-MS07-2. activity_3 (a cluster in activity_2) is skipped and hidden from
     * choice when obj1 (gObj-MS07-2) is under or over 0.0051, activity_5 (no choice, flow) when it is under 0.001 or
     * over 0.0050; activity_7 in it is skipped when its obj1 (gObj-MS07-1) is under 0.40 and its obj2 (gObj-MS07-2)
     * over 0.60 ("all" by default).
     *
     * <p>Script: Act1V1 sets 0.0049 and obj1 0.0051, continue: activity_3 is entered (Act4V1) and activity_5 is
     * not in the table of contents; Act4V1 requests previous (Act1V2), which sets 0.0051 and obj1 0.0049, continue:
     * activity_3 is skipped and hidden, Act6V1; it sets 0.20 and obj1 0.81, continue: activity_7 is skipped, Act8V1.
     * (In the script's Act6V1 the three keys {@code commands.2} repeat, so a properties reader keeps only the last,
     * the exit; the two scores are what the step means and what makes activity_7 skipped.)
     */
    @Test
    void ms_07_measure_thresholds_decide_skip_and_hidden_from_choice() {
        Learner l = ms07();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, null, 0.0049, null, null, null, null, null,
                List.of(objective("obj1", null, 0.0051))));
        assertThat(l.next()).as("Act4V1: 0.0051 is neither under nor over 0.0051").isEqualTo("activity_4");
        assertThat(l.sequencer.lookAhead().activity("activity_5").orElseThrow().hiddenFromChoice())
                .as("Act4V1 UI: activity_5 not in the TOC (0.0051 > 0.0050)").isTrue();

        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, null, 0.0051, null, null, null, null, null,
                List.of(objective("obj1", null, 0.0049))));
        assertThat(l.next()).as("Act6V1: activity_3 skipped").isEqualTo("activity_6");
        assertThat(l.sequencer.lookAhead().activity("activity_3").orElseThrow().hiddenFromChoice())
                .as("Act6V1 UI: activity_3 not in the TOC").isTrue();
        assertThat(l.sequencer.lookAhead().activity("activity_5").orElseThrow().hiddenFromChoice()).isFalse();

        l.sequencer.report("activity_6", new RteResults(null, null, 0.20, null, null, null, null, null,
                List.of(objective("obj1", null, 0.81))));
        assertThat(l.next()).as("Act8V1: activity_7 skipped").isEqualTo("activity_8");
    }

    /** MS-07 the other way at Act6V1: obj1 at 0.5 is not over 0.60, so activity_7 is delivered. */
    @Test
    void ms_07_one_condition_of_an_all_rule_unmet_delivers_the_activity() {
        Learner l = ms07();
        l.start();
        l.sequencer.report("activity_1", new RteResults(null, null, 0.0051, null, null, null, null, null,
                List.of(objective("obj1", null, 0.0049))));
        assertThat(l.next()).isEqualTo("activity_6");
        l.sequencer.report("activity_6", new RteResults(null, null, 0.20, null, null, null, null, null,
                List.of(objective("obj1", null, 0.5))));
        assertThat(l.next()).isEqualTo("activity_7");
    }

    private static Learner ms07() {
        ObjectiveMap write1 = ObjectiveMap.of("gObj-MS07-1", true, true, false, true);
        ObjectiveMap write2 = ObjectiveMap.of("gObj-MS07-2", true, true, false, true);
        RuleCondition under = new RuleCondition(ConditionType.OBJECTIVE_MEASURE_LESS_THAN, "obj1", 0.0051, false);
        RuleCondition over = new RuleCondition(ConditionType.OBJECTIVE_MEASURE_GREATER_THAN, "obj1", 0.0051, false);
        RuleCondition under5 = new RuleCondition(ConditionType.OBJECTIVE_MEASURE_LESS_THAN, "obj1", 0.001, false);
        RuleCondition over5 = new RuleCondition(ConditionType.OBJECTIVE_MEASURE_GREATER_THAN, "obj1", 0.0050, false);
        return new Learner(tree(cluster("MS-07", seq().flow(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", write1).objective("obj1", write2)),
                cluster("activity_2", seq().flow(),
                        cluster("activity_3", seq().flow()
                                        .preAny(RuleAction.SKIP, under, over)
                                        .preAny(RuleAction.HIDDEN_FROM_CHOICE, under, over)
                                        .primary("PRIMARYOBJ", Seq.read("gObj-MS07-1"))
                                        .objective("obj1", Seq.read("gObj-MS07-2")),
                                leaf("activity_4")),
                        cluster("activity_5", seq().flow().noChoice()
                                        .preAny(RuleAction.SKIP, under5, over5)
                                        .preAny(RuleAction.HIDDEN_FROM_CHOICE, under5, over5)
                                        .primary("PRIMARYOBJ", Seq.read("gObj-MS07-1"))
                                        .objective("obj1", Seq.read("gObj-MS07-2")),
                                leaf("activity_6", seq().primary("PRIMARYOBJ", write1).objective("obj1", write2)),
                                leaf("activity_7", seq().flow()
                                        .pre(RuleAction.SKIP,
                                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_LESS_THAN, "obj1",
                                                        0.40, false),
                                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_GREATER_THAN,
                                                        "obj2", 0.60, false))
                                        .objective("obj1", Seq.read("gObj-MS07-1"))
                                        .objective("obj2", Seq.read("gObj-MS07-2"))))),
                leaf("activity_8"))));
    }

    /**
     * CT-05 (4th Ed. completion by measure of a cluster with weighted children): activity_2 ({@code choice="false"
     * flow="true"}) is completed by measure at 0.6, exits when completed and then goes "previous"; activity_3 is
     * completed by measure (at 1.0), activity_5 weighs 0.25. Script: Act1V1 continue; Act3V1 sets progress 0.95
     * (0.95 / 2.25 = 0.42: not completed), continue; Act4V1 sets progress 1.0 and "incomplete" (its measure counts in
     * the rollup whatever its own status), continue: (0.95 + 1.0) / 2.25 = 0.87, activity_2 is completed, its exit
     * rule ends it and its post-condition sends the learner to activity_1 (Act1V2), not to activity_5.
     */
    @Test
    void ct_05_a_cluster_completed_by_weighted_progress_exits_and_goes_back() {
        Learner l = new Learner(tree(cluster("CT-05", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().completedByMeasure(0.6)
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.COMPLETED)),
                        leaf("activity_3", seq().completedByMeasure(1.0)),
                        leaf("activity_4"),
                        leaf("activity_5", seq().progressWeight(0.25))),
                leaf("activity_6"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.scores(null, 0.95);
        assertThat(l.state.activity("activity_3").attemptCompletionStatus).as("0.95 < 1.0").isFalse();
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.sequencer.report("activity_4", new RteResults("incomplete", null, null, null, null, null, 1.0, null,
                List.of()));
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(1.95 / 2.25, within(1e-9));
        assertThat(l.next()).as("Act1V2").isEqualTo("activity_1");
    }

    /**
     * CT-06 (no script in the suite; the book's reading): activity_2 is completed by measure at 0.75 and also has
     * the rule "incomplete if any child is not completed", which does not apply to an activity completed by measure
     * (RB.1.3: the measure decides, RB.1.3 a, else the rules, RB.1.3 b); it exits when completed and then goes
     * "previous". Children weigh 0.5 (activity_3, itself completed by measure at 0.95), 1 and 0.5. Progress 1.0 and
     * 1.0 make (0.5 + 1.0) / 2 = 0.75 though activity_5 was never attempted: completed, back to activity_1;
     * 1.0 and 0.9 make 0.7: the flow goes on to activity_5.
     */
    @Test
    void ct_06_completion_by_measure_takes_precedence_over_the_rules() {
        assertThat(ct06(0.9)).isEqualTo("activity_5");
        assertThat(ct06(1.0)).isEqualTo("activity_1");
    }

    private static String ct06(double activity4) {
        Learner l = new Learner(tree(cluster("CT-06", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().completedByMeasure(0.75)
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.COMPLETED))
                                .rollupRule(new RollupRule(ChildActivitySet.ALL, 0, 0, false,
                                        List.of(Seq.not(ConditionType.COMPLETED)), RollupAction.INCOMPLETE)),
                        leaf("activity_3", seq().completedByMeasure(0.95).progressWeight(0.5)),
                        leaf("activity_4"),
                        leaf("activity_5", seq().progressWeight(0.5))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.scores(null, 1.0);
        assertThat(l.next()).isEqualTo("activity_4");
        l.scores(null, activity4);
        return l.next();
    }

    /**
     * MS-05a (no script in the suite; the book's reading): activity_2 is satisfied by its rolled-up measure at 0.6,
     * exits when satisfied and then goes "previous"; activity_5 weighs 0.25. A measure not yet known still counts
     * with its weight (RB.1.1): 0.9 and 0.9 make 1.8 / 2.25 = 0.8 while activity_5 is untouched, and an active
     * cluster's measure decides its satisfaction (measureSatisfactionIfActive, true by default): exit, back to
     * activity_1; 0.9 and 0.3 make 0.53, "not satisfied" by measure: the flow goes on to activity_5.
     */
    @Test
    void ms_05a_a_weighted_measure_satisfies_the_active_cluster() {
        assertThat(ms05a(0.9)).isEqualTo("activity_1");
        assertThat(ms05a(0.3)).isEqualTo("activity_5");
    }

    private static String ms05a(double activity4) {
        Learner l = new Learner(tree(cluster("MS-05a", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().primaryByMeasure(null, 0.6)
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.PREVIOUS, cond(ConditionType.SATISFIED)),
                        leaf("activity_3"), leaf("activity_4"), leaf("activity_5", seq().weight(0.25))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.scores(0.9, null);
        assertThat(l.next()).as("0.9 / 2.25 = 0.4").isEqualTo("activity_4");
        l.scores(activity4, null);
        return l.next();
    }

    /**
     * MS-04 (no script in the suite; the book's reading): activity_2 is skipped when its measure is under 0.25;
     * activity_4 is not tracked, so whatever its SCO reports takes no part in the measure rollup (RB.1.1 counts
     * tracked children only); activity_5 weighs 0.25. Scores 0.2, (1.0), 0.2 make 0.25 / 1.25 = 0.2: going back
     * from activity_6 skips activity_2 (with activity_4 counted it would be 0.56); 0.3, (1.0), 0.2 make 0.28: going
     * back enters activity_2 at activity_5.
     */
    @Test
    void ms_04_an_untracked_child_takes_no_part_in_the_measure() {
        assertThat(ms04(0.2)).isEqualTo("activity_1");
        assertThat(ms04(0.3)).isEqualTo("activity_5");
    }

    private static String ms04(double activity3) {
        Learner l = new Learner(tree(cluster("MS-04", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().pre(RuleAction.SKIP,
                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_LESS_THAN, null, 0.25, false)),
                        leaf("activity_3"), leaf("activity_4", seq().untracked()),
                        leaf("activity_5", seq().weight(0.25))),
                leaf("activity_6"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        for (double score : new double[] {activity3, 1.0, 0.2}) {
            l.scores(score, null);
            l.next();
        }
        assertThat(l.sequencer.currentActivity()).isEqualTo("activity_6");
        return l.nav(NavigationRequest.Type.PREVIOUS).deliver();
    }

    /**
     * CT-02 as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s): progress 0.25, 1.0 and
     * 0.5 weighing 0.75, 0.25 and 0.25 make 0.5625 / 1.25 = 0.45, under activity_2's 0.5: not completed, so Act6V1's
     * previous skips it: Act1V2.
     */
    @Test
    void ct_02_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.ct02(0.25, 1.0, 0.5);
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(0.45, within(1e-9));
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
    }

    /**
     * CT-04 as its script plays it: each SCO reports "completed" with its progress, 0.1, 1.0 (activity_4, not
     * tracked: left out) and 0.5 (weight 0.5) make 0.35 / 1.5 = 0.23, under activity_2's 0.25: not completed, so
     * Act6V1's previous skips it: Act1V2.
     */
    @Test
    void ct_04_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.ct04(0.1, 0.5, "completed");
        assertThat(l.state.activity("activity_2").attemptCompletionAmount).isCloseTo(0.35 / 1.5, within(1e-9));
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
    }
}
