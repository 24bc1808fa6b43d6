package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * cmi5 over HTTP on the running sample host, as an AU sees it (no browser): the corpus package
 * {@code single_au_basic_responsive} imports cleanly, a learner's launch answers the cmi5 launch URL, the fetch URL
 * answers one auth-token (then the spec's error), and the token works on the embedded LRS for the launch's
 * registration only: LMS.LaunchData is there, the AU's statements are accepted, the
 * LMS's launched statement is in the LRS when the launch returns, and the token is limited to its registration and
 * learner (another registration, actor or learner's documents 403; LMS.LaunchData and the preferences read only).
 */
class Cmi5LaunchIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Waits for the application itself (on a loaded machine it starts well after the server reports ready). */
    private static void awaitApplication() throws Exception {
        for (int i = 0; i < 180 && Api.as("alice").get("/manabi/api/me").status() == 404; i++) {
            Thread.sleep(1000);
        }
    }

    private static HttpResponse<String> post(String url, String authorization, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            r.header("Authorization", authorization).header("X-Experience-API-Version", "1.0.3")
                    .header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(r.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("POST " + url + " failed", e);
        }
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("X-Experience-API-Version", "1.0.3").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCorpusAuLaunchesAndItsTokenWorksForItsRegistrationOnly() throws Exception {
        awaitApplication();
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages",
                Corpus.file("single_au_basic_responsive.zip"), "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.json().path("standard").asText()).isEqualTo("CMI5");
        assertThat(imported.json().path("problems")).as(imported.text()).isEmpty();
        String courseId = imported.json().path("courseId").asText();

        // cmi5 11.2: the learner's audio preference, set in Manabi, reaches the AU in cmi5LearnerPreferences
        Api.Reply audio = Api.as("alice").putJson("/manabi/api/me/audio-preference", "{\"audioPreference\": \"off\"}");
        assertThat(audio.status()).as(audio.text()).isEqualTo(200);
        assertThat(audio.json().path("audioPreference").asText()).isEqualTo("off");
        assertThat(Api.as("alice").putJson("/manabi/api/me/audio-preference", "{\"audioPreference\": \"loud\"}")
                .status()).isEqualTo(400);
        Api.Reply launched = Api.as("alice").postJson("/manabi/api/cmi5/courses/" + courseId + "/aus/0/launch",
                "{\"returnUrl\": \"/course.html?course=" + courseId + "\"}");
        assertThat(launched.status()).as(launched.text()).isEqualTo(201);
        String url = launched.json().path("url").asText();
        Map<String, String> q = query(url);
        assertThat(URI.create(url).getPath()).endsWith("/index.html");
        assertThat(q.get("registration")).isEqualTo(launched.json().path("registration").asText());
        String endpoint = q.get("endpoint");
        assertThat(endpoint).endsWith("/manabi/xapi/");

        assertThat(q.get("fetch")).startsWith(Browser.baseUrl() + "/manabi/cmi5/fetch/");
        HttpResponse<String> fetched = post(q.get("fetch"), null, null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/json"));
        String token = JSON.readTree(fetched.body()).path("auth-token").asText();
        assertThat(token).isNotEmpty();
        HttpResponse<String> again = post(q.get("fetch"), null, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("error-code").asText()).isEqualTo("1");
        String auth = "Basic " + token;

        String agent = encode(q.get("actor"));
        HttpResponse<String> launchData = get(endpoint + "activities/state?activityId=" + encode(q.get("activityId"))
                + "&agent=" + agent + "&registration=" + q.get("registration") + "&stateId=LMS.LaunchData", auth);
        assertThat(launchData.statusCode()).as(launchData.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(launchData.body());
        assertThat(data.path("launchMode").asText()).isEqualTo("Normal");
        assertThat(data.path("moveOn").asText()).isEqualTo("CompletedOrPassed");
        assertThat(data.path("returnURL").asText()).endsWith("/course.html?course=" + courseId);
        String sessionId = launched.json().path("sessionId").asText();
        assertThat(data.path("contextTemplate").path("extensions")
                .path("https://w3id.org/xapi/cmi5/context/extensions/sessionid").asText()).isEqualTo(sessionId);
        // a "cmi5 defined" statement (cmi5 7.1.3): the context template and the cmi5 category (9.6.2.1)
        ((com.fasterxml.jackson.databind.node.ObjectNode) data.path("contextTemplate").path("contextActivities"))
                .putArray("category").addObject().put("id", "https://w3id.org/xapi/cmi5/context/categories/cmi5");
        String initialized = "{\"id\":\"" + UUID.randomUUID() + "\",\"actor\":" + q.get("actor") + ",\"verb\":"
                + "{\"id\":\"http://adlnet.gov/expapi/verbs/initialized\"},\"object\":{\"id\":\""
                + q.get("activityId") + "\"},\"context\":{\"registration\":\"REGISTRATION\",\"contextActivities\":"
                + data.path("contextTemplate").path("contextActivities") + ",\"extensions\":"
                + data.path("contextTemplate").path("extensions") + "},\"timestamp\":\"" + Instant.now() + "\"}";
        HttpResponse<String> accepted = post(endpoint + "statements", auth, initialized.replace("REGISTRATION",
                q.get("registration")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> foreign = post(endpoint + "statements", auth, initialized.replace("REGISTRATION",
                UUID.randomUUID().toString()));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(get(endpoint + "statements?registration=" + UUID.randomUUID(), auth).statusCode()).isEqualTo(403);

        // The same statement sent again (a retry) is the LRS's normal answer, not a second initialized (cmi5 9.3).
        HttpResponse<String> resent = post(endpoint + "statements", auth, initialized.replace("REGISTRATION",
                q.get("registration")));
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        // Another learner as actor is refused with the cmi5 rule's code (8.1 actor, 9.2).
        SessionLrs.refused(post(endpoint + "statements", auth, initialized.replace("REGISTRATION",
                q.get("registration")).replaceFirst("\\{\"id\":\"[^\"]+\"", "{\"id\":\"" + UUID.randomUUID() + "\"")
                .replace(q.get("actor"), SessionLrs.OTHER_AGENT)), "cmi5-statement-actor");

        // The LMS's launched statement is in the LRS when the launch returns (9.3: initialized follows it).
        HttpResponse<String> list = get(endpoint + "statements?registration=" + q.get("registration"), auth);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).path("statements").findValuesAsText("id").toString())
                .contains("http://adlnet.gov/expapi/verbs/launched", "http://adlnet.gov/expapi/verbs/initialized");

        // The token touches its learner's documents only; LMS.LaunchData and the learner preferences are the
        // LMS's (cmi5 10: "The AU MUST NOT modify or delete" LMS.LaunchData; 11: the LMS may answer 403).
        String state = endpoint + "activities/state?activityId=" + encode(q.get("activityId")) + "&agent=" + agent
                + "&registration=" + q.get("registration");
        SessionLrs.refused(SessionLrs.call("PUT", state + "&stateId=LMS.LaunchData", auth, "{}"),
                "session-read-only");
        SessionLrs.refused(SessionLrs.call("DELETE", state + "&stateId=LMS.LaunchData", auth, null),
                "session-read-only");
        assertThat(SessionLrs.call("PUT", state + "&stateId=bookmark", auth, "{\"page\":2}").statusCode())
                .isEqualTo(204);
        // a delete of all the state deletes the AU's documents and keeps LMS.LaunchData (section 10 protects only it)
        assertThat(SessionLrs.call("DELETE", state, auth, null).statusCode()).isEqualTo(204);
        assertThat(get(state + "&stateId=LMS.LaunchData", auth).statusCode()).isEqualTo(200);
        assertThat(get(state + "&stateId=bookmark", auth).statusCode()).isEqualTo(404);
        assertThat(SessionLrs.call("PUT", state + "&stateId=bookmark", auth, "{\"page\":2}").statusCode())
                .isEqualTo(204);
        String preferences = endpoint + "agents/profile?agent=" + agent + "&profileId=cmi5LearnerPreferences";
        HttpResponse<String> learnerPreferences = get(preferences, auth);
        assertThat(learnerPreferences.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(learnerPreferences.body()).path("audioPreference").asText()).isEqualTo("off");
        Api.Reply forgotten = Api.as("alice").delete("/manabi/api/me/audio-preference");
        assertThat(forgotten.status()).isEqualTo(200);
        assertThat(forgotten.json().path("audioPreference").isTextual()).isFalse();
        SessionLrs.refused(SessionLrs.call("PUT", preferences, auth, "{\"audioPreference\":\"off\"}"),
                "session-read-only");
        SessionLrs.assertLimitedToItsLearner(endpoint, auth, q.get("registration"), q.get("activityId"));
        // cmi5 section 12: "The AU MAY use the Activity Profile API", for its own activity id
        String ownProfile = endpoint + "activities/profile?activityId=" + encode(q.get("activityId"))
                + "&profileId=settings-" + UUID.randomUUID(); // the server's data outlives one run
        assertThat(SessionLrs.call("PUT", ownProfile, auth, "{\"level\":1}").statusCode()).isEqualTo(204);
        assertThat(get(ownProfile, auth).body()).contains("level");

        // After terminated the token writes nothing new (9.3.8), but a retried terminated gets the normal answer.
        String terminated = initialized.replace("REGISTRATION", q.get("registration"))
                .replaceFirst("\\{\"id\":\"[^\"]+\"", "{\"id\":\"" + UUID.randomUUID() + "\"")
                .replace("verbs/initialized", "verbs/terminated")
                .replace(",\"timestamp\"", ",\"result\":{\"duration\":\"PT1M\"},\"timestamp\"");
        HttpResponse<String> ended = post(endpoint + "statements", auth, terminated);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        HttpResponse<String> retried = post(endpoint + "statements", auth, terminated);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        SessionLrs.refused(post(endpoint + "statements", auth, terminated.replaceFirst("\\{\"id\":\"[^\"]+\"",
                "{\"id\":\"" + UUID.randomUUID() + "\"")), "forbidden");

        // Another institution's learner cannot launch the course.
        assertThat(Api.as("bob").postJson("/manabi/api/cmi5/courses/" + courseId + "/aus/0/launch", "{}").status())
                .isEqualTo(404);
    }
}
