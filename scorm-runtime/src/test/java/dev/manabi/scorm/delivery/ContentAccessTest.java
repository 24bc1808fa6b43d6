package dev.manabi.scorm.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.CurrentLearner;
import dev.manabi.core.FakeHttp;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.scorm.pkg.PackageRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who gets a package's files: the servlet's access rules with the SDK beans replaced by fixed answers. */
class ContentAccessTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Course COURSE = new Course("c1", "a", LocalizedText.untagged("Golf"), null,
            CourseVisibility.SHARED, Set.of("b"), List.of(new Course.Component("scorm", "line", null)), "ann",
            Instant.EPOCH);

    @TempDir
    Path store;

    private LearnerContext learner;
    private ContentServlet servlet;

    private static LearnerContext person(String tenant, Role... roles) {
        return new LearnerContext("u-" + tenant, null, null, new Tenant(tenant, tenant), Set.of(roles), null);
    }

    @BeforeEach
    void wire() throws IOException {
        Path root = Files.createDirectories(store.resolve(ID));
        Files.writeString(root.resolve("index.html"), "<html>golf</html>");
        Files.writeString(store.resolve("secret.txt"), "secret");
        servlet = new ContentServlet();
        servlet.current = new CurrentLearner() {
            @Override
            public LearnerContext require() {
                if (learner == null) {
                    throw PlayerException.unauthenticated();
                }
                return learner;
            }
        };
        servlet.repository = new PackageRepository() {
            @Override
            public Optional<String> courseIdOf(String packageId) {
                return ID.equals(packageId) ? Optional.of("c1") : Optional.empty();
            }

            @Override
            public Path contentRoot(String packageId) {
                return store.resolve(packageId);
            }
        };
        servlet.catalog = new CourseCatalog() {
            @Override
            public Optional<Course> find(String courseId) {
                return "c1".equals(courseId) ? Optional.of(COURSE) : Optional.empty();
            }
        };
    }

    private FakeHttp get(String pathInfo) throws IOException {
        FakeHttp http = new FakeHttp();
        http.pathInfo = pathInfo;
        servlet.doGet(http.request(), http.response());
        return http;
    }

    @Test
    void ownerTenantAndSharedTenantsSeeTheFiles() throws IOException {
        learner = person("a", Role.LEARNER);
        FakeHttp ok = get("/" + ID + "/index.html");
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.body.toString(StandardCharsets.UTF_8)).isEqualTo("<html>golf</html>");
        assertThat(ok.contentType).isEqualTo("text/html");
        assertThat(ok.responseHeaders).containsEntry("X-Content-Type-Options", "nosniff");

        learner = person("b", Role.LEARNER);
        assertThat(get("/" + ID + "/index.html").status).isEqualTo(200);
        learner = person("a", Role.CONTENT_AUTHOR);
        assertThat(get("/" + ID + "/index.html").status).isEqualTo(200);
    }

    @Test
    void othersGet404AndAnonymousGet401() throws IOException {
        learner = person("c", Role.LEARNER, Role.CONTENT_AUTHOR);
        FakeHttp hidden = get("/" + ID + "/index.html");
        assertThat(hidden.status).isEqualTo(404);
        assertThat(hidden.body.toString(StandardCharsets.UTF_8)).contains("\"code\":\"not-found\"")
                .doesNotContain("golf");
        learner = person("c", Role.PLATFORM_ADMIN);
        assertThat(get("/" + ID + "/index.html").status).isEqualTo(200);
        learner = null;
        assertThat(get("/" + ID + "/index.html").status).isEqualTo(401);
    }

    @Test
    void noListingsNoTraversalNoUnknownPackages() throws IOException {
        learner = person("a", Role.LEARNER);
        assertThat(get("/" + ID + "/").status).isEqualTo(404);
        assertThat(get("/" + ID).status).isEqualTo(404);
        assertThat(get("/" + ID + "/../secret.txt").status).isEqualTo(404);
        assertThat(get("/" + ID + "/..%2fsecret.txt").status).isEqualTo(404);
        assertThat(get("/" + ID + "/missing.html").status).isEqualTo(404);
        assertThat(get("/1d2e3f4a-0000-4000-8000-000000000000/index.html").status).isEqualTo(404);
        assertThat(get("/../" + ID + "/index.html").status).isEqualTo(404);
    }
}
