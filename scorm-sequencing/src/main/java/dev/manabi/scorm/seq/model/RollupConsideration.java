package dev.manabi.scorm.seq.model;

/** When a child takes part in a rollup (SCORM 2004 SN 3.7, {@code adlseq:rollupConsiderations}). */
public enum RollupConsideration {
    ALWAYS("always"), IF_ATTEMPTED("ifAttempted"), IF_NOT_SKIPPED("ifNotSkipped"),
    IF_NOT_SUSPENDED("ifNotSuspended");

    private final String token;

    RollupConsideration(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static RollupConsideration of(String token) {
        return Tokens.parse(values(), RollupConsideration::token, token, "rollup consideration");
    }
}
