package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The foundation, end to end: sign-in, identity and tenant from the host, the player shell, tenant isolation. */
class PortalIT {

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    @Test
    void anonymousApiCallsGet401AndPagesRedirectToSignIn() {
        var anonymous = Api.as("nobody").get("/manabi/api/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isIn("unauthenticated", "bad-credentials");
        Page page = browser.newContext("en-US").newPage();
        page.navigate("/player.html");
        page.waitForURL("**/login.html?next=**");
        page.navigate("/");
        page.waitForURL("**/login.html?next=%2Findex.html");
    }

    @Test
    void identityAndTenantComeFromTheHost() {
        var alice = Api.as("alice").get("/manabi/api/me");
        assertThat(alice.status()).isEqualTo(200);
        assertThat(alice.json().at("/tenant/name").asText()).isEqualTo("University A");
        assertThat(Api.as("bob").get("/manabi/api/me").json().at("/tenant/id").asText()).isEqualTo("univ-b");
    }

    @Test
    void healthAndOpenApiDescribeTheSdk() {
        // Liberty's own endpoints answer on the admin port only (README "Content origin").
        var ready = Api.admin("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).contains("manabi-database").contains("manabi-content-store")
                .contains("manabi-completion-rules");
        assertThat(Api.as("nobody").get("/health/ready").text()).doesNotContain("manabi-database");
        assertThat(Api.admin("/openapi").text()).contains("\"/manabi/api/me\"")
                .contains("\"/manabi/api/courses/{courseId}/sharing\"");
    }

    @Test
    void writesFromAnotherSitesPagesAreRefused() {
        // What a hostile page's auto-submitted form would send along with the victim's session cookie.
        Api.Reply forged = Api.as("author").from("https://evil.example")
                .postForm("/manabi/api/packages", Corpus.file("RuntimeBasicCalls_SCORM12.zip"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("code").asText()).isEqualTo("cross-origin-request");
        String before = Api.as("alice").get("/manabi/api/me").json().get("chosenLanguage").asText();
        assertThat(Api.as("alice").from("https://evil.example").putJson("/manabi/api/me/language",
                "{\"language\":\"zh-Hant\"}").status()).isEqualTo(403);
        assertThat(Api.as("alice").get("/manabi/api/me").json().get("chosenLanguage").asText()).isEqualTo(before);
        assertThat(Api.as("alice").from("https://evil.example").get("/manabi/api/me").status())
                .as("reads stay possible (CORS keeps their answers from the other site)").isEqualTo(200);

        Api.Reply own = Api.as("alice").from(Browser.baseUrl()).putJson("/manabi/api/me/language",
                "{\"language\":\"zh-Hant\"}");
        assertThat(own.status()).as(own.text()).isBetween(200, 204);
        assertThat(Api.as("alice").delete("/manabi/api/me/language").status()).isBetween(200, 204);
    }

    @Test
    void institutionAdminsSeeOnlyTheirOwnMembers() {
        Api.as("bob").get("/manabi/api/me");
        Api.as("alice").get("/manabi/api/me");
        var own = Api.as("admin-a").get("/manabi/api/admin/learners");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("learners").findValuesAsText("learnerId")).contains("alice").doesNotContain("bob");
        assertThat(Api.as("admin-a").get("/manabi/api/admin/learners?tenant=univ-b").status()).isEqualTo(403);
        assertThat(Api.as("alice").get("/manabi/api/admin/learners").status()).isEqualTo(403);
        assertThat(Api.as("root").get("/manabi/api/admin/learners?tenant=univ-b").json().get("learners")
                .findValuesAsText("learnerId")).contains("bob");
    }

    @Test
    void signedInLearnerLoadsThePlayerInTheirLanguage() {
        Api.as("alice").delete("/manabi/api/me/language");
        Page page = browser.signIn("alice", "ja-JP");
        assertThat(page.locator("#catalog-title")).hasText("コース一覧");
        page.navigate("/player.html");
        Locator shell = page.locator("manabi-player");
        assertThat(shell.locator(".who")).hasText("Alice Sato（University A）でログイン中");
        assertThat(page.locator("html")).hasAttribute("lang", "ja");
        Browser.screenshot(page, "player-ja");

        shell.locator("#language").selectOption("ko");
        assertThat(shell.locator("#exit")).hasText("나가기");
        assertThat(page.locator("html")).hasAttribute("lang", "ko");
        var me = Api.as("alice").get("/manabi/api/me").json();
        assertThat(me.get("chosenLanguage").asText()).isEqualTo("ko");
        Api.as("alice").delete("/manabi/api/me/language");
        assertThat(Api.as("alice").get("/manabi/api/me").json().get("chosenLanguage").isNull()).isTrue();
    }
}
