package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning records end to end on the sample host (README "Learning records"): alice finishes a SCO and passes a quiz
 * of one course, University B's bob takes the same (global) course, and University A's student information system,
 * with a credential its admin issued, downloads the grade CSV: alice's row with both modules, never bob; the portal's
 * own sign-in leaves the credential to the SDK. Revoked, the credential reads nothing. A cmi5 and a tincan.xml course
 * have their own rows (issue 15: the grade download covers every content kind).
 */
class RecordsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/manabi/api";

    @TempDir
    Path tmp;

    private static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
        return reply.json();
    }

    private static HttpResponse<byte[]> get(String path, String authorization, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Browser.baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anInstitutionsSystemDownloadsGradesAfterALearnersQuizAndSco() throws Exception {
        Api author = Api.as("author");
        Api alice = Api.as("alice");
        Api bob = Api.as("bob");
        Api admin = Api.as("admin-a");
        String id = "records-" + UUID.randomUUID().toString().substring(0, 8);

        Path zip = tmp.resolve("sco.zip");
        Files.write(zip, AuthorizationMatrixIT.scormZip(id));
        JsonNode pkg = ok(author.postFile(API + "/packages", zip, "application/zip"));
        String courseId = pkg.get("courseId").asText();
        String lineId = pkg.get("lineId").asText();
        ok(author.postJson(API + "/quizzes?course=" + courseId, AuthorizationMatrixIT.quizJson(id)));
        ok(admin.putJson(API + "/courses/" + courseId + "/sharing", "{\"visibility\": \"GLOBAL\"}"));

        // alice: the SCO reports passed with 80 (SCORM 1.2 RTE 3.4.2.2.1), then the quiz, answered right.
        String attempt = ok(alice.get(API + "/scorm/courses/" + courseId + "/lines/" + lineId + "/attempt"))
                .get("attemptId").asText();
        String sco = API + "/scorm/attempts/" + attempt + "/scos/item-1";
        JsonNode session = ok(alice.postJson(sco + "/session", "{}"));
        ok(alice.postJson(sco + "/commit", "{\"session\": \"" + session.get("session").asText() + "\", \"sequence\": "
                + (session.get("sequence").asLong() + 1) + ", \"sets\": ["
                + "{\"element\": \"cmi.core.lesson_status\", \"value\": \"passed\"},"
                + "{\"element\": \"cmi.core.score.raw\", \"value\": \"80\"},"
                + "{\"element\": \"cmi.core.session_time\", \"value\": \"0000:02:00.00\"}], \"terminate\": true}"));
        for (Api learner : List.of(alice, bob)) {
            String quiz = API + "/quizzes/" + id + "/attempts/" + ok(learner.postJson(API + "/quizzes/" + id
                    + "/attempts?course=" + courseId, "{}")).get("attemptId").asText();
            ok(learner.putJson(quiz + "/responses", "{\"responses\": {\"yes\": true, \"no\": false}}"));
            ok(learner.postJson(quiz + "/submit", "{}"));
        }

        JsonNode issued = ok(admin.postJson(API + "/records/credentials", "{\"label\": \"Student information system\"}"));
        String basic = "Basic " + Base64.getEncoder().encodeToString((issued.path("credential").path("key").asText()
                + ":" + issued.path("secret").asText()).getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> modules = get(API + "/records/courses/" + courseId + "/modules", basic, "application/json");
        assertThat(modules.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(modules.body()).path("modules").findValuesAsText("id")).containsExactly(
                "scorm:" + lineId, "scorm:" + lineId + ":item-1", "quiz:" + id);

        HttpResponse<byte[]> csv = get(API + "/records/courses/" + courseId + "/grades?lang=ja", basic, "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        byte[] bytes = csv.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("受講者ID,氏名,").contains("The one SCO：状況", "：最高得点");
        String aliceRow = Arrays.stream(lines).filter(l -> l.startsWith("alice,")).findFirst().orElseThrow();
        // package (rolled up), the SCO, the quiz: status, attempts, best, last
        assertThat(aliceRow).endsWith(",passed,1,0.8,0.8,passed,1,0.8,0.8,passed,1,1,1");
        assertThat(text).doesNotContain("bob");

        ok(admin.delete(API + "/records/credentials/" + issued.path("credential").path("id").asText()));
        assertThat(get(API + "/records/courses/" + courseId + "/grades", basic, "text/csv").statusCode())
                .isEqualTo(401);
    }

    /**
     * A cmi5 course (issues 14, 15): alice launches its one AU and a platform admin waives it for her (the automation
     * API), which satisfies the course; University A's admin reads the course's and the AU's records.
     */
    @Test
    void aCmi5CoursesRecordsShowTheSatisfiedCourseAndTheWaivedAu() throws Exception {
        Path xml = tmp.resolve("cmi5.xml");
        // moveOn Completed (13.1.4): a launch alone does not satisfy the AU, the waiver does (9.3.7)
        Files.writeString(xml, new String(AuthorizationMatrixIT.cmi5Xml("records"), StandardCharsets.UTF_8)
                .replace("<au id=", "<au moveOn=\"Completed\" id="));
        JsonNode pkg = ok(Api.as("author").postFile(API + "/packages", xml, "text/xml"));
        String courseId = pkg.get("courseId").asText();
        String lineId = pkg.get("lineId").asText();
        JsonNode launch = ok(Api.as("alice").postJson(API + "/cmi5/courses/" + courseId + "/aus/0/launch", "{}"));
        ok(Api.as("root").postJson(API + "/cmi5/registrations/" + launch.path("registration").asText()
                + "/aus/0/waive", "{\"reason\": \"Tested Out\"}"));

        Api admin = Api.as("admin-a");
        JsonNode grades = ok(admin.get(API + "/records/courses/" + courseId + "/grades?learner=alice"));
        List<String> modules = grades.path("modules").findValuesAsText("id");
        assertThat(modules).hasSize(2).first().isEqualTo("cmi5:" + lineId);
        assertThat(modules.get(1)).startsWith("cmi5:" + lineId + ":https://example.com/matrix/records/")
                .endsWith("/au");
        JsonNode mine = grades.path("learners").get(0).path("grades");
        // the course: satisfied by the waiver, never judged; the AU: a launch that never initialized, then the waiver
        assertThat(mine.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(mine.get(1).path("status").asText()).isEqualTo("waived");
        assertThat(mine.get(1).path("attempts").asInt()).isEqualTo(2);
        JsonNode history = ok(admin.get(API + "/records/courses/" + courseId + "/history?learner=alice"));
        assertThat(history.path("learners").get(0).path("attempts").findValuesAsText("satisfaction"))
                .containsExactly("satisfied", "not-satisfied", "waived");
    }

    /**
     * A tincan.xml course (issues 14, 15): alice launches it and her content states {@code passed} with 75 % to the
     * LRS with the launch's {@code auth}; University A's admin reads its one module and her passed registration.
     */
    @Test
    void aTincanCoursesRecordsShowThePassedRegistration() throws Exception {
        Path zip = tmp.resolve("tincan.zip");
        Files.write(zip, AuthorizationMatrixIT.tincanZip("records"));
        JsonNode pkg = ok(Api.as("author").postFile(API + "/packages", zip, "application/zip"));
        String courseId = pkg.get("courseId").asText();
        String lineId = pkg.get("lineId").asText();
        JsonNode launch = ok(Api.as("alice").postJson(API + "/tincan/courses/" + courseId + "/launch", "{}"));
        Map<String, String> q = TincanIT.query(launch.path("url").asText());
        String passed = "{\"actor\":" + q.get("actor") + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
                + "passed\"},\"object\":{\"id\":\"" + q.get("activity_id") + "\"},\"result\":{\"score\":"
                + "{\"scaled\":0.75}},\"context\":{\"registration\":\"" + q.get("registration") + "\"}}";
        HttpResponse<String> stored = SessionLrs.call("POST", q.get("endpoint") + "statements", q.get("auth"), passed);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        JsonNode grades = ok(Api.as("admin-a").get(API + "/records/courses/" + courseId + "/grades?learner=alice"));
        assertThat(grades.path("modules").findValuesAsText("id")).containsExactly("tincan:" + lineId);
        JsonNode grade = grades.path("learners").get(0).path("grades").get(0);
        assertThat(grade.path("status").asText()).isEqualTo("passed");
        assertThat(grade.path("attempts").asInt()).isEqualTo(1);
        assertThat(grade.path("bestScore").asDouble()).isEqualTo(0.75);
    }
}
