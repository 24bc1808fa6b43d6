package dev.manabi.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.RestComponents;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

    // HTTP/1.1 as browsers speak to a portal without TLS (no h2c upgrade, which servers handle differently).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static HostServer server;
    static final String[] LEARNER = as("j-learner");
    static final String[] AUTHOR = as("j-author");
    static final String[] ADMIN = as("j-admin");
    static URL base;

    @BeforeAll
    static void deploy() throws Exception {
        server = HostServer.fromSystemProperties();
        server.start(hostWar().setWebXML(new org.jboss.shrinkwrap.api.asset.StringAsset(
                WEB_XML.formatted(server.realm()))));
        base = server.base().toURL();
    }

    @AfterAll
    static void undeploy() {
        if (server != null) {
            server.stop();
        }
    }

    /** The host's users (the same on every server, in its own registry) and the one password the test gives them. */
    static final String PASSWORD = "Dropin-Pass-1";

    static WebArchive hostWar() throws IOException {
        File[] sdkJars;
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("manabi.sdkLibs")))) {
            sdkJars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
        }
        assertThat(sdkJars).extracting(File::getName).anyMatch(n -> n.startsWith("manabi-player-core"));
        // No identity provider of the host's: the SDK's built-in container provider, the container's principal and
        // roles (isUserInRole with the manabi.identity.role.* names, here their defaults) and one institution.
        return ShrinkWrap.create(WebArchive.class, "dropin-host.war")
                .addAsLibraries(sdkJars)
                .addClasses(HostResources.class, HostResources.HostApplication.class, HostResources.Ping.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** The WAR's configuration: the host's single institution; each server adds its own lines. */
    static final String HOST_CONFIGURATION = "manabi.identity.tenant.id=tenant-j\n"
            + "manabi.identity.tenant.name=Institution J\n";

    /**
     * Container security as a host declares it (Servlet 6.0 chapter 13): the SDK's API for any authenticated user
     * ({@code **}), its public UI bundles and hosted badges open, HTTP Basic, and the SDK's role names (the LRS's
     * {@code /manabi/xapi} is under no constraint: it checks its own Basic credentials); each server maps its users or
     * groups to these roles in its own way ({@link HostServer}).
     */
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>the SDK's API</web-resource-name>
                  <url-pattern>/manabi/api/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>**</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>the SDK's UI bundles and hosted badges, public</web-resource-name>
                  <url-pattern>/manabi/api/i18n/*</url-pattern>
                  <url-pattern>/manabi/api/badges/ob2/*</url-pattern>
                  <url-pattern>/manabi/api/badges/ob3/*</url-pattern>
                </web-resource-collection>
              </security-constraint>
              <login-config>
                <auth-method>BASIC</auth-method>
                <realm-name>%s</realm-name>
              </login-config>
              <security-role><role-name>institution-admin</role-name></security-role>
              <security-role><role-name>content-author</role-name></security-role>
              <security-role><role-name>platform-admin</role-name></security-role>
            </web-app>
            """;

    /** HTTP Basic credentials of one of the host's users. */
    static String[] as(String user) {
        return new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))};
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
        var learner = get("/manabi/api/me", LEARNER);
        assertThat(learner.statusCode()).isEqualTo(200);
        assertThat(learner.body()).contains("\"learnerId\":\"j-learner\"")
                .contains("\"tenant\":{\"id\":\"tenant-j\",\"name\":\"Institution J\"}")
                .contains("\"roles\":[\"learner\"]");
        // Roles from the server's own user registry, mapped to the SDK's role names by the server's configuration.
        assertThat(get("/manabi/api/me", AUTHOR).body()).contains("\"roles\":[\"learner\",\"content-author\"]");
        assertThat(get("/manabi/api/me", ADMIN).body()).contains("\"roles\":[\"learner\",\"institution-admin\"]");
    }

    @Test
    void anonymousIs401AndAWrongRoleIs403() throws Exception {
        var anonymous = get("/manabi/api/me");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWithIgnoringCase("Basic"));
        var wrongPassword = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + "/manabi/api/me")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("j-learner:wrong".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        var learnerAsAdmin = get("/manabi/api/admin/learners", LEARNER);
        assertThat(learnerAsAdmin.statusCode()).isEqualTo(403);
        assertThat(learnerAsAdmin.body()).contains("\"status\":403");
        var learnerAsAuthor = post("/manabi/api/courses", "{\"title\":{\"en\":\"Not mine to make\"}}", LEARNER);
        assertThat(learnerAsAuthor.statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminSeesTheInstitutionsLearnersAndNoOtherTenant() throws Exception {
        get("/manabi/api/me", LEARNER);
        var own = get("/manabi/api/admin/learners", ADMIN);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"tenantId\":\"tenant-j\"").contains("j-learner");
        assertThat(get("/manabi/api/admin/learners?tenant=tenant-x", ADMIN).statusCode()).isEqualTo(403);

        var created = post("/manabi/api/courses", "{\"title\":{\"en\":\"Tenant J only\"},\"visibility\":\"TENANT\"}",
                AUTHOR);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(get("/manabi/api/courses/" + id, AUTHOR).statusCode()).isEqualTo(200);
    }

    @Test
    void theSdkNeverTakesOverTheHostsResources() throws Exception {
        assertThat(get("/host/ping").body()).isEqualTo("host-pong");
        assertThat(get("/manabi/api/ping", LEARNER).statusCode()).isEqualTo(404);
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
                .header("Content-Type", "application/json").headers(AUTHOR)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sdkCrossOrigin.statusCode()).isEqualTo(403);
        assertThat(sdkCrossOrigin.body()).contains("\"code\":\"cross-origin-request\"");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        URI uri = path.startsWith("http") ? URI.create(path) : URI.create(base.toString().replaceAll("/$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String method, String path, String json, String... headers) throws Exception {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Asserts the status, records the normalised body for {@link SameJsonIT} and returns it parsed. */
    private static JsonNode expect(HttpResponse<String> response, int status, String step, String... runIds)
            throws Exception {
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(status);
        SameJson.record(server.name, step, response.body(), runIds);
        return JSON.readTree(response.body());
    }

    private static String commit(String session, long sequence, boolean terminate, String... elementsAndValues) {
        ObjectNode body = JSON.createObjectNode().put("session", session).put("sequence", sequence);
        ArrayNode sets = body.putArray("sets");
        for (int i = 0; i < elementsAndValues.length; i += 2) {
            sets.addObject().put("element", elementsAndValues[i]).put("value", elementsAndValues[i + 1]);
        }
        return body.put("terminate", terminate).toString();
    }

    /**
     * What a host's learners and authors do, through the SDK's REST API as its web components call it: package
     * upload, SCORM attempt, session, commits (with a replayed and an invalid one), resume, the SCO's files on the
     * content origin with ranges and validators, the SDK's assets, a quiz attempt and a video book's progress.
     */
    @Test
    void aHostsAuthorsAndLearnersGetTheWholePlayer() throws Exception {
        expect(get("/manabi/api/me", LEARNER), 200, "me");

        // SCORM: upload, attempt, session
        JsonNode pkg = expect(send("POST", "/manabi/api/packages", "application/zip", Journey.scormPackage(), AUTHOR),
                201, "package-upload");
        String course = pkg.get("courseId").asText();
        String scormAttempt = "/manabi/api/scorm/courses/" + course + "/lines/" + pkg.get("lineId").asText()
                + "/attempt";
        JsonNode attempt = expect(get(scormAttempt, LEARNER), 200, "scorm-attempt");
        String sco = "/manabi/api/scorm/attempts/" + attempt.get("attemptId").asText() + "/scos/" + Journey.ITEM;
        JsonNode session = expect(send("POST", sco + "/session", null, null, LEARNER), 200, "scorm-session");
        String id = session.get("session").asText();
        long sequence = session.get("sequence").asLong();
        assertThat(session.get("values").get("cmi.core.entry").asText()).isEqualTo("ab-initio");

        // commits: accepted, replayed (409), invalid (422), terminating
        String first = commit(id, sequence + 1, false, "cmi.core.lesson_location", "page-2",
                "cmi.core.lesson_status", "incomplete", "cmi.suspend_data", "drop-in state", "cmi.core.exit", "suspend");
        expect(json("POST", sco + "/commit", first, LEARNER), 200, "scorm-commit");
        var replay = json("POST", sco + "/commit", first, LEARNER);
        expect(replay, 409, "scorm-commit-replayed");
        expect(json("POST", sco + "/commit", commit(id, sequence + 2, false, "cmi.core.score.raw", "lots"), LEARNER),
                422, "scorm-commit-invalid");
        expect(json("POST", sco + "/commit", commit(id, sequence + 2, true, "cmi.core.session_time", "00:01:00"),
                LEARNER), 200, "scorm-commit-terminate");

        // resume: the next session continues where the suspended one stopped
        JsonNode resumed = expect(send("POST", sco + "/session", null, null, LEARNER), 200, "scorm-resume");
        assertThat(resumed.get("values").get("cmi.core.entry").asText()).isEqualTo("resume");
        assertThat(resumed.get("values").get("cmi.core.lesson_location").asText()).isEqualTo("page-2");
        assertThat(resumed.get("values").get("cmi.suspend_data").asText()).isEqualTo("drop-in state");
        expect(get("/manabi/api/courses/" + course + "/progress/me", LEARNER), 200, "scorm-progress");

        // content on the content origin, under the session's capability, with ranges and validators
        String launchUrl = resumed.get("launchUrl").asText();
        assertThat(launchUrl).startsWith(server.contentOrigin() + "/");
        String css = launchUrl.replaceAll("/$", "") + "/style.css";
        var whole = send("GET", css, null, null);
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("p { color: #123456; }\n");
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        var range = send("GET", css, null, null, "Range", "bytes=0-0");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("p");
        assertThat(send("GET", css, null, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(send("GET", launchUrl, null, null).statusCode()).as("the launcher").isEqualTo(200);
        assertThat(send("GET", server.contentOrigin() + "/dropin-host/manabi/api/me", null, null, LEARNER)
                .statusCode()).as("the API is not on the content origin").isEqualTo(404);
        var asset = send("GET", "/manabi/assets/core/manabi-player.js", null, null);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type").orElse("")).contains("javascript");

        // quiz: import, definition (free-form JSON), attempt, answers, submit
        JsonNode quiz = expect(json("POST", "/manabi/api/quizzes", Journey.quiz(), AUTHOR), 201, "quiz-import");
        String quizCourse = quiz.get("courseId").asText();
        expect(get("/manabi/api/quizzes/" + Journey.QUIZ + "/definition", AUTHOR), 200, "quiz-definition");
        JsonNode quizAttempt = expect(json("POST", "/manabi/api/quizzes/" + Journey.QUIZ + "/attempts?course="
                + quizCourse, "", LEARNER), 200, "quiz-attempt");
        String attemptPath = "/manabi/api/quizzes/" + Journey.QUIZ + "/attempts/" + quizAttempt.get("attemptId").asText();
        expect(json("PUT", attemptPath + "/responses", "{\"responses\": {\"yes\": true}}", LEARNER), 200,
                "quiz-responses");
        JsonNode submitted = expect(json("POST", attemptPath + "/submit", "{\"responses\": {\"yes\": true,"
                + " \"no\": false}}", LEARNER), 200, "quiz-submit");
        assertThat(submitted.get("result").get("passed").asBoolean()).isTrue();

        // video book: upload, progress of one topic, the book's progress
        JsonNode book = expect(send("POST", "/manabi/api/books", "application/zip", Journey.book(), AUTHOR), 201,
                "book-upload");
        String bookPath = "/manabi/api/books/" + book.get("bookId").asText();
        String bookCourse = "?course=" + book.get("courseId").asText();
        expect(json("POST", bookPath + "/topics/" + Journey.TOPIC + "/progress" + bookCourse, "{\"session\":"
                + " \"dropin-watch\", \"sequence\": 1, \"start\": 0, \"end\": 1, \"position\": 1}", LEARNER), 200,
                "book-topic-progress");
        expect(get(bookPath + "/progress" + bookCourse, LEARNER), 200, "book-progress");
    }

    /**
     * The issue 14/15 modules a host adds (lrs, cmi5, badges with completion rules): the LRS's own JAX-RS application
     * at {@code /manabi/xapi} beside the SDK's, with its own Basic credentials the container leaves alone; a bare
     * cmi5.xml imported, launched for the learner and its fetch URL (a servlet of the cmi5 JAR) answering once; a
     * badge declared in a course's completion rules, earned by passing its quiz and hosted without sign-in.
     */
    @Test
    void theLrsCmi5AndBadgesWorkInTheSameWar() throws Exception {
        // xAPI: about (no credentials), a credential from the institution's admin, a statement stored and read back
        var about = send("GET", "/manabi/xapi/about", null, null, "X-Experience-API-Version", "2.0.0");
        expect(about, 200, "xapi-about");
        assertThat(JSON.readTree(about.body()).get("version").toString()).contains("2.0.0", "1.0.3");
        var issuedResponse = json("POST", "/manabi/api/lrs/credentials", "{\"label\": \"Drop-in reader\","
                + " \"read\": true, \"write\": true, \"allStatements\": true}", ADMIN);
        JsonNode issued = JSON.readTree(issuedResponse.body());
        String key = issued.path("credential").path("key").asText();
        String secret = issued.path("secret").asText();
        expect(issuedResponse, 200, "lrs-credential-issued", key, secret);
        assertThat(key).startsWith("lrs-");
        String[] lrs = {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (key + ":" + secret).getBytes(StandardCharsets.UTF_8)), "X-Experience-API-Version", "2.0.0"};
        String statementId = "6a1f3e0c-5b2d-4c8e-9f7a-0d1e2f3a4b5c";
        String statement = "{\"id\": \"" + statementId + "\", \"actor\": {\"mbox\":"
                + " \"mailto:dropin@example.com\", \"name\": \"Drop-in\"},"
                + " \"verb\": {\"id\": \"http://adlnet.gov/expapi/verbs/experienced\"},"
                + " \"object\": {\"id\": \"https://example.com/dropin/activity\"},"
                + " \"timestamp\": \"2026-01-02T03:04:05.678Z\"}";
        expect(send("POST", "/manabi/xapi/statements", "application/json",
                statement.getBytes(StandardCharsets.UTF_8), lrs), 200, "xapi-statement-stored", key, secret);
        var readBack = send("GET", "/manabi/xapi/statements?statementId=" + statementId, null, null, lrs);
        JsonNode stored = expect(readBack, 200, "xapi-statement-read", key, secret);
        assertThat(readBack.headers().firstValue("X-Experience-API-Version")).hasValue("2.0.0");
        assertThat(stored.path("verb").path("id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/experienced");
        assertThat(stored.path("stored").asText()).isNotEmpty();
        assertThat(send("GET", "/manabi/xapi/statements?statementId=" + statementId, null, null,
                "X-Experience-API-Version", "2.0.0").statusCode()).as("no credentials").isEqualTo(401);
        // a wrong secret is the LRS's own 401 (its challenge, its JSON), not the container's (WildFly's proactive
        // authentication answered it with its own page until jboss-web.xml turned it off: HostServer.WildFly)
        String wrongSecret = java.util.Base64.getEncoder().encodeToString((key + ":wrong")
                .getBytes(StandardCharsets.UTF_8));
        var wrong = send("GET", "/manabi/xapi/statements?statementId=" + statementId, null, null, "Authorization",
                "Basic " + wrongSecret, "X-Experience-API-Version", "2.0.0");
        expect(wrong, 401, "xapi-wrong-secret", key);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("Manabi LRS"));

        // cmi5: a bare cmi5.xml (AUs hosted elsewhere), a launch for the learner, the fetch URL once and then its error
        JsonNode cmi5 = expect(send("POST", "/manabi/api/packages", "text/xml", Journey.cmi5Xml(), AUTHOR), 201,
                "cmi5-import");
        assertThat(cmi5.path("standard").asText()).isEqualTo("CMI5");
        var launchResponse = json("POST", "/manabi/api/cmi5/courses/" + cmi5.path("courseId").asText()
                + "/aus/0/launch", "{}", LEARNER);
        JsonNode launch = expect(launchResponse, 201, "cmi5-launch");
        String url = launch.path("url").asText();
        assertThat(url).startsWith(Journey.CMI5_AU_URL + "?");
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(nameAndValue[0], java.net.URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        // cmi5 8.1: endpoint, fetch, actor, registration, activityId
        assertThat(parameters).containsOnlyKeys("endpoint", "fetch", "actor", "registration", "activityId");
        assertThat(parameters.get("endpoint")).isEqualTo(base.toString().replaceAll("/$", "") + "/manabi/xapi/");
        assertThat(parameters.get("registration")).isEqualTo(launch.path("registration").asText());
        assertThat(parameters.get("activityId")).isEqualTo(launch.path("activityId").asText());
        assertThat(JSON.readTree(parameters.get("actor")).path("account").path("name").asText()).isNotEmpty();
        String fetch = parameters.get("fetch");
        assertThat(fetch).startsWith(base.toString().replaceAll("/$", "") + "/manabi/cmi5/fetch/");
        var token = send("POST", fetch, null, null);
        String authToken = JSON.readTree(token.body()).path("auth-token").asText();
        assertThat(authToken).isNotEmpty();
        expect(token, 200, "cmi5-fetch", authToken);
        // cmi5 8.2.3: a second call gets error code 1, still 200 with JSON
        JsonNode again = expect(send("POST", fetch, null, null), 200, "cmi5-fetch-again");
        assertThat(again.path("error-code").asText()).isEqualTo("1");
        // the token is the AU's LRS credential (cmi5 8.2.2): it reads LMS.LaunchData of its registration
        var launchData = send("GET", parameters.get("endpoint") + "activities/state?activityId="
                + java.net.URLEncoder.encode(parameters.get("activityId"), StandardCharsets.UTF_8) + "&agent="
                + java.net.URLEncoder.encode(parameters.get("actor"), StandardCharsets.UTF_8) + "&registration="
                + parameters.get("registration") + "&stateId=LMS.LaunchData", null, null,
                "Authorization", "Basic " + authToken, "X-Experience-API-Version", "1.0.3");
        assertThat(expect(launchData, 200, "cmi5-launch-data").path("launchMode").asText()).isEqualTo("Normal");

        // badges: completion rules with a badge on a quiz's course; the learner passes the quiz and has the badge
        JsonNode quiz = expect(json("POST", "/manabi/api/quizzes", Journey.badgeQuiz(), AUTHOR), 201,
                "badge-quiz-import");
        String course = quiz.path("courseId").asText();
        expect(json("PUT", "/manabi/api/courses/" + course + "/completion-rules", Journey.badgeRules(), AUTHOR), 200,
                "badge-rules");
        JsonNode attempt = expect(json("POST", "/manabi/api/quizzes/" + Journey.BADGE_QUIZ + "/attempts?course="
                + course, "", LEARNER), 200, "badge-quiz-attempt");
        JsonNode passed = expect(json("POST", "/manabi/api/quizzes/" + Journey.BADGE_QUIZ + "/attempts/"
                + attempt.path("attemptId").asText() + "/submit", "{\"responses\": {\"mfa\": true}}", LEARNER), 200,
                "badge-quiz-submit");
        assertThat(passed.path("result").path("passed").asBoolean()).isTrue();
        // the quiz's statements reach the LRS through the statement outbox, drained by the LRS module in the background
        // (the server's default ManagedScheduledExecutorService, or its own thread where there is none: Liberty here)
        assertThat(awaitStatements("verb=" + java.net.URLEncoder.encode("http://adlnet.gov/expapi/verbs/passed",
                StandardCharsets.UTF_8), lrs)).as("the quiz's passed statement in the LRS").isNotEmpty();
        JsonNode mine = expect(get("/manabi/api/badges/mine", LEARNER), 200, "badges-mine");
        JsonNode badge = null;
        for (JsonNode awarded : mine) {
            if (awarded.path("courseId").asText().equals(course)) {
                badge = awarded;
            }
        }
        assertThat(badge).as("the badge of the passed quiz's course in " + mine).isNotNull();
        String assertionId = badge.path("assertionId").asText();
        // the hosted Open Badges 2.0 assertion: public (no sign-in), JSON-LD, at the URL the host configured
        var hosted = get("/manabi/api/badges/ob2/assertions/" + assertionId);
        JsonNode assertion = JSON.readTree(hosted.body());
        expect(hosted, 200, "badge-ob2-assertion", assertion.path("recipient").path("salt").asText());
        assertThat(hosted.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        assertThat(assertion.path("@context").asText()).isEqualTo("https://w3id.org/openbadges/v2");
        assertThat(assertion.path("id").asText()).isEqualTo(base.toString().replaceAll("/$", "")
                + "/manabi/api/badges/ob2/assertions/" + assertionId);
        // ...and as an Open Badges 3.0 credential, signed on this server (eddsa-rdfc-2022: JSON-LD contexts from the
        // badges JAR's class path, canonicalised by Titanium); its proof differs by server, so it is not compared
        var credential = get("/manabi/api/badges/ob3/credentials/" + assertionId);
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(200);
        assertThat(JSON.readTree(credential.body()).path("proof").path("cryptosuite").asText())
                .isEqualTo("eddsa-rdfc-2022");
    }

    /** The statements a query finds, asked again for up to 30 s while it finds none. */
    private JsonNode awaitStatements(String query, String... headers) throws Exception {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var found = send("GET", "/manabi/xapi/statements?" + query, null, null, headers);
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            JsonNode statements = JSON.readTree(found.body()).path("statements");
            if (!statements.isEmpty() || System.nanoTime() > until) {
                return statements;
            }
            Thread.sleep(250);
        }
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        var ready = HTTP.send(HttpRequest.newBuilder(server.readiness()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("manabi-database").contains("manabi-content-store").contains("\"UP\"");
        var openapi = HTTP.send(HttpRequest.newBuilder(server.openApi()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("title: Manabi Player API").contains("/admin/learners:")
                .contains("/courses/{courseId}/sharing:").contains("/me/language:");
        Path documents = Files.createDirectories(Path.of("target/openapi"));
        Files.writeString(documents.resolve(server.name + ".yaml"), openapi.body());
        // The SDK's part of the document comes from its own model reader (not from the server's scan of
        // WEB-INF/lib), so it is the same on every server: exactly the operations of its code, under /manabi/api.
        // WildFly writes the context root into the paths (Liberty and Payara into servers): removed here.
        Set<String> documented = documentedOperations(openapi.body()).stream()
                .map(o -> o.replaceFirst(" /dropin-host(?=/)", " ")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("no stray root entry").noneMatch(o -> o.endsWith(" /") || o.endsWith(" /dropin-host"));
        Set<String> sdk = documented.stream().filter(o -> o.contains(" /manabi/api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sdk).as("the SDK's documented operations against its code").isEqualTo(sdkOperations());
        SameJson.record(server.name, "openapi-operations", JSON.writeValueAsString(sdk));
    }

    /** "VERB path" for every operation of the document's top-level {@code paths} object. */
    private static List<String> documentedOperations(String yaml) {
        List<String> operations = new java.util.ArrayList<>();
        boolean inPaths = false;
        String path = null;
        for (String line : yaml.lines().toList()) {
            if (!line.startsWith(" ")) {
                inPaths = line.equals("paths:");
            } else if (inPaths && line.matches("  [^ ].*:")) {
                path = template(line.strip().replaceAll("^[\"']|[\"']?:$", ""));
                operations.add("PATH " + path);
            } else if (inPaths && path != null && line.matches("    (get|put|post|delete|patch|head|options|trace):")) {
                operations.add(line.strip().replace(":", "").toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }
        operations.removeIf(o -> o.startsWith("PATH ") && operations.stream().anyMatch(
                other -> !other.startsWith("PATH ") && other.endsWith(o.substring(4)))); // paths with operations
        return operations;
    }

    /** A path template as OpenAPI writes it: {@code {file: .+}} is {@code {file}}. */
    private static String template(String path) {
        return path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
    }

    /** "VERB path" of every SDK resource method, read from its code: each module's {@code RestComponents}. */
    private static Set<String> sdkOperations() {
        Set<String> operations = new TreeSet<>();
        for (RestComponents module : ServiceLoader.load(RestComponents.class)) {
            for (Class<?> type : module.classes()) {
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (var method : type.getMethods()) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    for (var annotation : method.getAnnotations()) {
                        jakarta.ws.rs.HttpMethod verb = annotation.annotationType()
                                .getAnnotation(jakarta.ws.rs.HttpMethod.class);
                        if (verb != null && !method.isBridge()) {
                            String path = "/manabi/api/" + root.value() + "/" + (sub == null ? "" : sub.value());
                            operations.add(verb.value() + " "
                                    + template(path).replaceAll("/+", "/").replaceAll("(.)/$", "$1"));
                        }
                    }
                }
            }
        }
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }
}
