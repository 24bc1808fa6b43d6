package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Learner.objective;
import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OB family (objectives and global objective maps) of the ADL SCORM 2004 4th Edition conformance test packages,
 * played as the suite's expected-behaviour script says (where the packages and scripts are: see
 * {@link SxConformanceTest}).
 */
class ObConformanceTest {

    /**
     * OB-17a (statuses and measures set by content, shared, read back): every activity sets its objectives itself
     * ({@code objectiveSetByContent}); activity_1 writes but does not read PRIMARYOBJ and obj1..obj4 to
     * gObj-OB17a-1..5, activity_2 reads and writes them, activity_3 reads them; obj4 of activities 2 and 3 is
     * satisfied by measure at 0.75. The script's launch values (RTE 4.2.17):
     * Act1V1 sets PRIMARYOBJ failed 0.6, obj2 passed -0.4, obj3 failed 0.01, obj4 failed 0.99.
     * Act2V1 reads PRIMARYOBJ failed 0.6, obj1 unknown, obj2 passed -0.4, obj3 failed 0.01 and obj4 passed 0.99
     * (its measure decides, SN 3.10.1); it sets obj2 to unknown and 0.8, obj3 passed, obj4 failed.
     * Act3V1 reads PRIMARYOBJ failed 0.6 (activity_2 set no primary status, and the LMS sets none for content that
     * sets its own, UP.4), obj1 unknown, obj2 unknown 0.8 (the SCO's explicit unknown is shared), obj3 passed 0.01
     * and obj4 passed 0.99 (by measure again, whatever activity_2 said).
     */
    @Test
    void ob_17a_content_set_statuses_and_measures_are_shared_and_read_back() {
        Learner l = new Learner(tree(cluster("OB-17a", seq().flow().noChoice(),
                leaf("activity_1", objectives(seq(), ObjectiveMap.of("g1", false, false, true, true), false,
                        id -> ObjectiveMap.of(id, false, false, true, true))),
                leaf("activity_2", objectives(seq(), ObjectiveMap.of("g1", true, true, true, true), true,
                        id -> ObjectiveMap.of(id, true, true, true, true))),
                leaf("activity_3", objectives(seq(), Seq.read("g1"), true, Seq::read)))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, "failed", 0.6, null, null, null, null, null, List.of(
                objective("obj2", "passed", -0.4), objective("obj3", "failed", 0.01),
                objective("obj4", "failed", 0.99))));

        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.sequencer.launchObjectives("activity_2"))
                .extracting(LaunchObjective::id, LaunchObjective::successStatus, LaunchObjective::scoreScaled)
                .containsExactly(tuple("PRIMARYOBJ", "failed", 0.6), tuple("obj1", "unknown", null),
                        tuple("obj2", "passed", -0.4), tuple("obj3", "failed", 0.01), tuple("obj4", "passed", 0.99));
        l.objectives(objective("obj2", "unknown", 0.8), objective("obj3", "passed", null),
                objective("obj4", "failed", null));

        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.sequencer.launchObjectives("activity_3"))
                .extracting(LaunchObjective::id, LaunchObjective::successStatus, LaunchObjective::scoreScaled)
                .containsExactly(tuple("PRIMARYOBJ", "failed", 0.6), tuple("obj1", "unknown", null),
                        tuple("obj2", "unknown", 0.8), tuple("obj3", "passed", 0.01), tuple("obj4", "passed", 0.99));
    }

    /**
     * OB-17a's activities: PRIMARYOBJ mapped to g1, obj1..obj4 to g2..g5 (obj4 satisfied by measure at 0.75 when
     * {@code obj4ByMeasure}), content sets the statuses.
     */
    private static Seq objectives(Seq s, ObjectiveMap primary, boolean obj4ByMeasure,
                                  java.util.function.Function<String, ObjectiveMap> map) {
        s.setByContent().primary("PRIMARYOBJ", primary);
        for (int i = 1; i <= 3; i++) {
            s.objective("obj" + i, map.apply("g" + (i + 1)));
        }
        return obj4ByMeasure ? s.objectiveByMeasure("obj4", 0.75, map.apply("g5")) : s.objective("obj4",
                map.apply("g5"));
    }

    /**
     * OB-16c: activity_1 ({@code choice="false" flow="true"}) reads its primary objective from gObj-OB16c, exits
     * when completed or satisfied, retries while not satisfied and continues once satisfied; its first child
     * activity_2 writes gObj-OB16c. Script: Act2V1 passes and continues; activity_1 reads "satisfied" through its
     * map, its exit rule ends it before activity_3 and its post-condition continues: Act4V1.
     */
    @Test
    void ob_16c_a_cluster_satisfied_through_its_map_exits_and_continues() {
        Learner l = new Learner(tree(cluster("OB-16c", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.COMPLETED))
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.RETRY, Seq.not(ConditionType.SATISFIED))
                                .post(RuleAction.CONTINUE, cond(ConditionType.SATISFIED))
                                .primary("PRIMARYOBJ", Seq.read("gObj-OB16c")),
                        leaf("activity_2", seq().primary("PRIMARYOBJ",
                                ObjectiveMap.of("gObj-OB16c", false, false, true, false))),
                        leaf("activity_3")),
                leaf("activity_4"))));
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        l.report(null, "passed");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        assertThat(l.state.activity("activity_3").attemptCount).isZero();
    }

    /**
     * OB-15: activity_1 and activity_6 are skipped while their activity progress is unknown (never attempted);
     * activity_3 is completed when all its children are satisfied and skipped when completed; its children read
     * gObj-OB15, which activity_2 writes. Script: the start skips activity_1, Act2V1 passes and continues: activity_3
     * (rolled up when gObj-OB15 was written, its children reading it) is completed and skipped, activity_6 is
     * skipped, Act7V1.
     */
    @Test
    void ob_15_a_cluster_completed_through_its_children_s_reads_is_skipped() {
        Learner l = new Learner(tree(cluster("OB-15", seq().flow().noChoice(),
                leaf("activity_1", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.ACTIVITY_PROGRESS_KNOWN))),
                leaf("activity_2", seq().primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB15", true, true, true, false))),
                cluster("activity_3", seq().flow().noChoice().pre(RuleAction.SKIP, cond(ConditionType.COMPLETED))
                                .rollupRule(ChildActivitySet.ALL, RollupAction.COMPLETED, ConditionType.SATISFIED),
                        leaf("activity_4", seq().primary("PRIMARYOBJ", Seq.read("gObj-OB15"))),
                        leaf("activity_5", seq().primary("PRIMARYOBJ", Seq.read("gObj-OB15")))),
                leaf("activity_6", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.ACTIVITY_PROGRESS_KNOWN))
                        .primary("PRIMARYOBJ", Seq.read("gObj-OB15"))),
                leaf("activity_7"))));
        assertThat(l.start()).as("Act2V1").isEqualTo("activity_2");
        l.report(null, "passed");
        assertThat(l.next()).as("Act7V1").isEqualTo("activity_7");
    }

    /**
     * OB-10c (untracked activities and shared objectives): activity_1 is not tracked and would write its primary
     * objective to gObj-OB10c; activity_2 writes it and is skipped when satisfied (reading it); activity_3 is not
     * tracked and reads it. Script: Act1V1 passes, but nothing of an untracked activity is recorded (SN 3.13.1), so
     * activity_2 is not skipped (Act2V1) and reads "unknown"; it fails; Act3V1 reads "failed".
     */
    @Test
    void ob_10c_an_untracked_activity_writes_nothing_but_reads() {
        Learner l = new Learner(tree(cluster("OB-10c", seq().flow().noChoice(),
                leaf("activity_1", seq().untracked().primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB10c", false, true, true, false)).objective("obj1")),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED)).primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB10c", true, true, true, false))),
                leaf("activity_3", seq().untracked().primary("PRIMARYOBJ", Seq.read("gObj-OB10c"))))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        l.report(null, "passed");
        assertThat(l.globals.find("gObj-OB10c")).isNull();
        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.launched("activity_2", "PRIMARYOBJ").successStatus()).isEqualTo("unknown");
        l.report(null, "failed");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.launched("activity_3", "PRIMARYOBJ").successStatus()).isEqualTo("failed");
    }

    /**
     * OB-12c: activity_2's objective obj1 is satisfied by measure at 0.9, and activity_2 continues when obj1's
     * status and measure are both known. Script: Act1V1 continues; Act2V1 sets obj1's score to 0.4 (so its status is
     * known too: not satisfied, SN 3.10.1) and asks for previous; the post-condition replaces it: Act3V1.
     */
    @Test
    void ob_12c_a_measure_makes_the_status_of_an_objective_satisfied_by_measure_known() {
        Learner l = new Learner(tree(cluster("OB-12c", seq().flow().noChoice(),
                leaf("activity_1"),
                leaf("activity_2", seq().post(RuleAction.CONTINUE,
                                Seq.on("obj1", ConditionType.OBJECTIVE_STATUS_KNOWN, false),
                                Seq.on("obj1", ConditionType.OBJECTIVE_MEASURE_KNOWN, false))
                        .objectiveByMeasure("obj1", 0.9)),
                leaf("activity_3"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        l.objectives(objective("obj1", null, 0.4));
        assertThat(l.launched("activity_2", "obj1").successStatus()).isEqualTo("failed");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("Act3V1").isEqualTo("activity_3");
    }

    /**
     * OB-10a (no script in the suite; OB-10c with the 4th Ed. values): activity_1 is not tracked and would write
     * its primary objective's status to gObj-OB10a-1 and its scores, completion and progress measure to
     * gObj-OB10a-2; activity_2 writes them all and is skipped when satisfied; activity_3 is not tracked and reads
     * them. Nothing activity_1 reports is recorded, so activity_2 is delivered; what activity_2 reports is what
     * activity_3 is launched with.
     */
    @Test
    void ob_10a_an_untracked_activity_writes_no_4th_edition_values_either() {
        ObjectiveMap allValues = ObjectiveMap.of("gObj-OB10a-2", false, false, false, false)
                .withExtended(true, true, true, true, true, true, true, true, true, true);
        Learner l = new Learner(tree(cluster("OB-10a", seq().flow().noChoice(),
                leaf("activity_1", seq().untracked().primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB10a-1", false, true, true, false), allValues)),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED)).primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB10a-1", true, true, true, false), allValues)),
                leaf("activity_3", seq().untracked().primary("PRIMARYOBJ", Seq.read("gObj-OB10a-1"),
                        ObjectiveMap.of("gObj-OB10a-2", false, false, false, false)
                                .withExtended(true, false, true, false, true, false, true, false, true, false))))));
        l.start();
        l.sequencer.report("activity_1", new RteResults("completed", "passed", 1.0, 10.0, 0.0, 10.0, 1.0, null,
                List.of()));
        assertThat(l.globals.find("gObj-OB10a-1")).isNull();
        assertThat(l.globals.find("gObj-OB10a-2")).isNull();
        assertThat(l.next()).isEqualTo("activity_2");
        l.sequencer.report("activity_2", new RteResults("completed", "failed", 0.5, 5.0, 0.0, 10.0, 0.7, null,
                List.of()));
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.launched("activity_3", "PRIMARYOBJ")).isEqualTo(
                new LaunchObjective("PRIMARYOBJ", "failed", "completed", null, 5.0, 0.0, 10.0, 0.7));
    }

    /**
     * OB-10b (no script in the suite; OB-10c with measures): activity_1 is not tracked and would write its measure to
     * gObj-OB10b; activity_2 writes it and is skipped when its measure is over 0.70 (reading it); activity_3 is not
     * tracked and reads it. activity_1's 0.9 is not recorded, so activity_2 is delivered; its 0.8 is what activity_3
     * is launched with.
     */
    @Test
    void ob_10b_an_untracked_activity_writes_no_measure_but_reads_one() {
        Learner l = new Learner(tree(cluster("OB-10b", seq().flow().noChoice(),
                leaf("activity_1", seq().untracked().primary("PRIMARYOBJ",
                        ObjectiveMap.of("gObj-OB10b", false, true, false, true))),
                leaf("activity_2", seq().pre(RuleAction.SKIP,
                                new RuleCondition(ConditionType.OBJECTIVE_MEASURE_GREATER_THAN, null, 0.70, false))
                        .primary("PRIMARYOBJ", ObjectiveMap.of("gObj-OB10b", true, true, false, true))),
                leaf("activity_3", seq().untracked().primary("PRIMARYOBJ", Seq.read("gObj-OB10b"))))));
        l.start();
        l.scores(0.9, null);
        assertThat(l.next()).isEqualTo("activity_2");
        l.scores(0.8, null);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.launched("activity_3", "PRIMARYOBJ").scoreScaled()).isEqualTo(0.8);
    }

    /**
     * OB-09a as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s, with the objectives the
     * other way round): Act1V1 and Act2V1 continue; Act3V1 fails obj1, passes obj2, fails and completes: the
     * organization is completed, exits and, not satisfied, is retried; obj1 is not mastered, so Act1V2 is delivered,
     * obj2 is, so activity_2 is skipped: Act3V2, which passes everything: the course ends completed and passed.
     */
    @Test
    void ob_09a_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.ob09a(seq().flow().noChoice());
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        l.sequencer.report("activity_3", ConformanceCasesTest.withObjectives("failed", "failed", "passed"));
        assertThat(l.next()).as("Act1V2").isEqualTo("activity_1");
        assertThat(l.next()).as("Act3V2: activity_2 skipped").isEqualTo("activity_3");
        l.sequencer.report("activity_3", ConformanceCasesTest.withObjectives("passed", "passed", "passed"));
        assertThat(l.nav(NavigationRequest.Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    /**
     * OB-05c (no script; the book's reading): activity_1's primary objective is satisfied by measure at a minimum of
     * 0.0 and writes its status and measure to gObj-OB05c; activity_2 reads it and is skipped while its status is not
     * known. A score of 0.0 satisfies (the minimum is inclusive, SN 3.10.1), -0.4 does not: either way the status is
     * known and activity_2 is delivered. Without a score the status of an objective satisfied by measure is unknown,
     * whatever the LMS's end of attempt says (RB.1.2 a: no measure, no status), so nothing known is shared and
     * activity_2 is skipped.
     */
    @Test
    void ob_05c_satisfied_by_measure_at_zero() {
        java.util.function.Function<Double, Learner> play = score -> {
            Learner l = new Learner(tree(cluster("OB-05c", seq().flow().noChoice(),
                    leaf("activity_1", seq().primaryByMeasure("PRIMARYOBJ", 0.0,
                            ObjectiveMap.of("gObj-OB05c", true, true, true, true))),
                    leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.OBJECTIVE_STATUS_KNOWN))
                            .primary("PRIMARYOBJ", Seq.read("gObj-OB05c"))),
                    leaf("activity_3"))));
            assertThat(l.start()).isEqualTo("activity_1");
            l.scores(score, null);
            return l;
        };
        Learner zero = play.apply(0.0);
        assertThat(zero.next()).isEqualTo("activity_2");
        assertThat(zero.globals.find("gObj-OB05c").satisfiedStatus).isTrue();
        Learner negative = play.apply(-0.4);
        assertThat(negative.next()).isEqualTo("activity_2");
        assertThat(negative.globals.find("gObj-OB05c").satisfiedStatus).isFalse();
        Learner none = play.apply(null);
        assertThat(none.next()).as("no measure: status unknown, skipped").isEqualTo("activity_3");
    }

    /**
     * OB-07b (no script; the book's reading): activity_1's primary obj1 writes only its measure to gObj-OB07b;
     * activity_2's primary obj1 reads it and is skipped (a collection entry's rule) when its measure is below 0.75;
     * activity_3 reads it into a non-primary obj1. 0.5: skipped, and activity_3 is launched with 0.5 and an unknown
     * status (the status is not written); 0.8: delivered; no score: "less than" is unknown (UP.2.1), not skipped.
     */
    @Test
    void ob_07b_a_shared_measure_below_a_threshold_skips() {
        java.util.function.Function<Double, Learner> play = score -> {
            Learner l = new Learner(tree(cluster("OB-07b", seq().flow().noChoice(),
                    leaf("activity_1", seq().primary("obj1", ObjectiveMap.of("gObj-OB07b", true, true, false,
                            true))),
                    leaf("activity_2", seq().pre(RuleAction.SKIP, new RuleCondition(
                                    ConditionType.OBJECTIVE_MEASURE_LESS_THAN, "obj1", 0.75, false))
                            .primary("obj1", Seq.read("gObj-OB07b"))),
                    leaf("activity_3", seq().primary(null).objective("obj1", Seq.read("gObj-OB07b"))))));
            assertThat(l.start()).isEqualTo("activity_1");
            l.scores(score, null);
            return l;
        };
        Learner low = play.apply(0.5);
        assertThat(low.next()).isEqualTo("activity_3");
        assertThat(low.launched("activity_3", "obj1")).satisfies(o -> {
            assertThat(o.scoreScaled()).isEqualTo(0.5);
            assertThat(o.successStatus()).isEqualTo("unknown");
        });
        assertThat(play.apply(0.8).next()).isEqualTo("activity_2");
        assertThat(play.apply(null).next()).isEqualTo("activity_2");
    }

    /**
     * OB-13a (no script; the book's reading): activity_2 writes obj1's status and measure to gObj-OB13a; activity_3
     * reads it and is skipped when its status is known and its measure is not. A status without a score: skipped;
     * with a score: delivered; nothing set: delivered.
     */
    @Test
    void ob_13a_status_known_without_a_measure() {
        java.util.function.Function<RteResults.Objective, Learner> play = set -> {
            Learner l = new Learner(tree(cluster("OB-13a", seq().flow().noChoice(),
                    leaf("activity_1"),
                    leaf("activity_2", seq().primary(null).objective("obj1", ObjectiveMap.of("gObj-OB13a", true,
                            true, true, true))),
                    leaf("activity_3", seq().pre(RuleAction.SKIP,
                                    Seq.on("obj1", ConditionType.OBJECTIVE_STATUS_KNOWN, false),
                                    Seq.on("obj1", ConditionType.OBJECTIVE_MEASURE_KNOWN, true))
                            .primary(null).objective("obj1", Seq.read("gObj-OB13a"))),
                    leaf("activity_4"))));
            assertThat(l.start()).isEqualTo("activity_1");
            assertThat(l.next()).isEqualTo("activity_2");
            if (set != null) {
                l.objectives(set);
            }
            return l;
        };
        assertThat(play.apply(objective("obj1", "passed", null)).next()).isEqualTo("activity_4");
        assertThat(play.apply(objective("obj1", "passed", 0.6)).next()).isEqualTo("activity_3");
        assertThat(play.apply(null).next()).isEqualTo("activity_3");
    }

    /**
     * OB-14b (no script; the book's reading): objective identifiers that differ only by case ({@code obj1},
     * {@code OBJ1}), a local objective {@code obj} mapped to a global named {@code obj1}, objectives listed in any
     * order, activity_3 not tracked (its own {@code deliveryControls} replace the collection entry's
     * {@code tracked="true"}), activity_4's obj1 with two maps (writes one global without reading it, reads
     * another). No rule: the values the SCOs are launched with are the test. activity_1 passes {@code obj},
     * fails its own obj1, passes OBJ1 and gives obj2 (satisfied by measure at 0.5) 0.6; activity_2 passes with 0.9
     * and fails obj5 with 0.2; activity_3 reads both and writes nothing; activity_4 reads activity_1's obj2 through
     * gObj-OB14b-1 and activity_2's status through -2.
     */
    @Test
    void ob_14b_identifiers_case_order_and_several_maps() {
        Learner l = new Learner(tree(cluster("OB-14b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary(null).objective("obj4").objective("obj1").objective("OBJ1")
                        .objective("obj3")
                        .objectiveByMeasure("obj2", 0.5, ObjectiveMap.of("gObj-OB14b-1", true, true, true, true))
                        .objective("obj", ObjectiveMap.of("obj1", true, true, true, true))),
                leaf("activity_2", seq().primary("PRIMARYOBJ", ObjectiveMap.of("gObj-OB14b-2", true, true, true,
                                true)).objective("obj3").objective("obj2").objective("obj1")
                        .objective("obj5", ObjectiveMap.of("gObj-OB14b-3", true, true, true, true))
                        .objective("obj4")),
                leaf("activity_3", seq().untracked().primary(null).objective("obj5")
                        .objective("obj4", ObjectiveMap.of("gObj-OB14b-1", true, true, true, true))
                        .objective("obj3", Seq.read("gObj-OB14b-2"))
                        .objective("obj1", Seq.read("gObj-OB14b-3")).objective("obj2")),
                leaf("activity_4", seq().primary(null)
                        .objective("obj1", ObjectiveMap.of("gObj-OB14b-3", false, false, true, true),
                                Seq.read("gObj-OB14b-1"))
                        .objective("obj2", Seq.read("gObj-OB14b-2"))))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.objectives(objective("obj", "passed", null), objective("obj1", "failed", null),
                objective("OBJ1", "passed", null), objective("obj2", null, 0.6));
        assertThat(l.globals.find("obj1").satisfiedStatus).as("the global named obj1, from obj").isTrue();
        assertThat(l.state.activity("activity_1").objective("obj1").satisfiedStatus).isFalse();
        assertThat(l.state.activity("activity_1").objective("OBJ1").satisfiedStatus).isTrue();
        assertThat(l.next()).isEqualTo("activity_2");
        l.report(null, "passed", 0.9);
        l.objectives(objective("obj5", "failed", 0.2));
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(List.of(l.launched("activity_3", "obj3"), l.launched("activity_3", "obj1")))
                .extracting(LaunchObjective::successStatus, LaunchObjective::scoreScaled)
                .containsExactly(tuple("passed", 0.9), tuple("failed", 0.2));
        l.objectives(objective("obj4", "failed", -1.0));
        assertThat(l.globals.find("gObj-OB14b-1").normalizedMeasure).as("not tracked: nothing written")
                .isEqualTo(0.6);
        assertThat(l.next()).isEqualTo("activity_4");
        assertThat(l.launched("activity_4", "obj1").scoreScaled()).as("read from -1, not -3").isEqualTo(0.6);
        assertThat(l.launched("activity_4", "obj2").successStatus()).isEqualTo("passed");
        l.objectives(objective("obj1", "passed", 1.0));
        assertThat(l.globals.find("gObj-OB14b-3").normalizedMeasure).as("written to -3").isEqualTo(1.0);
        assertThat(l.globals.find("gObj-OB14b-1").normalizedMeasure).as("-1 only read").isEqualTo(0.6);
    }

    /**
     * OB-17b (no script; the book's reading): activity_1 writes its primary objective and obj1..obj4 to
     * gObj-OB17b-1..-5 without reading them; activity_2 reads and writes all of them, its obj4 satisfied by measure at
     * 0.75; activity_3 as activity_2 but only reads obj1. activity_1 passes with 0.5, fails obj1 with 0.3, passes
     * obj2, sets obj3 to "unknown" itself and passes obj4 with 0.6. activity_2 is launched with all of it (obj3
     * unknown) and obj4 failed: satisfied by measure, 0.6 is below its own 0.75 whatever the shared status says;
     * it gives obj4 0.8 and fails obj2; activity_3 is launched with obj4 passed (0.8) and obj2 failed.
     */
    @Test
    void ob_17b_every_objective_shared_one_way_then_both() {
        Learner l = new Learner(tree(cluster("OB-17b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", Seq.write("gObj-OB17b-1"))
                        .objective("obj1", Seq.write("gObj-OB17b-2")).objective("obj2", Seq.write("gObj-OB17b-3"))
                        .objective("obj3", Seq.write("gObj-OB17b-4")).objective("obj4", Seq.write("gObj-OB17b-5"))),
                leaf("activity_2", seq().primary("PRIMARYOBJ", Seq.readWrite("gObj-OB17b-1"))
                        .objective("obj1", Seq.readWrite("gObj-OB17b-2"))
                        .objective("obj2", Seq.readWrite("gObj-OB17b-3"))
                        .objective("obj3", Seq.readWrite("gObj-OB17b-4"))
                        .objectiveByMeasure("obj4", 0.75, Seq.readWrite("gObj-OB17b-5"))),
                leaf("activity_3", seq().primary("PRIMARYOBJ", Seq.readWrite("gObj-OB17b-1"))
                        .objective("obj1", Seq.read("gObj-OB17b-2"))
                        .objective("obj2", Seq.readWrite("gObj-OB17b-3"))
                        .objective("obj3", Seq.readWrite("gObj-OB17b-4"))
                        .objectiveByMeasure("obj4", 0.75, Seq.readWrite("gObj-OB17b-5"))))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, "passed", 0.5, null, null, null, null, null,
                List.of(objective("obj1", "failed", 0.3), objective("obj2", "passed", null),
                        objective("obj3", "unknown", null), objective("obj4", "passed", 0.6))));
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(List.of("PRIMARYOBJ", "obj1", "obj2", "obj3", "obj4")).extracting(
                        id -> l.launched("activity_2", id).successStatus())
                .containsExactly("passed", "failed", "passed", "unknown", "failed");
        assertThat(l.launched("activity_2", "obj1").scoreScaled()).isEqualTo(0.3);
        l.objectives(objective("obj4", null, 0.8), objective("obj2", "failed", null));
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.launched("activity_3", "obj4")).satisfies(o -> {
            assertThat(o.successStatus()).isEqualTo("passed");
            assertThat(o.scoreScaled()).isEqualTo(0.8);
        });
        assertThat(l.launched("activity_3", "obj2").successStatus()).isEqualTo("failed");
        assertThat(l.launched("activity_3", "obj1").scoreScaled()).isEqualTo(0.3);
    }
}
