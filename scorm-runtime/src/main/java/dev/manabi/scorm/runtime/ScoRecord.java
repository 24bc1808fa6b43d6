package dev.manabi.scorm.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * The stored run-time data of one SCO in one attempt.
 *
 * @param cmi          the data model values (concrete element name to value)
 * @param sessionToken the only session allowed to commit (the latest launch)
 * @param sessionOpen  the session has not terminated yet
 * @param lastSequence the sequence number of the last applied commit
 * @param exitValue    cmi.exit / cmi.core.exit of the last terminated session
 * @param status       report status (best reached in this attempt)
 * @param totalTimeCs  cmi.total_time of the current SCO attempt (SCORM 2004 RTE 4.2.26: starts at zero with a new
 *                     SCO attempt), in hundredths of a second
 * @param learnerTimeCs every session time of this activity in the course attempt, over all its SCO attempts: what
 *                     the course's time is summed from, so it never goes back when a SCO attempt restarts
 */
record ScoRecord(String attemptId, String itemId, String model, Map<String, String> cmi, String sessionToken,
                 boolean sessionOpen, long lastSequence, int sessions, String exitValue, ScoStatus status,
                 Double scoreRaw, long totalTimeCs, long learnerTimeCs, Instant updatedAt) {

    ScoRecord {
        cmi = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cmi));
    }

    ScoRecord withLastSequence(long sequence) {
        return new ScoRecord(attemptId, itemId, model, cmi, sessionToken, sessionOpen, sequence, sessions, exitValue,
                status, scoreRaw, totalTimeCs, learnerTimeCs, updatedAt);
    }

    /**
     * Whether the session is taken for credit: SCORM 2004 RTE 4.2.5 cmi.credit / SCORM 1.2 RTE 3.4.4
     * cmi.core.credit is "no-credit" in browse (and review) mode, and then the learner is not credited for what
     * the SCO reports.
     */
    boolean credit() {
        String credit = cmi.get(dev.manabi.scorm.cmi.DataModel.SCORM_12.equals(model) ? "cmi.core.credit"
                : "cmi.credit");
        return !"no-credit".equals(credit);
    }
}
