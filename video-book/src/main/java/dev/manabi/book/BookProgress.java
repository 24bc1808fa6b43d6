package dev.manabi.book;

import java.util.List;

/**
 * One learner's progress on a book within a course.
 *
 * @param bookId          the book
 * @param courseId        the course it is played in
 * @param completionShare the share of each topic that completes it
 * @param completed       every topic is completed
 * @param topics          per topic, in book order
 */
public record BookProgress(String bookId, String courseId, double completionShare, boolean completed,
                           List<TopicProgress> topics) {

    public BookProgress {
        topics = List.copyOf(topics);
    }
}
