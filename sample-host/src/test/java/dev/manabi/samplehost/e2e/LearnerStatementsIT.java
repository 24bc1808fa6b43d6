package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a learner does becomes xAPI statements in the embedded LRS: Alice takes a quiz in Chromium, and the demo LRS
 * credential ({@code lrs-a} / {@code manabi-demo}, README "xAPI LRS") reads the attempt's statements by registration
 * and the course's completion by agent, verb and activity. The statements travel through the statement outbox, so
 * they may arrive a moment after the answer the learner saw: the test waits up to 20 s.
 */
class LearnerStatementsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADL = "http://adlnet.gov/expapi/verbs/";

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    /** The {@code statements} array of a statement query as University A's {@code lrs-a}. */
    static JsonNode statements(String query) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(Browser.baseUrl() + "/manabi/xapi/statements?" + query))
                .header("X-Experience-API-Version", "2.0.0")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "lrs-a:manabi-demo".getBytes(StandardCharsets.UTF_8))).GET().build();
        HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("statements");
    }

    /** The statements of the query once there are at least {@code count} of them (oldest first). */
    private static List<JsonNode> awaitStatements(String query, int count) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            statements(query + "&ascending=true").forEach(found::add);
            if (found.size() >= count || System.nanoTime() > until) {
                return found;
            }
            Thread.sleep(200);
        }
    }

    private static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aQuizTakenInTheBrowserIsReadFromTheLrsByRegistration() throws Exception {
        String quizId = "e2e-xapi-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply imported = Api.as("author").postJson("/manabi/api/quizzes", """
                {"id": "%s", "title": {"en": "Statements", "ja": "ステートメント"},
                 "settings": {"passThreshold": {"percent": 100}},
                 "questions": [{"id": "mfa", "type": "true-false", "correct": true,
                   "prompt": {"en": "A second factor protects a leaked password.", "ja": "第二の要素は漏えいしたパスワードを守る。"}}]}
                """.formatted(quizId));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String courseId = imported.json().get("courseId").asText();
        Api.Reply rules = Api.as("author").putJson("/manabi/api/courses/" + courseId + "/completion-rules",
                "{\"units\": [{\"id\": \"u1\", \"when\": [{\"type\": \"quiz\", \"quiz\": \"" + quizId + "\"}]}],"
                        + " \"course\": {\"pass\": {\"quizzes\": [\"" + quizId + "\"], \"aggregate\": \"sum\","
                        + " \"atLeast\": 1}}}");
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);

        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator quiz = page.locator("manabi-quiz-player");
        quiz.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start the quiz")).click();
        quiz.locator("fieldset[data-question=mfa]").getByLabel("True").check();
        QuizIT.submit(quiz, "Submit answers");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "true");
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");

        String attempt = Api.as("alice").get("/manabi/api/quizzes/" + quizId + "/results/mine").json().get(0)
                .get("attemptId").asText();
        List<JsonNode> byRegistration = awaitStatements("registration=" + attempt, 2);
        assertThat(byRegistration).extracting(s -> s.at("/verb/id").asText())
                .containsExactly(ADL + "answered", ADL + "passed");
        JsonNode answered = byRegistration.get(0);
        assertThat(answered.at("/actor/account/homePage").asText()).isEqualTo("https://univ-a.example/");
        assertThat(answered.at("/actor/account/name").asText()).isEqualTo("alice");
        assertThat(answered.toString()).doesNotContain("alice@univ-a.example");
        assertThat(answered.at("/object/id").asText()).isEqualTo("urn:manabi:quiz/" + quizId + "/question/mfa");
        assertThat(answered.at("/result/response").asText()).isEqualTo("true");
        assertThat(answered.at("/result/success").asBoolean()).isTrue();
        assertThat(answered.at("/context/language").asText()).isEqualTo("en");
        assertThat(answered.at("/context/platform").asText()).isEqualTo("Manabi Player");
        assertThat(answered.at("/authority/account/name").asText()).isEqualTo("manabi-player");
        JsonNode passed = byRegistration.get(1);
        assertThat(passed.at("/result/score/scaled").asDouble()).isEqualTo(1.0);
        assertThat(passed.at("/context/contextActivities/grouping/0/id").asText())
                .isEqualTo("urn:manabi:course/" + courseId);

        String agent = "{\"account\":{\"homePage\":\"https://univ-a.example/\",\"name\":\"alice\"}}";
        List<JsonNode> course = awaitStatements("agent=" + param(agent) + "&verb=" + param(ADL + "completed")
                + "&activity=" + param("urn:manabi:course/" + courseId), 1);
        assertThat(course).hasSize(1);
        assertThat(course.get(0).at("/result/completion").asBoolean()).isTrue();
        page.context().close();
    }

    @Test
    void playingPausingAndSeekingAVideoAreReadFromTheLrs() throws Exception {
        JsonNode imported = VideoBookIT.importFreshDemoBook();
        String courseId = imported.get("courseId").asText();
        String topic = "urn:manabi:book/" + imported.get("bookId").asText() + "/topic/passwords";
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator book = page.locator("manabi-book-player");
        assertThat(book).hasAttribute("data-state", "ready",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        book.locator("button.play").click();
        VideoBookIT.waitForVideo(book, v -> ((Number) v.get("currentTime")).doubleValue() > 2);
        book.locator("button.play").click();
        VideoBookIT.waitForVideo(book, v -> (Boolean) v.get("paused"));
        book.locator(".stage").focus();
        page.keyboard().press("ArrowRight");
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");

        String agent = "{\"account\":{\"homePage\":\"https://univ-a.example/\",\"name\":\"alice\"}}";
        List<JsonNode> found = awaitStatements("agent=" + param(agent) + "&activity=" + param(topic), 4);
        String video = "https://w3id.org/xapi/video/";
        assertThat(found).extracting(s -> s.at("/verb/id").asText()).containsExactly(ADL + "initialized",
                video + "verbs/played", video + "verbs/paused", video + "verbs/seeked");
        JsonNode paused = found.get(2);
        double pausedAt = paused.at("/result/extensions").get(video + "extensions/time").asDouble();
        assertThat(pausedAt).isGreaterThan(2);
        assertThat(paused.at("/result/extensions").get(video + "extensions/played-segments").asText())
                .startsWith("0[.]");
        JsonNode seeked = found.get(3).at("/result/extensions");
        assertThat(seeked.get(video + "extensions/time-from").asDouble()).isCloseTo(pausedAt,
                org.assertj.core.data.Offset.offset(0.5));
        assertThat(seeked.get(video + "extensions/time-to").asDouble()).isCloseTo(pausedAt + 5,
                org.assertj.core.data.Offset.offset(0.5));
        page.context().close();
    }
}
