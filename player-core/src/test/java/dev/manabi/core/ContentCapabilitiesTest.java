package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.manabi.api.PlayerException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.security.SecureRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Signing and checking content-origin capabilities: scope, expiry, tampering, foreign keys. */
class ContentCapabilitiesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final String PORTAL = "https://portal.example.org";

    private final MutableClock clock = new MutableClock(T0);
    private final ContentCapabilities caps = new ContentCapabilities(KEY, clock, Duration.ofHours(8));

    private String learnerToken() {
        return caps.issue(ContentCapability.Scope.LEARNER, "pkg-1", "univ-a", "alice", "att-1", "SCO-1", "sess-1",
                PORTAL);
    }

    @Test
    void aTokenCarriesExactlyItsScope() {
        ContentCapability c = caps.verify(learnerToken());
        assertThat(c).isEqualTo(new ContentCapability(ContentCapability.Scope.LEARNER, "pkg-1", "univ-a", "alice",
                "att-1", "SCO-1", "sess-1", PORTAL, T0.plus(Duration.ofHours(8))));
        ContentCapability preview = caps.verify(caps.issue(ContentCapability.Scope.PREVIEW, "pkg-2", "univ-a",
                "author", null, "SCO-2", "preview", PORTAL));
        assertThat(preview.scope()).isEqualTo(ContentCapability.Scope.PREVIEW);
        assertThat(preview.attemptId()).isNull();
        assertThat(learnerToken()).as("one URL path segment").matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void expiresAfterItsLifetime() {
        String token = learnerToken();
        clock.now = T0.plus(Duration.ofHours(8)).minusSeconds(1);
        assertThat(caps.verify(token).learnerId()).isEqualTo("alice");
        clock.now = T0.plus(Duration.ofHours(8));
        assertThat(code(token)).isEqualTo("content-capability-expired");
    }

    @Test
    void anyChangedFieldOrSignatureIsRefused() {
        String token = learnerToken();
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // Another package, another session, another learner: the same signature no longer fits.
        for (String[] swap : new String[][] {{"pkg-1", "pkg-9"}, {"sess-1", "sess-2"}, {"alice", "admin"},
            {"LEARNER", "PREVIEW"}}) {
            String text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)
                    .replace(swap[0], swap[1]);
            String forged = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "." + signature;
            assertThat(code(forged)).as(swap[1]).isEqualTo("content-capability-invalid");
        }
        // A later expiry written into the payload does not extend it either.
        String text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String later = text.substring(0, text.lastIndexOf('\n') + 1) + T0.plus(Duration.ofDays(365)).getEpochSecond();
        assertThat(code(Base64.getUrlEncoder().withoutPadding().encodeToString(later.getBytes(StandardCharsets.UTF_8))
                + "." + signature)).isEqualTo("content-capability-invalid");
        char last = signature.charAt(signature.length() - 2);
        String flipped = payload + "." + signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
        assertThat(code(flipped)).isEqualTo("content-capability-invalid");
        for (String malformed : new String[] {"", ".", payload, payload + ".", "." + signature, "a.b.c", "%%%.%%%",
            null}) {
            assertThat(code(malformed)).as(String.valueOf(malformed)).isEqualTo("content-capability-invalid");
        }
    }

    @Test
    void anotherInstallationsKeyIsRefused() {
        ContentCapabilities other = new ContentCapabilities("another key of at least thirty-two bytes"
                .getBytes(StandardCharsets.UTF_8), clock, Duration.ofHours(8));
        assertThat(code(other.issue(ContentCapability.Scope.LEARNER, "pkg-1", "univ-a", "alice", "att-1", "SCO-1",
                "sess-1", PORTAL))).isEqualTo("content-capability-invalid");
    }

    @Test
    void shortKeysAndLineBreaksInFieldsAreRefusedWhenIssuing() {
        assertThat(catchThrowableOfType(() -> new ContentCapabilities(new byte[16], clock, Duration.ofHours(1)),
                IllegalArgumentException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> caps.issue(ContentCapability.Scope.LEARNER, "pkg-1", "univ-a",
                "alice\nPREVIEW", "att-1", "SCO-1", "sess-1", PORTAL), IllegalArgumentException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> caps.issue(ContentCapability.Scope.LEARNER, "pkg-1", "univ-a",
                "alice", null, "SCO-1", "sess-1", PORTAL), IllegalArgumentException.class))
                .as("a learner's capability names its attempt").isNotNull();
    }

    @Test
    void contentOriginConfiguration() {
        assertThat(ContentOrigin.parse("", "").mode()).isEqualTo(ContentOrigin.Mode.SANDBOX);
        assertThat(ContentOrigin.parse("sandbox", "").mode()).isEqualTo(ContentOrigin.Mode.SANDBOX);
        ContentOrigin.Setup isolated = ContentOrigin.parse("HTTP://127.0.0.1:9080/", "'self' https://lms.example.org");
        assertThat(isolated.mode()).isEqualTo(ContentOrigin.Mode.ISOLATED);
        assertThat(isolated.origin().toString()).isEqualTo("http://127.0.0.1:9080");
        assertThat(isolated.extraAncestors()).containsExactly("https://lms.example.org");
        assertThat(catchThrowableOfType(() -> ContentOrigin.parse("content.example.org", ""),
                IllegalStateException.class)).hasMessageContaining("manabi.content.origin");
        assertThat(ContentOrigin.normalizeOrigin("https://Portal.Example.org:443")).contains(PORTAL);
        assertThat(ContentOrigin.normalizeOrigin("null")).isEmpty();
        assertThat(ContentOrigin.normalizeOrigin("https://portal.example.org/path")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theGeneratedKeyIsMadeOnceAndSharedByEveryServer(DataSource ds) {
        String first = ContentOrigin.storedKey(ds, new SecureRandom(), T0);
        String second = ContentOrigin.storedKey(ds, new SecureRandom(), T0.plusSeconds(60));
        assertThat(second).isEqualTo(first);
        assertThat(Base64.getDecoder().decode(first)).hasSize(ContentCapabilities.MIN_KEY_BYTES);
    }

    private String code(String token) {
        return catchThrowableOfType(() -> caps.verify(token), PlayerException.class).code();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
