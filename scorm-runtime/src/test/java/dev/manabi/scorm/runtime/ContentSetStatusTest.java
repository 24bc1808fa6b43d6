package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.cmi.CmiValues;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.RteResults;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ControlMode;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import dev.manabi.scorm.seq.model.SequencingRule;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the run-time tells the sequencer about {@code cmi.completion_status} and {@code cmi.success_status}: a value
 * the SCO never set is "not set" (null), so End Attempt (SN 4th Ed. UP.4) sets it; an "unknown" the SCO set itself is
 * the content's and stays unknown (the ADL suite's RU-19a).
 */
class ContentSetStatusTest {

    @Test
    void neverSetIsNotSetAndAnExplicitUnknownIsTheContents() {
        RteResults nothing = SequencedAttempt.results(new CmiValues(Map.of()));
        assertThat(nothing.completionStatus()).isNull();
        assertThat(nothing.successStatus()).isNull();

        RteResults unknown = SequencedAttempt.results(new CmiValues(Map.of("cmi.success_status", "unknown",
                "cmi.completion_status", "unknown")));
        assertThat(unknown.successStatus()).isEqualTo("unknown");
        assertThat(unknown.completionStatus()).isEqualTo("unknown");

        RteResults passed = SequencedAttempt.results(new CmiValues(Map.of("cmi.success_status", "passed")));
        assertThat(passed.successStatus()).isEqualTo("passed");
        assertThat(passed.completionStatus()).isNull();
    }

    @Test
    void aCompletionThresholdDecidesWithoutTheScoSettingTheStatus() {
        RteResults byMeasure = SequencedAttempt.results(new CmiValues(Map.of("cmi.completion_threshold", "0.5",
                "cmi.progress_measure", "0.7")));
        assertThat(byMeasure.completionStatus()).isEqualTo("completed");
    }

    /**
     * RU-19a through the run-time's mapping: activity_1 exits and is retried as soon as its objective status is
     * known. activity_2 and activity_3 set nothing (the LMS satisfies them, UP.4); activity_4 sets
     * {@code cmi.success_status = "unknown"}: it stays unknown, so activity_1's status stays unknown and the
     * learner goes on to activity_5 instead of a retry of activity_1 (which the old mapping, reporting "unknown"
     * whether set or not, caused).
     */
    @Test
    void ru_19a_anUnknownSetByTheScoIsNotSatisfiedByTheLms() {
        ControlMode flowOnly = new ControlMode(false, true, true, false, true, true);
        SequencingDefinition cluster = new SequencingDefinition(flowOnly, List.of(),
                List.of(rule(RuleAction.EXIT)), List.of(rule(RuleAction.RETRY)),
                SequencingDefinition.DEFAULT.limitConditions(), List.of(),
                SequencingDefinition.DEFAULT.rollupControls(), List.of(),
                SequencingDefinition.DEFAULT.randomization(), SequencingDefinition.DEFAULT.deliveryControls(), false,
                false, SequencingDefinition.DEFAULT.completionThreshold(), java.util.Set.of());
        SequencingDefinition org = new SequencingDefinition(flowOnly, List.of(), List.of(), List.of(),
                SequencingDefinition.DEFAULT.limitConditions(), List.of(),
                SequencingDefinition.DEFAULT.rollupControls(), List.of(), SequencingDefinition.DEFAULT.randomization(),
                SequencingDefinition.DEFAULT.deliveryControls(), false, false,
                SequencingDefinition.DEFAULT.completionThreshold(), java.util.Set.of());
        ActivityTree tree = new ActivityTree(new ActivityDefinition("RU-19a", "RU-19a", true, false, org, List.of(
                new ActivityDefinition("activity_1", "1", true, false, cluster, List.of(leaf("activity_2"),
                        leaf("activity_3"), leaf("activity_4"))),
                leaf("activity_5"))));
        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.START)).deliver()).isEqualTo("activity_2");
        s.report("activity_2", SequencedAttempt.results(new CmiValues(Map.of())));
        assertThat(next(s)).isEqualTo("activity_3");
        s.report("activity_3", SequencedAttempt.results(new CmiValues(Map.of())));
        assertThat(next(s)).isEqualTo("activity_4");
        s.report("activity_4", SequencedAttempt.results(new CmiValues(Map.of("cmi.success_status", "unknown"))));
        assertThat(next(s)).as("Act5V1").isEqualTo("activity_5");
    }

    private static SequencingRule rule(RuleAction action) {
        return new SequencingRule(true, List.of(RuleCondition.of(ConditionType.OBJECTIVE_STATUS_KNOWN)), action);
    }

    private static ActivityDefinition leaf(String id) {
        return new ActivityDefinition(id, id, true, true, SequencingDefinition.DEFAULT, List.of());
    }

    private static String next(Sequencer s) {
        Outcome o = s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE));
        assertThat(o.kind()).as("continue: %s", o).isEqualTo(Outcome.Kind.DELIVER);
        return o.deliver();
    }
}
