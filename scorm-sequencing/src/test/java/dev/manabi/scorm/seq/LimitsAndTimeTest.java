package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.LimitConditions;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UP.1 limit conditions and the attempt-limit and time-based rule conditions (UP.2), with an injected clock. */
class LimitsAndTimeTest {

    @Test
    void attempt_limit_disables_the_activity_once_reached() {
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a", seq().attemptLimit(2)), leaf("b"))));
        l.start();
        l.next();
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("a");
        l.next();
        Outcome o = l.nav(Type.PREVIOUS);
        assertThat(o.exception()).isEqualTo(SnCode.SB_2_2_2);
        assertThat(l.choose("a").exception()).isEqualTo(SnCode.DB_1_1_3);
    }

    @Test
    void attempt_limit_exceeded_condition_drives_a_skip_rule() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a", seq().attemptLimit(1).pre(RuleAction.SKIP, cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED))),
                leaf("b"))));
        l.start();
        l.next();
        // a is skipped going back (limit reached), so nothing is before b.
        assertThat(l.nav(Type.PREVIOUS).exception()).isEqualTo(SnCode.SB_2_1_3);
    }

    @Test
    void time_limit_exceeded_follows_the_clock_while_the_attempt_runs() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("timed", seq().durationLimit(Duration.ofMinutes(30))
                        .post(RuleAction.EXIT_ALL, cond(ConditionType.TIME_LIMIT_EXCEEDED))),
                leaf("b"))));
        l.start();
        l.clock.advance(Duration.ofMinutes(10));
        l.nav(Type.CONTINUE);
        assertThat(l.sequencer.currentActivity()).isEqualTo("b");
        l.nav(Type.PREVIOUS);
        l.clock.advance(Duration.ofMinutes(31));
        assertThat(l.nav(Type.CONTINUE).kind()).as("time is up: post-condition exit all")
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.state.activity("timed").attemptAbsoluteDurationMillis)
                .isEqualTo(Duration.ofMinutes(31).toMillis());
    }

    @Test
    void outside_the_available_time_range_the_activity_is_unavailable() {
        Instant opens = Instant.parse("2026-02-01T00:00:00Z");
        ActivityDefinition later = new ActivityDefinition("later", "later", true, true,
                new SequencingDefinition(SequencingDefinition.DEFAULT.controlMode(), List.of(), List.of(), List.of(),
                        new LimitConditions(null, null, opens, null), List.of(),
                        SequencingDefinition.DEFAULT.rollupControls(), List.of(),
                        SequencingDefinition.DEFAULT.randomization(), SequencingDefinition.DEFAULT.deliveryControls(),
                        false, false, SequencingDefinition.DEFAULT.completionThreshold(), Set.of()), List.of());
        Learner l = new Learner(tree(cluster("root", seq().flow(), leaf("a"), later)));
        l.start();
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_2);
        l.clock.now = opens.plusSeconds(1);
        l.reload();
        assertThat(l.nav(Type.CONTINUE).deliver()).isEqualTo("later");
    }

    @Test
    void attempted_and_activity_progress_known_conditions() {
        Learner l = new Learner(tree(cluster("root", seq().flow(),
                leaf("a"), leaf("b", seq().pre(RuleAction.SKIP, cond(ConditionType.ATTEMPTED))), leaf("c"))));
        l.start();
        assertThat(l.next()).isEqualTo("b");
        l.nav(Type.PREVIOUS);
        assertThat(l.next()).as("b was attempted: skipped now").isEqualTo("c");
    }
}
