package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.model.ConditionType;
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
}
