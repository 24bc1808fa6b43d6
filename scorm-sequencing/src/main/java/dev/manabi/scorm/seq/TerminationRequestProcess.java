package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.List;
import java.util.Set;

/**
 * Termination (SN 4.5.5 / TB): Termination Request Process (TB.2.3) with Sequencing Exit Action Rules (TB.2.1) and
 * Sequencing Post Condition Rules (TB.2.2), End Attempt (UP.4) and Terminate Descendent Attempts (UP.3).
 */
final class TerminationRequestProcess {

    /** Termination requests (SN 4.5.5). */
    enum Request { EXIT, EXIT_ALL, SUSPEND_ALL, ABANDON, ABANDON_ALL }

    private static final Set<RuleAction> POST_ACTIONS = Set.of(RuleAction.EXIT_PARENT, RuleAction.EXIT_ALL,
            RuleAction.RETRY, RuleAction.RETRY_ALL, RuleAction.CONTINUE, RuleAction.PREVIOUS);

    private final Context ctx;
    private final Objectives objectives;
    private final SequencingRules rules;
    private final Rollup rollup;

    TerminationRequestProcess(Context ctx, Objectives objectives, SequencingRules rules, Rollup rollup) {
        this.ctx = ctx;
        this.objectives = objectives;
        this.rules = rules;
        this.rollup = rollup;
    }

