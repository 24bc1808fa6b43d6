package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.LocalizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeliveryTest {

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
        assertThat(FileDelivery.resolve(book, dir, "media/one.mp4")).contains(video.toAbsolutePath().normalize());
        assertThat(FileDelivery.resolve(book, dir, "secret.txt")).isEmpty();
        assertThat(FileDelivery.resolve(book, dir, "media/../secret.txt")).isEmpty();
        assertThat(FileDelivery.resolve(book, dir, "../../etc/passwd")).isEmpty();
        Files.delete(video);
        assertThat(FileDelivery.resolve(book, dir, "media/one.mp4")).isEmpty();
    }

    @Test
    void mediaTypes() {
        assertThat(FileDelivery.mediaType(book, "media/one.mp4")).isEqualTo("video/mp4");
        assertThat(FileDelivery.mediaType(book, "one.ko.vtt")).isEqualTo("text/vtt; charset=utf-8");
    }

    @Test
    void wholeFileWithValidators() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(video(), "video/mp4", null, null, null);
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.length()).isEqualTo(1000);
        assertThat(plan.headers()).containsEntry("Accept-Ranges", "bytes").containsEntry("Content-Length", "1000")
                .containsEntry("Content-Type", "video/mp4").containsKey("ETag");
    }

    @Test
    void partialContent() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(video(), "video/mp4", "bytes=100-199", null, null);
        assertThat(plan.status()).isEqualTo(206);
        assertThat(plan.offset()).isEqualTo(100);
        assertThat(plan.length()).isEqualTo(100);
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes 100-199/1000")
                .containsEntry("Content-Length", "100");
    }

    @Test
    void unsatisfiableRange() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(video(), "video/mp4", "bytes=5000-", null, null);
        assertThat(plan.status()).isEqualTo(416);
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes */1000");
    }

    @Test
    void conditionalRequests() throws IOException {
        Path video = video();
        String etag = FileDelivery.plan(video, "video/mp4", null, null, null).headers().get("ETag");
        assertThat(FileDelivery.plan(video, "video/mp4", null, null, etag).status()).isEqualTo(304);
        assertThat(FileDelivery.plan(video, "video/mp4", null, null, "\"x\", W/" + etag).status()).isEqualTo(304);
        assertThat(FileDelivery.plan(video, "video/mp4", null, null, "\"other\"").status()).isEqualTo(200);
        // If-Range: the range only applies while the ETag still matches (RFC 7233 section 3.2).
        assertThat(FileDelivery.plan(video, "video/mp4", "bytes=0-9", etag, null).status()).isEqualTo(206);
        assertThat(FileDelivery.plan(video, "video/mp4", "bytes=0-9", "\"stale\"", null).status()).isEqualTo(200);
        Map<String, String> headers = FileDelivery.plan(video, "video/mp4", null, null, null).headers();
        assertThat(headers.get("Cache-Control")).startsWith("private");
    }
}
