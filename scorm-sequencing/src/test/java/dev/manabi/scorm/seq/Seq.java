package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.CompletionThreshold;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ControlMode;
import dev.manabi.scorm.seq.model.DeliveryControls;
import dev.manabi.scorm.seq.model.LimitConditions;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RandomizationControls;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import dev.manabi.scorm.seq.model.SequencingRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Test builder for sequencing definitions and trees, read like a manifest. */
final class Seq {
    private ControlMode mode = ControlMode.DEFAULT;
    private final List<SequencingRule> pre = new ArrayList<>();
    private final List<SequencingRule> exit = new ArrayList<>();
    private final List<SequencingRule> post = new ArrayList<>();
    private LimitConditions limits = LimitConditions.NONE;
    private final List<RollupRule> rollupRules = new ArrayList<>();
    private RollupControls rollup = RollupControls.DEFAULT;
    private final List<ObjectiveDefinition> objectives = new ArrayList<>();
    private RandomizationControls randomization = RandomizationControls.NONE;
    private DeliveryControls delivery = DeliveryControls.DEFAULT;
    private boolean constrainChoice;
    private boolean preventActivation;
    private CompletionThreshold threshold = CompletionThreshold.DEFAULT;
    private final Set<String> hide = new HashSet<>();

    static Seq seq() {
        return new Seq();
    }

    Seq flow() {
        mode = new ControlMode(mode.choice(), mode.choiceExit(), true, mode.forwardOnly(),
                mode.useCurrentAttemptObjectiveInfo(), mode.useCurrentAttemptProgressInfo());
        return this;
    }

    Seq mode(ControlMode controlMode) {
        mode = controlMode;
        return this;
    }

    Seq noChoice() {
        mode = new ControlMode(false, mode.choiceExit(), mode.flow(), mode.forwardOnly(),
                mode.useCurrentAttemptObjectiveInfo(), mode.useCurrentAttemptProgressInfo());
        return this;
    }

    Seq noChoiceExit() {
        mode = new ControlMode(mode.choice(), false, mode.flow(), mode.forwardOnly(),
                mode.useCurrentAttemptObjectiveInfo(), mode.useCurrentAttemptProgressInfo());
        return this;
    }

    Seq forwardOnly() {
        mode = new ControlMode(mode.choice(), mode.choiceExit(), mode.flow(), true,
                mode.useCurrentAttemptObjectiveInfo(), mode.useCurrentAttemptProgressInfo());
        return this;
    }

    /** {@code useCurrentAttemptObjectiveInfo} / {@code useCurrentAttemptProgressInfo} (SN 3.2.1). */
    Seq useCurrentAttempt(boolean objectiveInfo, boolean progressInfo) {
        mode = new ControlMode(mode.choice(), mode.choiceExit(), mode.flow(), mode.forwardOnly(), objectiveInfo,
                progressInfo);
        return this;
    }

    Seq pre(RuleAction action, RuleCondition... conditions) {
        pre.add(new SequencingRule(true, List.of(conditions), action));
        return this;
    }

    Seq preAny(RuleAction action, RuleCondition... conditions) {
        pre.add(new SequencingRule(false, List.of(conditions), action));
        return this;
    }

    Seq exit(RuleAction action, RuleCondition... conditions) {
        exit.add(new SequencingRule(true, List.of(conditions), action));
        return this;
    }

    Seq post(RuleAction action, RuleCondition... conditions) {
        post.add(new SequencingRule(true, List.of(conditions), action));
        return this;
    }

    Seq attemptLimit(int limit) {
        limits = new LimitConditions(limit, limits.attemptAbsoluteDurationLimit(), null, null);
        return this;
    }

    Seq durationLimit(Duration d) {
        limits = new LimitConditions(limits.attemptLimit(), d, null, null);
        return this;
    }

    Seq rollupRule(ChildActivitySet set, RollupAction action, ConditionType... conditions) {
        rollupRules.add(new RollupRule(set, 0, 0, false,
                Arrays.stream(conditions).map(RuleCondition::of).toList(), action));
        return this;
    }

    Seq rollupRule(RollupRule rule) {
        rollupRules.add(rule);
        return this;
    }

    Seq rollup(RollupControls controls) {
        rollup = controls;
        return this;
    }

    Seq weight(double w) {
        rollup = new RollupControls(rollup.rollupObjectiveSatisfied(), rollup.rollupProgressCompletion(), w,
                rollup.requiredForSatisfied(), rollup.requiredForNotSatisfied(), rollup.requiredForCompleted(),
                rollup.requiredForIncomplete(), rollup.measureSatisfactionIfActive());
        return this;
    }