    /**
     * TB.2.3: applies the termination request; returns the sequencing request that replaces the pending one
     * (post-condition rules, or exit after exit all / suspend all), or null to keep the pending one.
     */
    SequencingRequestProcess.Request terminate(Request request) {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            throw new SnException(SnCode.TB_2_3_1);
        }
        if ((request == Request.EXIT || request == Request.ABANDON) && !ctx.st(current).active) {
            throw new SnException(SnCode.TB_2_3_2, current.id());
        }
        return switch (request) {
            case EXIT -> exit(current);
            case EXIT_ALL -> exitAll(null);
            case SUSPEND_ALL -> suspendAll(current);
            case ABANDON -> {
                ctx.st(current).active = false;
                yield null;
            }
            case ABANDON_ALL -> {
                for (ActivityDefinition a : ctx.tree.pathFromRoot(current)) {
                    ctx.st(a).active = false;
                }
                ctx.setCurrent(ctx.tree.root());
                yield SequencingRequestProcess.Request.EXIT;
            }
        };
    }

    private SequencingRequestProcess.Request exit(ActivityDefinition current) {
        endAttempt(current);
        exitActionRules();
        SequencingRequestProcess.Request sequencing = null;
        boolean processedExit;
        do {
            processedExit = false;
            PostCondition post = postConditionRules();
            if (post.termination == Request.EXIT_ALL) {
                return exitAll(post.sequencing);
            }
            if (post.termination == Request.EXIT) { // exit parent
                ActivityDefinition c = ctx.current();
                if (ctx.isRoot(c)) {
                    throw new SnException(SnCode.TB_2_3_4, c.id());
                }
                ctx.setCurrent(ctx.parent(c));
                endAttempt(ctx.current());
                processedExit = true;
            } else {
                sequencing = post.sequencing;
            }
        } while (processedExit);
        if (ctx.isRoot(ctx.current()) && sequencing != SequencingRequestProcess.Request.RETRY) {
            // The root's attempt ended: nothing can flow from it, the session ends (TB.2.3 step 3.3.5).
            return SequencingRequestProcess.Request.EXIT;
        }
        return sequencing;
    }

    private SequencingRequestProcess.Request exitAll(SequencingRequestProcess.Request after) {
        ActivityDefinition current = ctx.current();
        if (current != null && ctx.st(current).active) {
            endAttempt(current);
        }
        ActivityDefinition root = ctx.tree.root();
        terminateDescendentAttempts(root);
        endAttempt(root);
        ctx.setCurrent(root);
        return after == SequencingRequestProcess.Request.RETRY ? after : SequencingRequestProcess.Request.EXIT;
    }

    private SequencingRequestProcess.Request suspendAll(ActivityDefinition current) {
        ActivityState s = ctx.st(current);
        if (s.active || s.suspended) {
            rollup.overall(current);
            ctx.state.suspendedActivity = current.id();
        } else if (!ctx.isRoot(current)) {
            ctx.state.suspendedActivity = ctx.parent(current).id();
        } else {
            throw new SnException(SnCode.TB_2_3_3, current.id());
        }
        List<ActivityDefinition> path = ctx.tree.pathFromRoot(ctx.suspended());
        if (path.isEmpty()) {
            throw new SnException(SnCode.TB_2_3_5);
        }
        for (ActivityDefinition a : path) {
            ActivityState st = ctx.st(a);
            st.active = false;
            st.suspended = true;
        }
        ctx.setCurrent(ctx.tree.root());
        return SequencingRequestProcess.Request.EXIT;
    }

    /** TB.2.1: the first ancestor of the current activity (root first) with a firing exit rule ends its attempt. */
    private void exitActionRules() {
        ActivityDefinition current = ctx.current();
        List<ActivityDefinition> path = ctx.tree.pathFromRoot(current);
        for (ActivityDefinition a : path.subList(0, path.size() - 1)) {
            if (rules.check(a, Set.of(RuleAction.EXIT)) != null) {
                terminateDescendentAttempts(a);
                endAttempt(a);
                ctx.setCurrent(a);
                return;
            }
        }
    }

    private record PostCondition(Request termination, SequencingRequestProcess.Request sequencing) {
    }

    /** TB.2.2: the current activity's post-condition rules; {@code Request.EXIT} stands for exit parent. */
    private PostCondition postConditionRules() {
        ActivityDefinition current = ctx.current();
        if (ctx.st(current).suspended) {
            return new PostCondition(null, null);
        }
        RuleAction action = rules.check(current, POST_ACTIONS);
        if (action == null) {
            return new PostCondition(null, null);
        }
        return switch (action) {
            case RETRY -> new PostCondition(null, SequencingRequestProcess.Request.RETRY);
            case CONTINUE -> new PostCondition(null, SequencingRequestProcess.Request.CONTINUE);
            case PREVIOUS -> new PostCondition(null, SequencingRequestProcess.Request.PREVIOUS);
            case EXIT_PARENT -> new PostCondition(Request.EXIT, null);
            case EXIT_ALL -> new PostCondition(Request.EXIT_ALL, null);
            case RETRY_ALL -> new PostCondition(Request.EXIT_ALL, SequencingRequestProcess.Request.RETRY);
            default -> new PostCondition(null, null);
        };
    }

    /**
     * UP.3: ends the attempts of the activities between the current activity and its common ancestor with
     * {@code activity}, both exclusive.
     */
    void terminateDescendentAttempts(ActivityDefinition activity) {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            return;
        }
        ActivityDefinition common = ctx.tree.commonAncestor(current, activity);
        for (ActivityDefinition a = current; a != null && a != common; a = ctx.parent(a)) {
            if (a != current) {
                endAttempt(a);
            }
        }
    }

    /**
     * UP.4 End Attempt: for a tracked leaf that is not suspended, the LMS sets completion and satisfaction unless
     * the content sets them: by its delivery controls ({@code completionSetByContent} / {@code objectiveSetByContent},
     * SN 3.13) or because the SCO set the status itself in this attempt, "unknown" included (the content said it does
     * not know: the LMS does not overrule it; ADL suite RU-19a); a cluster is suspended if a child is; the activity
     * becomes inactive and the tree rolls up.
     */
    void endAttempt(ActivityDefinition a) {
        ActivityState s = ctx.st(a);
        if (a.leaf()) {
            if (ctx.tracked(a) && !s.suspended) {
                var delivery = a.sequencing().deliveryControls();
                if (!delivery.completionSetByContent() && !s.completionSetByContent && !s.attemptProgressStatus) {
                    objectives.setCompletion(a, true);
                }
                ObjectiveDefinition p = a.sequencing().primaryObjective();
                // An objective satisfied by measure is left to RB.1.2 a, which the overall rollup at the end of this
                // process applies to the leaf too and which replaces whatever status UP.4 would set here: by the
                // measure, or unknown without one. Setting it here first would write a "satisfied" to the global
                // objectives that the rollup then cannot take back (unknowns are never written; ADL suite OB-05c).
                if (!delivery.objectiveSetByContent() && !s.successSetByContent && !p.satisfiedByMeasure()
                        && !s.objective(p.key()).progressStatus) {
                    objectives.setSatisfied(a, p, true);
                }
            }
        } else {
            s.suspended = ctx.available(a).stream().anyMatch(c -> ctx.st(c).suspended);
        }
        if (s.active && s.attemptStartMillis > 0) {
            s.attemptAbsoluteDurationMillis = ctx.now() - s.attemptStartMillis;
        }
        s.active = false;
        rollup.overall(a);
    }
}
