package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Configuration ({@code manabi.frame-ancestors}, {@code manabi.content.origin}) to the headers sent. */
class SecurityHeadersTest {

    /** The policy as directive name to value, to assert on one directive without depending on their order. */
    private static Map<String, String> directives(SecurityHeaders headers) {
        return Arrays.stream(headers.headers().get("Content-Security-Policy").split(";\\s*"))
                .map(d -> d.split(" ", 2))
                .collect(Collectors.toMap(d -> d[0], d -> d.length > 1 ? d[1] : ""));
    }

    @Test
    void sdkAnswersRenderNothingAndAreFramedOnlyByTheirOwnOriginByDefault() {
        SecurityHeaders sdk = SecurityHeaders.forSdk(null);
        assertThat(directives(sdk)).containsEntry("default-src", "'none'").containsEntry("frame-ancestors", "'self'")
                .containsEntry("base-uri", "'none'").containsEntry("form-action", "'none'");
        assertThat(sdk.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "same-origin").containsEntry("X-Frame-Options", "SAMEORIGIN");
    }

    @Test
    void pagesRunOnlyTheirOwnOriginsScriptsAndAllowInlineStylesOfShadowRoots() {
        Map<String, String> policy = directives(SecurityHeaders.forPages(null, null));
        assertThat(policy.get("script-src")).isEqualTo("'self'");
        assertThat(policy.get("style-src")).isEqualTo("'self' 'unsafe-inline'");
        assertThat(policy).containsEntry("object-src", "'none'").containsEntry("default-src", "'self'")
                .containsEntry("frame-src", "'self'").containsEntry("child-src", "'self'")
                .containsEntry("frame-ancestors", "'self'");
        assertThat(String.join(" ", policy.values())).doesNotContain("unsafe-eval").doesNotContain("*");
    }

    @Test
    void pagesMayFrameTheConfiguredContentOrigin() {
        Map<String, String> policy = directives(SecurityHeaders.forPages(null, "HTTP://127.0.0.1:9080/"));
        assertThat(policy).containsEntry("frame-src", "'self' http://127.0.0.1:9080")
                .containsEntry("child-src", "'self' http://127.0.0.1:9080");
        assertThat(directives(SecurityHeaders.forPages(null, "https://content.example.org")))
                .containsEntry("frame-src", "'self' https://content.example.org");
    }

    @Test
    void anUnusableContentOriginIsNotFramed() {
        for (String bad : List.of("content.example.org", "javascript:alert(1)", "https://user@content.example.org",
                "https://a.example; script-src *")) {
            assertThat(directives(SecurityHeaders.forPages(null, bad))).as(bad).containsEntry("frame-src", "'self'");
        }
    }

    @Test
    void hostsThatEmbedThePlayerNameTheirPortalAndLoseTheContradictingXFrameOptions() {
        SecurityHeaders pages = SecurityHeaders.forPages("'self' https://portal.example.ac.jp", null);
        assertThat(directives(pages)).containsEntry("frame-ancestors", "'self' https://portal.example.ac.jp");
        assertThat(pages.headers()).doesNotContainKey("X-Frame-Options");
        SecurityHeaders sdk = SecurityHeaders.forSdk("https://portal.example.ac.jp, https://*.lms.example.org");
        assertThat(directives(sdk)).containsEntry("frame-ancestors",
                "https://portal.example.ac.jp https://*.lms.example.org");
        assertThat(sdk.headers()).doesNotContainKey("X-Frame-Options");
    }

    @Test
    void noFramingAtAllIsAlsoSaidWithXFrameOptionsDeny() {
        SecurityHeaders sdk = SecurityHeaders.forSdk("'NONE'");
        assertThat(directives(sdk)).containsEntry("frame-ancestors", "'none'");
        assertThat(sdk.headers()).containsEntry("X-Frame-Options", "DENY");
    }

    @Test
    void anUnusableFrameAncestorsValueFailsClosed() {
        for (String bad : List.of("*", "'self'; script-src *", "self", "'unsafe-inline'", "'none' 'self'",
                "https://a.example/path?x")) {
            SecurityHeaders sdk = SecurityHeaders.forSdk(bad);
            assertThat(directives(sdk)).as(bad).containsEntry("frame-ancestors", "'none'");
            assertThat(sdk.headers()).as(bad).containsEntry("X-Frame-Options", "DENY");
        }
    }
}
