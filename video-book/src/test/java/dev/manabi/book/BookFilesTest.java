package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.LocalizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of a book may be served; the HTTP of serving it is tested in player-core (FileDeliveryTest). */
class BookFilesTest {

    @TempDir
    Path dir;

    private final Book book = new Book("b", null, "t", LocalizedText.of("en", "B"), LocalizedText.of("en", ""), "en",
            null, List.of(new Topic("one", LocalizedText.of("en", "One"), LocalizedText.of("en", ""),
                    new Topic.Video("media/one.mp4", "video/mp4", 10), List.of(new Subtitle("ko", "one.ko.vtt")),
                    List.of())));

    private Path video() throws IOException {
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("one.ko.vtt"), "WEBVTT\n");
        Files.writeString(dir.resolve("secret.txt"), "not named by the book");
        return Files.write(dir.resolve("media/one.mp4"), new byte[1000]);
    }

    @Test
    void servesOnlyFilesTheBookNames() throws IOException {
        Path video = video();
        assertThat(BookFiles.resolve(book, dir, "media/one.mp4")).contains(video.toAbsolutePath().normalize());
        assertThat(BookFiles.resolve(book, dir, "secret.txt")).isEmpty();
        assertThat(BookFiles.resolve(book, dir, "media/../secret.txt")).isEmpty();
        assertThat(BookFiles.resolve(book, dir, "../../etc/passwd")).isEmpty();
        Files.delete(video);
        assertThat(BookFiles.resolve(book, dir, "media/one.mp4")).isEmpty();
    }

    @Test
    void mediaTypes() {
        assertThat(BookFiles.mediaType(book, "media/one.mp4")).isEqualTo("video/mp4");
        assertThat(BookFiles.mediaType(book, "one.ko.vtt")).isEqualTo("text/vtt; charset=utf-8");
    }
}
