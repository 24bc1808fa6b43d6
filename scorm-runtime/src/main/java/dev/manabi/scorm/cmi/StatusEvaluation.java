package dev.manabi.scorm.cmi;

/**
 * How the LMS decides a SCO's status from what it reported and what the manifest requires. The SCORM 2004 rules
 * are data of {@code scorm2004.json} ({@code evaluate}), applied alike by {@link DataModel} and {@code cmi-model.js}.
 */
public final class StatusEvaluation {

    private StatusEvaluation() {
    }

    /**
     * SCORM 2004 RTE 4.2.4.1 (cmi.completion_status): with a completion threshold, "completed" when the progress
     * measure reaches it, "incomplete" below it and "unknown" without a progress measure, whatever the SCO set;
     * without a threshold what the SCO set, else "unknown". The rule is the data model definition's (the browser
     * applies the same one).
     */
    public static String completion(String reported, Double threshold, Double progressMeasure) {
        return DataModel.scorm2004().evaluation("cmi.completion_status").apply(reported, threshold, progressMeasure,
                "unknown");
    }

    /**
     * SCORM 2004 RTE 4.2.21.1 (cmi.success_status): with a scaled passing score, "passed" when score.scaled reaches
     * it, "failed" below it, "unknown" without a score; otherwise what the SCO set, else "unknown".
     */
    public static String success(String reported, Double scaledPassingScore, Double scaledScore) {
        return DataModel.scorm2004().evaluation("cmi.success_status").apply(reported, scaledPassingScore, scaledScore,
                "unknown");
    }

    /**
     * SCORM 1.2 RTE 3.4.4 (cmi.core.lesson_status with cmi.student_data.mastery_score): when the SCO is taken for
     * credit, a mastery score is given and the SCO reported a raw score, the LMS sets "passed" if the score reaches
     * the mastery score and "failed" otherwise; in browse mode a never-set status becomes "browsed"; a status still
     * "not attempted" when the SCO finishes becomes "completed" (SCORM 1.2 RTE 3.4.4, LMSFinish behaviour).
     *
     * @param finishing true when evaluating at LMSFinish
     */
    public static String lessonStatus12(String reported, String credit, String mode, Double masteryScore,
                                        Double rawScore, boolean finishing) {
        String status = reported == null || reported.isEmpty() ? "not attempted" : reported;
        if ("credit".equals(credit) && masteryScore != null && rawScore != null) {
            return rawScore >= masteryScore ? "passed" : "failed";
        }
        if ("browse".equals(mode) && status.equals("not attempted")) {
            return "browsed";
        }
        if (finishing && status.equals("not attempted")) {
            return "completed";
        }
        return status;
    }
}
