package dev.manabi.scorm.seq;

/**
 * Every exception of the SN book's processes (SCORM 2004 4th Ed. SN, appendix C / the process pseudo-code), with
 * its text. The code names the process that raised it: NB navigation, TB termination, SB sequencing, DB delivery.
 */
public enum SnCode {
    NB_2_1_1("NB.2.1-1", "Current Activity is already defined / sequencing session has already begun"),
    NB_2_1_2("NB.2.1-2", "Current Activity is not defined / sequencing session has not begun"),
    NB_2_1_3("NB.2.1-3", "Suspended Activity is not defined"),
    NB_2_1_4("NB.2.1-4", "Flow Sequencing Control Mode violation"),
    NB_2_1_5("NB.2.1-5", "Flow or Forward Only Sequencing Control Mode violation"),
    NB_2_1_6("NB.2.1-6", "No activity is \"previous\" to the root"),
    NB_2_1_7("NB.2.1-7", "Unsupported navigation request"),
    NB_2_1_8("NB.2.1-8", "Choice Exit Sequencing Control Mode violation"),
    NB_2_1_9("NB.2.1-9", "No activities to consider"),
    NB_2_1_10("NB.2.1-10", "Choice Sequencing Control Mode violation"),
    NB_2_1_11("NB.2.1-11", "Target activity does not exist"),
    NB_2_1_12("NB.2.1-12", "Current Activity already terminated"),
    NB_2_1_13("NB.2.1-13", "Undefined navigation request"),

    TB_2_3_1("TB.2.3-1", "Current Activity is not defined / sequencing session has not begun"),
    TB_2_3_2("TB.2.3-2", "Current Activity already terminated"),
    TB_2_3_3("TB.2.3-3", "Cannot suspend an inactive root"),
    TB_2_3_4("TB.2.3-4", "Activity tree root has no parent"),
    TB_2_3_5("TB.2.3-5", "Nothing to suspend; no active activities"),
    TB_2_3_6("TB.2.3-6", "Nothing to abandon; no active activities"),
    TB_2_3_7("TB.2.3-7", "Undefined termination request"),

    SB_2_1_1("SB.2.1-1", "Last activity in the tree"),
    SB_2_1_2("SB.2.1-2", "Cluster has no available children"),
    SB_2_1_3("SB.2.1-3", "No activity is \"previous\" to the root"),
    SB_2_1_4("SB.2.1-4", "Forward Only Sequencing Control Mode violation"),
    SB_2_2_1("SB.2.2-1", "Flow Sequencing Control Mode violation"),
    SB_2_2_2("SB.2.2-2", "Activity unavailable"),
    SB_2_4_1("SB.2.4-1", "Forward traversal blocked"),
    SB_2_4_2("SB.2.4-2", "Forward Only Sequencing Control Mode violation"),
    SB_2_4_3("SB.2.4-3", "No activity is \"previous\" to the root"),
    SB_2_5_1("SB.2.5-1", "Current Activity is defined / sequencing session already begun"),
    SB_2_6_1("SB.2.6-1", "Current Activity is defined / sequencing session already begun"),
    SB_2_6_2("SB.2.6-2", "No Suspended Activity defined"),
    SB_2_7_1("SB.2.7-1", "Current Activity is not defined / sequencing session has not begun"),
    SB_2_7_2("SB.2.7-2", "Flow Sequencing Control Mode violation"),
    SB_2_8_1("SB.2.8-1", "Current Activity is not defined / sequencing session has not begun"),
    SB_2_8_2("SB.2.8-2", "Flow Sequencing Control Mode violation"),
    SB_2_9_1("SB.2.9-1", "No target for Choice"),
    SB_2_9_2("SB.2.9-2", "Target activity does not exist or is unavailable"),
    SB_2_9_3("SB.2.9-3", "Target activity hidden from choice"),
    SB_2_9_4("SB.2.9-4", "Choice Sequencing Control Mode violation"),
    SB_2_9_5("SB.2.9-5", "No activities to consider"),
    SB_2_9_6("SB.2.9-6", "Unable to activate target; target is not a child of the Current Activity"),
    SB_2_9_7("SB.2.9-7", "Choice Exit Sequencing Control Mode violation"),
    SB_2_9_8("SB.2.9-8", "Unable to choose target activity - constrained choice"),
    SB_2_9_9("SB.2.9-9", "Choice request prevented by Flow-only activity"),
    SB_2_10_1("SB.2.10-1", "Current Activity is not defined / sequencing session has not begun"),
    SB_2_10_2("SB.2.10-2", "Current Activity is active or suspended"),
    SB_2_10_3("SB.2.10-3", "Flow Sequencing Control Mode violation"),
    SB_2_11_1("SB.2.11-1", "Current Activity is not defined / sequencing session has not begun"),
    SB_2_11_2("SB.2.11-2", "Current Activity has not been terminated"),
    SB_2_12_1("SB.2.12-1", "Undefined sequencing request"),
    SB_2_13_1("SB.2.13-1", "Current Activity is not defined / sequencing session has not begun"),

    DB_1_1_1("DB.1.1-1", "Cannot deliver a non-leaf activity"),
    DB_1_1_2("DB.1.1-2", "Nothing to deliver"),
    DB_1_1_3("DB.1.1-3", "Activity to be delivered is disabled or violates a limit condition"),
    DB_2_1("DB.2-1", "Identified activity is already active");

    private final String code;
    private final String text;

    SnCode(String code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The book's code, e.g. {@code SB.2.9-3}. */
    public String code() {
        return code;
    }

    /** The book's description. */
    public String text() {
        return text;
    }

    /** The enum constant for a book code; IllegalArgumentException if unknown. */
    public static SnCode of(String code) {
        for (SnCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown SN exception code " + code);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
