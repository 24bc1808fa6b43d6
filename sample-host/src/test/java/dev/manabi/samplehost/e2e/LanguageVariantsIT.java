package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One course, one SCORM package per language: the learner gets the variant of their language, and switching the
 * language in the player switches the variant.
 */
class LanguageVariantsIT {

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    @Test
    void learnerGetsTheVariantOfTheirLanguageAndContinuesWhereTheyWereAfterSwitching() {
        // Two renderings of the same Golf course with the same item identifiers, as translations exported from one
        // source have: a SCORM 1.2 multi-SCO package as the Japanese variant, a one-file-per-item one as English.
        Path japanese = Corpus.copyWithIdentifierSuffix("RuntimeMinimumCalls_SCORM12.zip", "variant-ja");
        Path english = Corpus.copyWithIdentifierSuffix("ContentPackagingOneFilePerSCO_SCORM12.zip", "variant-en");
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
        Locator etiquette = part.locator("[role=treeitem][data-id=\"etiquette_course_item\"]");
        etiquette.click();
        assertThat(etiquette).hasAttribute("aria-current", "page");

        page.locator("manabi-player").locator("#language").selectOption("en");
        assertThat(part).hasAttribute("ref", enLine);
        assertThat(page.locator("manabi-player").locator("#title")).hasText("Variants");
        // The English variant continues at the activity the learner was on in Japanese.
        assertThat(part.locator("[role=treeitem][data-id=\"etiquette_course_item\"]"))
                .hasAttribute("aria-current", "page");
        Api.as("alice").delete("/manabi/api/me/language");
    }
}
