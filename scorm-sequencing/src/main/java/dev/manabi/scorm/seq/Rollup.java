package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Rollup processes (SN 4.6): Overall Rollup (RB.1.5) over Measure Rollup (RB.1.1), Completion Measure Rollup
 * (4th Ed. RB.1.1 b), Objective Rollup (RB.1.2 a using measure, b using rules, c default rules), Activity Progress
 * Rollup (RB.1.3 a using measure, b using rules and the defaults), Rollup Rule Check (RB.1.4) with Evaluate Rollup
 * Conditions (RB.1.4.1) and Check Child for Rollup (RB.1.4.2). A cluster reads its children through
 * {@link Objectives#inRollupOf}, which honours its useCurrentAttemptObjectiveInfo / useCurrentAttemptProgressInfo
 * control modes (SN 3.2.1).
 */
final class Rollup {
    /** SN 4.6.4 default rules: used for a pair of actions when the activity defines no rule for either. */
    private static final RollupRule DEFAULT_SATISFIED = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
            List.of(RuleCondition.of(ConditionType.SATISFIED)), RollupAction.SATISFIED);
    private static final RollupRule DEFAULT_NOT_SATISFIED = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
            List.of(RuleCondition.of(ConditionType.OBJECTIVE_STATUS_KNOWN)), RollupAction.NOT_SATISFIED);
    private static final RollupRule DEFAULT_COMPLETED = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
            List.of(RuleCondition.of(ConditionType.COMPLETED)), RollupAction.COMPLETED);
    private static final RollupRule DEFAULT_INCOMPLETE = new RollupRule(ChildActivitySet.ALL, 0, 0, false,
            List.of(RuleCondition.of(ConditionType.ACTIVITY_PROGRESS_KNOWN)), RollupAction.INCOMPLETE);

    private final Context ctx;
    private final Objectives objectives;
    private final SequencingRules rules;

    Rollup(Context ctx, Objectives objectives, SequencingRules rules) {
        this.ctx = ctx;
        this.objectives = objectives;
        this.rules = rules;
    }

    /**
     * RB.1.5: rolls up from the activity to the root; then, for every global objective written meanwhile, from the
     * parent of each activity that reads it, each such parent once. The book's pseudo-code rolls up one path, but a
     * cluster whose child reads a shared objective changes when another branch writes it: ADL's sample run-time
     * (its Overall Rollup, {@code invokeRollup}) adds the parents of the readers of the objectives written, and the
     * conformance package RU-17a expects it (a cluster none of whose activities was attempted is skipped as
     * satisfied once another branch wrote the objective one of its leaves reads).
     */
    void overall(ActivityDefinition activity) {
        path(activity);
        // The path just rolled up is not rolled up again for a reader on it (as in ADL's rollup set, each once).
        Set<ActivityDefinition> rolled = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ActivityDefinition a = activity; a != null; a = ctx.parent(a)) {
            rolled.add(a);
        }
        while (!ctx.writtenGlobals.isEmpty()) {
            List<String> targets = new ArrayList<>(ctx.writtenGlobals);
            ctx.writtenGlobals.clear();
            for (String target : targets) {
                for (ActivityDefinition reader : ctx.tree.readersOf(target)) {
                    ActivityDefinition parent = ctx.parent(reader);
                    if (parent != null && rolled.add(parent)) {
                        path(parent);
                    }
                }
            }
        }
    }

    /** The book's RB.1.5 proper: from the activity up to the root. */
    private void path(ActivityDefinition activity) {
        for (ActivityDefinition a = activity; a != null; a = ctx.parent(a)) {
            if (!a.leaf()) {
                measureRollup(a);
                completionMeasureRollup(a);
            }
            objectiveRollup(a);
            progressRollup(a);
        }
    }

    /** RB.1.1: the weighted average of the tracked children's primary objective measures. */
    private void measureRollup(ActivityDefinition a) {
        Objectives children = objectives.inRollupOf(a);
        objectives.setMeasure(a, a.sequencing().primaryObjective(), weightedAverage(a,
                c -> c.sequencing().rollupControls().objectiveMeasureWeight(),
                c -> children.measureKnown(c, c.sequencing().primaryObjective()),
                c -> children.measure(c, c.sequencing().primaryObjective())));
    }

    /** 4th Ed. RB.1.1 b: the weighted average of the children's attempt completion amounts. */
    private void completionMeasureRollup(ActivityDefinition a) {
        Objectives children = objectives.inRollupOf(a);
        Double amount = weightedAverage(a, c -> c.sequencing().completionThreshold().progressWeight(),
                children::progressMeasureKnown, children::progressMeasure);
        if (amount != null) {
            objectives.setProgressMeasure(a, amount);
        } else {
            ctx.st(a).attemptCompletionAmountStatus = false;
        }
    }

    /**
     * Sum of known values times weight over the sum of the weights of all tracked children (unknown values count
     * with their weight, SN RB.1.1 step 3); null when no value is known or every weight is 0.
     */
    private Double weightedAverage(ActivityDefinition a, ToDoubleFunction<ActivityDefinition> weight,
                                   Predicate<ActivityDefinition> known, ToDoubleFunction<ActivityDefinition> value) {
        double total = 0;
        double counted = 0;
        boolean valid = false;
        for (ActivityDefinition child : ctx.available(a)) {
            if (!ctx.tracked(child)) {
                continue;
            }
            double w = weight.applyAsDouble(child);
            counted += w;
            if (known.test(child)) {
                valid = true;
                total += value.applyAsDouble(child) * w;
            }
        }
        return valid && counted > 0 ? total / counted : null;
    }

    /** RB.1.2: by measure if the primary objective is satisfied by measure, else by rules (or the defaults). */
    private void objectiveRollup(ActivityDefinition a) {
        ObjectiveDefinition p = a.sequencing().primaryObjective();
        if (p.satisfiedByMeasure()) {
            objectiveRollupUsingMeasure(a, p);
        } else if (!a.leaf()) {
            rollupUsingRules(a, RollupAction.NOT_SATISFIED, RollupAction.SATISFIED);
        }
    }

    /** RB.1.2 a (4th Ed. with measureSatisfactionIfActive). */
    private void objectiveRollupUsingMeasure(ActivityDefinition a, ObjectiveDefinition p) {
        if (!objectives.measureKnown(a, p)) {
            // No measure: the satisfaction is unknown, unless the content set it (a leaf with its own status).
            if (!a.leaf()) {
                objectives.setSatisfied(a, p, null);
            }
            return;
        }
        ActivityState s = ctx.st(a);
        if (s.active && !a.sequencing().rollupControls().measureSatisfactionIfActive()) {
            objectives.setSatisfied(a, p, null);
            return;
        }
        objectives.setSatisfied(a, p, objectives.measure(a, p) >= p.minNormalizedMeasure());
    }

    /** RB.1.3: by measure when completed by measure, else by rules (or the defaults) for clusters. */
    private void progressRollup(ActivityDefinition a) {
        var threshold = a.sequencing().completionThreshold();
        if (threshold.completedByMeasure()) {
            if (!objectives.progressMeasureKnown(a)) {
                if (!a.leaf()) {
                    objectives.setCompletion(a, null);
                }
                return;
            }
            objectives.setCompletion(a, objectives.progressMeasure(a) >= threshold.minProgressMeasure());
        } else if (!a.leaf()) {
            rollupUsingRules(a, RollupAction.INCOMPLETE, RollupAction.COMPLETED);
        }
    }

    /** RB.1.2 b / RB.1.3 b: the negative action first, then the positive one, which wins when both hold. */
    private void rollupUsingRules(ActivityDefinition a, RollupAction negative, RollupAction positive) {
        List<RollupRule> defined = a.sequencing().rollupRules().stream()
                .filter(r -> r.action() == negative || r.action() == positive).toList();
        if (defined.isEmpty()) {
            defined = negative.objective() ? List.of(DEFAULT_NOT_SATISFIED, DEFAULT_SATISFIED)
                    : List.of(DEFAULT_INCOMPLETE, DEFAULT_COMPLETED);
        }
        if (anyRuleFires(a, defined, negative)) {
            set(a, negative, false);
        }
        if (anyRuleFires(a, defined, positive)) {
            set(a, positive, true);
        }
    }

    private void set(ActivityDefinition a, RollupAction action, boolean value) {
        if (action.objective()) {
            objectives.setSatisfied(a, a.sequencing().primaryObjective(), value);
        } else {
            objectives.setCompletion(a, value);
        }
    }

    /** RB.1.4 Rollup Rule Check: whether any rule with the action holds over the children it considers. */
    private boolean anyRuleFires(ActivityDefinition a, List<RollupRule> rollupRules, RollupAction action) {
        // The rollup conditions see the children's information only as far as it counts for a (SN 3.2.1).
        SequencingRules children = rules.reading(objectives.inRollupOf(a));
        for (RollupRule rule : rollupRules) {
            if (rule.action() != action) {
                continue;
            }
            List<Boolean> contributing = new ArrayList<>();
            for (ActivityDefinition child : ctx.available(a)) {
                if (ctx.tracked(child) && includedInRollup(child, action)) {
                    contributing.add(children.combine(child, rule.conditions(), rule.combineAll()));
                }
            }
            if (setHolds(rule, contributing)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RB.1.4 step 1.2.4-1.2.8 over the contributing children bag. The book's wording is kept for an empty bag (no
     * child takes part in the rule): "contains only True values" (all) and "only False values" (none) hold, as the
     * ADL conformance script of RU-15b expects (its cluster, whose "completed if all satisfied" rule no child takes
     * part in, is completed); "at least one True" (any) does not; a count compares 0 with the minimum; a percentage
     * of nothing is not a percentage, so at least percent does not hold.
     */
    private static boolean setHolds(RollupRule rule, List<Boolean> values) {
        long trues = values.stream().filter(Boolean.TRUE::equals).count();
        return switch (rule.childActivitySet()) {
            case ALL -> trues == values.size();
            case ANY -> trues > 0;
            case NONE -> values.stream().allMatch(Boolean.FALSE::equals);
            case AT_LEAST_COUNT -> trues >= rule.minimumCount();
            case AT_LEAST_PERCENT -> !values.isEmpty() && (double) trues / values.size() >= rule.minimumPercent();
        };
    }

    /** RB.1.4.2 Check Child for Rollup: rollup controls and the adlseq rollup considerations. */
    private boolean includedInRollup(ActivityDefinition child, RollupAction action) {
        RollupControls c = child.sequencing().rollupControls();
        if (action.objective() ? !c.rollupObjectiveSatisfied() : !c.rollupProgressCompletion()) {
            return false;
        }
        ActivityState s = ctx.st(child);
        RollupConsideration required = c.requiredFor(action);
        return switch (required) {
            case ALWAYS -> true;
            case IF_ATTEMPTED -> s.activityProgressStatus && s.attemptCount > 0;
            case IF_NOT_SKIPPED -> !rules.has(child, RuleAction.SKIP);
            case IF_NOT_SUSPENDED -> s.activityProgressStatus && !(s.attemptCount > 0 && s.suspended);
        };
    }
}
