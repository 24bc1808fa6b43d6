package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.api.ValidationReport;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import guards, each against a hostile zip built in the test. */
class SafeZipTest {

    private static final SafeZip.Limits SMALL = new SafeZip.Limits(5_000_000, 50, 100, 64 * 1024);

    @TempDir
    Path tmp;

    private SafeZip.Extracted extract(byte[] zip) throws IOException {
        return extract(zip, SMALL);
    }

    private SafeZip.Extracted extract(byte[] zip, SafeZip.Limits limits) throws IOException {
        Path file = tmp.resolve("upload.zip");
        Files.write(file, zip);
        Path target = Files.createDirectories(tmp.resolve("out"));
        return SafeZip.extract(file, target, limits);
    }

    private SafeZip.Rejected rejection(byte[] zip, SafeZip.Limits limits) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> extract(zip, limits));
        assertThat(t).isInstanceOf(SafeZip.Rejected.class);
        return (SafeZip.Rejected) t;
    }

    private List<String> codes(SafeZip.Rejected e) {
        return e.problems().stream().map(Problem::code).toList();
    }

    /** Nothing ever lands outside the target directory. */
    private void assertNothingOutsideTarget() throws IOException {
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()))
                    .allMatch(p -> p.equals("upload.zip") || p.startsWith("out"));
        }
    }

    @Test
    void extractsAnOrdinaryPackage() throws IOException {
        SafeZip.Extracted x = extract(TestZips.zip().add("imsmanifest.xml", "<manifest/>")
                .add("content/", new byte[0]).add("content/a b.html", "<p>").add("./content/./c.js", "x").bytes());
        assertThat(x.files()).containsExactly("content/a b.html", "content/c.js", "imsmanifest.xml");
        assertThat(x.totalBytes()).isEqualTo("<manifest/>".length() + 3 + 1);
        assertThat(tmp.resolve("out/content/a b.html")).hasContent("<p>");
    }

    @Test
    void refusesZipSlip() throws IOException {
        SafeZip.Rejected e = rejection(TestZips.zip().add("ok.html", "x").add("content/../../evil.txt", "pwned")
                .bytes(), SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("zip-slip");
        assertThat(e.problems().get(0).location()).isEqualTo("zip:content/../../evil.txt");
        assertThat(tmp.getParent().resolve("evil.txt")).doesNotExist();
        assertNothingOutsideTarget();
    }

    @Test
    void refusesBackslashZipSlipAndAbsolutePaths() {
        assertThat(codes(rejection(TestZips.zip().add("..\\evil.txt", "x").bytes(), SMALL)))
                .containsExactly("zip-slip");
        assertThat(codes(rejection(TestZips.zip().add("/etc/cron.d/evil", "x").bytes(), SMALL)))
                .containsExactly("absolute-path");
        assertThat(codes(rejection(TestZips.zip().add("C:/Windows/evil.dll", "x").bytes(), SMALL)))
                .containsExactly("absolute-path");
        assertThat(codes(rejection(TestZips.zip().add("a\u0000.html", "x").bytes(), SMALL)))
                .containsExactly("bad-entry-name");
    }

    @Test
    void refusesSymbolicLinks() throws IOException {
        byte[] zip = TestZips.asSymlink(TestZips.zip().add("index.html", "x").add("passwd", "/etc/passwd").bytes(),
                "passwd");
        SafeZip.Rejected e = rejection(zip, SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("symlink-entry");
        assertThat(tmp.resolve("out/passwd")).doesNotExist();
    }

    @Test
    void refusesHighCompressionRatios() {
        byte[] zeros = new byte[2_000_000];
        SafeZip.Rejected e = rejection(TestZips.zip().add("bomb.bin", zeros).bytes(), SMALL);
        assertThat(e.status()).as("over a limit, as the README says").isEqualTo(413);
        assertThat(codes(e)).containsExactly("zip-bomb");
        assertThat(tmp.resolve("out/bomb.bin")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.size(p)).isLessThan(zeros.length));
    }

    @Test
    void smallWellCompressedFilesAreNotBombs() throws IOException {
        // 60 KB of spaces compresses ~1000:1 but stays under the ratio threshold
        SafeZip.Extracted x = extract(TestZips.zip().add("style.css", " ".repeat(60_000)).bytes());
        assertThat(x.files()).containsExactly("style.css");
    }

    @Test
    void refusesMoreUncompressedBytesThanAllowed() {
        SafeZip.Limits tight = new SafeZip.Limits(100_000, 50, 1000, 64 * 1024);
        byte[] random = new byte[60_000];
        new java.util.Random(1).nextBytes(random);
        SafeZip.Rejected e = rejection(TestZips.zip().add("a.bin", random).add("b.bin", random).bytes(), tight);
        assertThat(e.status()).isEqualTo(413);
        assertThat(codes(e)).containsExactly("uncompressed-too-large");
    }

    @Test
    void refusesEntriesThatUnpackToMoreThanDeclared() {
        byte[] zip = TestZips.withDeclaredSize(TestZips.zip().add("a.txt", "x".repeat(5000)).bytes(), "a.txt", 10);
        SafeZip.Rejected e = rejection(zip, SMALL);
        assertThat(codes(e)).containsExactly("size-mismatch");
    }

    @Test
    void refusesTooManyEntries() {
        TestZips zip = TestZips.zip();
        for (int i = 0; i < 51; i++) {
            zip.add("f" + i + ".txt", "x");
        }
        SafeZip.Rejected e = rejection(zip.bytes(), SMALL);
        assertThat(e.status()).isEqualTo(413);
        assertThat(codes(e)).containsExactly("too-many-entries");
    }

    @Test
    void refusesDuplicateNames() {
        byte[] zip = TestZips.renamed(TestZips.zip().add("a.html", "one").add("b.html", "two").bytes(), "b.html",
                "a.html");
        assertThat(codes(rejection(zip, SMALL))).containsExactly("duplicate-entry");
    }

    @Test
    void refusesNamesThatDifferOnlyInCaseOrUnicodeForm() {
        assertThat(codes(rejection(TestZips.zip().add("Index.html", "1").add("index.HTML", "2").bytes(), SMALL)))
                .containsExactly("duplicate-entry-case");
        // "が" precomposed (NFC) and decomposed (NFD, as macOS writes it)
        assertThat(codes(rejection(TestZips.zip().add("\u304c.html", "1").add("\u304b\u3099.html", "2").bytes(),
                SMALL))).containsExactly("duplicate-entry-case");
    }

    @Test
    void refusesAFileThatIsAlsoAFolder() {
        assertThat(codes(rejection(TestZips.zip().add("media", "1").add("media/a.png", "2").bytes(), SMALL)))
                .containsExactly("file-directory-clash");
    }

    @Test
    void readsNamesFromJapaneseChineseAndKoreanWindowsArchivers() throws IOException {
        byte[] japanese = TestZips.zip().add("imsmanifest.xml", "<manifest/>").add("教材/はじめに.html", "<p>")
                .bytes(Charset.forName("windows-31j"));
        SafeZip.Extracted x = extract(japanese);
        assertThat(x.files()).containsExactly("imsmanifest.xml", "教材/はじめに.html");
        assertThat(tmp.resolve("out/教材/はじめに.html")).hasContent("<p>");
        assertThat(x.warnings()).extracting(Problem::code).containsExactly("legacy-name-encoding");
        assertThat(x.warnings().get(0).message()).contains("windows-31j");

        // The same bytes would also read as Japanese half-width katakana: the uploader's language decides.
        byte[] korean = TestZips.zip().add("강의/소개.html", "<p>").bytes(Charset.forName("x-windows-949"));
        Path file = Files.write(tmp.resolve("ko.zip"), korean);
        Path ko = Files.createDirectories(tmp.resolve("ko"));
        assertThat(SafeZip.extract(file, ko, SMALL, SafeZip.legacyNameCharsets(Locale.KOREAN)).files())
                .containsExactly("강의/소개.html");
        byte[] chinese = TestZips.zip().add("课程/简介.html", "<p>").bytes(Charset.forName("GB18030"));
        Path zh = Files.createDirectories(tmp.resolve("zh"));
        assertThat(SafeZip.extract(Files.write(tmp.resolve("zh.zip"), chinese), zh, SMALL,
                SafeZip.legacyNameCharsets(Locale.SIMPLIFIED_CHINESE)).files()).containsExactly("课程/简介.html");

        assertThat(extract(TestZips.zip().add("a.html", "x").bytes()).warnings()).as("UTF-8: no warning").isEmpty();
    }

    @Test
    void refusesNamesInNoKnownEncoding() {
        byte[] zip = TestZips.zip().add("abcd.html", "x").bytes(StandardCharsets.ISO_8859_1);
        // Bytes no code page tried can decode (0x80 0xFF 0x80 0xFF), with the UTF-8 flag left clear.
        byte[] bad = TestZips.renamedBytes(zip, "abcd".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0x80, (byte) 0xFF});
        SafeZip.Rejected e = rejection(bad, SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("entry-name-encoding");
    }

    @Test
    void refusesWhatIsNotAZip() {
        SafeZip.Rejected e = rejection("this is not a zip".getBytes(StandardCharsets.UTF_8), SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("not-a-zip");
    }

    @Test
    void reportsEveryStructuralProblemAtOnce() {
        SafeZip.Rejected e = rejection(TestZips.zip().add("../a", "1").add("/b", "2").add("ok", "3").bytes(), SMALL);
        assertThat(codes(e)).containsExactly("zip-slip", "absolute-path");
    }

    @Test
    void safePathNormalizes() {
        List<Problem> problems = new ArrayList<>();
        assertThat(SafeZip.safePath("a//b/./c.html", problems)).isEqualTo("a/b/c.html");
        assertThat(SafeZip.safePath("a\\b.html", problems)).isEqualTo("a/b.html");
        assertThat(SafeZip.safePath("dir/", problems)).isEqualTo("dir");
        assertThat(problems).isEmpty();
        assertThat(SafeZip.safePath("a/../../b", problems)).isNull();
        assertThat(problems).extracting(Problem::code).containsExactly("zip-slip");
        problems.clear();
        assertThat(SafeZip.safePath("media/a.webm", problems)).isEqualTo("media/a.webm");
        assertThat(SafeZip.safePath("../a", problems)).isNull();
        assertThat(SafeZip.safePath("a\u0000b", problems)).isNull();
        assertThat(SafeZip.safePath("\\\\server\\share", problems)).isNull();
        assertThat(problems).extracting(Problem::code).containsExactly("zip-slip", "bad-entry-name", "absolute-path");
    }

    @Test
    void reportsEveryEntryThatIsAbsoluteOrClimbsOutWithBackslashes() throws IOException {
        SafeZip.Rejected e = rejection(TestZips.zip().add("/tmp/evil.txt", "x").add("C:/evil.txt", "x")
                .add("a\\..\\..\\evil.txt", "x").bytes(), SMALL);
        assertThat(e.problems()).extracting(p -> p.code() + "@" + p.location()).containsExactly(
                "absolute-path@zip:/tmp/evil.txt", "absolute-path@zip:C:/evil.txt",
                "zip-slip@zip:a\\..\\..\\evil.txt");
        assertNothingOutsideTarget();
    }

    @Test
    void refusesDuplicateNamesBeforeWritingAnything() {
        byte[] zip = TestZips.renamed(TestZips.zip().add("book.json", "{}").add("bxxk.json", "{\"evil\":1}")
                .add("Book.JSON", "{}").bytes(), "bxxk.json", "book.json");
        SafeZip.Rejected e = rejection(zip, SMALL);
        assertThat(e.problems()).extracting(p -> p.code() + "@" + p.location())
                .containsExactly("duplicate-entry@zip:book.json", "duplicate-entry-case@zip:Book.JSON");
        // neither copy is written, so the second can never replace the first
        assertThat(tmp.resolve("out/book.json")).doesNotExist();
    }

    @Test
    void rejectionsAreApiErrorsWithEveryProblemAsDetails() throws Exception {
        SafeZip.Rejected e = rejection(TestZips.zip().add("../a", "1").add("/b", "2").bytes(), SMALL);
        assertThat(e).isInstanceOf(dev.manabi.api.PlayerException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("zip-slip");
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0).message());
        assertThat(e.details()).isEqualTo(new ValidationReport(e.problems()));
        assertThat(Json.mapper().writeValueAsString(e.details())).startsWith(
                "{\"problems\":[{\"severity\":\"ERROR\",\"code\":\"zip-slip\",\"message\":");
    }

    // ---- forged layouts, built byte by byte -----------------------------------------------------------------

    @Test
    void refusesCentralEntriesThatAllPointAtOneLocalEntry() throws IOException {
        // The issue's finding: 20 central entries naming different files, all pointing at one deflated local entry;
        // counted once per entry, its bytes passed the ratio guard and unpacked 20 times.
        byte[] zeros = new byte[3_000_000];
        byte[] packed = TestZips.Raw.deflate(zeros);
        long crc = TestZips.Raw.crc(zeros);
        TestZips.Raw raw = TestZips.raw().local(TestZips.Raw.utf8("a.bin"), TestZips.Raw.UTF8, TestZips.Raw.DEFLATED,
                crc, packed.length, zeros.length, packed);
        for (int i = 0; i < 20; i++) {
            raw.central(TestZips.Raw.utf8(i == 0 ? "a.bin" : "a" + (char) ('a' + i) + ".bin"), TestZips.Raw.UTF8,
                    TestZips.Raw.DEFLATED, crc, packed.length, zeros.length, 0);
        }
        SafeZip.Limits generous = new SafeZip.Limits(100_000_000, 50, 5000, 64 * 1024);
        SafeZip.Rejected e = rejection(raw.bytes(), generous);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).hasSize(19).containsOnly("local-header-mismatch");
        assertThat(e.problems().get(0).location()).isEqualTo("zip:ab.bin");
        assertThat(tmp.resolve("out")).isEmptyDirectory();

        // The same with every central entry named as the local one: duplicates, and overlapping data.
        TestZips.Raw same = TestZips.raw().local(TestZips.Raw.utf8("a.bin"), TestZips.Raw.UTF8,
                TestZips.Raw.DEFLATED, crc, packed.length, zeros.length, packed);
        for (int i = 0; i < 3; i++) {
            same.central(TestZips.Raw.utf8("a.bin"), TestZips.Raw.UTF8, TestZips.Raw.DEFLATED, crc, packed.length,
                    zeros.length, 0);
        }
        assertThat(codes(rejection(same.bytes(), generous))).containsExactly("overlapping-entries",
                "overlapping-entries", "duplicate-entry", "duplicate-entry");
    }

    @Test
    void refusesEntriesWhoseDataContainAnotherEntry() {
        // Overlapping entries with consistent headers (the "better zip bomb" layout): b.txt's stored data is c.txt's
        // local header and data.
        byte[] inner = TestZips.raw().stored("c.txt", "hello".getBytes(StandardCharsets.UTF_8)).bytes();
        byte[] cLocal = java.util.Arrays.copyOf(inner, 30 + 5 + 5);
        long crc = TestZips.Raw.crc(cLocal);
        TestZips.Raw raw = TestZips.raw();
        raw.local(TestZips.Raw.utf8("b.txt"), TestZips.Raw.UTF8, TestZips.Raw.STORED, crc, cLocal.length,
                cLocal.length, cLocal);
        raw.central(TestZips.Raw.utf8("b.txt"), TestZips.Raw.UTF8, TestZips.Raw.STORED, crc, cLocal.length,
                cLocal.length, 0);
        raw.central(TestZips.Raw.utf8("c.txt"), TestZips.Raw.UTF8, TestZips.Raw.STORED,
                TestZips.Raw.crc("hello".getBytes(StandardCharsets.UTF_8)), 5, 5, 30 + 5);
        SafeZip.Rejected e = rejection(raw.bytes(), SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("overlapping-entries");
        assertThat(e.problems().get(0).location()).isEqualTo("zip:c.txt");
    }

    @Test
    void refusesDataThatReachIntoTheCentralDirectory() {
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        TestZips.Raw raw = TestZips.raw();
        raw.local(TestZips.Raw.utf8("a.txt"), TestZips.Raw.UTF8, TestZips.Raw.STORED, TestZips.Raw.crc(data), 40,
                40, data);
        raw.central(TestZips.Raw.utf8("a.txt"), TestZips.Raw.UTF8, TestZips.Raw.STORED, TestZips.Raw.crc(data), 40,
                40, 0);
        assertThat(codes(rejection(raw.bytes(), SMALL))).containsExactly("overlapping-entries");
    }

    @Test
    void refusesLocalHeadersThatDisagreeWithTheCentralDirectory() {
        byte[] data = "content".getBytes(StandardCharsets.UTF_8);
        long crc = TestZips.Raw.crc(data);
        int n = data.length;
        byte[] name = TestZips.Raw.utf8("a.txt");
        // another name in the local header
        assertThat(mismatch(TestZips.raw().local(TestZips.Raw.utf8("b.txt"), TestZips.Raw.UTF8, 0, crc, n, n, data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 0))).contains("names another file");
        // an offset that is not a local header
        assertThat(mismatch(TestZips.raw().stored("x.txt", data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 3))).contains("no local header");
        // an offset beyond the file
        assertThat(mismatch(TestZips.raw().stored("x.txt", data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 1_000_000))).contains("outside the file");
        // other sizes
        assertThat(mismatch(TestZips.raw().local(name, TestZips.Raw.UTF8, 0, crc, n, n + 1, data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 0))).contains("other sizes");
        // another checksum
        assertThat(mismatch(TestZips.raw().local(name, TestZips.Raw.UTF8, 0, crc + 1, n, n, data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 0))).contains("checksum");
        // another method
        assertThat(mismatch(TestZips.raw().local(name, TestZips.Raw.UTF8, TestZips.Raw.DEFLATED, crc, n, n, data)
                .central(name, TestZips.Raw.UTF8, 0, crc, n, n, 0))).contains("compression method");
    }

    private String mismatch(TestZips.Raw raw) {
        SafeZip.Rejected e = rejection(raw.bytes(), SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("local-header-mismatch");
        return e.problems().get(0).message();
    }

    @Test
    void refusesEntriesWhoseChecksumOrStoredSizeIsWrong() throws IOException {
        byte[] data = "content".getBytes(StandardCharsets.UTF_8);
        byte[] name = TestZips.Raw.utf8("a.txt");
        long wrong = TestZips.Raw.crc(data) ^ 1;
        assertThat(codes(rejection(TestZips.raw().local(name, TestZips.Raw.UTF8, 0, wrong, 7, 7, data)
                .central(name, TestZips.Raw.UTF8, 0, wrong, 7, 7, 0).bytes(), SMALL))).containsExactly("crc-mismatch");
        long crc = TestZips.Raw.crc(data);
        assertThat(codes(rejection(TestZips.raw().local(name, TestZips.Raw.UTF8, 0, crc, 7, 6, data)
                .central(name, TestZips.Raw.UTF8, 0, crc, 7, 6, 0).bytes(), SMALL))).containsExactly("size-mismatch");
        byte[] packed = TestZips.Raw.deflate(data);
        Path intact = Files.write(tmp.resolve("intact.zip"), TestZips.raw()
                .local(name, TestZips.Raw.UTF8, 8, crc, packed.length, 7, packed).stored("z.txt", new byte[0])
                .central(name, TestZips.Raw.UTF8, 8, crc, packed.length, 7, 0).bytes());
        assertThat(SafeZip.extract(intact, Files.createDirectories(tmp.resolve("intact")), SMALL).files())
                .as("intact, the central directory listing entries in another order")
                .containsExactly("a.txt", "z.txt");
    }

    @Test
    void encryptedEntriesHaveTheirOwnCode() {
        byte[] data = "secret".getBytes(StandardCharsets.UTF_8);
        long crc = TestZips.Raw.crc(data);
        byte[] name = TestZips.Raw.utf8("secret.txt");
        int flags = TestZips.Raw.UTF8 | TestZips.Raw.ENCRYPTED;
        SafeZip.Rejected e = rejection(TestZips.raw().stored("index.html", "<p>".getBytes(StandardCharsets.UTF_8))
                .local(name, flags, 0, crc, 6, 6, data).central(name, flags, 0, crc, 6, 6, 30 + 10 + 3).bytes(),
                SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("encrypted-entry");
        assertThat(e.problems().get(0).location()).isEqualTo("zip:secret.txt");
    }

    @Test
    void namesMarkedUtf8ThatAreNotHaveTheirOwnCode() {
        byte[] bad = {'a', (byte) 0xC3, (byte) 0x28, '.', 't', 'x', 't'};
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        long crc = TestZips.Raw.crc(data);
        SafeZip.Rejected e = rejection(TestZips.raw().local(bad, TestZips.Raw.UTF8, 0, crc, 1, 1, data)
                .central(bad, TestZips.Raw.UTF8, 0, crc, 1, 1, 0).bytes(), SMALL);
        assertThat(e.status()).isEqualTo(400);
        assertThat(codes(e)).containsExactly("bad-entry-name");
    }

    @Test
    void readsStoredAndDeflatedEntriesWrittenByteByByte() throws IOException {
        byte[] text = "<p>こんにちは</p>".repeat(100).getBytes(StandardCharsets.UTF_8);
        SafeZip.Extracted x = extract(TestZips.raw().stored("a.html", text).deflated("b/c.html", text).bytes());
        assertThat(x.files()).containsExactly("a.html", "b/c.html");
        assertThat(Files.readAllBytes(tmp.resolve("out/b/c.html"))).isEqualTo(text);
        assertThat(x.totalBytes()).isEqualTo(2L * text.length);
    }

    @Test
    void aZipLibraryReasonIsRepeatedOnlyWhenItNamesNothingOfTheServer() {
        assertThat(SafeZip.reason(new java.util.zip.ZipException("zip END header not found")))
                .isEqualTo(" (zip END header not found)");
        assertThat(SafeZip.reason(new java.util.zip.ZipException("invalid LOC header (bad signature)")))
                .isEqualTo(" (invalid LOC header (bad signature))");
        assertThat(SafeZip.reason(new java.util.zip.ZipException("/srv/manabi/uploads/tmp123.zip: zip file is empty")))
                .isEmpty();
        assertThat(SafeZip.reason(new java.util.zip.ZipException(null))).isEmpty();
    }
}
