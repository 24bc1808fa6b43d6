package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.model.ObjectiveMap;
import org.junit.jupiter.api.Test;

/**
 * {@link RteMapping}: {@code cmi.objectives.n.completion_status} and {@code .progress_measure} of a non-primary
 * objective (SCORM 2004 4th Ed. RTE 4.2.17) are kept per objective and shared through {@code adlseq:mapInfo}
 * (read/writeCompletionStatus, read/writeProgressMeasure); before, only the primary objective's were. A status the
 * SCO explicitly sets to {@code unknown} in {@code cmi.objectives} is shared as unknown (ADL OB-17a, SX-11b).
 */
class RteMappingTest {

    private static Learner writerAndReader() {
        ObjectiveMap writes = ObjectiveMap.of("g", false, false, false, false)
                .withExtended(true, true, true, true, false, false, false, false, false, false);
        ObjectiveMap reads = ObjectiveMap.of("g", false, false, false, false)
                .withExtended(true, false, true, false, false, false, false, false, false, false);
        return new Learner(tree(cluster("root", seq().flow(),
                leaf("writer", seq().objective("obj", writes)),
                leaf("reader", seq().objective("obj", reads)))));
    }

    private static RteResults.Objective obj(String completion, Double progress) {
        return new RteResults.Objective("obj", null, completion, null, null, null, null, progress);
    }

    @Test
    void an_objective_s_completion_and_progress_are_kept_and_given_back_at_launch() {
        Learner l = writerAndReader();
        l.start();
        l.objectives(obj("incomplete", 0.3));
        assertThat(l.launched("writer", "obj").completionStatus()).isEqualTo("incomplete");
        assertThat(l.launched("writer", "obj").progressMeasure()).isEqualTo(0.3);
    }

    @Test
    void a_written_completion_and_progress_reach_the_reader() {
        Learner l = writerAndReader();
        l.start();
        l.objectives(obj("completed", 0.8));
        assertThat(l.globals.find("g").completed).isTrue();
        assertThat(l.next()).isEqualTo("reader");
        assertThat(l.launched("reader", "obj").completionStatus()).isEqualTo("completed");
        assertThat(l.launched("reader", "obj").progressMeasure()).isEqualTo(0.8);
    }

    @Test
    void an_explicit_unknown_is_written_but_a_value_not_set_leaves_the_global_alone() {
        Learner l = writerAndReader();
        l.start();
        l.objectives(obj("completed", 0.8));
        l.objectives(obj(null, null));
        assertThat(l.globals.find("g").completionStatusKnown).as("not set: nothing written").isTrue();
        assertThat(l.globals.find("g").progressMeasure).isEqualTo(0.8);
        l.objectives(obj("unknown", null));
        assertThat(l.globals.find("g").completionStatusKnown).as("set to unknown by the SCO").isFalse();
    }

    @Test
    void a_map_without_the_read_flag_does_not_read() {
        ObjectiveMap writes = ObjectiveMap.of("g", false, false, false, false)
                .withExtended(true, true, true, true, false, false, false, false, false, false);
        ObjectiveMap noRead = ObjectiveMap.of("g", false, false, false, false)
                .withExtended(false, false, false, false, false, false, false, false, false, false);
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("writer", seq().objective("obj", writes)),
                leaf("other", seq().objective("obj", noRead)))));
        l.start();
        l.objectives(obj("completed", 0.8));
        l.next();
        assertThat(l.launched("other", "obj").completionStatus()).isEqualTo("unknown");
        assertThat(l.launched("other", "obj").progressMeasure()).isNull();
    }

    @Test
    void an_explicit_unknown_success_status_is_shared_a_status_not_set_is_not() {
        ObjectiveMap shared = ObjectiveMap.of("s", true, true, true, true);
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("writer", seq().objective("obj", shared)), leaf("reader", seq().objective("obj", shared)))));
        l.start();
        l.objectives(Learner.objective("obj", "passed", 0.5));
        l.objectives(Learner.objective("obj", null, 0.5));
        assertThat(l.globals.find("s").progressStatus).as("not set: nothing written").isTrue();
        l.objectives(Learner.objective("obj", "unknown", 0.5));
        assertThat(l.globals.find("s").progressStatus).as("set to unknown by the SCO").isFalse();
        l.next();
        assertThat(l.launched("reader", "obj").successStatus()).isEqualTo("unknown");
    }

    /**
     * Second review: the SCO's {@code cmi.objectives.n.id} (RTE 4.2.17, long_identifier_type) is normalised as the
     * manifest's {@code objectiveID} is at import ({@code ObjectiveDefinition.normalizeId}): a SCO reporting
     * {@code ob%20j%201} sets the manifest's objective {@code ob j 1} and, through its map, the global one.
     */
    @Test
    void the_sco_s_objective_id_is_normalised_as_the_manifest_s() {
        ObjectiveMap writes = ObjectiveMap.of("g", false, false, true, false);
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("sco", seq().objective("ob j 1", writes)), leaf("next", seq()))));
        l.start();
        l.objectives(Learner.objective("ob%20j%201", "passed", 0.9));
        assertThat(l.launched("sco", "ob j 1").successStatus()).isEqualTo("passed");
        assertThat(l.launched("sco", "ob j 1").scoreScaled()).isEqualTo(0.9);
        assertThat(l.globals.find("g").satisfiedStatus).isTrue();

        l.objectives(Learner.objective("  ob%20%20j   1 ", "failed", null));
        assertThat(l.launched("sco", "ob j 1").successStatus()).isEqualTo("failed");
    }
}
