package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * cmi5 AUs played in Chromium from the course page: the player shell mounts {@code <manabi-cmi5-player>}, which
 * launches the AU (AnyWindow) in its frame on the content origin. A minimal AU of this test does what every cmi5 AU
 * does first (section 8.2, 10, 7.1.1): POSTs the fetch URL, reads LMS.LaunchData with the token and sends
 * {@code initialized} with the context template, across origins, to the embedded LRS, where University A's
 * {@code lrs-a} reads it. The corpus AU {@code single_au_basic_responsive} is delivered into the frame (its zip
 * lacks the {@code js/} files its page loads, so it cannot initialize by itself).
 */
class Cmi5PlayerIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    /** The minimal AU's script: fetch, LMS.LaunchData, initialized (cmi5 sections 8.1, 8.2, 10, 9.3.2). */
    private static final String AU_SCRIPT = """
            (async () => {
              const q = new URLSearchParams(location.search);
              const fetched = await (await fetch(q.get('fetch'), { method: 'POST' })).json();
              const headers = { Authorization: 'Basic ' + fetched['auth-token'], 'X-Experience-API-Version': '1.0.3' };
              const state = new URLSearchParams({ activityId: q.get('activityId'), agent: q.get('actor'),
                registration: q.get('registration'), stateId: 'LMS.LaunchData' });
              const launchData = await (await fetch(q.get('endpoint') + 'activities/state?' + state, { headers })).json();
              const context = launchData.contextTemplate;
              context.registration = q.get('registration');
              context.contextActivities.category = [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }];
              const response = await fetch(q.get('endpoint') + 'statements', {
                method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
                body: JSON.stringify({ actor: JSON.parse(q.get('actor')),
                  verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' }, object: { id: q.get('activityId') },
                  context, timestamp: new Date().toISOString() }) });
              const preferences = await (await fetch(q.get('endpoint') + 'agents/profile?' + new URLSearchParams({
                agent: q.get('actor'), profileId: 'cmi5LearnerPreferences' }), { headers })).json();
              document.getElementById('state').textContent = (response.ok ? 'initialized' : 'refused ' + response.status)
                + ' ' + preferences.languagePreference;
            })().catch((e) => { document.getElementById('state').textContent = 'failed ' + e; });
            """;

    private static Path minimalAu() throws Exception {
        String id = "https://example.com/manabi-it/cmi5/" + UUID.randomUUID();
        String texts = "<title><langstring lang=\"en\">Minimal AU</langstring></title>"
                + "<description><langstring lang=\"en\">Initializes and stops.</langstring></description>";
        String structure = "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
                + "<course id=\"" + id + "\">" + texts + "</course><au id=\"" + id + "/au\" moveOn=\"Completed\">"
                + texts + "<url>index.html</url></au></courseStructure>";
        String page = "<!DOCTYPE html><html lang=\"en\"><title>Minimal AU</title><p id=\"state\">starting</p>"
                + "<script>" + AU_SCRIPT + "</script></html>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("cmi5.xml"));
            zip.write(structure.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write(page.getBytes(StandardCharsets.UTF_8));
        }
        Path file = Files.createTempFile("minimal-au", ".zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static String importPackage(Path zip) {
        for (int i = 0; i < 180 && Api.as("alice").get("/manabi/api/me").status() == 404; i++) {
            try {
                Thread.sleep(1000); // a loaded machine starts the application well after the server reports ready
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages", zip, "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return imported.json().path("courseId").asText();
    }

    /** The page's failed requests, HTTP errors and console, for failure messages. */
    private static List<String> log(Page page) {
        List<String> log = new CopyOnWriteArrayList<>();
        page.onRequestFailed(r -> log.add("failed " + r.method() + " " + r.url() + ": " + r.failure()));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                log.add(r.status() + " " + r.request().method() + " " + r.url());
            }
        });
        page.onConsoleMessage(m -> log.add("console " + m.type() + ": " + m.text()));
        return log;
    }

    @Test
    void anAuInThePlayerFrameInitializesAcrossOrigins() throws Exception {
        String courseId = importPackage(minimalAu());
        // Other ITs on this server leave alice in Japanese; this one reads English texts.
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        List<String> log = log(page);
        page.navigate("/player.html?course=" + courseId);
        page.locator("manabi-cmi5-player iframe").waitFor();
        String registration = null;
        for (int i = 0; i < 120 && registration == null; i++) {
            for (JsonNode s : LearnerStatementsIT.statements(
                    "verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Finitialized")) {
                if (s.path("object").path("id").asText().startsWith("urn:manabi:cmi5/")
                        && s.path("actor").path("account").path("name").asText().equals("alice")) {
                    registration = s.path("context").path("registration").asText();
                }
            }
            if (registration == null) {
                Thread.sleep(500);
            }
        }
        String state = page.frameLocator("manabi-cmi5-player iframe").locator("#state").textContent();
        assertThat(registration).as("the AU's initialized statement; the AU says '" + state + "'; frames "
                + page.frames().stream().map(com.microsoft.playwright.Frame::url).toList() + "; the page's log: "
                + log).isNotNull();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                page.frameLocator("manabi-cmi5-player iframe").locator("#state")).hasText("initialized en");
        assertThat(LearnerStatementsIT.statements("registration=" + registration).findValuesAsText("id"))
                .contains("http://adlnet.gov/expapi/verbs/launched");
        page.context().close();
    }

    @Test
    void theCorpusAuIsDeliveredIntoTheFrameFromTheContentOrigin() throws Exception {
        String courseId = importPackage(Corpus.file("single_au_basic_responsive.zip"));
        Page page = browser.signIn("alice", "en-US");
        List<String> log = log(page);
        page.navigate("/player.html?course=" + courseId);
        com.microsoft.playwright.Locator frame = page.locator("manabi-cmi5-player iframe");
        frame.waitFor();
        String src = frame.getAttribute("src");
        assertThat(src).as(String.valueOf(log)).contains("/manabi/content/c/").contains("/index.html?endpoint=");
        assertThat(java.net.URI.create(src).getHost()).isEqualTo("127.0.0.1");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                page.frameLocator("manabi-cmi5-player iframe").locator("body"))
                .containsText("Geology", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                        .setTimeout(30_000));
        page.context().close();
    }
}
