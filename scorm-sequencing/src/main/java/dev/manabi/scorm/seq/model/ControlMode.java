package dev.manabi.scorm.seq.model;

/**
 * Sequencing control modes of a cluster (SN 3.2.1; IMS SS 5.1 {@code <imsss:controlMode>}). They govern how the
 * children of the activity that carries them may be navigated.
 *
 * @param choice                           learners may choose the children (default true)
 * @param choiceExit                       an active child may be left by choosing outside it (default true)
 * @param flow                             continue/previous flow through the children (default false)
 * @param forwardOnly                      flow never goes backward (default false)
 * @param useCurrentAttemptObjectiveInfo   rollup considers only the children's current attempt objective info
 * @param useCurrentAttemptProgressInfo    rollup considers only the children's current attempt progress info
 */
public record ControlMode(boolean choice, boolean choiceExit, boolean flow, boolean forwardOnly,
                          boolean useCurrentAttemptObjectiveInfo, boolean useCurrentAttemptProgressInfo) {

    /** IMS SS 5.1 defaults. */
    public static final ControlMode DEFAULT = new ControlMode(true, true, false, false, true, true);
}
