package dev.manabi.scorm.runtime;

import java.time.Instant;

/** One learner attempt on a course's SCORM package line, bound to the package version it started with. */
record AttemptRecord(String id, String tenantId, String learnerId, String courseId, String lineId, String packageId,
                     int number, boolean finished, String currentItem, ScoStatus status, long totalTimeCs,
                     Instant startedAt, Instant updatedAt, Instant finishedAt) {
}
