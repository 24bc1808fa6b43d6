package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCORM 2004 sequencing as a learner meets it in Chromium, on the corpus package SequencingForcedSequential (five
 * SCOs, each disabled by a precondition rule until the previous one's objective is satisfied; the last one a quiz):
 * the Quiz is listed but not choosable at the start and the TOC says why; Next follows the server's look-ahead; a
 * reload mid-course resumes the current SCO; Suspend All keeps the attempt and Resume All continues it; failing the
 * quiz fails the course, passing it passes the course (the root's rollup), and Finish (Exit All) ends the attempt.
 */
class SequencingIT {

    private static final String ZIP = "SequencingForcedSequential_SCORM20043rdEdition.zip";
    private static final List<String> CONTENT = List.of("playing_item", "etuqiette_item", "handicapping_item",
            "havingfun_item");
    private static final String QUIZ = "assessment_item";

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    @Test
    void forcedSequentialIsPlayedAsItsSequencingSays() {
        Api.Reply upload = Api.as("author").postFile("/manabi/api/packages", Corpus.file(ZIP), "application/zip");
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String courseId = upload.json().get("courseId").asText();
        String attempts = "/manabi/api/scorm/courses/" + courseId + "/lines/" + upload.json().get("lineId").asText()
                + "/attempts";

        // 1. Failing the quiz fails the course.
        assertThat(Api.as("alice").postJson(attempts, "{}").status()).isEqualTo(201);
        Page page = browser.signIn("alice");
        page.onDialog(d -> d.accept()); // the golf SCOs ask whether to resume at their bookmark: yes
        page.navigate("/player.html?course=" + courseId);
        Locator player = page.locator("manabi-scorm-player");
        ScormCorpusIT.awaitDelivered(page, player, CONTENT.get(0));

        Locator quiz = player.locator("[role=treeitem][data-id=\"" + QUIZ + "\"]");
        assertThat(quiz).hasAttribute("aria-disabled", "true");
        assertThat(quiz.locator(".reason")).containsText("Not available yet");
        assertThat(player.locator("#next")).isDisabled();
        Browser.screenshot(page, "sequencing-start");

        ScormCorpusIT.playThrough(Browser.currentSco(page, 30_000));
        player.locator("#next").click(); // enabled once the SCO's commit satisfied its objective
        ScormCorpusIT.awaitDelivered(page, player, CONTENT.get(1));

        page.navigate("/player.html?course=" + courseId);
        ScormCorpusIT.awaitDelivered(page, player, CONTENT.get(1));

        player.locator("#suspend").click();
        page.waitForURL("**/index.html");
        JsonNode suspended = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(suspended.get("completion").asText()).isEqualTo("incomplete");
        page.navigate("/player.html?course=" + courseId);
        ScormCorpusIT.awaitDelivered(page, player, CONTENT.get(1));

        for (int i = 1; i < CONTENT.size(); i++) {
            ScormCorpusIT.playThrough(Browser.currentSco(page, 30_000));
            player.locator("#next").click();
            ScormCorpusIT.awaitDelivered(page, player, i + 1 < CONTENT.size() ? CONTENT.get(i + 1) : QUIZ);
        }
        answerQuiz(Browser.currentSco(page, 30_000), false);
        Browser.screenshot(page, "sequencing-quiz-failed");
        player.locator("#exit-all").click();
        page.waitForURL("**/index.html");
        JsonNode failed = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(failed.get("success").asText()).as(failed.toString()).isEqualTo("failed");

        // 2. A new attempt: passing the quiz passes the course.
        assertThat(Api.as("alice").postJson(attempts, "{}").status()).isEqualTo(201);
        page.navigate("/player.html?course=" + courseId);
        ScormCorpusIT.awaitDelivered(page, player, CONTENT.get(0));
        for (int i = 0; i < CONTENT.size(); i++) {
            ScormCorpusIT.playThrough(Browser.currentSco(page, 30_000));
            player.locator("#next").click();
            ScormCorpusIT.awaitDelivered(page, player, i + 1 < CONTENT.size() ? CONTENT.get(i + 1) : QUIZ);
        }
        answerQuiz(Browser.currentSco(page, 30_000), true);
        player.locator("#exit-all").click();
        page.waitForURL("**/index.html");
        JsonNode passed = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(passed.get("completion").asText()).as(passed.toString()).isEqualTo("completed");
        assertThat(passed.get("success").asText()).as(passed.toString()).isEqualTo("passed");
        page.context().close();
    }

    /**
     * Answers the golf quiz: every question right (the template marks the right answer's element
     * {@code .correctAnswer}; numeric questions show it in parentheses) or every question wrong, then submits.
     */
    private static void answerQuiz(Frame sco, boolean right) {
        Locator form = sco.frameLocator("#contentFrame").locator("body");
        form.locator("input[type=radio]").first().waitFor();
        Locator radios = form.locator((right ? ".correctAnswer" : ".answer") + " input[type=radio]");
        for (int i = 0; i < radios.count(); i++) {
            radios.nth(i).check();
        }
        Locator numbers = form.locator(".correctAnswer:has(input[type=text])");
        for (int i = 0; i < numbers.count(); i++) {
            String shown = numbers.nth(i).innerText().replaceAll("[^0-9.-]", "");
            numbers.nth(i).locator("input[type=text]").fill(right ? shown : "-1");
        }
        form.locator("input[type=button][value*=Submit], button:has-text('Submit')").first().click();
    }
}
