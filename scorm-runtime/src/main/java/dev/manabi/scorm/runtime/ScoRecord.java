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
 */
record ScoRecord(String attemptId, String itemId, String model, Map<String, String> cmi, String sessionToken,
                 boolean sessionOpen, long lastSequence, int sessions, String exitValue, ScoStatus status,
                 Double scoreRaw, long totalTimeCs, Instant updatedAt) {

    ScoRecord {
        cmi = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cmi));
    }
}
