package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SCORM 2004 sequencer for one learner's attempt on one activity tree: the module's entry point.
 *
 * <p>It works on the state it is given and changes it in place; the caller loads the state before a request and
 * stores it after (under its own lock). Nothing here touches a database, the network or the system clock.
 *
 * <pre>{@code
 * SequencingState state = Sequencer.newState(tree, seed);            // once per attempt, then stored
 * Sequencer s = new Sequencer(tree, state, globals, clock);
 * Outcome o = s.navigate(NavigationRequest.of(Type.START));          // deliver o.deliver()
 * s.report(o.deliver(), rteResults);                                 // on the SCO's commit / terminate
 * s.navigate(NavigationRequest.of(Type.CONTINUE));
 * }</pre>
 */
public final class Sequencer {
    private final ActivityTree tree;
    private final SequencingState state;
    private final GlobalObjectives globals;
    private final Clock clock;
    private final OverallSequencingProcess process;

    public Sequencer(ActivityTree tree, SequencingState state, GlobalObjectives globals, Clock clock) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.state = Objects.requireNonNull(state, "state");
        this.globals = Objects.requireNonNull(globals, "globals");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.process = new OverallSequencingProcess(new Context(tree, state, globals, clock));
    }

    /**
     * A fresh tracking state for a new attempt on the tree, with selection and randomization applied for the first
     * attempt of every cluster from {@code seed} (store the state: the selection is part of it).
     */
    public static SequencingState newState(ActivityTree tree, long seed) {
        SequencingState state = new SequencingState(seed);
        new SelectionRandomization(new Context(tree, state, new GlobalObjectives(), Clock.systemUTC()))
                .prepareAll();
        return state;
    }

    /** OP.1: carries out a navigation request and says what to deliver. */
    public Outcome navigate(NavigationRequest request) {
        return process.run(request);
    }

    /** Moves what the SCO of {@code activityId} reported into the tracking model, then rolls up. */
    public void report(String activityId, RteResults results) {
        new RteMapping(process.ctx, process.objectives, process.rollup).report(tree.get(activityId), results);
    }

    /** The objective values the SCO of {@code activityId} is given at launch. */
    public List<LaunchObjective> launchObjectives(String activityId) {
        return new RteMapping(process.ctx, process.objectives, process.rollup).launchObjectives(tree.get(activityId));
    }

    /** The Current Activity, or null. */
    public String currentActivity() {
        return state.currentActivity;
    }

    /** The Suspended Activity, or null. */
    public String suspendedActivity() {
        return state.suspendedActivity;
    }

    /** Whether the current activity is delivered and its attempt not yet terminated. */
    public boolean currentActive() {
        return state.currentActivity != null && state.activity(state.currentActivity).active;
    }

    /** The root's rollup: what the course's completion, success and score are. */
    public CourseStatus courseStatus() {
        ActivityDefinition root = tree.root();
        Objectives o = process.objectives;
        ObjectiveDefinition p = root.sequencing().primaryObjective();
        return new CourseStatus(o.completionKnown(root) ? o.completed(root) : null,
                o.satisfiedKnown(root, p) ? o.satisfied(root, p) : null,
                o.measureKnown(root, p) ? o.measure(root, p) : null,
                o.progressMeasureKnown(root) ? o.progressMeasure(root) : null);
    }

    /**
     * The look-ahead: each request carried out on copy-on-write overlays of the state (termination of the current
     * activity included, as the learner's click would do), so the answer is exactly what the request would do; the
     * work the requests share (translation, termination) is done once ({@link RequestSimulation}).
     */
    public LookAhead lookAhead() {
        RequestSimulation sim = new RequestSimulation(tree, state, globals, clock);
        boolean canContinue = sim.simulate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).kind()
                != Outcome.Kind.EXCEPTION;
        boolean canPrevious = sim.simulate(NavigationRequest.of(NavigationRequest.Type.PREVIOUS)).delivered();
        List<LookAhead.ActivityAvailability> out = new ArrayList<>();
        Objectives o = process.objectives;
        Map<String, Boolean> hiddenFromChoice = new HashMap<>();
        for (ActivityDefinition a : tree.activities()) {
            // Tree order: the parent's answer is known before its children's.
            ActivityDefinition parent = tree.parent(a);
            boolean hidden = (parent != null && hiddenFromChoice.get(parent.id())) || hiddenFromChoice(sim.before, a);
            hiddenFromChoice.put(a.id(), hidden);
            Outcome choice = hidden ? null : sim.simulate(NavigationRequest.choice(a.id()));
            boolean jump = a.leaf() && state.currentActivity != null
                    && sim.simulate(NavigationRequest.jump(a.id())).delivered();
            out.add(availability(tree, state, o, a, hidden, choice, jump));
        }
        return new LookAhead(canContinue, canPrevious, out, hideLmsUi(tree, state));
    }

    /** One activity of the look-ahead: the simulated choice ({@code null} when hidden) and jump, and its status. */
    static LookAhead.ActivityAvailability availability(ActivityTree tree, SequencingState state, Objectives o,
                                                       ActivityDefinition a, boolean hidden, Outcome choice,
                                                       boolean jump) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        return new LookAhead.ActivityAvailability(a.id(), a.title(), tree.pathFromRoot(a).size() - 1,
                a.visible(), hidden, choice != null && choice.delivered(), jump,
                choice == null ? null : choice.exception(), choice == null ? null : choice.exceptionActivity(),
                a.id().equals(state.currentActivity), state.find(a.id()) != null && o.completionKnown(a)
                && o.completed(a), o.satisfiedKnown(a, p) ? o.satisfied(a, p) : null);
    }

    /** {@code adlnav:hideLMSUI} of the current activity. */
    static Set<String> hideLmsUi(ActivityTree tree, SequencingState state) {
        return state.currentActivity == null ? Set.of() : tree.get(state.currentActivity).sequencing().hideLmsUi();
    }

    /** Hidden from choice by itself: a hiddenFromChoice rule holds on it, or selection left it out. */
    private static boolean hiddenFromChoice(OverallSequencingProcess p, ActivityDefinition a) {
        return !p.ctx.isAvailable(a) || p.rules.has(a, RuleAction.HIDDEN_FROM_CHOICE);
    }
}
