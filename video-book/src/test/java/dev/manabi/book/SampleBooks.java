package dev.manabi.book;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small valid books on disk for tests: two topics of 20 s (WebM headers without media), subtitles in ja and ko. */
final class SampleBooks {

    static final byte[] WEBM = webm();
    static final String VTT = "WEBVTT\n\n00:00.500 --> 00:03.000\nこんにちは\n";

    private SampleBooks() {
    }

    static String definition(String key) {
        return """
                {
                  "format": "manabi-book/1",
                  %s
                  "title": {"ja": "テスト", "en": "Test", "zh-Hans": "测试", "zh-Hant": "測試", "ko": "테스트"},
                  "defaultLanguage": "ja",
                  "topics": [
                    {"id": "one", "title": {"ja": "一", "en": "One", "zh-Hans": "一", "zh-Hant": "一", "ko": "하나"},
                     "video": {"file": "media/one.webm", "type": "video/webm", "duration": 20},
                     "subtitles": [{"language": "ja", "file": "subtitles/one.ja.vtt"},
                                   {"language": "ko", "file": "subtitles/one.ko.vtt"}],
                     "links": [{"url": "https://example.org/", "label": {"en": "Example"}}]},
                    {"id": "two", "title": {"ja": "二", "en": "Two", "zh-Hans": "二", "zh-Hant": "二", "ko": "둘"},
                     "video": {"file": "media/two.webm", "type": "video/webm", "duration": 20},
                     "subtitles": [{"language": "ja", "file": "subtitles/two.ja.vtt"}]}
                  ]
                }
                """.formatted(key == null ? "" : "\"key\": \"" + key + "\",");
    }

    /** Writes a valid book into {@code dir} and returns it. */
    static Path write(Path dir, String key) {
        try {
            Files.createDirectories(dir.resolve("media"));
            Files.createDirectories(dir.resolve("subtitles"));
            Files.writeString(dir.resolve("book.json"), definition(key));
            Files.write(dir.resolve("media/one.webm"), WEBM);
            Files.write(dir.resolve("media/two.webm"), WEBM);
            for (String vtt : new String[] {"one.ja", "one.ko", "two.ja"}) {
                Files.writeString(dir.resolve("subtitles/" + vtt + ".vtt"), VTT);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips a directory as an author's tool would. */
    static void zip(Path dir, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    private static byte[] webm() {
        return webm(20_000, 1_000_000, true, 4096);
    }

    /**
     * A WebM file's header as muxers write it (RFC 9559): EBML header with doctype webm, a Segment of unknown size,
     * an empty SeekHead, Info (TimestampScale, Duration as a float64 of ticks when {@code withDuration}), then a
     * Cluster of filler bytes up to {@code length}.
     */
    static byte[] webm(double ticks, long nanosPerTick, boolean withDuration, int length) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, (byte) 0x87, 0x42, (byte) 0x82, (byte) 0x84});
        out.writeBytes("webm".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x18, 0x53, (byte) 0x80, 0x67, 0x01, -1, -1, -1, -1, -1, -1, -1});
        out.writeBytes(new byte[] {0x11, 0x4d, (byte) 0x9b, 0x74, (byte) 0x80});
        var info = java.nio.ByteBuffer.allocate(18);
        info.put(new byte[] {0x2a, (byte) 0xd7, (byte) 0xb1, (byte) 0x83});
        info.put((byte) (nanosPerTick >> 16)).put((byte) (nanosPerTick >> 8)).put((byte) nanosPerTick);
        if (withDuration) {
            info.put(new byte[] {0x44, (byte) 0x89, (byte) 0x88}).putDouble(ticks);
        }
        out.writeBytes(new byte[] {0x15, 0x49, (byte) 0xa9, 0x66, (byte) (0x80 | info.position())});
        out.write(info.array(), 0, info.position());
        int filler = Math.max(0, length - out.size() - 8);
        out.writeBytes(new byte[] {0x1f, 0x43, (byte) 0xb6, 0x75, 0x10, (byte) (filler >> 16), (byte) (filler >> 8),
                (byte) filler});
        for (int i = 0; i < filler; i++) {
            out.write(i * 31);
        }
        return out.toByteArray();
    }

    /**
     * An MP4 file (ISO/IEC 14496-12) with its media data before the movie box, as non-"faststart" encoders write it:
     * ftyp, mdat (with a 64-bit size when {@code largeMdat}), then moov holding an mvhd of {@code version}.
     */
    static byte[] mp4(int version, long timescale, long duration, boolean largeMdat) {
        var out = java.nio.ByteBuffer.allocate(4096);
        out.putInt(24).put("ftypisom".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put("isommp41".getBytes(StandardCharsets.US_ASCII));
        if (largeMdat) {
            out.putInt(1).put("mdat".getBytes(StandardCharsets.US_ASCII)).putLong(16 + 100);
        } else {
            out.putInt(8 + 100).put("mdat".getBytes(StandardCharsets.US_ASCII));
        }
        out.position(out.position() + 100);
        int mvhdBody = version == 1 ? 112 : 100;
        out.putInt(8 + 8 + mvhdBody).put("moov".getBytes(StandardCharsets.US_ASCII));
        out.putInt(8 + mvhdBody).put("mvhd".getBytes(StandardCharsets.US_ASCII));
        int body = out.position();
        out.put((byte) version).put(new byte[3]);
        if (version == 1) {
            out.putLong(0).putLong(0).putInt((int) timescale).putLong(duration);
        } else {
            out.putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
        }
        out.position(body + mvhdBody);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
