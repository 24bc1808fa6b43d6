package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, the language rule (README "Languages") in Chromium: the four-language demo course (default ja) opens in
 * the browser's language for ko-KR, zh-TW, zh-CN, en-US and ja-JP readers — UI chrome, tab names, the video book's
 * topic titles and captions, the quiz intro; an explicit choice still wins; a Japanese-only course opens in Japanese
 * for a Korean reader. Plays SCORM content, so one renderer process (see {@link Browser#perClassInOneProcess()}).
 */
class LearnerLanguageIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    private static final LocatorAssertions.HasAttributeOptions SLOW = new LocatorAssertions.HasAttributeOptions()
            .setTimeout(30_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String demoCourse;
    private static JsonNode book;
    private static JsonNode quiz;

    @BeforeAll
    static void demo() throws IOException {
        for (JsonNode c : Api.as("bob").get("/manabi/api/courses").json()) {
            if (c.get("components").findValuesAsText("kind").containsAll(java.util.List.of("book", "quiz"))) {
                demoCourse = c.get("id").asText();
            }
        }
        assertThat(demoCourse).as("the demo course is seeded").isNotNull();
        book = JSON.readTree(Path.of("src/main/demo/book/book.json").toFile());
        quiz = JSON.readTree(Path.of("src/main/demo/quiz/infosec-basics.json").toFile());
    }

    private static String ui(String tag, String key) {
        return Api.as("bob").get("/manabi/api/i18n/" + tag).json().at("/messages/" + key.replace("/", "~1")).asText();
    }

    @ParameterizedTest
    @CsvSource({"ko-KR, ko", "zh-TW, zh-Hant", "zh-CN, zh-Hans", "en-US, en", "ja-JP, ja"})
    void theDemoCourseOpensInTheBrowsersLanguage(String browserLanguage, String tag) {
        Api.as("bob").delete("/manabi/api/me/language");
        Page page = browser.signIn("bob", browserLanguage);
        page.navigate("/player.html?course=" + demoCourse);
        Locator shell = page.locator("manabi-player");
        assertThat(shell).hasAttribute("lang", tag);
        assertThat(page.locator("html")).hasAttribute("lang", tag);
        assertThat(shell.locator("header #exit")).hasText(ui(tag, "player.exit"));
        assertThat(shell.locator("#tab-0")).hasText(ui(tag, "player.part.book").replace("{0}", "1"));
        assertThat(shell.locator("#title")).hasText(book.at("/title/" + tag).asText());
        Locator player = shell.locator("manabi-book-player");
        assertThat(player).hasAttribute("data-state", "ready", SLOW);
        assertThat(player.locator(".topic-title")).hasText(book.at("/topics/0/title/" + tag).asText());
        assertThat(player.locator("select.caption-language")).hasValue(tag);
        shell.locator("#tab-1").click();
        assertThat(shell.locator("manabi-quiz-player").locator("h2")).hasText(quiz.at("/title/" + tag).asText());
        Browser.screenshot(page, "demo-course-" + browserLanguage);
        page.context().close();
    }

    @Test
    void anExplicitChoiceStillWins() {
        Api.Reply chosen = Api.as("bob").putJson("/manabi/api/me/language", "{\"language\":\"zh-Hant\"}");
        assertThat(chosen.status()).as(chosen.text()).isBetween(200, 204);
        try {
            Page page = browser.signIn("bob", "ko-KR");
            page.navigate("/player.html?course=" + demoCourse);
            assertThat(page.locator("manabi-player")).hasAttribute("lang", "zh-Hant");
            assertThat(page.locator("manabi-player").locator("header #exit")).hasText(ui("zh-Hant", "player.exit"));
            page.context().close();
        } finally {
            Api.as("bob").delete("/manabi/api/me/language");
        }
    }

    @Test
    void aJapaneseOnlyPackageOpensInJapaneseForAKoreanReader() {
        Api author = Api.as("author");
        var course = author.postJson("/manabi/api/courses", "{\"title\":{\"ja\":\"日本語だけのコース\"},"
                + "\"defaultLanguage\":\"ja\",\"visibility\":\"TENANT\"}");
        assertThat(course.status()).as(course.text()).isEqualTo(201);
        String courseId = course.json().get("id").asText();
        Path zip = Corpus.copyWithIdentifierSuffix("RuntimeMinimumCalls_SCORM12.zip", "ja-only");
        var pkg = author.postFile("/manabi/api/packages?course=" + courseId + "&language=ja", zip, "application/zip");
        assertThat(pkg.status()).as(pkg.text()).isEqualTo(201);

        Api.as("alice").delete("/manabi/api/me/language");
        Page page = browser.signIn("alice", "ko-KR");
        // Outside the course the portal is Korean; the course itself offers only Japanese.
        assertThat(page.locator("#catalog-title")).hasText(ui("ko", "catalog.title"));
        page.navigate("/player.html?course=" + courseId);
        Locator shell = page.locator("manabi-player");
        assertThat(shell).hasAttribute("lang", "ja");
        assertThat(shell.locator("header #exit")).hasText(ui("ja", "player.exit"));
        assertThat(shell.locator("#title")).hasText("日本語だけのコース");
        assertThat(shell.locator("manabi-scorm-player")).hasAttribute("lang", "ja");
        page.context().close();
    }
}
