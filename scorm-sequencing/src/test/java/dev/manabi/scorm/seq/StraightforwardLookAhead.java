package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The look-ahead as the book describes it, with nothing shared: every request carried out in full through OP.1
 * (termination, sequencing, delivery) on its own overlay of the state. The reference {@link Sequencer#lookAhead()}
 * is compared with ({@link LookAheadEquivalenceTest}) and measured against ({@link NavigationBenchmark}).
 */
final class StraightforwardLookAhead {
    private StraightforwardLookAhead() {
    }

    /** The straightforward look-ahead: each request simulated in full, each on a fresh overlay of the state. */
    static LookAhead of(ActivityTree tree, SequencingState state, GlobalObjectives globals, Clock clock) {
        boolean canContinue = run(tree, state, globals, clock, NavigationRequest.of(Type.CONTINUE)).kind()
                != Outcome.Kind.EXCEPTION;
        boolean canPrevious = run(tree, state, globals, clock, NavigationRequest.of(Type.PREVIOUS)).delivered();
        OverallSequencingProcess read = new OverallSequencingProcess(
                new Context(tree, state.overlay(), globals.overlay(), clock));
        List<LookAhead.ActivityAvailability> out = new ArrayList<>();
        for (ActivityDefinition a : tree.activities()) {
            boolean hidden = tree.pathFromRoot(a).stream().anyMatch(x -> !read.ctx.isAvailable(x)
                    || read.rules.has(x, RuleAction.HIDDEN_FROM_CHOICE));
            Outcome choice = hidden ? null : run(tree, state, globals, clock, NavigationRequest.choice(a.id()));
            boolean jump = a.leaf() && state.currentActivity != null
                    && run(tree, state, globals, clock, NavigationRequest.jump(a.id())).delivered();
            out.add(Sequencer.availability(tree, state, read.objectives, a, hidden, choice, jump));
        }
        return new LookAhead(canContinue, canPrevious, out, Sequencer.hideLmsUi(tree, state));
    }

    private static Outcome run(ActivityTree tree, SequencingState state, GlobalObjectives globals, Clock clock,
                               NavigationRequest request) {
        return new OverallSequencingProcess(new Context(tree, state.overlay(), globals.overlay(), clock))
                .run(request);
    }
}
