package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SCORM package of {@code ../shared/corpus} through the sample host: the author uploads it, alice launches it,
 * pages through, leaves midway and relaunches (the SCO resumes at its bookmark), then plays every activity to the
 * end, multi-SCO packages through the TOC (SCORM 1.2) or the player's Next button (SCORM 2004 flow). Her progress
 * must show, per activity, exactly the status and score the content reported through the API, and stay identical
 * after a server restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScormCorpusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Progress per played course, compared again after the restart. */
    private static final Map<String, JsonNode> PLAYED = new LinkedHashMap<>();
    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess(); // plays content; HostileContentIT tests isolation

    static List<Path> corpus() {
        return Corpus.scormPackages();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void playsToCompletion(Path zip) {
        Page[] opened = new Page[1];
        try {
            play(zip, opened);
        } catch (RuntimeException | AssertionError e) {
            if (opened[0] != null) {
                Browser.screenshot(opened[0], "scorm-failed-" + zip.getFileName().toString().replace(".zip", ""));
            }
            throw e;
        }
    }

    private void play(Path zip, Page[] opened) {
        String name = zip.getFileName().toString().replace(".zip", "");
        Api.Reply upload = Api.as("author").postFile("/manabi/api/packages", zip, "application/zip");
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String courseId = upload.json().get("courseId").asText();
        String lineId = upload.json().get("lineId").asText();
        String standard = upload.json().get("standard").asText();
        assertThat(standard).as("edition detected from the manifest").isEqualTo(name.contains("SCORM12")
                ? "SCORM_12" : name.contains("2ndEdition") ? "SCORM_2004_2ND" : "SCORM_2004_3RD");
        boolean scorm12 = standard.equals("SCORM_12");

        // A fresh attempt: re-running against a kept database re-imports the same manifest as a new version of the
        // same course, and alice's earlier attempt would otherwise resume.
        Api.Reply fresh = Api.as("alice").postJson("/manabi/api/scorm/courses/" + courseId + "/lines/" + lineId
                + "/attempts", "{}");
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(201);
        Page page = browser.signIn("alice");
        opened[0] = page;
        page.context().addInitScript(resource("/e2e/scorm-reported.js"));
        page.onDialog(d -> d.accept());
        page.navigate("/player.html?course=" + courseId);
        Locator player = page.locator("manabi-scorm-player");
        List<JsonNode> activities = launchables(fresh.json().get("toc"));
        assertThat(fresh.json().get("currentItem").asText()).isEqualTo(activities.get(0).get("id").asText());
        awaitDelivered(page, player, activities.get(0).get("id").asText());

        FrameLocator sco = scoFrame(page);
        if (sco.locator("#butNext").count() > 0) {
            // Page through, leave midway, relaunch: the SCO asks the LMS for its bookmark and resumes there.
            sco.locator("#butNext").click();
            sco.locator("#butNext").click();
            String midway = sco.locator("#contentFrame").getAttribute("src");
            page.navigate("/index.html");
            page.navigate("/player.html?course=" + courseId);
            awaitDelivered(page, player, activities.get(0).get("id").asText());
            sco = scoFrame(page);
            assertThat(sco.locator("#contentFrame").getAttribute("src")).as("resumed at the bookmark")
                    .isEqualTo(midway);
        }
        for (int i = 0; i < activities.size(); i++) {
            String id = activities.get(i).get("id").asText();
            if (i > 0) {
                if (scorm12) {
                    player.locator("[role=treeitem][data-id=\"" + id + "\"]").click();
                } else {
                    player.locator("#next").click();
                }
                awaitDelivered(page, player, id);
            }
            playThrough(Browser.currentSco(page, 30_000));
        }
        Browser.screenshot(page, "scorm-" + name);
        // SCORM 2004 is sequenced: Finish the course (Exit All) ends the attempt with the sequencing session (SN 4.3).
        player.locator(scorm12 ? "#exit" : "#exit-all").click();
        page.waitForURL("**/index.html");

        JsonNode reported = reported(page);
        JsonNode progress = Api.as("alice").get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(progress.get("activities")).hasSize(activities.size());
        List<Double> scores = new ArrayList<>();
        boolean allCompleted = true;
        for (JsonNode a : progress.get("activities")) {
            String id = a.get("id").asText();
            JsonNode toc = activities.stream().filter(t -> t.get("id").asText().equals(id)).findFirst().orElseThrow();
            Expected expected = !toc.get("sco").asBoolean() ? Expected.ASSET
                    : scorm12 ? Expected.scorm12(reported.get(id)) : Expected.scorm2004(reported.get(id));
            assertThat(a.get("completion").asText()).as(name + " completion of " + id + " " + reported.get(id))
                    .isEqualTo(expected.completion());
            assertThat(a.get("success").asText()).as(name + " success of " + id + " " + reported.get(id))
                    .isEqualTo(expected.success());
            if (expected.score() == null) {
                assertThat(a.get("scoreScaled").isNull()).as(name + " score of " + id).isTrue();
            } else {
                assertThat(a.get("scoreScaled").asDouble()).as(name + " score of " + id)
                        .isCloseTo(expected.score(), within(1e-6));
                scores.add(expected.score());
            }
            // SCORM 2004 course status is the sequencer's rollup, in which a SCO that sets no completion of its own
            // is completed when its attempt ends (SN UP.4 End Attempt, completionSetByContent false by default).
            allCompleted &= scorm12 ? expected.completion().equals("completed")
                    : !expected.completion().equals("incomplete");
        }
        assertThat(progress.get("completion").asText()).as(name + " " + progress)
                .isEqualTo(allCompleted ? "completed" : "incomplete");
        if (scores.isEmpty() || name.startsWith("SequencingForcedSequential")) {
            // SCORM 2004: the course's score is the root's rollup (SN 4.6 measure rollup, weighted by each child's
            // objectiveMeasureWeight); ForcedSequential weighs every SCO 0 ("This course doesn't rollup a score").
            assertThat(progress.get("scoreScaled").isNull()).as(name + " " + progress).isTrue();
        } else {
            assertThat(progress.get("scoreScaled").asDouble())
                    .isCloseTo(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-6));
        }
        assertThat(progress.get("totalTime").asText()).startsWith("PT");
        if (!name.contains("2ndEdition")) {
            // The 2nd-edition sample's only SCO is a placeholder page that never calls the API (it exists to test
            // edition detection), so nothing in it can complete; every other package must.
            assertThat(progress.get("completion").asText()).as(name + " plays to completion " + reported).isEqualTo("completed");
        }
        PLAYED.put(courseId, progress);
        page.context().close();
    }

    @Order(2)
    @Test
    void progressIsIdenticalAfterServerRestart() {
        Assumptions.assumeFalse(PLAYED.isEmpty(), "no package was played");
        LibertyServer.restart();
        for (Map.Entry<String, JsonNode> played : PLAYED.entrySet()) {
            JsonNode after = Api.as("alice").get("/manabi/api/courses/" + played.getKey() + "/progress/me").json();
            assertThat(after).as("progress of " + played.getKey() + " after restart").isEqualTo(played.getValue());
        }
    }

    /** The status the server must show for an activity, derived from what its content reported. */
    record Expected(String completion, String success, Double score) {

        static final Expected ASSET = new Expected("completed", "unknown", null);

        /**
         * SCORM 1.2 RTE 3.4.4: a SCO that finishes without setting lesson_status is completed by the LMS;
         * passed/completed/failed complete it, incomplete/browsed do not; the score is raw over [min, max]
         * (max 100 when the content gives none).
         */
        static Expected scorm12(JsonNode reported) {
            JsonNode v = reported == null ? null : reported.get("values");
            String status = text(v, "cmi.core.lesson_status", "not attempted");
            if (status.equals("not attempted") && reported != null && reported.path("finished").asBoolean()) {
                status = "completed";
            }
            String completion = switch (status) {
                case "passed", "completed", "failed" -> "completed";
                case "incomplete", "browsed" -> "incomplete";
                default -> "not attempted";
            };
            String success = status.equals("passed") || status.equals("failed") ? status : "unknown";
            Double raw = number(v, "cmi.core.score.raw");
            Double min = number(v, "cmi.core.score.min");
            Double max = number(v, "cmi.core.score.max");
            double lo = min == null ? 0 : min;
            Double score = raw == null ? null : (raw - lo) / ((max == null ? 100 : max) - lo);
            return new Expected(completion, success, score);
        }

        /** SCORM 2004: the values as GetValue answered them (already evaluated per RTE 4.2.4.1 and 4.2.21.1). */
        static Expected scorm2004(JsonNode reported) {
            JsonNode v = reported == null ? null : reported.get("values");
            return new Expected(text(v, "cmi.completion_status", "unknown"), text(v, "cmi.success_status", "unknown"),
                    number(v, "cmi.score.scaled"));
        }

        private static String text(JsonNode values, String key, String otherwise) {
            String s = values == null ? "" : values.path(key).asText("");
            return s.isEmpty() ? otherwise : s;
        }

        private static Double number(JsonNode values, String key) {
            String s = text(values, key, "");
            return s.isEmpty() ? null : Double.valueOf(s);
        }
    }

    /**
     * Waits until {@code predicate(arg)} is truthy in the page. Not {@code page.waitForFunction}: it compiles the
     * predicate inside the page, which the portal's Content Security Policy (no eval) refuses; {@code evaluate} runs
     * it through the DevTools protocol, which the policy does not govern.
     */
    private static void waitUntil(Page page, String predicate, Object arg, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!Boolean.TRUE.equals(page.evaluate("arg => !!(" + predicate + ")(arg)", arg))) {
            if (System.nanoTime() > deadline) {
                throw new com.microsoft.playwright.TimeoutError("Timeout " + timeoutMillis + "ms waiting for "
                        + predicate.strip());
            }
            page.waitForTimeout(50);
        }
    }

    /** Waits until the player delivered the activity and its SCO document finished loading. */
    static void awaitDelivered(Page page, Locator player, String itemId) {
        assertThat(player.locator("[role=treeitem][data-id=\"" + itemId + "\"]")).hasAttribute("aria-current", "page");
        // The SCO runs in the launcher on the content origin; the player knows from its messages when the SCO's
        // document has loaded and when it initialized.
        waitUntil(page, """
                id => {
                  const host = document.querySelector('manabi-scorm-player')
                    ?? document.querySelector('manabi-player')?.shadowRoot?.querySelector('manabi-scorm-player');
                  return host?.itemId === id && host.scoLoaded;
                }""", itemId, 30_000);
        try {
            // A SCO initializes from its onload handler; assets and placeholder pages never do.
            waitUntil(page, """
                    () => {
                      const host = document.querySelector('manabi-scorm-player')
                        ?? document.querySelector('manabi-player')?.shadowRoot?.querySelector('manabi-scorm-player');
                      return host?.scoState === 'running';
                    }""", null, 3000);
        } catch (com.microsoft.playwright.TimeoutError notAnInitializingSco) {
            // nothing to wait for
        }
    }

    private static FrameLocator scoFrame(Page page) {
        return Browser.scoFrame(page.frameLocator("manabi-scorm-player iframe#frame"));
    }

    /** Pages a Golf-sample SCO to its end and answers its quiz, if it has pages and a quiz. */
    static void playThrough(Frame sco) {
        if (present(sco.locator("#butNext"))) {
            // The Golf samples disable Next on their last page (some pages repeat, so the URL says nothing).
            for (int i = 0; i < 40 && sco.locator("#butNext").isEnabled(); i++) {
                sco.locator("#butNext").click();
            }
        }
        answerAssessment(sco);
    }

    /** Whether the element exists, asked with a timeout (unlike {@code count()}, which can wait forever). */
    private static boolean present(Locator locator) {
        try {
            locator.first().waitFor(new Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED).setTimeout(2_000));
            return true;
        } catch (com.microsoft.playwright.TimeoutError absent) {
            return false;
        }
    }

    /** Answers the Golf samples' quizzes (first option everywhere) and submits, if the page has one. */
    private static void answerAssessment(Frame sco) {
        for (int tries = 1; ; tries++) {
            try {
                answerAssessmentOnce(sco);
                return;
            } catch (com.microsoft.playwright.PlaywrightException e) {
                // On a busy machine the last Next click may still be loading its page into #contentFrame: the page
                // being queried goes away under the query. Answering is idempotent, so wait for the load and ask again.
                if (tries == 3 || !String.valueOf(e.getMessage()).contains("context was destroyed")) {
                    throw e;
                }
                sco.childFrames().forEach(Frame::waitForLoadState);
            }
        }
    }

    private static void answerAssessmentOnce(Frame sco) {
        Locator scope = present(sco.locator("#contentFrame"))
                ? sco.frameLocator("#contentFrame").locator("body") : sco.locator("body");
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

    private static JsonNode reported(Page page) {
        try {
            Object json = page.evaluate("() => sessionStorage.getItem('scorm-reported') || '{}'");
            return JSON.readTree(String.valueOf(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = ScormCorpusIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> launchables(JsonNode toc) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : toc) {
            if (item.get("launchable").asBoolean()) {
                out.add(item);
            }
            out.addAll(launchables(item.get("children")));
        }
        return out;
    }
}
