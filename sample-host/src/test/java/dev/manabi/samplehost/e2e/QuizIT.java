package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quiz engine in Chromium: a learner fails the demo quiz in Japanese, passes it in English, and then uses up the
 * last of three attempts. Imports the committed demo quiz (src/main/demo/quiz) through the REST API under a fresh id,
 * so it neither depends on nor collides with the host's demo seeding. The fifth question is the portal's own
 * {@code passphrase-policy} type, so the QuestionType SPI is exercised end to end (server scoring and renderer).
 */
class QuizIT {

    private static final Path DEMO = Path.of("src/main/demo/quiz/infosec-basics.json");
    private static final String PLAYER = "manabi-quiz-player";

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static String quizId;
    private static String courseId;

    @BeforeAll
    static void importDemoQuiz() throws IOException {
        quizId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String json = Files.readString(DEMO, StandardCharsets.UTF_8)
                .replace("\"id\": \"infosec-basics\"", "\"id\": \"" + quizId + "\"");
        Api.Reply imported = Api.as("author").postJson("/manabi/api/quizzes", json);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        courseId = imported.json().get("courseId").asText();
        Api.Reply rules = Api.as("author").putJson("/manabi/api/courses/" + courseId + "/completion-rules",
                "{\"units\": [{\"id\": \"security-basics\", \"when\": [{\"type\": \"quiz\", \"quiz\": \"" + quizId
                        + "\"}]}], \"course\": {\"pass\": {\"quizzes\": [\"" + quizId + "\"], \"aggregate\": \"sum\","
                        + " \"atLeast\": 4}}}");
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);
    }

    @Test
    void invalidDefinitionsAreRejectedWholeWithJsonPaths() throws IOException {
        String broken = Files.readString(DEMO, StandardCharsets.UTF_8)
                .replace("\"id\": \"infosec-basics\"", "\"id\": \"broken-" + UUID.randomUUID() + "\"")
                .replace("\"correct\": \"passphrase\"", "\"correct\": \"nope\"")
                .replace("\"minLength\": 12", "\"minLength\": 0");
        Api.Reply reply = Api.as("author").postJson("/manabi/api/quizzes", broken);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid-quiz");
        assertThat(reply.json().at("/details/problems").findValuesAsText("path"))
                .containsExactlyInAnyOrder("$.questions[0].correct", "$.questions[4].minLength");
        assertThat(Api.as("alice").postJson("/manabi/api/quizzes", "{}").status()).isEqualTo(403);
    }

    @Test
    void failInJapanesePassInEnglishThenRunOutOfAttempts() {
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
        Page page = browser.signIn("alice", "ja-JP");
        page.navigate("/player.html?course=" + courseId);
        Locator quiz = page.locator(PLAYER);

        // Attempt 1, in Japanese: two of five right (40 %) fails the 80 % threshold.
        assertThat(quiz.locator("h2")).hasText("情報セキュリティの基礎：確認テスト");
        assertThat(quiz.locator("[data-attempts-left]")).hasText("残りの受験回数：3 回（全 3 回）");
        quiz.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("確認テストを始める")).click();
        assertThat(quiz.locator("fieldset")).hasCount(5);
        assertThat(quiz.locator("fieldset[data-question=mfa] legend")).hasText("第 3 問（全 5 問）");
        question(quiz, "strong-password").getByText("自分の誕生日（例：19990401）").click();
        question(quiz, "mfa").getByLabel("正しい").check();
        question(quiz, "countermeasures").locator("select[data-prompt=ransomware]").selectOption("backup");
        question(quiz, "countermeasures").locator("select[data-prompt=shoulder]").selectOption("lock");
        question(quiz, "countermeasures").locator("select[data-prompt=outdated]").selectOption("update");
        assertThat(question(quiz, "make-a-passphrase").locator(".hint")).containsText("12 文字以上");
        submit(quiz, "解答を提出する");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "false");
        assertThat(quiz.locator(".result .score")).hasText("得点：5 点中 2 点（40%）");
        assertThat(quiz.locator(".result .verdict")).hasText("まだ合格していません。");
        // review: after-final-attempt, so no answers while attempts remain and nothing is passed
        assertThat(quiz.locator(".solution")).hasCount(0);
        Browser.screenshot(page, "quiz-ja-failed");

        // Attempt 2, in English: everything right passes.
        page.locator("manabi-player").locator("#language").selectOption("en");
        assertThat(quiz.locator("h2")).hasText("Information security basics: check your understanding");
        assertThat(quiz.locator("[data-attempts-left]")).hasText("Attempts left: 2 of 3");
        quiz.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Try again")).click();
        assertThat(quiz.locator("fieldset")).hasCount(5);
        answerEverythingRightInEnglish(quiz);
        assertThat(question(quiz, "make-a-passphrase").locator(".hint")).hasText("Characters: 20 (at least 12)");
        assertThat(quiz.locator("#save-status")).hasText("All answers saved");
        Browser.screenshot(page, "quiz-en-answers");
        submit(quiz, "Submit answers");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "true");
        assertThat(quiz.locator(".result .score")).hasText("Score: 5 of 5 points (100%)");
        assertThat(quiz.locator(".result .verdict")).hasText("Passed. Well done!");

        JsonNode status = Api.as("alice").get("/manabi/api/courses/" + courseId + "/completion-rules/status").json();
        assertThat(status.at("/units/security-basics").asBoolean()).isTrue();
        assertThat(status.get("completed").asBoolean()).isTrue();
        assertThat(status.get("passed").asBoolean()).isTrue();

        // Attempt 3, the last one, by keyboard only: a wrong answer fails, then no attempt is left and the review
        // shows the answers.
        quiz.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Try again")).focus();
        page.keyboard().press("Enter");
        assertThat(quiz.locator("fieldset")).hasCount(5);
        assertThat(quiz.locator("#quiz-title")).isFocused();
        question(quiz, "mfa").getByLabel("True").focus();
        page.keyboard().press("ArrowDown");
        assertThat(question(quiz, "mfa").getByLabel("False")).isChecked();
        quiz.locator("button.submit").focus();
        page.keyboard().press("Enter");
        assertThat(quiz.locator("dialog button.confirm")).isFocused();
        page.keyboard().press("Enter");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "false");
        assertThat(quiz.locator(".no-attempts")).hasText("You have used all your attempts at this quiz.");
        assertThat(quiz.locator("button.retake")).hasCount(0);
        assertThat(quiz.locator(".solution").first()).isVisible();
        Browser.screenshot(page, "quiz-en-no-attempts-left");

        Api.Reply refused = Api.as("alice").postJson("/manabi/api/quizzes/" + quizId + "/attempts?course=" + courseId,
                "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("attempt-limit");
        List<String> scores = Api.as("alice").get("/manabi/api/quizzes/" + quizId + "/results/mine").json()
                .findValuesAsText("score");
        assertThat(scores).containsExactly("2.0", "5.0", "0.0");

        page.reload();
        assertThat(quiz.locator(".no-attempts")).hasText("You have used all your attempts at this quiz.");
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
    }

    @Test
    void theServerEndsAnAttemptWhenTheTimeLimitRunsOut() throws IOException {
        String timedId = "e2e-timed-" + UUID.randomUUID().toString().substring(0, 8);
        String json = Files.readString(DEMO, StandardCharsets.UTF_8)
                .replace("\"id\": \"infosec-basics\"", "\"id\": \"" + timedId + "\"")
                .replace("\"timeLimitSeconds\": 900", "\"timeLimitSeconds\": 10");
        Api.Reply imported = Api.as("author").postJson("/manabi/api/quizzes", json);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + imported.json().get("courseId").asText());
        Locator quiz = page.locator(PLAYER);
        quiz.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start the quiz")).click();
        assertThat(quiz.locator("[role=timer]")).containsText("Time left: 0:");
        question(quiz, "mfa").getByLabel("True").check();
        assertThat(quiz.locator("#save-status")).hasText("All answers saved");
        assertThat(quiz.locator(".result")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(quiz.locator(".result")).containsText("The time limit ran out before you submitted.");
        assertThat(quiz.locator(".result .score")).hasText("Score: 1 of 5 points (20%)");
        JsonNode mine = Api.as("alice").get("/manabi/api/quizzes/" + timedId + "/results/mine").json();
        assertThat(mine.get(0).get("timedOut").asBoolean()).isTrue();
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
    }

    /** The renderers the demo quiz does not use, with feedback after each question. */
    @Test
    void numericShortTextAndOrderingWithFeedbackAfterEachQuestion() {
        String id = "e2e-types-" + UUID.randomUUID().toString().substring(0, 8);
        String json = """
                {"id": "%s", "title": {"en": "Renderers", "ja": "レンダラー"},
                 "settings": {"passThreshold": {"percent": 100}, "feedback": "after-each", "review": "after-submit"},
                 "questions": [
                   {"id": "num", "type": "numeric", "prompt": {"en": "Minimum passphrase length?"}, "answer": 12,
                    "unit": {"en": "characters"}},
                   {"id": "text", "type": "short-text", "prompt": {"en": "Acronym for multi-factor authentication?"},
                    "accepted": ["MFA"], "feedback": {"correct": {"en": "Yes: MFA."}}},
                   {"id": "order", "type": "ordering", "prompt": {"en": "Put the incident steps in order."},
                    "items": [{"id": "detect", "text": {"en": "Detect"}}, {"id": "contain", "text": {"en": "Contain"}},
                              {"id": "recover", "text": {"en": "Recover"}}],
                    "correct": ["detect", "contain", "recover"]}]}
                """.formatted(id);
        Api.Reply imported = Api.as("author").postJson("/manabi/api/quizzes", json);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + imported.json().get("courseId").asText());
        Locator quiz = page.locator(PLAYER);
        quiz.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start the quiz")).click();
        assertThat(quiz.locator("#quiz-title")).isFocused();

        // Full-width input from a Japanese IME is read as the number 12 and the text "MFA" on the server.
        question(quiz, "num").getByLabel("Your answer (a number)").fill("１２");
        question(quiz, "num").locator("button.check").click();
        assertThat(question(quiz, "num").locator(".outcome")).containsText("Correct");
        assertThat(question(quiz, "num").locator("input")).isDisabled();
        question(quiz, "text").getByLabel("Your answer").fill("ｍｆａ");
        question(quiz, "text").locator("button.check").click();
        assertThat(question(quiz, "text").locator(".outcome")).containsText("Yes: MFA.");

        // Ordering by keyboard: Alt+ArrowUp moves the focused item up.
        Locator order = question(quiz, "order");
        List<String> target = List.of("detect", "contain", "recover");
        for (int i = 0; i < target.size(); i++) {
            while (true) {
                @SuppressWarnings("unchecked")
                List<String> shown = (List<String>) order.locator("li[data-id]")
                        .evaluateAll("items => items.map(i => i.dataset.id)");
                int at = shown.indexOf(target.get(i));
                if (at == i) {
                    break;
                }
                order.locator("li[data-id=" + target.get(i) + "]").focus();
                page.keyboard().press("Alt+ArrowUp");
                assertThat(order.locator("li[data-id=" + target.get(i) + "]")).isFocused();
            }
        }
        assertThat(order.locator("[aria-live]")).containsText("is now at position");
        assertThat(quiz.locator("#save-status")).hasText("All answers saved");
        order.locator("button.check").click();
        assertThat(order.locator(".outcome")).containsText("Correct");
        submit(quiz, "Submit answers");
        assertThat(quiz.locator(".result .score")).hasText("Score: 3 of 3 points (100%)");
        assertThat(quiz.locator(".solution")).hasCount(3);
        Browser.screenshot(page, "quiz-renderers-result");
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
    }

    @Test
    void reportsStayInsideTheInstitution() {
        Api.Reply own = Api.as("admin-a").get("/manabi/api/quizzes/" + quizId + "/results");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("tenantId").asText()).isEqualTo("univ-a");
        assertThat(Api.as("admin-a").get("/manabi/api/quizzes/" + quizId + "/results?tenant=univ-b").status())
                .isEqualTo(403);
        assertThat(Api.as("alice").get("/manabi/api/quizzes/" + quizId + "/results").status()).isEqualTo(403);
        assertThat(Api.as("bob").postJson("/manabi/api/quizzes/" + quizId + "/attempts?course=" + courseId, "")
                .status()).isEqualTo(404);
        Api.Reply csv = Api.as("admin-a").get("/manabi/api/quizzes/" + quizId + "/results.csv?lang=ja&zone=Asia/Tokyo");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).startsWith("\uFEFF受講者ID,").contains("\r\n");
    }

    /** All five questions of the demo quiz answered right, in the English rendering (also used by CourseListIT). */
    static void answerEverythingRightInEnglish(Locator quiz) {
        question(quiz, "strong-password").getByText("A long passphrase made of four unrelated words").click();
        Locator phishing = question(quiz, "phishing-signs");
        phishing.locator("input[value=urgent]").check();
        phishing.locator("input[value=password]").check();
        phishing.locator("input[value=sender]").check();
        question(quiz, "mfa").getByLabel("True").check();
        Locator matching = question(quiz, "countermeasures");
        matching.getByLabel("Ransomware").selectOption("backup");
        matching.getByLabel("Shoulder surfing").selectOption("lock");
        matching.getByLabel("Vulnerabilities in outdated software").selectOption("update");
        Locator passphrase = question(quiz, "make-a-passphrase").getByLabel("Your answer");
        passphrase.pressSequentially("Blue Harbor Tiger 42");
    }

    private static Locator question(Locator quiz, String id) {
        return quiz.locator("fieldset[data-question=" + id + "]");
    }

    static void submit(Locator quiz, String label) {
        quiz.locator("button.submit").click();
        Locator dialog = quiz.locator("dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog.locator("button.confirm")).hasText(label);
        dialog.locator("button.confirm").click();
    }
}
