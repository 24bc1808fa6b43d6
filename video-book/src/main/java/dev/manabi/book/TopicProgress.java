package dev.manabi.book;

import java.time.Instant;

/**
 * One learner's progress on one topic.
 *
 * @param topicId        the topic
 * @param duration       the video's length, seconds
 * @param watchedSeconds the measure of the union of watched intervals within the video
 * @param share          {@code watchedSeconds / duration}
 * @param position       where to resume, seconds
 * @param completed      watched at least the book's completion share (sticky once reached)
 * @param updatedAt      when the learner last played it, or null if never (players resume the latest topic)
 */
public record TopicProgress(String topicId, double duration, double watchedSeconds, double share, double position,
                            boolean completed, Instant updatedAt) {

    static TopicProgress none(Topic topic) {
        return new TopicProgress(topic.id(), topic.video().duration(), 0, 0, 0, false, null);
    }
}
