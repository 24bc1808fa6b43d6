package dev.manabi.scorm.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.manabi.api.PlayerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package-specific half of delivery: content paths and file resolution (HTTP itself is FileDelivery's). */
class ContentDeliveryTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @TempDir
    Path store;

    private Path root;
    private Path video;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(store.resolve("packages").resolve(ID));
        Files.createDirectories(root.resolve("media"));
        video = Files.write(root.resolve("media/clip.mp4"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(store.resolve("secret.txt"), "secret");
    }

    @Test
    void pathsThatCouldLeaveThePackageAreRefused() {
        assertThat(ContentPath.parse("/" + ID + "/media/clip.mp4"))
                .contains(new ContentPath(ID, "media/clip.mp4"));
        assertThat(ContentPath.parse("/" + ID + "/../secret.txt")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/media/../../secret.txt")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/./media/clip.mp4")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/media//clip.mp4")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/..\\secret.txt")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/a\u0000.html")).isEmpty();
        assertThat(ContentPath.parse("/" + ID + "/media/")).isEmpty();
        assertThat(ContentPath.parse("/" + ID)).isEmpty();
        assertThat(ContentPath.parse(null)).isEmpty();
        // a still-encoded ../ is just an odd file name: the container decoded the path once already
        assertThat(ContentPath.parse("/" + ID + "/%2e%2e/secret.txt")).contains(new ContentPath(ID,
                "%2e%2e/secret.txt"));
    }

    @Test
    void resolveServesOnlyRegularFilesUnderTheRoot() throws IOException {
        assertThat(ContentServlet.resolve(root, "media/clip.mp4")).isEqualTo(video);
        assertNotFound(root, "media");
        assertNotFound(root, "missing.html");
        assertNotFound(root, "../../secret.txt");
        assertNotFound(root, "%2e%2e/secret.txt");
        Path link = root.resolve("link.txt");
        try {
            Files.createSymbolicLink(link, store.resolve("secret.txt"));
        } catch (UnsupportedOperationException | IOException e) {
            return; // file system without symlinks
        }
        assertNotFound(root, "link.txt");
    }

    private static void assertNotFound(Path root, String relative) {
        assertThat(catchThrowable(() -> ContentServlet.resolve(root, relative)))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
