package dev.manabi.book;

import dev.manabi.i18n.LocalizedText;
import java.util.List;
import java.util.Objects;

/**
 * One short video of a {@link Book}, with its subtitles and further reading.
 *
 * @param id          the author's id, unique within the book (part of the progress ref {@code bookId/topicId})
 * @param title       title per language
 * @param description description per language (may be empty)
 * @param video       the video file
 * @param subtitles   one WebVTT track per language
 * @param links       further reading
 */
public record Topic(String id, LocalizedText title, LocalizedText description, Video video, List<Subtitle> subtitles,
                    List<Link> links) {

    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(video, "video");
        subtitles = List.copyOf(subtitles);
        links = List.copyOf(links);
    }

    /**
     * A video file of the book.
     *
     * @param file     path relative to the book's directory
     * @param type     {@code video/mp4} or {@code video/webm}
     * @param duration length in seconds, as declared by the author and checked by the player
     */
    public record Video(String file, String type, double duration) {
    }

    /**
     * A link to further reading.
     *
     * @param url      absolute http(s) URL
     * @param label    link text per language
     * @param language the language of the page linked to (HTML {@code hreflang}), or null
     */
    public record Link(String url, LocalizedText label, String language) {
    }
}
