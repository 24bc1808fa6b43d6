package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Navigation requests carried out on copy-on-write overlays of a state that stays untouched, for the look-ahead
 * (SN 4.4, {@code adl.nav.request_valid}). Each request gives exactly what {@link OverallSequencingProcess#run} would
 * give on a fresh overlay, but the work every request shares is done once per simulation:
 *
 * <ul>
 *   <li>The navigation request process (NB.2.1) only reads the state: every request is translated on one overlay.</li>
 *   <li>The termination request (TB.2.3) that continue, previous, choice and jump carry depends only on the state,
 *       never on the target (it is "exit" when the current activity is active, else none). It is carried out once
 *       per termination request, on an overlay kept for the whole simulation; its exception or its replacement
 *       sequencing request (post-condition rules) is the same for every request.</li>
 *   <li>Each sequencing request then runs on a fresh overlay of that terminated state, and delivery is only checked
 *       (DB.1.1 and DB.2's exception), so a look-ahead choice of an activity in another cluster no longer ends and
 *       rolls up the attempts it leaves.</li>
 * </ul>
 *
 * The state and global objectives given must not change while the simulation is in use.
 */
final class RequestSimulation {
    private final ActivityTree tree;
    private final SequencingState state;
    private final GlobalObjectives globals;
    private final Clock clock;
    /** NB.2.1 only reads: one overlay for every translation (reads may copy activity states into it). */
    final OverallSequencingProcess before;
    private final Map<TerminationRequestProcess.Request, Terminated> terminated =
            new EnumMap<>(TerminationRequestProcess.Request.class);

    /** The state after a termination request, or the exception it raised. */
    private record Terminated(SequencingState state, GlobalObjectives globals,
                              SequencingRequestProcess.Request replacement, SnException failure) {
    }

    RequestSimulation(ActivityTree tree, SequencingState state, GlobalObjectives globals, Clock clock) {
        this.tree = tree;
        this.state = state;
        this.globals = globals;
        this.clock = clock;
        this.before = new OverallSequencingProcess(new Context(tree, state.overlay(), globals.overlay(), clock));
    }

    /** What OP.1 would answer for the request now. */
    Outcome simulate(NavigationRequest request) {
        NavigationRequestProcess.Translation t;
        try {
            t = before.navigation.translate(request);
        } catch (SnException e) {
            return Outcome.failed(e);
        }
        SequencingState baseState = state;
        GlobalObjectives baseGlobals = globals;
        SequencingRequestProcess.Request seq = t.sequencing();
        if (t.termination() != null) {
            Terminated done = terminated.computeIfAbsent(t.termination(), this::terminate);
            if (done.failure() != null) {
                return Outcome.failed(done.failure());
            }
            baseState = done.state();
            baseGlobals = done.globals();
            if (done.replacement() != null) {
                seq = done.replacement();
            }
        }
        Context ctx = new Context(tree, baseState.overlay(), baseGlobals.overlay(), clock);
        return new OverallSequencingProcess(ctx).sequenceAndDeliver(seq, t.target(), false);
    }

    private Terminated terminate(TerminationRequestProcess.Request request) {
        SequencingState s = state.overlay();
        GlobalObjectives g = globals.overlay();
        try {
            var replacement = new OverallSequencingProcess(new Context(tree, s, g, clock)).termination
                    .terminate(request);
            return new Terminated(s, g, replacement, null);
        } catch (SnException e) {
            return new Terminated(s, g, null, e);
        }
    }
}
