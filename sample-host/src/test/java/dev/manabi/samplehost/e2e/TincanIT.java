package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tincan.xml packages on the running sample host (issue 14, "tincan.xml packages"): the corpus package
 * {@code basic_course} imports and launches with the five conventional parameters, and its {@code auth} works on
 * the embedded LRS for the launch's registration only; another institution's learner cannot launch it. In
 * Chromium, a small course of this test's own ({@code src/test/resources/e2e/tincan-course}: plain ES module
 * JavaScript reading the launch parameters and posting {@code attempted}, {@code completed} and {@code passed}
 * with fetch) plays in the player's frame on the content origin, and the course list and {@code progress/me} then
 * show it passed.
 */
class TincanIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions()
            .setTimeout(30_000);

    static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Waits for the application itself (on a loaded machine it starts well after the server reports ready). */
    private static void awaitApplication() throws Exception {
        for (int i = 0; i < 180 && Api.as("alice").get("/manabi/api/me").status() == 404; i++) {
            Thread.sleep(1000);
        }
    }

    private static HttpResponse<String> lrs(String method, String url, String auth, String body) throws Exception {
        return SessionLrs.call(method, url, auth, body);
    }

    @Test
    void theCorpusCourseLaunchesAndItsAuthWorksForItsRegistrationOnly() throws Exception {
        awaitApplication();
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages", Corpus.file("basic_course.zip"),
                "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.json().path("problems")).as(imported.text()).isEmpty();
        String courseId = imported.json().path("courseId").asText();

        Api.Reply launched = Api.as("alice").postJson("/manabi/api/tincan/courses/" + courseId + "/launch", "{}");
        assertThat(launched.status()).as(launched.text()).isEqualTo(201);
        String url = launched.json().path("url").asText();
        Map<String, String> q = query(url);
        assertThat(q).containsOnlyKeys("endpoint", "auth", "actor", "registration", "activity_id");
        assertThat(URI.create(url).getPath()).endsWith("/index.html");
        assertThat(q.get("endpoint")).isEqualTo(Browser.baseUrl() + "/manabi/xapi/");
        assertThat(q.get("activity_id")).isEqualTo("http://example.com/activities/basic-course");
        assertThat(q.get("registration")).isEqualTo(launched.json().path("registration").asText());
        JsonNode actor = JSON.readTree(q.get("actor"));
        assertThat(actor.path("account").path("name").asText()).isEqualTo("alice");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Basic xAPI Course");

        String statement = "{\"actor\":" + q.get("actor") + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
                + "attempted\"},\"object\":{\"id\":\"" + q.get("activity_id") + "\"},\"context\":{\"registration\":"
                + "\"REGISTRATION\"}}";
        HttpResponse<String> accepted = lrs("POST", q.get("endpoint") + "statements", q.get("auth"),
                statement.replace("REGISTRATION", q.get("registration")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> foreign = lrs("POST", q.get("endpoint") + "statements", q.get("auth"),
                statement.replace("REGISTRATION", UUID.randomUUID().toString()));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(lrs("GET", q.get("endpoint") + "statements?registration=" + q.get("registration"), q.get("auth"),
                null).statusCode()).isEqualTo(200);
        assertThat(lrs("GET", q.get("endpoint") + "statements?registration=" + UUID.randomUUID(), q.get("auth"),
                null).statusCode()).isEqualTo(403);
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString(("tincan-" + UUID.randomUUID()
                + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(lrs("GET", q.get("endpoint") + "statements?registration=" + q.get("registration"), wrong, null)
                .statusCode()).isEqualTo(401);
        // auth is limited to the launch's learner: statements with another actor, other learners' documents
        SessionLrs.refused(lrs("POST", q.get("endpoint") + "statements", q.get("auth"), statement.replace(
                "REGISTRATION", q.get("registration")).replace(q.get("actor"), SessionLrs.OTHER_AGENT)),
                "session-actor");
        SessionLrs.assertLimitedToItsLearner(q.get("endpoint"), q.get("auth"), q.get("registration"),
                q.get("activity_id"));
        // and to the package's activities (tincan.xml's, and ids under the root id)
        SessionLrs.refused(lrs("POST", q.get("endpoint") + "statements", q.get("auth"), statement.replace(
                "REGISTRATION", q.get("registration")).replace(q.get("activity_id"),
                "https://elsewhere.example/course")), "session-activity");
        HttpResponse<String> page2 = lrs("POST", q.get("endpoint") + "statements", q.get("auth"), statement.replace(
                "REGISTRATION", q.get("registration")).replace(q.get("activity_id"), q.get("activity_id") + "/page-2"));
        assertThat(page2.statusCode()).as(page2.body()).isEqualTo(200);
        // the learner's own agent profile is the content's to keep (xAPI 1.0.3 Communication 4.2 "profile")
        String profile = q.get("endpoint") + "agents/profile?agent=" + SessionLrs.encode(q.get("actor"))
                + "&profileId=preferences";
        assertThat(lrs("PUT", profile, q.get("auth"), "{\"audio\":\"off\"}").statusCode()).isEqualTo(204);
        assertThat(lrs("GET", profile, q.get("auth"), null).body()).contains("audio");

        // A second launch keeps the registration; another institution's learner cannot launch the course.
        Api.Reply again = Api.as("alice").postJson("/manabi/api/tincan/courses/" + courseId + "/launch", "{}");
        assertThat(again.json().path("registration").asText()).isEqualTo(q.get("registration"));
        assertThat(Api.as("bob").postJson("/manabi/api/tincan/courses/" + courseId + "/launch", "{}").status())
                .isEqualTo(404);
    }

    /** The test's own course with a root activity and title token of this run. */
    private static Path ownCourse(String token) throws Exception {
        Path dir = Path.of("src/test/resources/e2e/tincan-course");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : List.of("tincan.xml", "index.html", "course.js")) {
                String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8)
                        .replace("ROOT_ID", "https://example.com/manabi-it/tincan/" + token).replace("TOKEN", token);
                zip.putNextEntry(new ZipEntry(name));
                zip.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        Path file = Files.createTempFile("tincan-course", ".zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void aLearnerFinishesTheCourseInThePlayerAndTheCourseListShowsItPassed() throws Exception {
        awaitApplication();
        String token = "tc" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages", ownCourse(token), "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String courseId = imported.json().path("courseId").asText();

        // Other ITs on this server leave alice in Japanese; this one reads English texts.
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        List<String> log = new CopyOnWriteArrayList<>();
        page.onResponse(r -> {
            if (r.status() >= 400) {
                log.add(r.status() + " " + r.request().method() + " " + r.url());
            }
        });
        page.onConsoleMessage(m -> log.add("console " + m.type() + ": " + m.text()));
        page.navigate("/player.html?course=" + courseId);
        FrameLocator course = page.frameLocator("manabi-tincan-player iframe");
        try {
            assertThat(course.locator("#state")).hasText("attempted", SLOW);
        } catch (AssertionError e) {
            throw new AssertionError("The course did not send attempted; the page's log: " + log, e);
        }
        Locator finish = course.locator("#finish");
        finish.focus();
        page.keyboard().press("Enter");
        assertThat(course.locator("#state")).hasText("passed", SLOW);

        page.navigate("/index.html");
        Locator list = page.locator("manabi-course-list");
        list.locator("input[type=search]").fill(token);
        Locator item = list.locator("li[data-course=\"" + courseId + "\"]");
        assertThat(item).hasAttribute("data-status", "passed", new LocatorAssertions.HasAttributeOptions()
                .setTimeout(30_000));
        assertThat(item.locator(".status")).hasText("Passed");
        assertThat(item.locator(".score")).hasText("Best score: 90%");
        Browser.screenshot(page, "tincan-course-passed");
        JsonNode progress = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(progress.path("completion").asText()).isEqualTo("completed");
        assertThat(progress.path("success").asText()).isEqualTo("passed");
        assertThat(progress.path("scoreScaled").asDouble()).isEqualTo(0.9);

        JsonNode passed = LearnerStatementsIT.statements("verb=" + URLEncoder.encode(
                "http://adlnet.gov/expapi/verbs/passed", StandardCharsets.UTF_8) + "&activity=" + URLEncoder.encode(
                "https://example.com/manabi-it/tincan/" + token, StandardCharsets.UTF_8));
        assertThat(passed).hasSize(1);
        assertThat(passed.get(0).path("authority").path("name").asText()).isEqualTo("tincan launch");
        page.context().close();
    }
}
