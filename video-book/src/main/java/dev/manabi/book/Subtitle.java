package dev.manabi.book;

/**
 * A WebVTT subtitle track of a {@link Topic}.
 *
 * @param language BCP 47 tag of the track (HTML {@code <track srclang>})
 * @param file     path of the {@code .vtt} file relative to the book's directory
 */
public record Subtitle(String language, String file) {
}
