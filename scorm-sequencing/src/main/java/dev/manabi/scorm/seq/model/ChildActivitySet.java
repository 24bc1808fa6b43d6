package dev.manabi.scorm.seq.model;

/** Which children a rollup rule needs to meet its conditions (SN 3.6.1; {@code childActivitySet}). */
public enum ChildActivitySet {
    ALL("all"), ANY("any"), NONE("none"), AT_LEAST_COUNT("atLeastCount"), AT_LEAST_PERCENT("atLeastPercent");

    private final String token;

    ChildActivitySet(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static ChildActivitySet of(String token) {
        return Tokens.parse(values(), ChildActivitySet::token, token, "childActivitySet");
    }
}
