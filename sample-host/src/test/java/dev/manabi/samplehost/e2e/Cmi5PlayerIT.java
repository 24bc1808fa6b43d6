package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The corpus cmi5 AU {@code single_au_basic_responsive} played in Chromium from the course page: the player shell
 * mounts {@code <manabi-cmi5-player>}, which launches the AU (AnyWindow) in its frame on the content origin; the
 * AU fetches its auth-token, reads LMS.LaunchData and sends {@code initialized} to the embedded LRS across origins,
 * where University A's credential {@code lrs-a} reads it.
 */
class Cmi5PlayerIT {

    @RegisterExtension
    static final Browser browser = Browser.perClassInOneProcess();

    private static JsonNode statements(String query) throws Exception {
        return LearnerStatementsIT.statements(query);
    }

    @Test
    void theCorpusAuInitializesInThePlayerFrame() throws Exception {
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages",
                Corpus.file("single_au_basic_responsive.zip"), "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String courseId = imported.json().path("courseId").asText();

        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        page.locator("manabi-cmi5-player iframe").waitFor();
        String registration = null;
        for (int i = 0; i < 120 && registration == null; i++) {
            for (JsonNode s : statements("verb=" + "http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Finitialized")) {
                if (s.path("object").path("id").asText().startsWith("urn:manabi:cmi5/")
                        && s.path("actor").path("account").path("name").asText().equals("alice")) {
                    registration = s.path("context").path("registration").asText();
                }
            }
            if (registration == null) {
                Thread.sleep(500);
            }
        }
        assertThat(registration).as("the AU's initialized statement").isNotNull();
        assertThat(statements("registration=" + registration).findValuesAsText("id"))
                .contains("http://adlnet.gov/expapi/verbs/launched");
        page.context().close();
    }
}
