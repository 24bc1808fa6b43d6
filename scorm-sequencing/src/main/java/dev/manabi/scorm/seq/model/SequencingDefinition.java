package dev.manabi.scorm.seq.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an {@code <imsss:sequencing>} element (with a referenced {@code sequencingCollection} entry merged in,
 * CAM 5.1.2) and the item's {@code adlseq}/{@code adlnav}/{@code adlcp:completionThreshold} extensions say about one
 * activity. Built once at import; {@link #DEFAULT} holds every default of the book in one place.
 *
 * @param controlMode          control modes for the activity's children
 * @param preConditionRules    pre-condition rules (skip, disabled, hiddenFromChoice, stopForwardTraversal)
 * @param exitConditionRules   exit rules
 * @param postConditionRules   post-condition rules
 * @param limitConditions      limit conditions
 * @param rollupRules          rollup rules
 * @param rollupControls       rollup controls and considerations
 * @param objectives           the primary objective first, then the others; never empty
 * @param randomization        selection and randomization controls
 * @param deliveryControls     delivery controls
 * @param constrainChoice      {@code adlseq:constrainedChoiceConsiderations/@constrainChoice}
 * @param preventActivation    {@code adlseq:constrainedChoiceConsiderations/@preventActivation}
 * @param completionThreshold  4th Edition completion by measure
 * @param hideLmsUi            {@code adlnav:presentation/adlnav:navigationInterface/adlnav:hideLMSUI} values
 *                             ({@code previous}, {@code continue}, {@code exit}, {@code exitAll}, {@code abandon},
 *                             {@code abandonAll}, {@code suspendAll})
 */
public record SequencingDefinition(ControlMode controlMode, List<SequencingRule> preConditionRules,
                                   List<SequencingRule> exitConditionRules, List<SequencingRule> postConditionRules,
                                   LimitConditions limitConditions, List<RollupRule> rollupRules,
                                   RollupControls rollupControls, List<ObjectiveDefinition> objectives,
                                   RandomizationControls randomization, DeliveryControls deliveryControls,
                                   boolean constrainChoice, boolean preventActivation,
                                   CompletionThreshold completionThreshold, Set<String> hideLmsUi) {

    public SequencingDefinition {
        preConditionRules = List.copyOf(preConditionRules);
        exitConditionRules = List.copyOf(exitConditionRules);
        postConditionRules = List.copyOf(postConditionRules);
        rollupRules = List.copyOf(rollupRules);
        if (objectives.isEmpty() || !objectives.get(0).primary()) {
            List<ObjectiveDefinition> all = new ArrayList<>();
            all.add(ObjectiveDefinition.IMPLICIT_PRIMARY);
            all.addAll(objectives);
            objectives = all;
        }
        objectives = List.copyOf(objectives);
        hideLmsUi = Set.copyOf(hideLmsUi);
    }

    /** No sequencing element: every default of IMS SS / SCORM 2004 SN. */
    public static final SequencingDefinition DEFAULT = new SequencingDefinition(ControlMode.DEFAULT, List.of(),
            List.of(), List.of(), LimitConditions.NONE, List.of(), RollupControls.DEFAULT, List.of(),
            RandomizationControls.NONE, DeliveryControls.DEFAULT, false, false, CompletionThreshold.DEFAULT,
            Set.of());

    public ObjectiveDefinition primaryObjective() {
        return objectives.get(0);
    }

    /** The objective with this id (null: the primary one). */
    public Optional<ObjectiveDefinition> objective(String id) {
        if (id == null) {
            return Optional.of(primaryObjective());
        }
        return objectives.stream().filter(o -> id.equals(o.id())).findFirst();
    }

    /** A copy with other control modes (for building trees in code). */
    public SequencingDefinition withControlMode(ControlMode mode) {
        return new SequencingDefinition(mode, preConditionRules, exitConditionRules, postConditionRules,
                limitConditions, rollupRules, rollupControls, objectives, randomization, deliveryControls,
                constrainChoice, preventActivation, completionThreshold, hideLmsUi);
    }
}
