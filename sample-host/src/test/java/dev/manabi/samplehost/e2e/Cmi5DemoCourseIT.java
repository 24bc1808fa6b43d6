package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Manabi's own cmi5 demo course (sample host {@code src/main/demo/cmi5}: two AUs in four languages, the check with
 * a masteryScore) played to the end in Chromium as a learner: the reading is completed, the check passed, both
 * sessions terminated; the LRS then holds, for the learner's registration, what cmi5 asks (launched, initialized,
 * completed, passed with its score, terminated per session, and the LMS's satisfied for the course). Then the
 * learner's progress (issue 14): {@code progress/me}, the course list and the player's table of contents show the
 * course passed, each AU with its standing in the learner's language, and completion rules on the cmi5 facts
 * ("AU satisfied", "course satisfied") have awarded their units; a learner of another institution sees none of it.
 * On the way, the player's accessibility (review 2, B3): the AU playing is {@code aria-current}, a reading of the
 * standing with nothing new redraws nothing, the satisfied course is announced in the {@code role=status} region and
 * the player stops polling then.
 *
 * <p>The test imports its own copy of the course (a course id of the run's own, both AUs in a block), so the
 * registration is new on the IT server's kept database.
 */
class Cmi5DemoCourseIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    private static final Path DEMO = Path.of("src/main/demo/cmi5");
    private static final String VERBS = "http://adlnet.gov/expapi/verbs/";
    /** Any value of an attribute (to assert its absence). */
    private static final java.util.regex.Pattern ANY = java.util.regex.Pattern.compile(".*");

    private static Path demoCopy(String run) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(DEMO)) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (f.getFileName().toString().equals("cmi5.xml")) {
                    text = text.replace("https://manabi.dev/demo/cmi5/password-habits",
                            "https://manabi.dev/demo/cmi5/password-habits-" + run);
                    // both AUs in a block, so the table of contents and the facts have one (cmi5 13.1.2)
                    text = text.replaceFirst("<au ", "<block id=\"https://manabi.dev/demo/cmi5/password-habits-" + run
                            + "/basics\"><title><langstring lang=\"en\">Password basics</langstring><langstring"
                            + " lang=\"ja\">パスワードの基本</langstring></title><description><langstring lang=\"en\">"
                            + "Both units.</langstring></description><au ")
                            .replace("</courseStructure>", "</block></courseStructure>");
                }
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        Path file = Files.createTempFile("cmi5-demo", ".zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /**
     * The registration's statements in the order they happened ({@code timestamp}): the LMS's reach the LRS through
     * the statement outbox a moment after their transaction, so in stored order an AU that loads quickly can have
     * its {@code initialized} stored before its session's {@code launched}.
     */
    private static List<JsonNode> statements(String registration) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        LearnerStatementsIT.statements("registration=" + registration + "&ascending=true&limit=0").forEach(out::add);
        out.sort(java.util.Comparator.comparing(s -> java.time.Instant.parse(s.path("timestamp").asText())));
        return out;
    }

    private static List<String> verbs(List<JsonNode> statements) {
        return statements.stream().map(s -> s.path("verb").path("id").asText()
                .replaceFirst("^.*/", "")).toList();
    }

    @Test
    void aLearnerReadsAndPassesTheDemoCourseAndTheLmsStatesItSatisfied() throws Exception {
        for (int i = 0; i < 180 && Api.as("alice").get("/manabi/api/me").status() == 404; i++) {
            Thread.sleep(1000); // a loaded machine starts the application well after the server reports ready
        }
        String run = UUID.randomUUID().toString();
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages", demoCopy(run), "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String courseId = imported.json().path("courseId").asText();
        String line = imported.json().path("lineId").asText();
        // Completion rules on the cmi5 progress facts: "AU satisfied" and "course satisfied" (no "course" member,
        // so the course list keeps the course's own standing); the AU's ref as the table of contents gives it.
        String readingRef = Api.as("author").get("/manabi/api/cmi5/courses/" + courseId).json().path("aus").get(0)
                .path("ref").asText();
        assertThat(readingRef).isEqualTo(line + "/https://manabi.dev/demo/cmi5/password-habits-" + run + "/reading");
        Api.Reply rules = Api.as("author").putJson("/manabi/api/courses/" + courseId + "/completion-rules",
                "{\"units\": [{\"id\": \"reading\", \"when\": [{\"type\": \"fact\", \"kind\": \"cmi5-au-satisfied\","
                + " \"ref\": \"" + readingRef + "\"}]},"
                + " {\"id\": \"all\", \"when\": [{\"type\": \"fact\", \"kind\": \"cmi5\", \"ref\": \"" + line + "\"}]}]}");
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);

        // Other ITs on this server leave alice in Japanese; this one reads English texts.
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator units = page.locator("manabi-cmi5-player nav button");
        assertThat(units).hasCount(2);
        FrameLocator au = page.frameLocator("manabi-cmi5-player iframe");
        LocatorAssertions.HasTextOptions slow = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

        Locator readingUnit = units.filter(new Locator.FilterOptions().setHasText("Reading"));
        Locator checkUnit = units.filter(new Locator.FilterOptions().setHasText("Check"));
        // the player's readings of the standing (GET /cmi5/courses/{id}), to see its polling
        AtomicInteger standingReads = new AtomicInteger();
        Predicate<Response> standingRead = r -> r.request().method().equals("GET")
                && r.url().endsWith("/cmi5/courses/" + courseId);
        page.onResponse(r -> {
            if (standingRead.test(r)) {
                standingReads.incrementAndGet();
            }
        });
        readingUnit.click();
        // review 2, B3: the AU playing is the contents' current item, not a pressed toggle
        assertThat(readingUnit).hasAttribute("aria-current", "true");
        assertThat(readingUnit).not().hasAttribute("aria-pressed", ANY);
        assertThat(checkUnit).not().hasAttribute("aria-current", ANY);
        au.locator("#done").click(new Locator.ClickOptions().setTimeout(30_000));
        assertThat(au.locator("#status")).hasText(java.util.regex.Pattern.compile(".+"), slow);
        assertThat(au.locator("#status").textContent()).doesNotStartWith("Error");
        // the next reading shows the reading done; one more reading with nothing new redraws nothing (a screen
        // reader keeps its place): the drawn list is still the same element
        assertThat(page.locator("manabi-cmi5-player nav li:has(> button)").filter(new Locator.FilterOptions()
                .setHasText("Reading"))).containsText("Requirement met", new LocatorAssertions.ContainsTextOptions()
                .setTimeout(30_000));
        page.locator("manabi-cmi5-player nav > ol").evaluate("ol => { ol.dataset.probe = 'drawn'; }");
        page.waitForResponse(standingRead, new Page.WaitForResponseOptions().setTimeout(30_000), () -> { });
        page.waitForTimeout(500); // the answer handled
        assertThat(page.locator("manabi-cmi5-player nav > ol[data-probe=drawn]")).hasCount(1);

        checkUnit.click();
        assertThat(checkUnit).hasAttribute("aria-current", "true");
        assertThat(readingUnit).not().hasAttribute("aria-current", ANY);
        for (int q = 0; q < 3; q++) {
            au.locator("input[name=q" + q + "][value='0']").check(new Locator.CheckOptions().setTimeout(30_000));
        }
        au.locator("button[type=submit]").click();
        assertThat(au.locator("#status")).hasText(java.util.regex.Pattern.compile(".*3.*"), slow);
        assertThat(au.locator("#status").textContent()).doesNotStartWith("Error");
        // the player's next reading finds the course satisfied: announced in its status region, polling ends
        assertThat(page.locator("manabi-cmi5-player [role=status]#course-done"))
                .hasText("You have met every requirement of this course.", slow);
        int readsWhenDone = standingReads.get();
        page.waitForTimeout(12_000); // longer than the player's 10 s polling period
        assertThat(standingReads.get()).as("no polling after the course is satisfied").isEqualTo(readsWhenDone);

        JsonNode launched = null;
        for (int i = 0; i < 60 && launched == null; i++) {
            for (JsonNode s : LearnerStatementsIT.statements("verb=" + VERBS.replace(":", "%3A").replace("/", "%2F")
                    + "launched&limit=20")) {
                if (s.path("object").path("id").asText().contains(run)) {
                    launched = s;
                }
            }
            if (launched == null) {
                Thread.sleep(500); // the LMS's statements reach the LRS through the statement outbox
            }
        }
        assertThat(launched).as("the launched statement of this run's course").isNotNull();
        String registration = launched.path("context").path("registration").asText();
        List<JsonNode> all = statements(registration);
        for (int i = 0; i < 60 && verbs(all).stream().filter("satisfied"::equals).count() < 2; i++) {
            Thread.sleep(500); // the LMS's statements reach the LRS through the statement outbox
            all = statements(registration);
        }
        assertThat(verbs(all)).containsSubsequence("launched", "initialized", "completed", "terminated", "launched",
                "initialized", "passed", "terminated");
        assertThat(verbs(all)).contains("satisfied");
        JsonNode passed = all.stream().filter(s -> s.path("verb").path("id").asText().equals(VERBS + "passed"))
                .findFirst().orElseThrow();
        assertThat(passed.path("result").path("score").path("scaled").asDouble()).isEqualTo(1.0);
        assertThat(passed.path("context").path("extensions")
                .path("https://w3id.org/xapi/cmi5/context/extensions/masteryscore").asDouble()).isEqualTo(0.6);
        List<JsonNode> satisfiedAll = all.stream().filter(s -> s.path("verb").path("id").asText()
                .equals("https://w3id.org/xapi/adl/verbs/satisfied")).toList();
        assertThat(satisfiedAll).extracting(s -> s.path("object").path("definition").path("type").asText())
                .containsExactlyInAnyOrder("https://w3id.org/xapi/cmi5/activitytype/block",
                        "https://w3id.org/xapi/cmi5/activitytype/course");
        JsonNode satisfied = satisfiedAll.get(0);
        assertThat(satisfied.path("actor")).isEqualTo(launched.path("actor"));

        // progress/me and the course list: passed with the check's score
        Api alice = Api.as("alice");
        JsonNode progress = alice.get("/manabi/api/courses/" + courseId + "/progress/me").json();
        assertThat(progress.path("completion").asText()).as(progress.toString()).isEqualTo("completed");
        assertThat(progress.path("success").asText()).isEqualTo("passed");
        assertThat(progress.path("scoreScaled").asDouble()).isEqualTo(1.0);
        JsonNode standing = null;
        for (JsonNode item : alice.get("/manabi/api/me/courses?limit=100&q=cmi5").json().path("items")) {
            if (item.path("courseId").asText().equals(courseId)) {
                standing = item;
            }
        }
        assertThat(standing).as("the course in alice's list").isNotNull();
        assertThat(standing.path("status").asText()).isEqualTo("passed");
        assertThat(standing.path("bestScore").asDouble()).isEqualTo(100.0);

        // the table of contents: every AU satisfied, the check passed with 100 %, langstring titles
        JsonNode toc = alice.get("/manabi/api/cmi5/courses/" + courseId).json();
        assertThat(toc.path("satisfied").asBoolean()).as(toc.toString()).isTrue();
        assertThat(toc.path("aus").get(0).path("status").path("completed").asBoolean()).isTrue();
        assertThat(toc.path("aus").get(0).path("status").path("satisfied").asBoolean()).isTrue();
        assertThat(toc.path("aus").get(1).path("status").path("passed").asBoolean()).isTrue();
        assertThat(toc.path("aus").get(1).path("status").path("percent").asDouble()).isEqualTo(100.0);
        assertThat(toc.path("aus").get(1).path("titles").path("ko").asText()).isEqualTo("확인: 세 가지 질문");
        JsonNode block = toc.path("toc").get(0);
        assertThat(block.path("type").asText()).isEqualTo("block");
        assertThat(block.path("satisfied").asBoolean()).isTrue();
        assertThat(block.path("children").findValuesAsText("type")).containsExactly("au", "au");
        page.navigate("/player.html?course=" + courseId);
        Locator nav = page.locator("manabi-cmi5-player nav");
        assertThat(page.locator("manabi-cmi5-player [role=status]#course-done"))
                .hasText("You have met every requirement of this course.");
        Locator aus = nav.locator("li:has(> button)");
        assertThat(aus.filter(new Locator.FilterOptions().setHasText("Check"))).containsText("Passed");
        assertThat(aus.filter(new Locator.FilterOptions().setHasText("Check"))).containsText("Score: 100%");
        assertThat(aus.filter(new Locator.FilterOptions().setHasText("Reading"))).containsText("Requirement met");
        assertThat(nav.getByRole(com.microsoft.playwright.options.AriaRole.GROUP,
                new Locator.GetByRoleOptions().setName("Password basics")).locator("button")).hasCount(2);
        assertThat(nav.locator(".block-title + .state")).hasText("Requirement met");
        page.context().close();

        // the learner's language picks the langstrings: carol (same institution, never played it) chose Japanese
        assertThat(Api.as("carol").putJson("/manabi/api/me/language", "{\"language\": \"ja\"}").status())
                .isEqualTo(200);
        Page ja = browser.signIn("carol", "en-US");
        ja.navigate("/player.html?course=" + courseId);
        Locator jaNav = ja.locator("manabi-cmi5-player nav");
        assertThat(jaNav.locator("button").first()).hasText("読み物：強いパスフレーズ");
        assertThat(jaNav.locator("li:has(> button)").first()).containsText("未受講");
        assertThat(jaNav.locator(".block-title")).hasText("パスワードの基本");
        ja.context().close();

        // completion rules on cmi5 facts awarded their units
        JsonNode status = alice.get("/manabi/api/courses/" + courseId + "/completion-rules/status").json();
        assertThat(status.path("units").path("reading").asBoolean()).as(status.toString()).isTrue();
        assertThat(status.path("units").path("all").asBoolean()).as(status.toString()).isTrue();

        // another institution's learner sees nothing of it
        Api bob = Api.as("bob");
        assertThat(bob.get("/manabi/api/courses/" + courseId + "/progress/me").status()).isEqualTo(404);
        assertThat(bob.get("/manabi/api/cmi5/courses/" + courseId).status()).isEqualTo(404);
        assertThat(bob.get("/manabi/api/courses/" + courseId + "/completion-rules/status").status()).isEqualTo(404);
    }
}
