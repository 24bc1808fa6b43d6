package dev.manabi.scorm.seq.model;

/** Rollup rule actions (SN 3.6.3). */
public enum RollupAction {
    SATISFIED("satisfied"), NOT_SATISFIED("notSatisfied"), COMPLETED("completed"), INCOMPLETE("incomplete");

    private final String token;

    RollupAction(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static RollupAction of(String token) {
        return Tokens.parse(values(), RollupAction::token, token, "rollup action");
    }

    /** Satisfied / not satisfied act on the objective; completed / incomplete on progress. */
    public boolean objective() {
        return this == SATISFIED || this == NOT_SATISFIED;
    }
}
