package dev.manabi.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drop-in contract, the same on every server ({@code dropin.server}: Open Liberty, Payara Micro, WildFly; see
 * {@link HostServer}): a WAR made of nothing but the SDK's JARs, one host identity provider and one host resource,
 * plus the DataSource as that server's users define it. No other Manabi configuration.
 */
class DropInIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HostServer server;
    static URL base;

    @BeforeAll
    static void deploy() throws Exception {
        server = HostServer.fromSystemProperties();
        server.start(hostWar());
        base = server.base().toURL();
    }

    @AfterAll
    static void undeploy() {
        if (server != null) {
            server.stop();
        }
    }

    static WebArchive hostWar() throws IOException {
        File[] sdkJars;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("manabi.sdkLibs")))) {
            sdkJars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
        }
        assertThat(sdkJars).extracting(File::getName).anyMatch(n -> n.startsWith("manabi-player-core"));
        return ShrinkWrap.create(WebArchive.class, "dropin-host.war")
                .addAsLibraries(sdkJars)
                .addClasses(HeaderLearnerContextProvider.class, HostResources.class, HostResources.HostApplication.class,
                        HostResources.Ping.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        request.headers(headers);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void identityAndTenantComeFromTheHost() throws Exception {
        var response = get("/manabi/api/me", "X-Test-Learner", "yuki", "X-Test-Tenant", "tenant-a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"learnerId\":\"yuki\"")
                .contains("\"tenant\":{\"id\":\"tenant-a\",\"name\":\"Institution tenant-a\"}");
    }

    @Test
    void anonymousIs401AndNoTenantIs403AsJson() throws Exception {
        var anonymous = get("/manabi/api/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");

        var noTenant = get("/manabi/api/me", "X-Test-Learner", "ghost");
        assertThat(noTenant.statusCode()).isEqualTo(403);
        assertThat(noTenant.body()).contains("\"code\":\"no-tenant\"");
    }

    @Test
    void aSecondTenantCannotReadTheFirstTenantsData() throws Exception {
        get("/manabi/api/me", "X-Test-Learner", "a-learner", "X-Test-Tenant", "tenant-a");
        get("/manabi/api/me", "X-Test-Learner", "b-learner", "X-Test-Tenant", "tenant-b");
        String[] adminB = {"X-Test-Learner", "b-admin", "X-Test-Tenant", "tenant-b", "X-Test-Roles",
            "learner,institution_admin,content_author"};

        var own = get("/manabi/api/admin/learners", adminB);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("b-learner").doesNotContain("a-learner");
        assertThat(get("/manabi/api/admin/learners?tenant=tenant-a", adminB).statusCode()).isEqualTo(403);

        String[] authorA = {"X-Test-Learner", "a-author", "X-Test-Tenant", "tenant-a", "X-Test-Roles",
            "learner,content_author"};
        var created = post("/manabi/api/courses", "{\"title\":{\"en\":\"Tenant A only\"},\"visibility\":\"TENANT\"}",
                authorA);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(get("/manabi/api/courses/" + id, authorA).statusCode()).isEqualTo(200);
        var fromB = get("/manabi/api/courses/" + id, adminB);
        assertThat(fromB.statusCode()).isEqualTo(404);
        assertThat(fromB.body()).doesNotContain("Tenant A only");
        assertThat(get("/manabi/api/courses", adminB).body()).doesNotContain(id);
    }

    @Test
    void theSdkNeverTakesOverTheHostsResources() throws Exception {
        assertThat(get("/host/ping").body()).isEqualTo("host-pong");
        assertThat(get("/manabi/api/ping").statusCode()).isEqualTo(404);
    }

    @Test
    void theSdksProvidersLeaveTheHostsResourcesAlone() throws Exception {
        // The host application lists no classes, so the container scans WEB-INF/lib for it (JAX-RS 3.1 section
        // 2.3.2); the SDK's error mapper, JSON binding and origin check are registered with the SDK's application only.
        var failure = get("/host/ping/fail");
        assertThat(failure.statusCode()).isEqualTo(418);
        assertThat(failure.body()).isEqualTo("host-teapot");
        var crossOrigin = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + "/host/ping")).header("Origin", "https://elsewhere.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossOrigin.statusCode()).isEqualTo(200);
        assertThat(crossOrigin.body()).isEqualTo("host-got:hello");
        // ...while the SDK's own API still refuses the same cross-origin post as JSON.
        var sdkCrossOrigin = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + "/manabi/api/courses")).header("Origin", "https://elsewhere.example")
                .header("Content-Type", "application/json").headers("X-Test-Learner", "a-author", "X-Test-Tenant",
                        "tenant-a", "X-Test-Roles", "learner,content_author")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sdkCrossOrigin.statusCode()).isEqualTo(403);
        assertThat(sdkCrossOrigin.body()).contains("\"code\":\"cross-origin-request\"");
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        var ready = HTTP.send(HttpRequest.newBuilder(server.readiness()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("manabi-database").contains("manabi-content-store").contains("\"UP\"");
        var openapi = HTTP.send(HttpRequest.newBuilder(server.openApi()).build(), HttpResponse.BodyHandlers.ofString());
        // Servers may prefix the SDK's paths with the host's application path when the WAR holds a second JAX-RS
        // application; the operations themselves are all documented (see PortalIT for the exact paths).
        assertThat(openapi.body()).contains("title: Manabi Player API").contains("/admin/learners:")
                .contains("/courses/{courseId}/sharing:").contains("/me/language:");
    }
}
