package dev.manabi.scorm.runtime;

import dev.manabi.scorm.cmi.CmiValues;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.StatusEvaluation;
import java.util.List;
import java.util.Map;

/**
 * Status of a SCO or of a whole attempt in the terms reports use, whatever the SCORM version: completion
 * ({@code completed}, {@code incomplete}, {@code not attempted}, {@code unknown}), success ({@code passed},
 * {@code failed}, {@code unknown}) and a scaled score in [-1, 1] (or null).
 */
record ScoStatus(String completion, String success, Double scoreScaled) {

    static final ScoStatus NOT_ATTEMPTED = new ScoStatus("not attempted", "unknown", null);

    /*
     * "unknown" ranks above "not attempted": a SCORM 2004 SCO that was delivered but reported nothing has begun an
     * attempt (SN 4.2.1, delivery increments the attempt count) whose completion is unknown (RTE 4.2.4 default).
     */
    private static final Map<String, Integer> COMPLETION_RANK = Map.of("completed", 3, "incomplete", 2,
            "unknown", 1, "not attempted", 0);
    private static final Map<String, Integer> SUCCESS_RANK = Map.of("passed", 2, "failed", 1, "unknown", 0);

    /**
     * What a launch alone reports: a SCORM 2004 SCO that was delivered has begun an attempt whose completion is
     * unknown (SN 4.2.1, RTE 4.2.4 default); a SCORM 1.2 SCO is not attempted until it says otherwise.
     */
    static ScoStatus delivered(String model) {
        return DataModel.SCORM_12.equals(model) ? NOT_ATTEMPTED : new ScoStatus("unknown", "unknown", null);
    }

    boolean completed() {
        return "completed".equals(completion);
    }

    /** null when not judged. */
    Boolean passed() {
        return switch (success) {
            case "passed" -> Boolean.TRUE;
            case "failed" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A SCO's status from its data model (SCORM 2004 RTE 4.2.4.1 / 4.2.21.1; SCORM 1.2 RTE 3.4.4 lesson_status). */
    static ScoStatus of(String model, CmiValues v, boolean finishing) {
        if (DataModel.SCORM_12.equals(model)) {
            String status = StatusEvaluation.lessonStatus12(v.get("cmi.core.lesson_status"),
                    v.get("cmi.core.credit"), v.get("cmi.core.lesson_mode"),
                    number(v.get("cmi.student_data.mastery_score")), number(v.get("cmi.core.score.raw")), finishing);
            String completion = switch (status) {
                case "passed", "completed", "failed" -> "completed";
                case "incomplete", "browsed" -> "incomplete";
                default -> "not attempted";
            };
            String success = status.equals("passed") || status.equals("failed") ? status : "unknown";
            return new ScoStatus(completion, success, scaled(number(v.get("cmi.core.score.raw")),
                    number(v.get("cmi.core.score.min")), number(v.get("cmi.core.score.max")), 100.0));
        }
        // What GetValue answers the SCO, evaluated by the definition's rules (RTE 4.2.4.1, 4.2.21.1).
        DataModel dm = DataModel.scorm2004();
        String completion = dm.getValue(v, "cmi.completion_status").value();
        String success = dm.getValue(v, "cmi.success_status").value();
        Double scaled = number(v.get("cmi.score.scaled"));
        if (scaled == null) {
            scaled = scaled(number(v.get("cmi.score.raw")), number(v.get("cmi.score.min")),
                    number(v.get("cmi.score.max")), null);
        }
        return new ScoStatus(completion, success, scaled);
    }

    /** raw scaled to [min, max] (min defaults to 0); without max, raw / fallbackMax; null without raw. */
    static Double scaled(Double raw, Double min, Double max, Double fallbackMax) {
        if (raw == null) {
            return null;
        }
        double lo = min == null ? 0 : min;
        if (max != null && max > lo) {
            return clamp((raw - lo) / (max - lo));
        }
        return fallbackMax == null ? null : clamp(raw / fallbackMax);
    }

    private static double clamp(double d) {
        return Math.max(-1, Math.min(1, d));
    }

    /**
     * The report status of a SCO within one course attempt keeps the best state reached: a new SCO attempt (SCORM
     * 2004 starts one after a non-suspended exit) never takes back a completion or a pass already recorded; the
     * score is the latest reported.
     */
    ScoStatus atLeast(ScoStatus before) {
        if (before == null) {
            return this;
        }
        String c = COMPLETION_RANK.getOrDefault(completion, 0) >= COMPLETION_RANK.getOrDefault(before.completion, 0)
                ? completion : before.completion;
        String s = SUCCESS_RANK.getOrDefault(success, 0) >= SUCCESS_RANK.getOrDefault(before.success, 0)
                ? success : before.success;
        return new ScoStatus(c, s, scoreScaled != null ? scoreScaled : before.scoreScaled);
    }

    /**
     * Rolls SCO statuses up to the package: completed when every launchable activity is completed, not attempted
     * when none was attempted, else incomplete; failed if any failed, passed if at least one passed and none
     * failed, else unknown; the score is the mean of the scores reported.
     */
    static ScoStatus rollup(List<ScoStatus> activities) {
        if (activities.isEmpty()) {
            return NOT_ATTEMPTED;
        }
        boolean all = activities.stream().allMatch(ScoStatus::completed);
        boolean none = activities.stream().allMatch(a -> a.completion.equals("not attempted"));
        String completion = all ? "completed" : none ? "not attempted" : "incomplete";
        boolean failed = activities.stream().anyMatch(a -> "failed".equals(a.success));
        boolean passed = activities.stream().anyMatch(a -> "passed".equals(a.success));
        String success = failed ? "failed" : passed ? "passed" : "unknown";
        Double score = activities.stream().map(ScoStatus::scoreScaled).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);
        return new ScoStatus(completion, success, score);
    }

    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
