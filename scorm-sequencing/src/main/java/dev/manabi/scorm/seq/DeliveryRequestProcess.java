package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.List;

/**
 * Delivery (SN 4.8): Delivery Request Process (DB.1.1), Content Delivery Environment Process (DB.2) and Clear
 * Suspended Activity Subprocess (DB.2.1).
 */
final class DeliveryRequestProcess {
    private final Context ctx;
    private final SequencingRules rules;
    private final TerminationRequestProcess termination;
    private final Objectives objectives;

    DeliveryRequestProcess(Context ctx, SequencingRules rules, TerminationRequestProcess termination,
                           Objectives objectives) {
        this.ctx = ctx;
        this.rules = rules;
        this.termination = termination;
        this.objectives = objectives;
    }

    /** DB.1.1: only a leaf whose path is neither disabled nor beyond its limits can be delivered. */
    void check(ActivityDefinition activity) {
        if (!activity.leaf()) {
            throw new SnException(SnCode.DB_1_1_1, activity.id());
        }
        List<ActivityDefinition> path = ctx.tree.pathFromRoot(activity);
        if (path.isEmpty()) {
            throw new SnException(SnCode.DB_1_1_2, activity.id());
        }
        for (ActivityDefinition a : path) {
            if (rules.checkActivity(a)) {
                throw new SnException(SnCode.DB_1_1_3, a.id());
            }
        }
    }

    /** DB.2: begins the attempts on the path to the activity and makes it current. */
    void deliver(ActivityDefinition activity) {
        checkEnvironment(activity);
        if (ctx.suspended() != null && ctx.suspended() != activity) {
            clearSuspendedActivity(activity);
        }
        termination.terminateDescendentAttempts(activity);
        for (ActivityDefinition a : ctx.tree.pathFromRoot(activity)) {
            ActivityState s = ctx.st(a);
            if (s.active) {
                continue;
            }
            if (ctx.tracked(a)) {
                if (s.suspended) {
                    s.suspended = false;
                } else {
                    s.attemptCount++;
                    if (s.attemptCount == 1) {
                        s.activityProgressStatus = true;
                    }
                    beginAttempt(a, s);
                }
            }
            s.active = true;
        }
        ctx.setCurrent(activity);
        ctx.state.suspendedActivity = null;
    }

    /** SN 4.2.1: a new attempt starts with its objective and attempt progress information unknown. */
    private void beginAttempt(ActivityDefinition a, ActivityState s) {
        s.objectives.values().forEach(o -> o.reset());
        objectives.setCompletion(a, null);
        s.attemptCompletionAmountStatus = false;
        s.attemptCompletionAmount = 0;
        s.completionSetByContent = false;
        s.successSetByContent = false;
        s.attemptStartMillis = ctx.now();
        s.attemptAbsoluteDurationMillis = 0;
        s.attemptExperiencedDurationMillis = 0;
    }

    /** DB.2 step 1, its only exception: the current attempt must have been terminated first (DB.2-1). */
    void checkEnvironment(ActivityDefinition activity) {
        ActivityDefinition current = ctx.current();
        if (current != null && ctx.st(current).active && current != activity) {
            throw new SnException(SnCode.DB_2_1, current.id());
        }
    }

    /** DB.2.1: un-suspends the suspended activity's path up to the common ancestor with the delivered one. */
    private void clearSuspendedActivity(ActivityDefinition activity) {
        ActivityDefinition suspended = ctx.suspended();
        ActivityDefinition common = ctx.tree.commonAncestor(activity, suspended);
        for (ActivityDefinition a = suspended; a != null; a = ctx.parent(a)) {
            ActivityState s = ctx.st(a);
            if (a.leaf()) {
                s.suspended = false;
            } else if (ctx.available(a).stream().noneMatch(c -> ctx.st(c).suspended)) {
                s.suspended = false;
            }
            if (a == common) {
                break;
            }
        }
        ctx.state.suspendedActivity = null;
    }
}
