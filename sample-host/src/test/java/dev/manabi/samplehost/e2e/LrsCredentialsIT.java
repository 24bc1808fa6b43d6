package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LRS credentials end to end: an institution admin issues one on the portal's page, an xAPI client writes and reads
 * with it (the container's sign-in leaves the LRS path alone), another institution sees none of it, and once
 * revoked the key no longer works.
 */
class LrsCredentialsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ISSUED = Pattern.compile("(lrs-[A-Za-z0-9_-]+)\\s+\\S+\\s+([A-Za-z0-9_-]{20,})");

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static HttpResponse<String> xapi(String method, String path, String key, String secret, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(Browser.baseUrl() + "/manabi/xapi" + path))
                .header("X-Experience-API-Version", "2.0.0")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminIssuesACredentialThatWritesUntilRevoked() throws Exception {
        Page admin = browser.signIn("admin-a", "en-US");
        admin.locator("#lrs-link a").click();
        admin.waitForURL("**/lrs.html");
        String label = "Grading tool " + UUID.randomUUID().toString().substring(0, 6);
        admin.getByLabel("Name of the client").fill(label);
        admin.locator("#lrs-issue button[type=submit]").click();
        assertThat(admin.locator("#lrs-result")).containsText("Secret");
        Matcher issued = ISSUED.matcher(admin.locator("#lrs-result p").first().textContent());
        assertThat(issued.find()).isTrue();
        String key = issued.group(1);
        String secret = issued.group(2);

        String statementId = UUID.randomUUID().toString();
        String statement = "{\"id\":\"" + statementId + "\",\"actor\":{\"account\":{\"homePage\":\"https://univ-a.example\","
                + "\"name\":\"learner-7\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
                + "\"object\":{\"id\":\"https://univ-a.example/activities/" + statementId + "\"}}";
        assertThat(xapi("POST", "/statements", key, secret, statement).statusCode()).isEqualTo(200);
        HttpResponse<String> read = xapi("GET", "/statements?statementId=" + statementId, key, secret, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"name\":\"" + key + "\""); // the authority is the credential
        assertThat(read.headers().firstValue("X-Experience-API-Version")).contains("2.0.0");
        // A portal password is no LRS credential, and University B's admin does not see University A's credentials.
        assertThat(xapi("GET", "/statements", "admin-a", "manabi-demo", null).statusCode()).isEqualTo(401);
        assertThat(Api.as("admin-b").get("/manabi/api/lrs/credentials").text()).doesNotContain(key);

        admin.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Revoke: " + label + " (" + key + ")")).click();
        assertThat(admin.locator("#lrs-result")).containsText(key + " revoked");
        assertThat(xapi("GET", "/statements?statementId=" + statementId, key, secret, null).statusCode())
                .isEqualTo(401);
        admin.context().close();
    }
}
