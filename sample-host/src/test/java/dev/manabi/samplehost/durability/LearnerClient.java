package dev.manabi.samplehost.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Learners of the sample host as the player drives the SCORM run-time REST API (scorm-runtime/README.md, "Run
 * time"): sign in, get the attempt, open a SCO session, commit. Learners sign in with the portal's form once and
 * then send the session cookie, as a browser does: HTTP Basic would check the password (PBKDF2) on every request,
 * which is the portal's cost, not the run-time's.
 */
final class LearnerClient {

    static final String PASSWORD = "manabi-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;

    LearnerClient(String baseUrl) {
        this.baseUrl = baseUrl;
        // HTTP/1.1 like the browsers' keep-alive connections to a portal; no cookie store: each learner's cookie is
        // sent explicitly.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A course with one SCORM 2004 SCO, uploaded by {@code author}: {@code courseId}, {@code lineId}. */
    record Course(String courseId, String lineId) {
    }

    /** One learner's open SCO session. */
    record Launch(String user, String cookie, String attemptId, String itemId, String session) {
    }

    /** An HTTP answer; status 0 when no answer came (connection refused or reset, timeout). */
    record Answer(int status, String body, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Course uploadCourse(String author, String identifier) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/manabi/api/packages"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", basic(author))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(scorm2004(identifier))).build();
        JsonNode json = json(require(send(request), 201, "upload"));
        return new Course(json.get("courseId").asText(), json.get("lineId").asText());
    }

    /** The portal's form sign-in ({@code POST /login}); the cookies it sets. */
    String signIn(String user) {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password=" + PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/login")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            List<String> cookies = new ArrayList<>();
            for (String c : r.headers().allValues("Set-Cookie")) {
                cookies.add(c.split(";", 2)[0]);
            }
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || cookies.isEmpty() || location.contains("error")) {
                throw new IllegalStateException("sign-in of " + user + " failed: " + r.statusCode() + " " + location);
            }
            return String.join("; ", cookies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET .../attempt} (started if none): the attempt and the activity to deliver. */
    Answer attempt(String cookie, Course course) {
        return send(get(cookie, "/manabi/api/scorm/courses/" + course.courseId() + "/lines/" + course.lineId()
                + "/attempt"));
    }

    /** {@code POST .../session} on the attempt's current activity: what Initialize loads. */
    Answer openSession(String cookie, String attemptId, String itemId) {
        return send(post(cookie, "/manabi/api/scorm/attempts/" + attemptId + "/scos/" + itemId + "/session", ""));
    }

    /** Signs in, gets (creates) the attempt and opens a session on its SCO. */
    Launch launch(String user, String cookie, Course course) {
        JsonNode attempt = json(require(attempt(cookie, course), 200, "attempt of " + user));
        String attemptId = attempt.get("attemptId").asText();
        String itemId = attempt.get("currentItem").asText();
        JsonNode session = json(require(openSession(cookie, attemptId, itemId), 200, "session of " + user));
        return new Launch(user, cookie, attemptId, itemId, session.get("session").asText());
    }

    Answer commit(Launch l, long sequence, Map<String, String> sets) {
        return send(commitRequest(l, sequence, sets));
    }

    CompletableFuture<Answer> commitAsync(Launch l, long sequence, Map<String, String> sets) {
        long start = System.nanoTime();
        return http.sendAsync(commitRequest(l, sequence, sets), HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> e != null ? new Answer(0, String.valueOf(e), System.nanoTime() - start)
                        : new Answer(r.statusCode(), r.body(), System.nanoTime() - start));
    }

    private HttpRequest commitRequest(Launch l, long sequence, Map<String, String> sets) {
        ObjectNode body = JSON.createObjectNode();
        body.put("session", l.session());
        body.put("sequence", sequence);
        ArrayNode list = body.putArray("sets");
        sets.forEach((element, value) -> list.addObject().put("element", element).put("value", value));
        body.put("terminate", false);
        return post(l.cookie(), "/manabi/api/scorm/attempts/" + l.attemptId() + "/scos/" + l.itemId() + "/commit",
                body.toString());
    }

    /**
     * The values commit {@code n} of {@code user} sets: every element carries {@code n}, so a stored state shows
     * which commit it came from and whether it came from one commit only. The scaled score is rolled up to the
     * attempt. {@code cmi.exit} suspend keeps the values for the next launch (SCORM 2004
     * RTE 4.2.8 cmi.entry resume).
     */
    static Map<String, String> values(String user, long n) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("cmi.location", "page-" + n);
        v.put("cmi.suspend_data", user + "|" + n + "|" + "x".repeat(400));
        v.put("cmi.score.raw", Long.toString(n));
        v.put("cmi.score.scaled", scaledScore(n));
        v.put("cmi.session_time", "PT" + n + "S");
        v.put("cmi.exit", "suspend");
        return v;
    }

    /** {@code n / 100000} as SCORM's real(10,7) (no exponent). */
    static String scaledScore(long n) {
        return java.math.BigDecimal.valueOf(n, 5).toPlainString();
    }

    static JsonNode json(Answer a) {
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + a.body(), e);
        }
    }

    static Answer require(Answer a, int status, String what) {
        if (a.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + a.status() + " " + a.body());
        }
        return a;
    }

    private HttpRequest get(String cookie, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookie).header("Accept", "application/json").GET().build();
    }

    private HttpRequest post(String cookie, String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookie).header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private Answer send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), System.nanoTime() - start);
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A SCORM 2004 4th Edition package with one SCO (the content is never loaded: the test is the API's). */
    static byte[] scorm2004(String identifier) {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="%s" version="1"
                    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org">
                      <title>Durability %s</title>
                      <item identifier="i1" identifierref="r1"><title>Lesson 1</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(identifier, identifier);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("imsmanifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write("<!doctype html><title>Lesson 1</title><p>Lesson 1</p>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
