package dev.manabi.scorm.seq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A simulated learner driving a {@link Sequencer} the way the runtime does: navigate, report, navigate. */
final class Learner {
    final ActivityTree tree;
    SequencingState state;
    final GlobalObjectives globals;
    final MutableClock clock = new MutableClock();
    Sequencer sequencer;

    Learner(ActivityTree tree) {
        this(tree, 42);
    }

    Learner(ActivityTree tree, long seed) {
        this(tree, seed, new GlobalObjectives());
    }

    /** A learner whose global objectives are {@code globals}: shared with another attempt of the same learner. */
    Learner(ActivityTree tree, long seed, GlobalObjectives globals) {
        this.tree = tree;
        this.globals = globals;
        this.state = Sequencer.newState(tree, seed);
        this.sequencer = new Sequencer(tree, state, globals, clock);
    }

    Outcome nav(Type type) {
        return sequencer.navigate(NavigationRequest.of(type));
    }

    Outcome choose(String id) {
        return sequencer.navigate(NavigationRequest.choice(id));
    }

    String start() {
        Outcome o = nav(Type.START);
        assertThat(o.kind()).as("start: %s", o).isEqualTo(Outcome.Kind.DELIVER);
        return o.deliver();
    }

    /** Delivers via continue and asserts something was delivered. */
    String next() {
        Outcome o = nav(Type.CONTINUE);
        assertThat(o.kind()).as("continue: %s", o).isEqualTo(Outcome.Kind.DELIVER);
        return o.deliver();
    }

    /** The current SCO reports its status (RTE values). */
    void report(String completion, String success) {
        report(completion, success, null);
    }

    void report(String completion, String success, Double scaled) {
        sequencer.report(sequencer.currentActivity(), new RteResults(completion, success, scaled, null, null, null,
                null, null, List.of()));
    }

    /** The current SCO reports {@code cmi.score.scaled} and {@code cmi.progress_measure} only. */
    void scores(Double scaled, Double progress) {
        sequencer.report(sequencer.currentActivity(), new RteResults(null, null, scaled, null, null, null, progress,
                null, List.of()));
    }

    /** The current SCO reports these {@code cmi.objectives} entries (and nothing else). */
    void objectives(RteResults.Objective... objectives) {
        sequencer.report(sequencer.currentActivity(), new RteResults(null, null, null, null, null, null, null, null,
                List.of(objectives)));
    }

    /** A {@code cmi.objectives.n} entry with a success status and a scaled score (either may be null). */
    static RteResults.Objective objective(String id, String success, Double scaled) {
        return new RteResults.Objective(id, success, null, scaled, null, null, null, null);
    }

    /** The launch value of one identified objective of {@code activity} (RTE 4.2.17). */
    LaunchObjective launched(String activity, String objective) {
        return sequencer.launchObjectives(activity).stream().filter(o -> objective.equals(o.id())).findFirst()
                .orElseThrow();
    }

    /** Stores and reloads the state, as the runtime does between requests. */
    void reload() {
        state = state.copy();
        sequencer = new Sequencer(tree, state, globals, clock);
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
