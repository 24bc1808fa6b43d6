package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RuleAction;
import org.junit.jupiter.api.Test;

/**
 * SX family (sequencing rules, shared data) of the ADL SCORM 2004 4th Edition conformance test packages, played as
 * the suite's expected-behaviour script says. Each package's manifest is
 * {@code TestSuite/LMSRTE/Courses/LMSTestPackage_<case>/imsmanifest.xml} and its script
 * {@code software_development/TestSuite/LMSRTE/Courses/TestCases/<case>.properties} in
 * github.com/adlnet/SCORM-2004-4ed-Test-Suite; a script lists the SCO visits in order ({@code Act<n>V<visit>}),
 * what each SCO sets and reads, and the navigation it requests. The trees are rebuilt in code; nothing of the suite
 * is copied. Step names below are the script's keys.
 */
class SxConformanceTest {

    /**
     * SX-07b: activity_1 ({@code choice="false" flow="true"}) holds activity_2 (skipped when not satisfied) and
     * activity_3, under an organization that allows choice. Act2V1: the status is unknown, so "not satisfied" is
     * unknown and activity_2 is delivered (SN 3.4.2, UP.2.1); it fails and its SCO requests
     * {@code {target=activity_1}choice}. The target is an ancestor of the current activity (SB.2.9 case 4): flow
     * re-enters activity_1 from its first child, now skipped, and Act3V1 is delivered.
     */
    @Test
    void sx_07b_choosing_the_parent_cluster_flows_past_the_now_failed_activity() {
        Learner l = new Learner(tree(cluster("SX-07b", seq().flow(),
                cluster("activity_1", seq().flow().noChoice(),
                        leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.SATISFIED))),
                        leaf("activity_3")),
                leaf("activity_4"))));
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        l.report(null, "failed");
        assertThat(l.choose("activity_1").deliver()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.state.activity("activity_1").attemptCount).as("the same attempt on activity_1 goes on")
                .isEqualTo(1);
        assertThat(l.state.activity("activity_2").attemptCount).isEqualTo(1);
    }

    /**
     * SX-12a: a flow organization without choice; activity_2 is skipped when "not satisfied". Act1V1 requests
     * continue: activity_2 was never attempted, its status is unknown and "not unknown" stays unknown (SN 3.4.2), so
     * the rule does not fire and Act2V1 is delivered, not activity_3.
     */
    @Test
    void sx_12a_not_satisfied_on_an_unknown_status_does_not_skip() {
        Learner l = new Learner(tree(cluster("SX-12a", seq().flow().noChoice(),
                leaf("activity_1"),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.SATISFIED))),
                leaf("activity_3"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
    }

    /**
     * SX-11b (4th Ed. {@code adlseq:mapInfo} on a non-primary objective, {@code objectivesGlobalToSystem="false"}):
     * activity_1's objective "obj" writes raw, min and max score, completion status and progress measure to
     * gObj-SX11 and reads them all; activity_2's "obj" reads all but raw and min score and writes max score,
     * completion and progress measure. The script's reads (RTE 4.2.17 launch values) at each visit:
     * Act1V1 nothing; Act2V1 the max score, completion and progress measure activity_1 wrote, not its raw or min
     * score; Act1V2 activity_1's raw and min, activity_2's max, completion and progress; Act2V2 activity_1's second
     * max and progress measure, and completion "unknown": activity_1 set its objective's completion status to
     * unknown, and that is written to the shared objective too.
     */
    @Test
    void sx_11b_scores_completion_and_progress_of_an_objective_are_shared_as_each_map_says() {
        Learner l = new Learner(tree(cluster("SX-11b", seq().flow().noChoice(),
                leaf("activity_1", seq().objective("obj", ObjectiveMap.of("gObj-SX11", false, false, false, false)
                        .withExtended(true, true, true, true, true, true, true, true, true, true))),
                leaf("activity_2", seq().objective("obj", ObjectiveMap.of("gObj-SX11", false, false, false, false)
                        .withExtended(true, true, true, true, false, false, false, false, true, true))))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.launched("activity_1", "obj")).isEqualTo(
                new LaunchObjective("obj", "unknown", "unknown", null, null, null, null, null));
        l.objectives(sx11b("completed", 578.0, -9.0, 2222.22, 0.5));

        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.launched("activity_2", "obj")).isEqualTo(
                new LaunchObjective("obj", "unknown", "completed", null, null, null, 2222.22, 0.5));
        l.objectives(sx11b("incomplete", 68.0, 2.0, 157.0, 0.05));

        assertThat(l.nav(Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
        assertThat(l.launched("activity_1", "obj")).isEqualTo(
                new LaunchObjective("obj", "unknown", "incomplete", null, 578.0, -9.0, 157.0, 0.05));
        l.objectives(sx11b("unknown", -68.0, -100.0, 4589.0, 0.99));

        assertThat(l.next()).as("Act2V2").isEqualTo("activity_2");
        assertThat(l.launched("activity_2", "obj")).isEqualTo(
                new LaunchObjective("obj", "unknown", "unknown", null, null, null, 4589.0, 0.99));
    }

    private static RteResults.Objective sx11b(String completion, double raw, double min, double max,
                                              double progress) {
        return new RteResults.Objective("obj", null, completion, null, raw, min, max, progress);
    }

    /**
     * SX-12b (no script in the suite; the book's reading of the manifest): activity_2 goes "previous" when not
     * satisfied. Its status is evaluated after its attempt ends (TB.2.3 after UP.4): a SCO that reports "failed"
     * is sent back to activity_1; one that reports nothing has been satisfied by the LMS at the end of its attempt,
     * so the rule does not fire and the flow goes on to activity_3.
     */
    @Test
    void sx_12b_not_satisfied_post_condition_after_the_lms_has_set_the_status() {
        java.util.function.Function<String, String> afterActivity2 = success -> {
            Learner l = new Learner(tree(cluster("SX-12b", seq().flow().noChoice(),
                    leaf("activity_1"),
                    leaf("activity_2", seq().post(RuleAction.PREVIOUS, Seq.not(ConditionType.SATISFIED))),
                    leaf("activity_3"))));
            l.start();
            l.next();
            l.report(null, success);
            return l.next();
        };
        assertThat(afterActivity2.apply("failed")).isEqualTo("activity_1");
        assertThat(afterActivity2.apply(null)).isEqualTo("activity_3");
        assertThat(afterActivity2.apply("passed")).isEqualTo("activity_3");
    }

    /**
     * SX-12c (no script in the suite; SX-12a's twin on completion): activity_2 is skipped when "not completed". Never
     * attempted, its completion is unknown and so is "not completed": delivered. Left incomplete, going back from
     * activity_3 skips it; left without a status, the LMS completed it (UP.4) and going back delivers it.
     */
    @Test
    void sx_12c_not_completed_on_an_unknown_status_does_not_skip() {
        java.util.function.Function<String, String> backFromActivity3 = completion -> {
            Learner l = new Learner(tree(cluster("SX-12c", seq().flow().noChoice(),
                    leaf("activity_1"),
                    leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.COMPLETED))),
                    leaf("activity_3"))));
            l.start();
            assertThat(l.next()).as("unknown: not skipped").isEqualTo("activity_2");
            l.report(completion, null);
            assertThat(l.next()).isEqualTo("activity_3");
            return l.nav(NavigationRequest.Type.PREVIOUS).deliver();
        };
        assertThat(backFromActivity3.apply("incomplete")).isEqualTo("activity_1");
        assertThat(backFromActivity3.apply(null)).isEqualTo("activity_2");
    }

    /**
     * SX-04b (no script in the suite; the book's reading): activity_1 is skipped when satisfied or completed, in an
     * organization with choice and flow. Left incomplete and failed, "previous" from activity_2 delivers it again;
     * once completed (though failed), "previous" finds nothing before activity_2 (SB.2.1-3), yet a choice still
     * delivers it: skip rules govern flow only (SB.2.2), not choice.
     */
    @Test
    void sx_04b_an_any_skip_rule_applies_to_flow_not_to_choice() {
        Learner l = new Learner(tree(cluster("SX-04b", seq().flow(),
                leaf("activity_1", seq().preAny(RuleAction.SKIP, cond(ConditionType.SATISFIED),
                        cond(ConditionType.COMPLETED))),
                leaf("activity_2"), leaf("activity_3"))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.report("incomplete", "failed");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("neither satisfied nor completed")
                .isEqualTo("activity_1");
        l.report("completed", "failed");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).exception()).isEqualTo(SnCode.SB_2_1_3);
        assertThat(l.choose("activity_1").deliver()).isEqualTo("activity_1");
    }

    /**
     * SX-10b (no script in the suite; the book's reading): activity_1 is satisfied by measure at 0.7 (writing its
     * measure to gObj-SX10b) and exits all when satisfied. 0.8 ends the session; 0.5 and no score at all (its status
     * is then unknown: the measure decides in place of any other method, SN 3.10.1, so the LMS's default satisfaction
     * at the end of the attempt does not count) let the flow go on to activity_2.
     */
    @Test
    void sx_10b_exit_all_when_satisfied_by_measure() {
        java.util.function.Function<Double, Outcome> afterActivity1 = score -> {
            Learner l = new Learner(tree(cluster("SX-10b", seq().flow(),
                    leaf("activity_1", seq().post(RuleAction.EXIT_ALL, cond(ConditionType.SATISFIED))
                            .primaryByMeasure("PRIMARYOBJ", 0.7,
                                    ObjectiveMap.of("gObj-SX10b", true, true, false, true))),
                    leaf("activity_2"))));
            l.start();
            l.scores(score, null);
            return l.nav(NavigationRequest.Type.CONTINUE);
        };
        assertThat(afterActivity1.apply(0.8).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(afterActivity1.apply(0.5).deliver()).isEqualTo("activity_2");
        assertThat(afterActivity1.apply(null).deliver()).isEqualTo("activity_2");
    }

    /**
     * SX-07d (no script in the suite; the book's reading): in activity_2, activity_3 (satisfied by measure at a
     * negative minimum, -0.5), activity_4 and activity_5 are skipped when satisfied, completed and satisfied. On the
     * way forward nothing is known yet, so all are delivered; on the way back from activity_6, activity_5 and
     * activity_4 (satisfied and completed by the LMS, UP.4) are skipped, and activity_3 too when its score -0.4
     * reaches -0.5, leading back to activity_1; with -0.6 it is delivered.
     */
    @Test
    void sx_07d_skips_on_the_way_back_by_status_completion_and_a_negative_measure() {
        assertThat(sx07d(-0.4)).isEqualTo("activity_1");
        assertThat(sx07d(-0.6)).isEqualTo("activity_3");
    }

    private static String sx07d(double activity3) {
        Learner l = new Learner(tree(cluster("SX-07d", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice(),
                        leaf("activity_3", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                .primaryByMeasure("PRIMARYOBJ", -0.5)),
                        leaf("activity_4", seq().pre(RuleAction.SKIP, cond(ConditionType.COMPLETED))),
                        leaf("activity_5", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))),
                        leaf("activity_6")),
                leaf("activity_7"))));
        l.start();
        assertThat(l.next()).isEqualTo("activity_3");
        l.scores(activity3, null);
        for (String next : new String[] {"activity_4", "activity_5", "activity_6", "activity_7"}) {
            assertThat(l.next()).isEqualTo(next);
        }
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).isEqualTo("activity_6");
        return l.nav(NavigationRequest.Type.PREVIOUS).deliver();
    }

    /**
     * SX-10d (no script in the suite; SX-10b on a non-primary objective): activity_1's obj1 is satisfied by measure
     * at -0.7 and activity_1 exits all when obj1 is satisfied. The SCO's {@code cmi.objectives} score -0.6 ends the
     * session; -0.8 lets the flow go on to activity_2.
     */
    @Test
    void sx_10d_exit_all_when_a_non_primary_objective_is_satisfied_by_a_negative_measure() {
        java.util.function.Function<Double, Outcome> afterActivity1 = score -> {
            Learner l = new Learner(tree(cluster("SX-10d", seq().flow(),
                    leaf("activity_1", seq().post(RuleAction.EXIT_ALL, Seq.on("obj1", ConditionType.SATISFIED, false))
                            .objectiveByMeasure("obj1", -0.7,
                                    ObjectiveMap.of("gObj-SX10d", true, true, false, true))),
                    leaf("activity_2"))));
            l.start();
            l.objectives(Learner.objective("obj1", null, score));
            return l.nav(NavigationRequest.Type.CONTINUE);
        };
        assertThat(afterActivity1.apply(-0.6).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(afterActivity1.apply(-0.8).deliver()).isEqualTo("activity_2");
    }

    /**
     * SX-11a (no script in the suite; SX-11b's complement): activity_1 writes its objective's raw, min and max score,
     * completion and progress measure; activity_2 reads raw and min score only. activity_2 is launched with
     * activity_1's raw and min score and nothing else.
     */
    @Test
    void sx_11a_only_the_values_a_map_reads_reach_the_reader() {
        Learner l = new Learner(tree(cluster("SX-11a", seq().flow().noChoice(),
                leaf("activity_1", seq().objective("obj", ObjectiveMap.of("gObj-SX11", false, false, false, false)
                        .withExtended(true, true, true, true, true, true, true, true, true, true))),
                leaf("activity_2", seq().objective("obj", ObjectiveMap.of("gObj-SX11", false, false, false, false)
                        .withExtended(false, false, false, false, true, false, true, false, false, false))))));
        l.start();
        l.objectives(sx11b("completed", 578.0, -9.0, 2222.22, 0.5));
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.launched("activity_2", "obj")).isEqualTo(
                new LaunchObjective("obj", "unknown", "unknown", null, 578.0, -9.0, null, null));
    }

    /**
     * SX-07e (no script in the suite; the book's reading): activity_2 is forward only; its children after the first
     * are skipped when satisfied (activity_4), satisfied by a measure at a 0.0 minimum (activity_5) and completed
     * (activity_6). Going back from activity_7 enters the forward-only cluster at its first child (SB.2.1: a
     * forward-only cluster is entered forward), activity_3; previous is not allowed inside it (NB.2.1-5); continuing
     * skips the three others, all known now, on to activity_7.
     */
    @Test
    void sx_07e_a_forward_only_cluster_is_entered_at_its_first_child_going_back() {
        Learner l = new Learner(tree(cluster("SX-07e", seq().flow().noChoice(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().noChoice().forwardOnly(),
                        leaf("activity_3"),
                        leaf("activity_4", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))),
                        leaf("activity_5", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                                .primaryByMeasure("PRIMARYOBJ", 0.0)),
                        leaf("activity_6", seq().pre(RuleAction.SKIP, cond(ConditionType.COMPLETED)))),
                leaf("activity_7"))));
        l.start();
        for (String next : new String[] {"activity_3", "activity_4", "activity_5"}) {
            assertThat(l.next()).isEqualTo(next);
        }
        l.scores(0.1, null);
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.next()).isEqualTo("activity_7");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).isEqualTo("activity_3");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).exception()).isEqualTo(SnCode.NB_2_1_5);
        assertThat(l.next()).as("4, 5 and 6 skipped").isEqualTo("activity_7");
    }

    /**
     * SX-02 as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s): Act1V1 finds continue
     * valid, previous and a choice of activity_3 not; Act3V1 finds continue and previous valid and a choice of
     * activity_5 not, sets "incomplete" and a progress measure of 0.5 (activity_3 is completed by measure at 0.5:
     * completed); Act4V1 fails (the LMS completes it); Act5V1 sets 0.9 (over its 0.75): activity_2 is satisfied,
     * exits and goes "previous": Act1V2.
     */
    @Test
    void sx_02_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.sx02();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.continueValid()).isTrue();
        assertThat(la.previousValid()).isFalse();
        assertThat(la.activity("activity_3").orElseThrow().choiceValid()).isFalse();
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        la = l.sequencer.lookAhead();
        assertThat(la.continueValid()).isTrue();
        assertThat(la.previousValid()).isTrue();
        assertThat(la.activity("activity_5").orElseThrow().choiceValid()).isFalse();
        l.sequencer.report("activity_3", new RteResults("incomplete", null, null, null, null, null, 0.5, null,
                java.util.List.of()));
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        l.report(null, "failed");
        assertThat(l.next()).as("Act5V1").isEqualTo("activity_5");
        l.scores(null, 0.9);
        assertThat(l.next()).as("Act1V2").isEqualTo("activity_1");
    }
}
