package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SameOriginGuardTest {

    private static boolean allowed(String method, String origin, String fetchSite, String host, String forwarded,
                                   Set<String> list) {
        return SameOriginGuard.refusal(method, origin, fetchSite, host, forwarded, list).isEmpty();
    }

    @Test
    void readsAreNeverRefused() {
        assertThat(allowed("GET", "https://evil.example", "cross-site", "lms.example.ac.jp", null, Set.of())).isTrue();
        assertThat(allowed("HEAD", "https://evil.example", "cross-site", "lms.example.ac.jp", null, Set.of())).isTrue();
    }

    @Test
    void writesFromThisServersOwnPagesPass() {
        assertThat(allowed("POST", "http://localhost:9080", "same-origin", "localhost:9080", null, Set.of())).isTrue();
        assertThat(allowed("PUT", "https://lms.example.ac.jp", null, "LMS.example.ac.jp:443", null, Set.of()))
                .as("default port and host case").isTrue();
        assertThat(allowed("DELETE", "https://lms.example.ac.jp", null, "backend:9080", "lms.example.ac.jp, proxy2",
                Set.of())).as("behind a proxy that rewrites Host").isTrue();
    }

    @Test
    void writesFromOtherSitesAreRefused() {
        assertThat(allowed("POST", "https://evil.example", "cross-site", "lms.example.ac.jp", null, Set.of()))
                .isFalse();
        assertThat(allowed("POST", "http://lms.example.ac.jp", null, "lms.example.ac.jp:443", null, Set.of()))
                .as("other scheme, other port").isFalse();
        assertThat(allowed("POST", "https://lms.example.ac.jp.evil.example", null, "lms.example.ac.jp", null,
                Set.of())).isFalse();
        assertThat(allowed("POST", "null", null, "lms.example.ac.jp", null, Set.of())).as("sandboxed page").isFalse();
        assertThat(allowed("PATCH", null, "cross-site", "lms.example.ac.jp", null, Set.of())).isFalse();
        assertThat(SameOriginGuard.refusal("POST", "https://evil.example", null, "lms", null, Set.of()).orElseThrow())
                .contains("manabi.api.allowed-origins");
    }

    @Test
    void nonBrowserClientsAndListedOriginsPass() {
        assertThat(allowed("POST", null, null, "lms.example.ac.jp", null, Set.of())).as("curl").isTrue();
        assertThat(allowed("POST", "https://portal.example.ac.jp", "cross-site", "api.example.ac.jp", null,
                Set.of("https://portal.example.ac.jp"))).isTrue();
        assertThat(allowed("POST", "https://evil.example", "cross-site", "api.example.ac.jp", null, Set.of("*")))
                .as("check turned off").isTrue();
    }
}
