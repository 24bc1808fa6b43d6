package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A content team's round trip in the sample portal: upload a zip through the page, read the validation report,
 * open the preview, watch the API calls and data-model values live, and leave no learner record behind.
 */
class AuthorPreviewIT {

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    @Test
    void rejectedUploadShowsTheValidationReport() throws IOException {
        Path noManifest = Files.createTempFile("no-manifest-", ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noManifest))) {
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write("<p>not a package</p>".getBytes());
            zip.closeEntry();
        }
        Page page = browser.signIn("author");
        page.locator("input[name=file]").setInputFiles(noManifest);
        page.locator("#upload button[type=submit]").click();
        Locator status = page.locator("#upload-result [role=status]");
        assertThat(status).hasClass("error");
        assertThat(status).containsText("Import failed");
        Locator problem = page.locator("#upload-result table tbody tr.error").first();
        assertThat(problem.locator("td").first()).hasText("Error");
        assertThat(problem.locator("td").nth(1)).hasText("manifest-missing");
        Files.delete(noManifest);
        page.context().close();
    }

    @Test
    void authorPreviewsAPackageWithALiveApiLogAndIsNotTracked() {
        Path zip = Corpus.copyWithIdentifierSuffix("RuntimeBasicCalls_SCORM20043rdEdition.zip", "preview");
        Page page = browser.signIn("author");
        page.locator("select[name=kind]").selectOption("scorm");
        page.locator("input[name=file]").setInputFiles(zip);
        page.locator("#upload button[type=submit]").click();
        Locator status = page.locator("#upload-result [role=status]");
        assertThat(status).containsText("Imported");
        assertThat(page.locator("#packages")).containsText("Golf Explained");

        status.locator("a").click();
        page.waitForURL("**/preview.html?package=**");
        Locator preview = page.locator("manabi-scorm-preview");
        Locator log = preview.locator("#log");
        assertThat(log.locator("tr").first()).containsText("Initialize");
        assertThat(log.locator("tr").first().locator("td").nth(3)).hasText("\"true\"");

        // Two pages on, the SCO's bookmark shows in the live data model.
        FrameLocator sco = Browser.scoFrame(page.frameLocator("manabi-scorm-preview iframe#frame"));
        sco.locator("#butNext").click();
        sco.locator("#butNext").click();
        Locator location = preview.locator("#values tr", new Locator.LocatorOptions().setHas(
                page.locator("td", new Page.LocatorOptions().setHasText("cmi.location"))));
        assertThat(location.locator("td").nth(1)).hasText("2");
        assertThat(log).containsText("cmi.location");

        // A call the spec forbids shows with its error code (SCORM 2004 RTE 3.1.7.6: 406 type mismatch). The API
        // lives in the launcher on the content origin, not on the portal's window.
        assertThat(page.evaluate("() => typeof window.API_1484_11")).isEqualTo("undefined");
        Object result = Browser.launcher(page).evaluate(
                "() => window.API_1484_11.SetValue('cmi.completion_status', 'finished')");
        assertThat(result).isEqualTo("false");
        Locator failed = log.locator("tr.err").last();
        assertThat(failed).containsText("SetValue");
        assertThat(failed.locator("td").nth(4)).hasText("406");

        page.navigate("/index.html");
        JsonNode line = null;
        for (JsonNode l : Api.as("author").get("/manabi/api/packages").json()) {
            if (l.get("manifestIdentifier").asText().endsWith("-preview")) {
                line = l;
            }
        }
        assertThat(line).isNotNull();
        JsonNode progress = Api.as("author").get("/manabi/api/courses/" + line.get("courseId").asText()
                + "/progress/me").json();
        assertThat(progress.get("completion").asText()).as("a preview records nothing: " + progress)
                .isEqualTo("not attempted");
        assertThat(progress.get("totalTime").asText()).isEqualTo("PT0H0M0S");
        page.context().close();
    }
}
