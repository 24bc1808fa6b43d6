package dev.manabi.scorm.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.core.ContentCapabilities;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.FakeHttp;
import dev.manabi.scorm.pkg.PackageRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets a package's files on the content origin: only a request carrying a valid capability for that package,
 * sent to the content host; never by cookies, never on the portal host.
 */
class ContentAccessTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String OTHER = "1d2e3f4a-0000-4000-8000-000000000000";
    private static final String PORTAL = "http://localhost:9080";
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    @TempDir
    Path store;

    private ContentServlet servlet;
    private ContentCapabilities capabilities;

    @BeforeEach
    void wire() throws IOException {
        Path root = Files.createDirectories(store.resolve(ID));
        Files.writeString(root.resolve("index.html"), "<html>golf</html>");
        Files.createDirectories(store.resolve(OTHER));
        Files.writeString(store.resolve(OTHER).resolve("index.html"), "<html>other</html>");
        Files.writeString(store.resolve("secret.txt"), "secret");
        capabilities = new ContentCapabilities("a test key of at least thirty-two bytes".getBytes(
                StandardCharsets.UTF_8), Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(8));
        servlet = new ContentServlet();
        servlet.contentOrigin = ContentOrigin.of("http://127.0.0.1:9080", "https://lms.example.org", capabilities);
        servlet.repository = new PackageRepository() {
            @Override
            public Optional<String> courseIdOf(String packageId) {
                throw new AssertionError("no database lookup per file");
            }

            @Override
            public Path contentRoot(String packageId) {
                return store.resolve(packageId);
            }
        };
    }

    private String token(String packageId) {
        return capabilities.issue(ContentCapability.Scope.LEARNER, packageId, "univ-a", "alice", "att-1", "SCO-1",
                "sess-1", PORTAL);
    }

    private FakeHttp get(String host, String pathInfo) throws IOException {
        FakeHttp http = new FakeHttp();
        http.serverName = host;
        http.serverPort = 9080;
        http.pathInfo = pathInfo;
        servlet.doGet(http.request(), http.response());
        return http;
    }

    @Test
    void aCapabilityOpensItsPackagesFilesOnTheContentHost() throws IOException {
        FakeHttp ok = get("127.0.0.1", "/c/" + token(ID) + "/index.html");
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.body.toString(StandardCharsets.UTF_8)).isEqualTo("<html>golf</html>");
        assertThat(ok.contentType).isEqualTo("text/html");
        assertThat(ok.responseHeaders).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer");
        assertThat(ok.responseHeaders.get("Content-Security-Policy"))
                .contains("frame-ancestors 'self' " + PORTAL + " https://lms.example.org")
                .contains("'unsafe-inline'").contains("'unsafe-eval'").doesNotContain("sandbox");
    }

    @Test
    void theLauncherNamesThePortalAndTheSessionsRuntimeUrl() throws IOException {
        String token = token(ID);
        FakeHttp launcher = get("127.0.0.1", "/c/" + token + "/");
        assertThat(launcher.status).isEqualTo(200);
        assertThat(launcher.body.toString(StandardCharsets.UTF_8))
                .contains("data-portal=\"" + PORTAL + "\"")
                .contains("data-runtime=\"/manabi/content/r/" + token + "/\"")
                .contains("/manabi/assets/scorm/scorm-launcher.js");
        String preview = capabilities.issue(ContentCapability.Scope.PREVIEW, ID, "univ-a", "author", null, "SCO-1",
                "preview", PORTAL);
        assertThat(get("127.0.0.1", "/c/" + preview + "/").body.toString(StandardCharsets.UTF_8))
                .as("a preview makes no run-time calls").contains("data-runtime=\"\"");
    }

    @Test
    void nothingWithoutAValidCapabilityForThatPackage() throws IOException {
        FakeHttp forged = get("127.0.0.1", "/c/" + token(OTHER).replace('.', 'x') + "/index.html");
        assertThat(forged.status).isEqualTo(403);
        assertThat(forged.body.toString(StandardCharsets.UTF_8)).contains("\"code\":\"content-capability-invalid\"");
        // The capability names the package: another package's path under it is still this package's files.
        assertThat(get("127.0.0.1", "/c/" + token(ID) + "/../" + OTHER + "/index.html").status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/" + ID + "/index.html").status).as("the old cookie path is gone")
                .isEqualTo(404);
        ContentCapabilities expired = new ContentCapabilities("a test key of at least thirty-two bytes".getBytes(
                StandardCharsets.UTF_8), Clock.fixed(T0.minus(Duration.ofHours(9)), ZoneOffset.UTC),
                Duration.ofHours(8));
        String old = expired.issue(ContentCapability.Scope.LEARNER, ID, "univ-a", "alice", "att-1", "SCO-1", "s",
                PORTAL);
        FakeHttp late = get("127.0.0.1", "/c/" + old + "/index.html");
        assertThat(late.status).isEqualTo(403);
        assertThat(late.body.toString(StandardCharsets.UTF_8)).contains("content-capability-expired");
    }

    @Test
    void thePortalHostServesNoPackageContent() throws IOException {
        FakeHttp portal = get("localhost", "/c/" + token(ID) + "/index.html");
        assertThat(portal.status).isEqualTo(404);
        assertThat(portal.body.toString(StandardCharsets.UTF_8)).doesNotContain("golf");
    }

    @Test
    void sandboxFallbackServesOnThePortalHostSandboxed() throws IOException {
        servlet.contentOrigin = ContentOrigin.of("sandbox", null, capabilities);
        FakeHttp ok = get("localhost", "/c/" + token(ID) + "/index.html");
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.responseHeaders.get("Content-Security-Policy")).contains("sandbox allow-scripts")
                .doesNotContain("allow-same-origin");
    }

    @Test
    void noListingsNoTraversal() throws IOException {
        String t = token(ID);
        assertThat(get("127.0.0.1", "/c/" + t + "/media/").status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/c/" + t).status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/c/" + t + "/../secret.txt").status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/c/" + t + "/..%2fsecret.txt").status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/c/" + t + "/missing.html").status).isEqualTo(404);
        assertThat(get("127.0.0.1", "/c/../" + t + "/index.html").status).isEqualTo(404);
    }
}
