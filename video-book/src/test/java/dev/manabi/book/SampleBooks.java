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

/** Small valid books on disk for tests: two topics of 20 s, fake WebM bytes, subtitles in ja and ko. */
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
        byte[] bytes = new byte[4096];
        byte[] head = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, (byte) 0x9f, 0x42, (byte) 0x82, (byte) 0x84};
        System.arraycopy(head, 0, bytes, 0, head.length);
        byte[] doctype = "webm".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(doctype, 0, bytes, head.length, doctype.length);
        for (int i = 32; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
