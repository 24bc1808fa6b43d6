package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SCORM package of {@code ../shared/corpus} through the sample host: the author uploads it, alice launches it,
 * pages through, leaves midway, relaunches (the SCO resumes at its bookmark), then plays every activity to the end;
 * her progress shows the status and score the content reported. Multi-SCO packages are walked through the TOC.
 */
class ScormCorpusIT {

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

    static Stream<Path> corpus() throws IOException {
        Path dir = Path.of(System.getProperty("manabi.corpus.dir", "../shared/corpus"));
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("interop.required")) {
                throw new IllegalStateException("interop.required but no corpus at " + dir.toAbsolutePath());
            }
            Assumptions.abort("No SCORM corpus at " + dir.toAbsolutePath() + "; interop test skipped");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> zips = files.filter(f -> f.getFileName().toString().contains("SCORM")
                    && f.getFileName().toString().endsWith(".zip")).sorted().toList();
            return zips.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void playsToCompletion(Path zip) {
        Api.Reply upload = Api.as("author").postFile("/manabi/api/packages", zip, "application/zip");
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String courseId = upload.json().get("courseId").asText();
        String lineId = upload.json().get("lineId").asText();
        String name = zip.getFileName().toString().replace(".zip", "");

        Page page = browser.signIn("alice");
        page.onDialog(d -> d.accept());
        page.navigate("/player.html?course=" + courseId);
        Locator player = page.locator("manabi-scorm-player");
        player.locator("iframe#frame").waitFor();
        FrameLocator sco = page.frameLocator("manabi-scorm-player iframe#frame");
        JsonNode attempt = Api.as("alice").get("/manabi/api/scorm/courses/" + courseId + "/lines/" + lineId
                + "/attempt").json();
        List<String> activities = launchables(attempt.get("toc"));
        boolean pagedSco = activities.size() == 1 || sco.locator("#butNext").count() > 0;

        if (pagedSco && activities.size() == 1) {
            // Page through, leave midway, relaunch: the SCO asks the LMS for its bookmark and resumes there.
            sco.locator("#butNext").click();
            sco.locator("#butNext").click();
            String midway = sco.locator("#contentFrame").getAttribute("src");
            page.navigate("/index.html");
            page.navigate("/player.html?course=" + courseId);
            page.locator("manabi-scorm-player iframe#frame").waitFor();
            sco = page.frameLocator("manabi-scorm-player iframe#frame");
            sco.locator("#butNext").waitFor();
            assertThat(sco.locator("#contentFrame").getAttribute("src")).as("resumed at the bookmark")
                    .isEqualTo(midway);
            for (int i = 0; i < 40 && sco.locator("#butNext").isEnabled(); i++) {
                String before = sco.locator("#contentFrame").getAttribute("src");
                sco.locator("#butNext").click();
                if (before.equals(sco.locator("#contentFrame").getAttribute("src"))) {
                    break;
                }
            }
            answerAssessment(sco);
            if (sco.locator("#butExit").count() > 0) {
                sco.locator("#butExit").click();
            }
        } else {
            // Multi-SCO: every activity through the TOC, in tree order.
            for (String id : activities) {
                player.locator("[role=treeitem][data-id=\"" + id + "\"]").click();
                page.waitForTimeout(1500);
                assertThat(player.locator("[role=treeitem][data-id=\"" + id + "\"]").getAttribute("aria-current"))
                        .isEqualTo("page");
                answerAssessment(page.frameLocator("manabi-scorm-player iframe#frame"));
            }
        }
        player.locator("#exit").click();
        page.waitForTimeout(1500);
        Browser.screenshot(page, "scorm-" + name);

        JsonNode progress = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(progress.get("activities")).isNotEmpty();
        assertThat(progress.get("completion").asText()).as(name + " " + progress).isIn("completed", "incomplete");
        for (JsonNode a : progress.get("activities")) {
            assertThat(a.get("completion").asText()).as(name + " " + a).isNotEqualTo("not attempted");
        }
        assertThat(progress.get("totalTime").asText()).startsWith("PT");
    }

    /** Answers the Golf samples' quizzes (first option everywhere) and submits, if the page has one. */
    private static void answerAssessment(FrameLocator sco) {
        FrameLocator content = sco.frameLocator("#contentFrame");
        Locator scope = sco.locator("#contentFrame").count() > 0 ? content.locator("body") : sco.locator("body");
        Locator radios = scope.locator("input[type=radio]");
        for (int i = 0; i < radios.count(); i += 2) {
            radios.nth(i).check();
        }
        Locator texts = scope.locator("input[type=text]");
        for (int i = 0; i < texts.count(); i++) {
            texts.nth(i).fill("4");
        }
        Locator submit = scope.locator("input[type=button][value*=Submit], button:has-text('Submit')");
        if (submit.count() > 0) {
            submit.first().click();
        }
    }

    private static List<String> launchables(JsonNode toc) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode item : toc) {
            if (item.get("launchable").asBoolean()) {
                out.add(item.get("id").asText());
            }
            out.addAll(launchables(item.get("children")));
        }
        return out;
    }
}
