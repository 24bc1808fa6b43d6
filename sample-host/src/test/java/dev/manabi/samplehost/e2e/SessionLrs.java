package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * The embedded LRS as launched content reaches it, with a session credential (a cmi5 auth-token, a tincan
 * {@code auth}), and what every such credential is refused (lrs README, "Session credentials"; issue 14 review
 * finding 1): another learner's documents, writes of activity profiles, other registrations through a
 * hand-made {@code more} link.
 */
final class SessionLrs {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Another learner of the same institution. */
    static final String OTHER_AGENT = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://example.invalid/\","
            + "\"name\":\"mallory\"}}";

    private SessionLrs() {
    }

    /** A request with the credential {@code auth} (xAPI 1.0.3 headers; a body is JSON). */
    static HttpResponse<String> call(String method, String url, String auth, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("X-Experience-API-Version", "1.0.3");
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        return HTTP.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Asserts a 403 with the LRS's error {@code code}. */
    static void refused(HttpResponse<String> r, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("code").asText()).as(r.body()).isEqualTo(code);
    }

    /** What no session credential may do, whatever module issued it. */
    static void assertLimitedToItsLearner(String endpoint, String auth, String registration, String activityId)
            throws Exception {
        String other = encode(OTHER_AGENT);
        refused(call("GET", endpoint + "agents/profile?agent=" + other + "&profileId=cmi5LearnerPreferences", auth,
                null), "session-actor");
        refused(call("PUT", endpoint + "agents/profile?agent=" + other + "&profileId=p", auth, "{}"),
                "session-actor");
        refused(call("GET", endpoint + "agents?agent=" + other, auth, null), "session-actor");
        refused(call("GET", endpoint + "activities/state?activityId=" + encode(activityId) + "&agent=" + other
                + "&registration=" + registration + "&stateId=bookmark", auth, null), "session-actor");
        // another activity's profile is shared by other courses' learners (cmi5 AUs write only their own, section 12)
        refused(call("PUT", endpoint + "activities/profile?activityId=" + encode("https://example.invalid/shared")
                + "&profileId=p", auth, "{}"), "session-read-only");
        // a 'more' link is Base64 of the query: one written by hand with another registration is refused
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"registration\":\""
                + UUID.randomUUID() + "\",\"~cursor\":\"0\"}").getBytes(StandardCharsets.UTF_8));
        refused(call("GET", endpoint + "statements?more=" + forged, auth, null), "session-registration");
        String noRegistration = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"~cursor\":\"0\"}"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> narrowed = call("GET", endpoint + "statements?more=" + noRegistration, auth, null);
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        JSON.readTree(narrowed.body()).path("statements").forEach(s -> assertThat(s.path("context")
                .path("registration").asText()).isEqualTo(registration));
    }
}
