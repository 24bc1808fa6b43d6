package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One course, one SCORM package per language: the learner gets the variant of their language, and switching the
 * language in the player switches the variant.
 */
class LanguageVariantsIT {

    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path corpusPackage(String name) {
        Path file = Path.of(System.getProperty("manabi.corpus.dir", "../shared/corpus")).resolve(name);
        if (!Files.isRegularFile(file)) {
            if (Boolean.getBoolean("interop.required")) {
                throw new IllegalStateException("interop.required but " + file.toAbsolutePath() + " is missing");
            }
            Assumptions.abort("No corpus package " + file + "; language variant test skipped");
        }
        return file;
    }

    /**
     * The package under its own manifest identifier: an upload with a known identifier is a new version of that
     * package wherever it lives, and ScormCorpusIT uploads the same corpus files as courses of their own.
     */
    private static Path asVariant(Path source, String language) {
        try {
            Path out = Files.createTempFile("variant-" + language + "-", ".zip");
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                 ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals("imsmanifest.xml")) {
                        bytes = new String(bytes, StandardCharsets.UTF_8)
                                .replaceFirst("(<manifest[^>]*?\\sidentifier=\")([^\"]*)\"",
                                        "$1$2-variant-" + language + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void learnerGetsTheVariantOfTheirLanguage() {
        Path japanese = asVariant(corpusPackage("RuntimeBasicCalls_SCORM12.zip"), "ja");
        Path english = asVariant(corpusPackage("RuntimeBasicCalls_SCORM20043rdEdition.zip"), "en");
        Api author = Api.as("author");
        var course = author.postJson("/manabi/api/courses", "{\"title\":{\"ja\":\"言語別コース\",\"en\":\"Variants\"},"
                + "\"defaultLanguage\":\"en\",\"visibility\":\"TENANT\"}");
        assertThat(course.status()).isEqualTo(201);
        String courseId = course.json().get("id").asText();
        var ja = author.postFile("/manabi/api/packages?course=" + courseId + "&language=ja", japanese,
                "application/zip");
        var en = author.postFile("/manabi/api/packages?course=" + courseId + "&language=en", english,
                "application/zip");
        assertThat(ja.status()).as(ja.text()).isEqualTo(201);
        assertThat(en.status()).as(en.text()).isEqualTo(201);
        String jaLine = ja.json().get("lineId").asText();
        String enLine = en.json().get("lineId").asText();

        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator part = page.locator("manabi-player").locator("manabi-scorm-player");
        assertThat(part).hasAttribute("ref", jaLine);
        assertThat(page.locator("manabi-player").locator("#title")).hasText("言語別コース");

        page.locator("manabi-player").locator("#language").selectOption("en");
        assertThat(part).hasAttribute("ref", enLine);
        assertThat(page.locator("manabi-player").locator("#title")).hasText("Variants");
        Api.as("alice").delete("/manabi/api/me/language");
    }
}
