package dev.manabi.scorm.cmi;

/**
 * How the LMS decides a SCO's status from what it reported and what the manifest requires. The same rules are
 * implemented for the browser in {@code cmi-model.js}.
 */
public final class StatusEvaluation {

    private StatusEvaluation() {
    }

    /**
     * SCORM 2004 RTE 4.2.4.1 (cmi.completion_status): with a completion threshold and a progress measure, "completed"
     * when the measure reaches the threshold, else "incomplete"; otherwise what the SCO set, else "unknown".
     */
    public static String completion(String reported, Double threshold, Double progressMeasure) {
        if (threshold != null && progressMeasure != null) {
            return progressMeasure >= threshold ? "completed" : "incomplete";
        }
        return reported == null ? "unknown" : reported;
    }

    /**
     * SCORM 2004 RTE 4.2.21.1 (cmi.success_status): with a scaled passing score, "passed" when score.scaled reaches
     * it, "failed" below it, "unknown" without a score; otherwise what the SCO set, else "unknown".
     */
    public static String success(String reported, Double scaledPassingScore, Double scaledScore) {
        if (scaledPassingScore != null) {
            if (scaledScore == null) {
                return "unknown";
            }
            return scaledScore >= scaledPassingScore ? "passed" : "failed";
        }
        return reported == null ? "unknown" : reported;
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
