package dev.manabi.scorm.runtime;

import dev.manabi.scorm.seq.SnCode;

/**
 * Why a navigation request is not valid, in the learner's words: the UI bundle key ({@code scorm.seq.reason.*}) for
 * an SN exception code. The codes (SCORM 2004 4th Ed. SN, the processes' exceptions) are grouped by what the
 * learner can do about them; the code itself goes along for support.
 */
final class SequencingReasons {

    private SequencingReasons() {
    }

    static String key(SnCode code) {
        return "scorm.seq.reason." + switch (code) {
            // A precondition rule disabled it, or a limit condition (attempt limit, duration) is reached (UP.5).
            case DB_1_1_3, SB_2_2_2, SB_2_9_2 -> "disabled";
            // stopForwardTraversal: an activity before it must be done first (SB.2.4).
            case SB_2_4_1 -> "blocked";
            case SB_2_4_2, SB_2_1_4, NB_2_1_5 -> "forwardOnly";
            case SB_2_9_4, NB_2_1_10, SB_2_9_9, SB_2_9_3 -> "choiceOff";
            case SB_2_9_7, NB_2_1_8 -> "choiceExit";
            // constrainChoice / preventActivation (adlseq constrained choice considerations).
            case SB_2_9_8, SB_2_9_6 -> "constrained";
            case NB_2_1_4, SB_2_2_1, SB_2_7_2, SB_2_8_2, SB_2_10_3 -> "flowOff";
            case SB_2_1_1 -> "end";
            case SB_2_1_3, SB_2_4_3, NB_2_1_6 -> "start";
            default -> "other";
        };
    }
}
