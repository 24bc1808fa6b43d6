package dev.manabi.scorm.seq.model;

import java.util.List;

/**
 * A pre-condition, exit or post-condition rule (SN 3.4; {@code <imsss:preConditionRule>} etc.).
 *
 * @param combineAll  {@code conditionCombination="all"} (default); false for {@code any}
 * @param conditions  the rule's conditions
 * @param action      what happens when the rule evaluates to true
 */
public record SequencingRule(boolean combineAll, List<RuleCondition> conditions, RuleAction action) {

    public SequencingRule {
        conditions = List.copyOf(conditions);
    }
}
