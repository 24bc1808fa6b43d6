package dev.manabi.book;

import dev.manabi.core.FileDelivery;
import java.nio.file.Path;
import java.util.Optional;

/** Which stored files of a book may be served, and as what; the HTTP itself is {@link FileDelivery}'s. */
final class BookFiles {

    static final String VTT = "text/vtt; charset=utf-8";

    private BookFiles() {
    }

    /**
     * The file of {@code book} named {@code name}, if the book's definition names it and it is a regular file inside
     * {@code dir}. Only named files are served, so neither traversal nor stray files of an upload can be reached.
     */
    static Optional<Path> resolve(Book book, Path dir, String name) {
        if (name == null || !book.files().contains(name)) {
            return Optional.empty();
        }
        return FileDelivery.file(dir, name);
    }

    /** The media type of a named file: the video's declared type, else WebVTT (RFC 8216 registers text/vtt). */
    static String mediaType(Book book, String name) {
        return book.topics().stream().filter(t -> t.video().file().equals(name)).map(t -> t.video().type())
                .findFirst().orElse(VTT);
    }
}
