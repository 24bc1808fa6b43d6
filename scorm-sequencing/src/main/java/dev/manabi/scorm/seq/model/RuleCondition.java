package dev.manabi.scorm.seq.model;

/**
 * One condition of a sequencing rule (SN 3.4.2; {@code <imsss:ruleCondition>}).
 *
 * @param condition           what is tested
 * @param referencedObjective the objective tested ({@code referencedObjective}); null means the primary objective
 * @param measureThreshold    threshold for the measure comparisons (-1..1, default 0)
 * @param not                 {@code operator="not"}
 */
public record RuleCondition(ConditionType condition, String referencedObjective, double measureThreshold,
                            boolean not) {

    public static RuleCondition of(ConditionType condition) {
        return new RuleCondition(condition, null, 0, false);
    }

    public static RuleCondition not(ConditionType condition) {
        return new RuleCondition(condition, null, 0, true);
    }
}
