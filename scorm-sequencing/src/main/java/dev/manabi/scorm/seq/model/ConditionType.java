package dev.manabi.scorm.seq.model;

/** Sequencing and rollup rule condition types (SN 3.4.2, 3.6.2; IMS SS 5.2.1.1, 5.3.1.1). */
public enum ConditionType {
    SATISFIED("satisfied"),
    OBJECTIVE_STATUS_KNOWN("objectiveStatusKnown"),
    OBJECTIVE_MEASURE_KNOWN("objectiveMeasureKnown"),
    OBJECTIVE_MEASURE_GREATER_THAN("objectiveMeasureGreaterThan"),
    OBJECTIVE_MEASURE_LESS_THAN("objectiveMeasureLessThan"),
    COMPLETED("completed"),
    ACTIVITY_PROGRESS_KNOWN("activityProgressKnown"),
    ATTEMPTED("attempted"),
    ATTEMPT_LIMIT_EXCEEDED("attemptLimitExceeded"),
    TIME_LIMIT_EXCEEDED("timeLimitExceeded"),
    OUTSIDE_AVAILABLE_TIME_RANGE("outsideAvailableTimeRange"),
    ALWAYS("always");

    private final String token;

    ConditionType(String token) {
        this.token = token;
    }

    /** The manifest token, e.g. {@code objectiveMeasureGreaterThan}. */
    public String token() {
        return token;
    }

    /** The condition for a manifest token; IllegalArgumentException for an unknown one. */
    public static ConditionType of(String token) {
        return Tokens.parse(values(), ConditionType::token, token, "rule condition");
    }
}
