package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeZipTest {

    private static final SafeZip.Limits LIMITS = new SafeZip.Limits(50, 10L << 20, 100);

    @TempDir
    Path temp;

    private interface Entries {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    private Path zip(Entries entries) throws IOException {
        Path file = temp.resolve("upload.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            entries.write(zip);
        }
        return file;
    }

    private static void file(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }

    private List<String> extract(Path zipFile) throws IOException {
        Path target = Files.createDirectories(temp.resolve("out"));
        ValidationReport.Builder report = new ValidationReport.Builder();
        SafeZip.extract(zipFile, target, LIMITS, report);
        return report.problems().stream().map(p -> p.code() + "@" + p.location()).toList();
    }

    private List<Path> outside() throws IOException {
        try (Stream<Path> s = Files.walk(temp)) {
            return s.filter(p -> !p.startsWith(temp.resolve("out")) && !p.equals(temp)
                    && !p.getFileName().toString().equals("upload.zip")).toList();
        }
    }

    @Test
    void unpacksAnOrdinaryZip() throws IOException {
        Path source = SampleBooks.write(temp.resolve("book"), null);
        Path zipFile = temp.resolve("upload.zip");
        try (OutputStream out = Files.newOutputStream(zipFile)) {
            SampleBooks.zip(source, out);
        }
        assertThat(extract(zipFile)).isEmpty();
        assertThat(temp.resolve("out/media/one.webm")).hasBinaryContent(SampleBooks.WEBM);
        assertThat(temp.resolve("out/book.json")).exists();
    }

    @Test
    void refusesZipSlip() throws IOException {
        assertThat(extract(zip(z -> file(z, "media/../../evil.txt", "x".getBytes(StandardCharsets.UTF_8)))))
                .containsExactly("zip-slip@media/../../evil.txt");
        assertThat(outside()).isEmpty();
    }

    @Test
    void refusesAbsolutePaths() throws IOException {
        assertThat(extract(zip(z -> {
            file(z, "/tmp/evil.txt", new byte[] {1});
            file(z, "C:/evil.txt", new byte[] {1});
            file(z, "a\\..\\..\\evil.txt", new byte[] {1});
        }))).containsExactly("zip-absolute-path@/tmp/evil.txt", "zip-absolute-path@C:/evil.txt",
                // commons-compress turns DOS backslashes into slashes, which then reveals the climb.
                "zip-slip@a/../../evil.txt");
        assertThat(outside()).isEmpty();
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        assertThat(extract(zip(z -> {
            ZipArchiveEntry link = new ZipArchiveEntry("media/one.webm");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }))).containsExactly("zip-symlink@media/one.webm");
        assertThat(temp.resolve("out/media/one.webm")).doesNotExist();
    }

    @Test
    void refusesDuplicateNamesAlsoDifferingOnlyInCase() throws IOException {
        assertThat(extract(zip(z -> {
            file(z, "book.json", "{}".getBytes(StandardCharsets.UTF_8));
            file(z, "book.json", "{\"evil\":1}".getBytes(StandardCharsets.UTF_8));
            file(z, "Book.JSON", "{}".getBytes(StandardCharsets.UTF_8));
        }))).containsExactly("zip-duplicate-entry@book.json", "zip-duplicate-entry@Book.JSON");
        assertThat(temp.resolve("out/book.json")).hasContent("{}");
    }

    @Test
    void stopsAHighlyCompressedBomb() throws IOException {
        byte[] zeros = new byte[8 << 20];
        assertThat(extract(zip(z -> file(z, "media/bomb.webm", zeros)))).containsExactly("zip-bomb@media/bomb.webm");
    }

    @Test
    void stopsWhenTheTotalSizeExceedsTheLimit() throws IOException {
        byte[] noise = new byte[3 << 20];
        new java.util.Random(1).nextBytes(noise);
        assertThat(extract(zip(z -> {
            for (int i = 0; i < 5; i++) {
                file(z, "media/" + i + ".webm", noise);
            }
        }))).containsExactly("zip-too-large@media/3.webm");
    }

    @Test
    void refusesTooManyEntries() throws IOException {
        assertThat(extract(zip(z -> {
            for (int i = 0; i < 51; i++) {
                file(z, "f" + i + ".vtt", new byte[] {1});
            }
        }))).containsExactly("zip-too-many-entries@(zip)");
    }

    @Test
    void reportsAnUploadThatIsNoZip() throws IOException {
        Path notZip = Files.writeString(temp.resolve("upload.zip"), "hello, not a zip");
        assertThat(extract(notZip)).singleElement().asString().startsWith("zip-unreadable@");
    }

    @Test
    void classifiesNames() {
        assertThat(SafeZip.nameProblem("media/a.webm")).isNull();
        assertThat(SafeZip.nameProblem("media/")).isNull();
        assertThat(SafeZip.nameProblem("../a")).isEqualTo("zip-slip");
        assertThat(SafeZip.nameProblem("a/./b")).isEqualTo("zip-bad-name");
        assertThat(SafeZip.nameProblem("a//b")).isEqualTo("zip-bad-name");
        assertThat(SafeZip.nameProblem("a\u0000b")).isEqualTo("zip-bad-name");
        assertThat(SafeZip.nameProblem("\\\\server\\share")).isEqualTo("zip-absolute-path");
    }
}
