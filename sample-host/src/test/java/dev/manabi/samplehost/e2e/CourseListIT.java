package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16, the course list ({@code <manabi-course-list>} on the portal's catalog): a course shows as in progress
 * after a SCO was opened and its Continue button reopens the player where the learner left; a quiz course shows as
 * passed with its best score after the quiz; the list meets WCAG 2.1 AA (axe) in Japanese and English. Two fresh
 * courses whose titles carry this run's token, which the test searches for, so other tests' courses do not matter.
 */
class CourseListIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(30_000);
    private static final LocatorAssertions.HasTextOptions SLOW_TEXT = new LocatorAssertions.HasTextOptions()
            .setTimeout(30_000);
    private static final String TOKEN = "list" + UUID.randomUUID().toString().substring(0, 6);

    private static String scormCourse;
    private static String quizCourse;

    @BeforeAll
    static void courses() throws IOException {
        Api author = Api.as("author");
        var course = author.postJson("/manabi/api/courses", "{\"title\":{\"en\":\"Golf " + TOKEN + "\",\"ja\":\"ゴルフ "
                + TOKEN + "\"},\"defaultLanguage\":\"en\",\"visibility\":\"TENANT\"}");
        assertThat(course.status()).as(course.text()).isEqualTo(201);
        scormCourse = course.json().get("id").asText();
        Path zip = Corpus.copyWithIdentifierSuffix("RuntimeMinimumCalls_SCORM12.zip", TOKEN);
        var pkg = author.postFile("/manabi/api/packages?course=" + scormCourse, zip, "application/zip");
        assertThat(pkg.status()).as(pkg.text()).isEqualTo(201);

        String quiz = Files.readString(Path.of("src/main/demo/quiz/infosec-basics.json"), StandardCharsets.UTF_8)
                .replace("\"id\": \"infosec-basics\"", "\"id\": \"" + TOKEN + "\"")
                .replace("\"en\": \"Information security basics: check your understanding\"",
                        "\"en\": \"Security quiz " + TOKEN + "\"");
        var imported = author.postJson("/manabi/api/quizzes", quiz);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        quizCourse = imported.json().get("courseId").asText();
    }

    private static Locator search(Page page) {
        Locator list = page.locator("manabi-course-list");
        list.locator("input[type=search]").fill(TOKEN);
        return list;
    }

    private static Locator item(Locator list, String courseId) {
        return list.locator("li[data-course=\"" + courseId + "\"]");
    }

    @Test
    void inProgressAfterAScoResumeWhereLeftPassedAfterTheQuiz() {
        Page page = browser.signIn("admin-a", "en-US");
        Locator list = search(page);
        assertThat(list.locator("li[data-course]")).hasCount(2);
        Locator golf = item(list, scormCourse);
        assertThat(golf).hasAttribute("data-status", "not-started");
        assertThat(golf.locator(".status")).hasText("Not started");
        assertThat(golf.locator(".last")).hasText("Not opened yet");

        // Start the SCORM course and move to its second SCO.
        golf.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Start")).click();
        Locator scorm = page.locator("manabi-player").locator("manabi-scorm-player");
        Locator etiquette = scorm.locator("[role=treeitem][data-id=\"etiquette_course_item\"]");
        assertThat(etiquette).isVisible(SLOW);
        etiquette.click();
        assertThat(etiquette).hasAttribute("aria-current", "page");
        Browser.currentSco(page, 30_000);

        page.navigate("/index.html");
        list = search(page);
        golf = item(list, scormCourse);
        assertThat(golf).hasAttribute("data-status", "in-progress");
        assertThat(golf.locator(".status")).hasText("In progress");
        Browser.screenshot(page, "course-list-in-progress");

        // Continue reopens the SCO the learner left.
        golf.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Continue")).click();
        assertThat(page.locator("manabi-player").locator("manabi-scorm-player")
                .locator("[role=treeitem][data-id=\"etiquette_course_item\"]")).hasAttribute("aria-current", "page");

        // Pass the quiz course, then the list says so, with the best score, under the "Finished" filter.
        page.navigate("/index.html");
        list = search(page);
        item(list, quizCourse).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Start")).click();
        Locator quiz = page.locator("manabi-quiz-player");
        quiz.locator("button.primary").first().click();
        assertThat(quiz.locator("fieldset[data-question]").first()).isVisible(SLOW);
        QuizIT.answerEverythingRightInEnglish(quiz);
        QuizIT.submit(quiz, "Submit answers");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "true");

        page.navigate("/index.html");
        list = search(page);
        Locator passed = item(list, quizCourse);
        assertThat(passed).hasAttribute("data-status", "passed");
        assertThat(passed.locator(".status")).hasText("Passed");
        assertThat(passed.locator(".score")).hasText("Best score: 100%");
        assertThat(passed.getByRole(AriaRole.LINK)).hasText("Review");
        list.getByLabel("Finished (1)").check();
        assertThat(list.locator("li[data-course]")).hasCount(1);
        assertThat(item(list, quizCourse)).isVisible();
        Browser.screenshot(page, "course-list-passed");
        page.context().close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja-JP", "en-US"})
    void theListMeetsWcag21AA(String language) {
        Api.as("alice").delete("/manabi/api/me/language");
        Page page = browser.signIn("alice", language);
        Locator list = page.locator("manabi-course-list");
        assertThat(list.locator("li").first()).isVisible(SLOW);
        List<String> problems = new ArrayList<>(AccessibilityIT.check(page, "course list"));
        search(page);
        assertThat(list.locator("li[data-course]")).hasCount(2);
        problems.addAll(AccessibilityIT.check(page, "course list, searched"));
        assertThat(problems).as("axe-core WCAG 2.1 AA violations (" + language + ")").isEmpty();
        page.context().close();
    }

    /** Paging by keyboard: turning onto the last page and back keeps the focus in the pager (WCAG 2.4.3). */
    @org.junit.jupiter.api.Test
    void theKeyboardStaysInThePagerWhenTurningToTheLastPageAndBack() {
        Api.as("alice").delete("/manabi/api/me/language");
        Page page = browser.signIn("alice", "en-US");
        assertThat(page.locator("manabi-course-list").locator("li").first()).isVisible(SLOW);
        // The same component with one course per page: the two courses of this test are then two pages.
        page.evaluate("() => { const l = document.createElement('manabi-course-list'); l.id = 'paged';"
                + " l.setAttribute('page-size', '1'); document.body.append(l); }");
        Locator list = page.locator("#paged");
        list.locator("input[type=search]").fill(TOKEN);
        Locator next = list.locator("nav.pager button.next");
        Locator previous = list.locator("nav.pager button.prev");
        assertThat(list.locator("nav.pager .where")).hasText("Page 1 of 2", SLOW_TEXT);
        next.focus();
        page.keyboard().press("Enter");
        assertThat(list.locator("nav.pager .where")).hasText("Page 2 of 2", SLOW_TEXT);
        assertThat(next).isDisabled();
        assertThat(previous).isFocused();
        page.keyboard().press("Enter");
        assertThat(list.locator("nav.pager .where")).hasText("Page 1 of 2", SLOW_TEXT);
        assertThat(previous).isDisabled();
        assertThat(next).isFocused();
        page.context().close();
    }
}
