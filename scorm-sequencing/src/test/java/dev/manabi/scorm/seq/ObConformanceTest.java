package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Learner.objective;
import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.manabi.scorm.seq.model.ObjectiveMap;
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
}
