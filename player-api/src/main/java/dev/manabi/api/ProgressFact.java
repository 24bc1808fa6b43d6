package dev.manabi.api;

import java.util.Objects;

/**
 * The latest known state of one part of a course for one learner, in terms every kind of content shares.
 *
 * @param kind        what sort of part: {@code sco}, {@code scorm-package}, {@code quiz}, {@code video-topic},
 *                    {@code book}... (lower-case, module-defined)
 * @param ref         the part's id within its kind
 * @param completed   the learner has completed it
 * @param passed      true passed, false failed, null not (yet) judged
 * @param score       points (or scaled score * 100 where the content only knows a scaled score); null if none
 * @param maxScore    the maximum of {@code score}; null if unknown
 */
public record ProgressFact(String kind, String ref, boolean completed, Boolean passed, Double score, Double maxScore) {

    public ProgressFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
    }

    /** Score as a percentage of the maximum, if both are known. */
    public java.util.OptionalDouble percent() {
        if (score == null || maxScore == null || maxScore <= 0) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(score * 100.0 / maxScore);
    }
}
