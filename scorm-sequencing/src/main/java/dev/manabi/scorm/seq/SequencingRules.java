package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.LimitConditions;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.model.SequencingRule;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.List;
import java.util.Set;

/**
 * Utility processes: Limit Conditions Check (UP.1), Sequencing Rules Check (UP.2, UP.2.1 with the three-valued
 * condition logic of SN 3.4.2: a condition whose data is unknown is unknown, "not unknown" stays unknown, and only a
 * rule whose combination is true fires) and Check Activity (UP.5). Rollup conditions share the same evaluation.
 */
final class SequencingRules {
    private final Context ctx;
    private final Objectives objectives;

    SequencingRules(Context ctx, Objectives objectives) {
        this.ctx = ctx;
        this.objectives = objectives;
    }

    /** The same rules reading tracking information through {@code view} (a rollup's view of the children). */
    SequencingRules reading(Objectives view) {
        return new SequencingRules(ctx, view);
    }

    /** UP.1: whether the activity violates a limit condition. */
    boolean limitConditionsViolated(ActivityDefinition a) {
        if (!ctx.tracked(a)) {
            return false;
        }
        ActivityState s = ctx.st(a);
        if (s.active || s.suspended) {
            return false;
        }
        LimitConditions l = a.sequencing().limitConditions();
        if (l.attemptLimit() != null && s.activityProgressStatus && s.attemptCount >= l.attemptLimit()) {
            return true;
        }
        if (l.attemptAbsoluteDurationLimit() != null && s.activityProgressStatus
                && s.attemptAbsoluteDurationMillis >= l.attemptAbsoluteDurationLimit().toMillis()) {
            return true;
        }
        return outsideAvailableTimeRange(l);
    }

    private boolean outsideAvailableTimeRange(LimitConditions l) {
        long now = ctx.now();
        return (l.beginTimeLimit() != null && now < l.beginTimeLimit().toEpochMilli())
                || (l.endTimeLimit() != null && now > l.endTimeLimit().toEpochMilli());
    }

    /**
     * UP.2: the action of the first rule among {@code actions} (all of one kind) whose conditions hold, else null.
     */
    RuleAction check(ActivityDefinition a, Set<RuleAction> actions) {
        List<SequencingRule> rules = switch (actions.iterator().next().kind()) {
            case PRE_CONDITION -> a.sequencing().preConditionRules();
            case EXIT -> a.sequencing().exitConditionRules();
            case POST_CONDITION -> a.sequencing().postConditionRules();
        };
        for (SequencingRule rule : rules) {
            if (actions.contains(rule.action()) && Boolean.TRUE.equals(ruleHolds(a, rule))) {
                return rule.action();
            }
        }
        return null;
    }

    /** Whether a pre-condition rule with this action holds for the activity. */
    boolean has(ActivityDefinition a, RuleAction action) {
        return check(a, Set.of(action)) != null;
    }

    /** UP.2.1: the rule's combined condition value (null = unknown). */
    Boolean ruleHolds(ActivityDefinition a, SequencingRule rule) {
        return combine(a, rule.conditions(), rule.combineAll());
    }

    Boolean combine(ActivityDefinition a, List<RuleCondition> conditions, boolean all) {
        if (conditions.isEmpty()) {
            return null;
        }
        Boolean result = all;
        for (RuleCondition c : conditions) {
            Boolean v = evaluate(a, c);
            if (c.not() && v != null) {
                v = !v;
            }
            result = all ? and(result, v) : or(result, v);
        }
        return result;
    }

    private static Boolean and(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x == null || y == null ? null : true;
    }

    private static Boolean or(Boolean x, Boolean y) {
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
            return true;
        }
        return x == null || y == null ? null : false;
    }

    /** One condition (SN 3.4.2 table 3.4.2.1a; rollup conditions SN 3.6.2) for the activity; null = unknown. */
    Boolean evaluate(ActivityDefinition a, RuleCondition c) {
        ObjectiveDefinition o = a.sequencing().objective(c.referencedObjective())
                .orElse(a.sequencing().primaryObjective());
        ActivityState s = ctx.st(a);
        LimitConditions l = a.sequencing().limitConditions();
        return switch (c.condition()) {
            case SATISFIED -> objectives.satisfiedKnown(a, o) ? objectives.satisfied(a, o) : null;
            case OBJECTIVE_STATUS_KNOWN -> objectives.satisfiedKnown(a, o);
            case OBJECTIVE_MEASURE_KNOWN -> objectives.measureKnown(a, o);
            case OBJECTIVE_MEASURE_GREATER_THAN -> objectives.measureKnown(a, o)
                    ? objectives.measure(a, o) > c.measureThreshold() : null;
            case OBJECTIVE_MEASURE_LESS_THAN -> objectives.measureKnown(a, o)
                    ? objectives.measure(a, o) < c.measureThreshold() : null;
            case COMPLETED -> objectives.completionKnown(a) ? objectives.completed(a) : null;
            case ACTIVITY_PROGRESS_KNOWN -> s.activityProgressStatus && objectives.completionKnown(a);
            case ATTEMPTED -> s.activityProgressStatus && s.attemptCount > 0;
            case ATTEMPT_LIMIT_EXCEEDED -> l.attemptLimit() != null && s.activityProgressStatus
                    && s.attemptCount >= l.attemptLimit();
            case TIME_LIMIT_EXCEEDED -> l.attemptAbsoluteDurationLimit() != null && s.activityProgressStatus
                    && attemptAbsoluteDuration(s) >= l.attemptAbsoluteDurationLimit().toMillis();
            case OUTSIDE_AVAILABLE_TIME_RANGE -> outsideAvailableTimeRange(l);
            case ALWAYS -> true;
        };
    }

    /** The current attempt's wall-clock length so far, or the last attempt's when none is running. */
    private long attemptAbsoluteDuration(ActivityState s) {
        return s.active && s.attemptStartMillis > 0 ? ctx.now() - s.attemptStartMillis
                : s.attemptAbsoluteDurationMillis;
    }

    /** UP.5 Check Activity: true when the activity is disabled or violates its limit conditions. */
    boolean checkActivity(ActivityDefinition a) {
        return has(a, RuleAction.DISABLED) || limitConditionsViolated(a);
    }
}
