package dev.manabi.scorm.seq.model;

/** Sequencing rule actions (SN 3.4.3): pre-condition, exit and post-condition actions. */
public enum RuleAction {
    // pre-condition (SN 3.4.3, table 3.4.3a)
    SKIP("skip"), DISABLED("disabled"), HIDDEN_FROM_CHOICE("hiddenFromChoice"),
    STOP_FORWARD_TRAVERSAL("stopForwardTraversal"),
    // exit
    EXIT("exit"),
    // post-condition
    EXIT_PARENT("exitParent"), EXIT_ALL("exitAll"), RETRY("retry"), RETRY_ALL("retryAll"), CONTINUE("continue"),
    PREVIOUS("previous");

    private final String token;

    RuleAction(String token) {
        this.token = token;
    }

    /** Which rule list the action belongs to (SN 3.4.3). */
    public enum Kind { PRE_CONDITION, EXIT, POST_CONDITION }

    public Kind kind() {
        return switch (this) {
            case SKIP, DISABLED, HIDDEN_FROM_CHOICE, STOP_FORWARD_TRAVERSAL -> Kind.PRE_CONDITION;
            case EXIT -> Kind.EXIT;
            default -> Kind.POST_CONDITION;
        };
    }

    public String token() {
        return token;
    }

    public static RuleAction of(String token) {
        return Tokens.parse(values(), RuleAction::token, token, "rule action");
    }
}
