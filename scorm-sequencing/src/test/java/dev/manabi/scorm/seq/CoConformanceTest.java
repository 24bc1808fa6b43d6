package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RuleAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CO family (4th Ed. completion status and progress measure shared through {@code adlseq:mapInfo}) of the ADL SCORM
 * 2004 4th Edition conformance test packages, played as the suite's expected-behaviour script says (where the
 * packages and scripts are: see {@link SxConformanceTest}).
 */
class CoConformanceTest {

    /**
     * CO-04b: activity_1 writes its completion and progress measure to gObj-CO04b; activity_2 (completed by measure
     * at 0.75, reading them) is skipped when its activity progress is not known, activity_3 (reading them) when
     * completed. Act1V1 continues without a status of its own (the script's completion_status key is overwritten by
     * its continue request, both {@code commands.2}), so the LMS completes it when it ends (UP.4) and that is
     * shared. activity_2 was never attempted: "activity progress known" needs an attempt (SN 3.4.2, Activity
     * Progress Status), so the rule skips it whatever the shared completion says; activity_3 reads "completed" and is
     * skipped: Act4V1.
     */
    @Test
    void co_04b_progress_known_needs_an_attempt_completed_reads_the_shared_status() {
        Learner l = new Learner(tree(cluster("CO-04b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04b", true, true))),
                leaf("activity_2", seq().completedByMeasure(0.75)
                        .pre(RuleAction.SKIP, Seq.not(ConditionType.ACTIVITY_PROGRESS_KNOWN))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04b", false, false))),
                leaf("activity_3", seq().pre(RuleAction.SKIP, Seq.on("PRIMARYOBJ", ConditionType.COMPLETED, false))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04b", false, false))),
                leaf("activity_4"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.next()).as("Act4V1").isEqualTo("activity_4");
        assertThat(l.globals.find("gObj-CO04b").completed).isTrue();
        assertThat(l.state.activity("activity_2").attemptCount).isZero();
    }

    /**
     * CO-05b: activity_1 writes its completion and progress measure to gObj-CO05b; activity_2 is not tracked,
     * completed by measure at 0.40, reads the shared objective and is skipped when its activity progress is known.
     * Act1V1 sets its primary objective's completion and progress measure in {@code cmi.objectives} (0.50) and
     * continues. The shared values would complete activity_2 by measure, but it has never been attempted, so its
     * activity progress is not known and it is entered: Act3V1.
     */
    @Test
    void co_05b_shared_progress_does_not_make_an_unattempted_activity_s_progress_known() {
        Learner l = new Learner(tree(cluster("CO-05b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary("PRIMARYOBJ", Seq.adlseq("gObj-CO05b", true, true))),
                cluster("activity_2", seq().flow().noChoice().untracked().completedByMeasure(0.40)
                                .pre(RuleAction.SKIP, cond(ConditionType.ACTIVITY_PROGRESS_KNOWN))
                                .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO05b", false, false)),
                        leaf("activity_3", seq().primary(null).objective("obj", Seq.adlseq("gObj-CO05b", false,
                                false))),
                        leaf("activity_4"), leaf("activity_5")),
                leaf("activity_6"))));
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, null, null, null, null, null, null, null, List.of(
                new RteResults.Objective("PRIMARYOBJ", null, "completed", null, null, null, null, 0.50))));
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.launched("activity_3", "obj").completionStatus()).as("read through its map")
                .isEqualTo("completed");
    }

    /**
     * CO-04c (no script in the suite; the book's reading): activity_1 is completed by measure at a minimum of 0.0
     * and shares its completion and progress measure; activity_2 reads them and is skipped while its own activity
     * progress is unknown. A progress measure of 0.0 completes activity_1 (0.0 reaches 0.0) and is shared; activity_2,
     * never attempted, is skipped whatever the shared completion says: activity_3.
     */
    @Test
    void co_04c_a_zero_threshold_completes_and_the_unattempted_reader_is_skipped() {
        Learner l = new Learner(tree(cluster("CO-04c", seq().flow().noChoice(),
                leaf("activity_1", seq().completedByMeasure(0.0)
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04c", true, true))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.not(ConditionType.ACTIVITY_PROGRESS_KNOWN))
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO04c", false, false))),
                leaf("activity_3"))));
        l.start();
        l.scores(null, 0.0);
        assertThat(l.globals.find("gObj-CO04c").completed).isTrue();
        assertThat(l.globals.find("gObj-CO04c").progressMeasure).isEqualTo(0.0);
        assertThat(l.next()).isEqualTo("activity_3");
    }

    /**
     * CO-09 (no script in the suite; the book's reading): activity_2, completed by measure at 0.40, continues when its
     * activity progress is known. With a progress measure of 0.3 it is incomplete, but known: a previous request is
     * replaced by the post-condition's continue (TB.2.2), activity_3; without any progress measure the LMS completes it
     * at the end of its attempt (UP.4), known as well.
     */
    @Test
    void co_09_progress_known_after_the_attempt_replaces_previous_by_continue() {
        for (Double progress : new Double[] {0.3, null}) {
            Learner l = new Learner(tree(cluster("CO-09", seq().flow().noChoice(),
                    leaf("activity_1"),
                    leaf("activity_2", seq().completedByMeasure(0.40)
                            .post(RuleAction.CONTINUE, cond(ConditionType.ACTIVITY_PROGRESS_KNOWN))
                            .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO09", false, false))),
                    leaf("activity_3"))));
            l.start();
            assertThat(l.next()).isEqualTo("activity_2");
            l.scores(null, progress);
            assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("progress %s", progress)
                    .isEqualTo("activity_3");
        }
    }

    /**
     * CO-07a (no script; the book's reading): activity_1 and activity_2 take no part in rollup and are skipped when
     * their primary objective (obj1, obj2) is completed, which they read through {@code adlseq:mapInfo} from
     * gObj-CO07-obj1 / -obj2; activity_3 writes the completion of its own obj1 and obj2 there
     * ({@code cmi.objectives.n.completion_status}). The organization exits when satisfied and is retried while not
     * completed. activity_3 completes both objectives but reports itself incomplete: the organization (rolled up from
     * activity_3 alone) is satisfied by the LMS's satisfaction of activity_3 (UP.4) and not completed, so it exits and
     * is retried; activity_1 and activity_2 are now skipped (completed through the shared statuses) and activity_3
     * comes back; completed this time, the organization exits for good and the session ends.
     */
    @Test
    void co_07a_completion_shared_by_a_non_primary_objective_skips_on_retry() {
        Learner l = new Learner(tree(cluster("CO-07a", seq().flow().noChoice()
                        .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                        .post(RuleAction.RETRY, Seq.not(ConditionType.COMPLETED)),
                leaf("activity_1", seq().pre(RuleAction.SKIP, Seq.on("obj1", ConditionType.COMPLETED, false))
                        .notInRollup().primary("obj1", Seq.adlseq("gObj-CO07-obj1", false, false))),
                leaf("activity_2", seq().pre(RuleAction.SKIP, Seq.on("obj2", ConditionType.COMPLETED, false))
                        .notInRollup().primary("obj2", Seq.adlseq("gObj-CO07-obj2", false, false))),
                leaf("activity_3", seq().primary(null)
                        .objective("obj1", Seq.adlseq("gObj-CO07-obj1", true, false))
                        .objective("obj2", Seq.adlseq("gObj-CO07-obj2", true, false))))));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        l.sequencer.report("activity_3", new RteResults("incomplete", null, null, null, null, null, null, null,
                List.of(completed("obj1"), completed("obj2"))));
        assertThat(l.next()).as("retried: activity_1 and activity_2 skipped").isEqualTo("activity_3");
        assertThat(l.state.activity("CO-07a").attemptCount).isEqualTo(2);
        l.report("completed", null);
        assertThat(l.nav(NavigationRequest.Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
    }

    private static RteResults.Objective completed(String id) {
        return new RteResults.Objective(id, null, "completed", null, null, null, null, null);
    }

    /**
     * CO-08b (no script; the book's reading): activity_1 is not tracked and would write its progress measure to
     * gObj-CO08b; activity_2 (completed by measure at 0.50, skipped when completed) reads and writes it; activity_3
     * (not tracked) reads it. activity_1's 0.7 is not recorded, so nothing is written (SN 3.13 tracked) and
     * activity_2 is delivered; its 0.3 is shared but does not complete it: going back from activity_3 delivers it
     * again; with 0.9 it is completed and skipped going back: activity_1.
     */
    @Test
    void co_08b_an_untracked_activity_writes_no_progress_measure() {
        ObjectiveMap writesProgressOnly = ObjectiveMap.of("gObj-CO08b", false, false, false, false)
                .withExtended(true, false, false, true, true, false, true, false, true, false);
        Learner l = new Learner(tree(cluster("CO-08b", seq().flow().noChoice(),
                leaf("activity_1", seq().untracked().primary("PRIMARYOBJ", writesProgressOnly).objective("obj1")),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.COMPLETED)).completedByMeasure(0.5)
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO08b", false, true))),
                leaf("activity_3", seq().untracked().completedByMeasure(0.5)
                        .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO08b", false, false))))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.scores(null, 0.7);
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.globals.find("gObj-CO08b")).isNull();
        l.scores(null, 0.3);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.globals.find("gObj-CO08b").progressMeasure).isEqualTo(0.3);
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("0.3: not completed").isEqualTo("activity_2");
        l.scores(null, 0.9);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.nav(NavigationRequest.Type.PREVIOUS).deliver()).as("0.9: completed, skipped")
                .isEqualTo("activity_1");
    }

    /**
     * CO-10 (no script; the book's reading): three SCOs in flow, each completed by its own measure (0.40, 0.15, 0.60)
     * with {@code objectiveSetByContent}; all write the completion and progress of their primary objective to
     * gObj-CO10-4, of obj2 and obj3 to -2 and -3, and of obj1 also its raw, min and max score to -1; activity_3 is
     * not tracked. No rule: what is tested is the values each SCO is launched with (RTE 4.2.17 from the maps).
     * activity_1 reports a progress measure of 0.5 (completed at 0.40) and obj1 8 of 0..10, completed, 0.8, obj2
     * incomplete at 0.2; activity_2 is launched with all of them and completes obj2 (0.6); activity_3 is launched with
     * that, and what it reports itself is not shared.
     */
    @Test
    void co_10_completion_progress_and_scores_shared_through_every_map() {
        ObjectiveMap all1 = ObjectiveMap.of("gObj-CO10-1", false, false, false, false)
                .withExtended(true, true, true, true, true, true, true, true, true, true);
        Seq a1 = seq().completedByMeasure(0.40).objectiveSetByContent().primary("PRIMARYOBJ",
                        Seq.adlseq("gObj-CO10-4", true, true)).objective("obj1", all1)
                .objective("obj2", Seq.adlseq("gObj-CO10-2", true, true))
                .objective("obj3", Seq.adlseq("gObj-CO10-3", true, true));
        Seq a2 = seq().completedByMeasure(0.15).objectiveSetByContent().primary("PRIMARYOBJ",
                        Seq.adlseq("gObj-CO10-4", true, true)).objective("obj1", all1)
                .objective("obj2", Seq.adlseq("gObj-CO10-2", true, true))
                .objective("obj3", Seq.adlseq("gObj-CO10-3", true, true));
        Seq a3 = seq().untracked().completedByMeasure(0.6).objectiveSetByContent().primary("PRIMARYOBJ",
                        Seq.adlseq("gObj-CO10-4", true, true)).objective("obj1", all1)
                .objective("obj2", Seq.adlseq("gObj-CO10-2", true, true))
                .objective("obj3", Seq.adlseq("gObj-CO10-3", true, true));
        Learner l = new Learner(tree(cluster("CO-10", seq().flow().noChoice(),
                leaf("activity_1", a1), leaf("activity_2", a2), leaf("activity_3", a3))));
        assertThat(l.start()).isEqualTo("activity_1");
        l.sequencer.report("activity_1", new RteResults(null, null, null, null, null, null, 0.5, null, List.of(
                new RteResults.Objective("obj1", null, "completed", null, 8.0, 0.0, 10.0, 0.8),
                new RteResults.Objective("obj2", null, "incomplete", null, null, null, null, 0.2))));
        assertThat(l.next()).isEqualTo("activity_2");
        LaunchObjective primary = l.launched("activity_2", "PRIMARYOBJ");
        assertThat(primary.completionStatus()).isEqualTo("completed");
        assertThat(primary.progressMeasure()).isEqualTo(0.5);
        LaunchObjective obj1 = l.launched("activity_2", "obj1");
        assertThat(List.of(obj1.scoreRaw(), obj1.scoreMin(), obj1.scoreMax(), obj1.progressMeasure()))
                .containsExactly(8.0, 0.0, 10.0, 0.8);
        assertThat(obj1.completionStatus()).isEqualTo("completed");
        assertThat(l.launched("activity_2", "obj2").completionStatus()).isEqualTo("incomplete");
        l.sequencer.report("activity_2", new RteResults(null, null, null, null, null, null, 0.2, null, List.of(
                new RteResults.Objective("obj2", null, "completed", null, null, null, null, 0.6))));
        assertThat(l.next()).isEqualTo("activity_3");
        LaunchObjective obj2 = l.launched("activity_3", "obj2");
        assertThat(obj2.completionStatus()).isEqualTo("completed");
        assertThat(obj2.progressMeasure()).isEqualTo(0.6);
        l.sequencer.report("activity_3", new RteResults(null, null, null, null, null, null, 0.9, null, List.of(
                new RteResults.Objective("obj3", null, "completed", null, null, null, null, 1.0))));
        assertThat(l.globals.find("gObj-CO10-3")).as("activity_3 is not tracked").isNull();
    }

    /**
     * CO-12a (no script; the book's reading): inside activity_1 (exit when satisfied; retry when completed, continue
     * when not), activity_2 exits its parent when not completed and writes its completion to gObj-CO12a without
     * reading it; activity_1's primary objective reads it. First pass: activity_2 completes, activity_3 ends
     * (both satisfied by the LMS): activity_1 is satisfied, exits, and is retried because it reads "completed":
     * activity_2 again (a new attempt: its own completion is unknown, it reads nothing). It reports incomplete, which
     * is shared: its exitParent ends activity_1, now not completed (read through the map), whose continue
     * post-condition goes on to activity_4.
     */
    @Test
    void co_12a_a_parent_reads_the_completion_its_child_writes() {
        Learner l = new Learner(tree(cluster("CO-12a", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice()
                                .exit(RuleAction.EXIT, cond(ConditionType.SATISFIED))
                                .post(RuleAction.RETRY, cond(ConditionType.COMPLETED))
                                .post(RuleAction.CONTINUE, Seq.not(ConditionType.COMPLETED))
                                .primary("PRIMARYOBJ", Seq.adlseq("gObj-CO12a", false, false)),
                        leaf("activity_2", seq().post(RuleAction.EXIT_PARENT, Seq.not(ConditionType.COMPLETED))
                                .primary("PRIMARYOBJ", ObjectiveMap.of("gObj-CO12a", false, false, false, false)
                                        .withExtended(false, true, false, false, true, false, true, false, true,
                                                false))),
                        leaf("activity_3")),
                leaf("activity_4"))));
        assertThat(l.start()).isEqualTo("activity_2");
        l.report("completed", null);
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.next()).as("activity_1 exits and is retried").isEqualTo("activity_2");
        assertThat(l.state.activity("activity_1").attemptCount).isEqualTo(2);
        l.report("incomplete", null);
        assertThat(l.next()).as("exit parent, continue").isEqualTo("activity_4");
    }
}
