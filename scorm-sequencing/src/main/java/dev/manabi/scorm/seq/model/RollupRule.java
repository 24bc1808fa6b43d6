package dev.manabi.scorm.seq.model;

import java.util.List;

/**
 * A rollup rule (SN 3.6; {@code <imsss:rollupRule>}).
 *
 * @param childActivitySet which children must meet the conditions
 * @param minimumCount     for {@code atLeastCount} (default 0)
 * @param minimumPercent   for {@code atLeastPercent}, 0..1 (default 0)
 * @param combineAll       {@code conditionCombination="all"}; false for {@code any} (the default for rollup rules)
 * @param conditions       rollup conditions ({@link RuleCondition#referencedObjective()} and threshold unused)
 * @param action           the rollup action
 */
public record RollupRule(ChildActivitySet childActivitySet, int minimumCount, double minimumPercent,
                         boolean combineAll, List<RuleCondition> conditions, RollupAction action) {

    public RollupRule {
        conditions = List.copyOf(conditions);
    }
}