    Seq notInRollup() {
        rollup = new RollupControls(false, false, rollup.objectiveMeasureWeight(), RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true);
        return this;
    }

    Seq primary(String id, ObjectiveMap... maps) {
        objectives.add(0, new ObjectiveDefinition(id, true, false, 1.0, List.of(maps)));
        return this;
    }

    Seq primaryByMeasure(String id, double min, ObjectiveMap... maps) {
        objectives.add(0, new ObjectiveDefinition(id, true, true, min, List.of(maps)));
        return this;
    }

    Seq objective(String id, ObjectiveMap... maps) {
        objectives.add(new ObjectiveDefinition(id, false, false, 1.0, List.of(maps)));
        return this;
    }

    /** A non-primary objective satisfied by measure (SN 3.10.1). */
    Seq objectiveByMeasure(String id, double min, ObjectiveMap... maps) {
        objectives.add(new ObjectiveDefinition(id, false, true, min, List.of(maps)));
        return this;
    }

    Seq select(int count, RandomizationControls.Timing timing) {
        randomization = new RandomizationControls(timing, count, randomization.randomizationTiming(),
                randomization.reorderChildren());
        return this;
    }

    Seq randomize(RandomizationControls.Timing timing) {
        randomization = new RandomizationControls(randomization.selectionTiming(), randomization.selectCount(),
                timing, true);
        return this;
    }

    Seq setByContent() {
        delivery = new DeliveryControls(delivery.tracked(), true, true);
        return this;
    }

    /** {@code objectiveSetByContent="true"} only (SN 3.13): the LMS does not satisfy the activity at its end. */
    Seq objectiveSetByContent() {
        delivery = new DeliveryControls(delivery.tracked(), delivery.completionSetByContent(), true);
        return this;
    }

    Seq untracked() {
        delivery = new DeliveryControls(false, delivery.completionSetByContent(), delivery.objectiveSetByContent());
        return this;
    }

    Seq constrainChoice() {
        constrainChoice = true;
        return this;
    }

    Seq preventActivation() {
        preventActivation = true;
        return this;
    }

    Seq completedByMeasure(double min) {
        threshold = new CompletionThreshold(true, min, threshold.progressWeight());
        return this;
    }

    /** {@code adlcp:completionThreshold/@progressWeight} (4th Ed.). */
    Seq progressWeight(double weight) {
        threshold = new CompletionThreshold(threshold.completedByMeasure(), threshold.minProgressMeasure(), weight);
        return this;
    }

    Seq hide(String... controls) {
        hide.addAll(List.of(controls));
        return this;
    }

    SequencingDefinition build() {
        return new SequencingDefinition(mode, pre, exit, post, limits, rollupRules, rollup, objectives,
                randomization, delivery, constrainChoice, preventActivation, threshold, hide);
    }

    static ActivityDefinition leaf(String id) {
        return new ActivityDefinition(id, id, true, true, SequencingDefinition.DEFAULT, List.of());
    }

    static ActivityDefinition leaf(String id, Seq seq) {
        return new ActivityDefinition(id, id, true, true, seq.build(), List.of());
    }

    static ActivityDefinition cluster(String id, Seq seq, ActivityDefinition... children) {
        return new ActivityDefinition(id, id, true, false, seq.build(), List.of(children));
    }

    static ActivityTree tree(ActivityDefinition root) {
        return new ActivityTree(root);
    }

    static RuleCondition cond(ConditionType type) {
        return RuleCondition.of(type);
    }

    static RuleCondition not(ConditionType type) {
        return RuleCondition.not(type);
    }

    static RuleCondition on(String objective, ConditionType type, boolean not) {
        return new RuleCondition(type, objective, 0, not);
    }

    static ObjectiveMap readWrite(String global) {
        return ObjectiveMap.of(global, true, true, true, true);
    }

    static ObjectiveMap read(String global) {
        return ObjectiveMap.of(global, true, true, false, false);
    }

    /**
     * A 4th Edition {@code adlseq:mapInfo} alone (no {@code imsss:mapInfo} for the target): its reads default to
     * true (completion, progress measure, raw/min/max score), its writes as given.
     */
    static ObjectiveMap adlseq(String global, boolean writeCompletion, boolean writeProgress) {
        return ObjectiveMap.of(global, false, false, false, false).withExtended(true, writeCompletion, true,
                writeProgress, true, false, true, false, true, false);
    }

    static ObjectiveMap write(String global) {
        return ObjectiveMap.of(global, false, false, true, true);
    }
}
