package dev.manabi.scorm.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.manabi.api.PlayerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Files.setLastModifiedTime(video, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        Files.writeString(store.resolve("secret.txt"), "secret");
    }

    private FakeHttp get(FakeHttp http) throws IOException {
        ContentServlet.send(http.request(), http.response(), video, true);
        return http;
    }

    @Test
    void servesAWholeFileWithValidators() throws IOException {
        FakeHttp r = get(new FakeHttp());
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType).isEqualTo("video/mp4");
        assertThat(r.contentLength).isEqualTo(10);
        assertThat(r.body.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(r.responseHeaders).containsEntry("Accept-Ranges", "bytes")
                .containsEntry("Cache-Control", ContentServlet.CACHE_CONTROL)
                .containsEntry("Last-Modified", "Fri, 2 Jan 2026 03:04:05 GMT")
                .containsKey("ETag");
        assertThat(r.responseHeaders.get("ETag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
    }

    @Test
    void answersConditionalRequestsWith304() throws IOException {
        String etag = get(new FakeHttp()).responseHeaders.get("ETag");
        FakeHttp cached = get(new FakeHttp().header("If-None-Match", "\"other\", " + etag));
        assertThat(cached.status).isEqualTo(304);
        assertThat(cached.body.size()).isZero();
        assertThat(get(new FakeHttp().header("If-None-Match", "\"other\"")).status).isEqualTo(200);
        assertThat(get(new FakeHttp().header("If-Modified-Since", "Fri, 2 Jan 2026 03:04:05 GMT")).status)
                .isEqualTo(304);
        assertThat(get(new FakeHttp().header("If-Modified-Since", "Thu, 1 Jan 2026 00:00:00 GMT")).status)
                .isEqualTo(200);
        assertThat(get(new FakeHttp().header("If-Modified-Since", "yesterday")).status).isEqualTo(200);
    }

    @Test
    void servesSingleRanges() throws IOException {
        FakeHttp r = get(new FakeHttp().header("Range", "bytes=2-5"));
        assertThat(r.status).isEqualTo(206);
        assertThat(r.responseHeaders).containsEntry("Content-Range", "bytes 2-5/10");
        assertThat(r.contentLength).isEqualTo(4);
        assertThat(r.body.toString(StandardCharsets.US_ASCII)).isEqualTo("2345");

        assertThat(get(new FakeHttp().header("Range", "bytes=-3")).body.toString(StandardCharsets.US_ASCII))
                .isEqualTo("789");
        assertThat(get(new FakeHttp().header("Range", "bytes=7-")).body.toString(StandardCharsets.US_ASCII))
                .isEqualTo("789");

        FakeHttp beyond = get(new FakeHttp().header("Range", "bytes=10-20"));
        assertThat(beyond.status).isEqualTo(416);
        assertThat(beyond.responseHeaders).containsEntry("Content-Range", "bytes */10");
        assertThat(beyond.body.size()).isZero();

        FakeHttp multi = get(new FakeHttp().header("Range", "bytes=0-1,4-5"));
        assertThat(multi.status).isEqualTo(200);
        assertThat(multi.body.size()).isEqualTo(10);
    }

    @Test
    void ifRangeWithAStaleValidatorGetsTheWholeFile() throws IOException {
        String etag = get(new FakeHttp()).responseHeaders.get("ETag");
        assertThat(get(new FakeHttp().header("Range", "bytes=0-1").header("If-Range", etag)).status).isEqualTo(206);
        assertThat(get(new FakeHttp().header("Range", "bytes=0-1").header("If-Range", "\"old\"")).status)
                .isEqualTo(200);
    }

    @Test
    void headSendsHeadersOnly() throws IOException {
        FakeHttp r = new FakeHttp();
        ContentServlet.send(r.request(), r.response(), video, false);
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentLength).isEqualTo(10);
        assertThat(r.body.size()).isZero();
    }

    @Test
    void rangeParsing() {
        assertThat(ByteRange.parse(null, 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=0-0", 100).range()).contains(new ByteRange(0, 0));
        assertThat(ByteRange.parse("bytes=90-200", 100).range()).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-200", 100).range()).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("BYTES = 5 - 6", 100).range()).contains(new ByteRange(5, 6));
        assertThat(ByteRange.parse("bytes=5-4", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("items=0-1", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=-", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=abc", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=100-", 100).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 100).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100).outcome())
                .isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(new ByteRange(2, 5).contentRange(10)).isEqualTo("bytes 2-5/10");
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

    @Test
    void mimeTypes() {
        assertThat(MimeTypes.of("index.HTML")).isEqualTo("text/html");
        assertThat(MimeTypes.of("a/b.js")).isEqualTo("text/javascript");
        assertThat(MimeTypes.of("s.css")).isEqualTo("text/css");
        assertThat(MimeTypes.of("i.svg")).isEqualTo("image/svg+xml");
        assertThat(MimeTypes.of("v.webm")).isEqualTo("video/webm");
        assertThat(MimeTypes.of("c.vtt")).isEqualTo("text/vtt");
        assertThat(MimeTypes.of("d.json")).isEqualTo("application/json");
        assertThat(MimeTypes.of("imsmanifest.xml")).isEqualTo("application/xml");
        assertThat(MimeTypes.of("f.woff2")).isEqualTo("font/woff2");
        assertThat(MimeTypes.of("README")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.of("dir.v2/README")).isEqualTo(MimeTypes.DEFAULT);
        assertThat(MimeTypes.of("x.exe")).isEqualTo(MimeTypes.DEFAULT);
    }
}
