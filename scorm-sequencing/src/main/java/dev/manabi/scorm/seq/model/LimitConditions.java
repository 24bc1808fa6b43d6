package dev.manabi.scorm.seq.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Limit conditions (SN 3.3; {@code <imsss:limitConditions>}). SCORM requires the attempt limit and the attempt
 * absolute duration limit; the begin/end time limits of IMS SS are honoured too when present.
 *
 * @param attemptLimit                 attempts allowed, or null for none (0 in a manifest means none)
 * @param attemptAbsoluteDurationLimit wall-clock length of an attempt, or null
 * @param beginTimeLimit               the activity is unavailable before, or null
 * @param endTimeLimit                 the activity is unavailable after, or null
 */
public record LimitConditions(Integer attemptLimit, Duration attemptAbsoluteDurationLimit, Instant beginTimeLimit,
                              Instant endTimeLimit) {

    public static final LimitConditions NONE = new LimitConditions(null, null, null, null);
}
