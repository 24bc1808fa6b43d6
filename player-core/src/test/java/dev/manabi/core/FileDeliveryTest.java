package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP delivery of stored files: the plan (status, headers), and writing it through a Servlet response. */
class FileDeliveryTest {

    @TempDir
    Path dir;

    private Path video;
    private Path large;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("media"));
        video = Files.write(dir.resolve("media/clip.mp4"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        Files.setLastModifiedTime(video, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));
        large = Files.write(dir.resolve("media/one.mp4"), new byte[1000]);
    }

    private FakeHttp get(FakeHttp http) throws IOException {
        FileDelivery.send(http.request(), http.response(), video, MimeTypes.of(video.toString()), true);
        return http;
    }

    private static FileDelivery.Conditions range(String range, String ifRange) {
        return new FileDelivery.Conditions(range, ifRange, null, null);
    }

    private static FileDelivery.Conditions ifNoneMatch(String tags) {
        return new FileDelivery.Conditions(null, null, tags, null);
    }

    @Test
    void servesAWholeFileWithValidators() throws IOException {
        FakeHttp r = get(new FakeHttp());
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType).isEqualTo("video/mp4");
        assertThat(r.contentLength).isEqualTo(10);
        assertThat(r.body.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(r.responseHeaders).containsEntry("Accept-Ranges", "bytes")
                .containsEntry("Cache-Control", FileDelivery.CACHE_CONTROL)
                .containsEntry("Last-Modified", "Fri, 2 Jan 2026 03:04:05 GMT")
                .containsEntry("X-Content-Type-Options", "nosniff")
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
        assertThat(get(new FakeHttp().header("Range", "bytes=0-1")
                .header("If-Range", "Fri, 02 Jan 2026 03:04:05 GMT")).status).isEqualTo(206);
        assertThat(get(new FakeHttp().header("Range", "bytes=0-1")
                .header("If-Range", "Thu, 01 Jan 2026 00:00:00 GMT")).status).isEqualTo(200);
    }

    @Test
    void headSendsHeadersOnly() throws IOException {
        FakeHttp r = new FakeHttp();
        FileDelivery.send(r.request(), r.response(), video, "video/mp4", false);
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentLength).isEqualTo(10);
        assertThat(r.body.size()).isZero();
    }

    @Test
    void wholeFileWithValidators() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(large, "video/mp4", FileDelivery.Conditions.NONE);
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.length()).isEqualTo(1000);
        assertThat(plan.headers()).containsEntry("Accept-Ranges", "bytes").containsEntry("Content-Length", "1000")
                .containsEntry("Content-Type", "video/mp4").containsKey("ETag");
    }

    @Test
    void partialContent() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(large, "video/mp4", range("bytes=100-199", null));
        assertThat(plan.status()).isEqualTo(206);
        assertThat(plan.offset()).isEqualTo(100);
        assertThat(plan.length()).isEqualTo(100);
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes 100-199/1000")
                .containsEntry("Content-Length", "100");
    }

    @Test
    void unsatisfiableRange() throws IOException {
        FileDelivery.Plan plan = FileDelivery.plan(large, "video/mp4", range("bytes=5000-", null));
        assertThat(plan.status()).isEqualTo(416);
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes */1000");
    }

    @Test
    void conditionalRequests() throws IOException {
        String etag = FileDelivery.plan(large, "video/mp4", FileDelivery.Conditions.NONE).headers().get("ETag");
        assertThat(FileDelivery.plan(large, "video/mp4", ifNoneMatch(etag)).status()).isEqualTo(304);
        assertThat(FileDelivery.plan(large, "video/mp4", ifNoneMatch("\"x\", W/" + etag)).status()).isEqualTo(304);
        assertThat(FileDelivery.plan(large, "video/mp4", ifNoneMatch("\"other\"")).status()).isEqualTo(200);
        // If-Range: the range only applies while the ETag still matches (RFC 7233 section 3.2).
        assertThat(FileDelivery.plan(large, "video/mp4", range("bytes=0-9", etag)).status()).isEqualTo(206);
        assertThat(FileDelivery.plan(large, "video/mp4", range("bytes=0-9", "\"stale\"")).status()).isEqualTo(200);
        Map<String, String> headers = FileDelivery.plan(large, "video/mp4", FileDelivery.Conditions.NONE).headers();
        assertThat(headers.get("Cache-Control")).startsWith("private");
    }

    @Test
    void httpDatesInAllThreeFormats() {
        long expected = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();
        assertThat(FileDelivery.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(expected);
        assertThat(FileDelivery.httpDate("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(expected);
        assertThat(FileDelivery.httpDate("Sun Nov  6 08:49:37 1994")).isEqualTo(expected);
        assertThat(FileDelivery.httpDate("yesterday")).isEqualTo(-1);
        assertThat(FileDelivery.httpDate(null)).isEqualTo(-1);
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
