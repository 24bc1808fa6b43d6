package dev.manabi.core;

import dev.manabi.api.PlayerException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks {@link ContentCapability} tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(key,
 * base64url(payload)))} (RFC 2104 HMAC, RFC 4648 section 5 alphabet without padding), small enough for one URL path
 * segment, so a package's relative URLs keep working below it. Checking one needs no database: the key is loaded once
 * ({@link ContentOrigin}), the rest is one HMAC over a few hundred bytes.
 *
 * <p>The payload is the capability's fields, one per line, after a format version; fields must not contain line
 * breaks (ids never do; a learner id that did is refused when issuing rather than misread when checking).
 */
public final class ContentCapabilities {

    private static final String FORMAT = "mc1";
    private static final String ALGORITHM = "HmacSHA256";
    /** Shortest key accepted: the HMAC-SHA256 output size (RFC 2104 section 3 recommends at least L bytes). */
    public static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;
    private final ThreadLocal<Mac> macs;

    /**
     * @param key      the shared secret (at least {@link #MIN_KEY_BYTES}); every server of one installation uses the
     *                 same one
     * @param clock    what "now" is for issuing and checking
     * @param lifetime how long an issued capability is valid
     */
    public ContentCapabilities(byte[] key, Clock clock, Duration lifetime) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The content signing key must have at least " + MIN_KEY_BYTES
                    + " bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("The capability lifetime must be positive");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = clock;
        this.lifetime = lifetime;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A capability valid from now for {@link #lifetime()}, as a token. */
    public String issue(ContentCapability.Scope scope, String packageId, String tenantId, String learnerId,
                        String attemptId, String activityId, String sessionId, String portalOrigin) {
        Instant expires = Instant.ofEpochSecond(clock.instant().plus(lifetime).getEpochSecond());
        return token(new ContentCapability(scope, packageId, tenantId, learnerId, attemptId, activityId, sessionId,
                portalOrigin, expires));
    }

    /** The token of a capability (its expiry as given). */
    public String token(ContentCapability c) {
        List<String> fields = java.util.Arrays.asList(FORMAT, c.scope().name(), c.packageId(), c.tenantId(),
                c.learnerId(), c.attemptId() == null ? "" : c.attemptId(), c.activityId(), c.sessionId(),
                c.portalOrigin(), Long.toString(c.expiresAt().getEpochSecond()));
        for (String f : fields) {
            if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("Capability fields must not contain line breaks");
            }
        }
        String payload = B64.encodeToString(String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /**
     * The capability a token carries, when its signature is this installation's and it has not expired.
     *
     * @throws PlayerException 403 {@code content-capability-invalid} (malformed, tampered with, signed with another
     *                         key) or 403 {@code content-capability-expired}
     */
    public ContentCapability verify(String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            throw invalid();
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        byte[] decoded;
        try {
            signature = B64D.decode(token.substring(dot + 1));
            decoded = B64D.decode(payload);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        // Constant time (MessageDigest.isEqual), so the answer time tells nothing about how much of a guess matched.
        if (!MessageDigest.isEqual(signature, sign(payload))) {
            throw invalid();
        }
        String[] f = new String(decoded, StandardCharsets.UTF_8).split("\n", -1);
        if (f.length != 10 || !f[0].equals(FORMAT)) {
            throw invalid();
        }
        ContentCapability c;
        try {
            c = new ContentCapability(ContentCapability.Scope.valueOf(f[1]), f[2], f[3], f[4],
                    f[5].isEmpty() ? null : f[5], f[6], f[7], f[8], Instant.ofEpochSecond(Long.parseLong(f[9])));
        } catch (IllegalArgumentException malformed) {
            throw invalid();
        }
        if (!clock.instant().isBefore(c.expiresAt())) {
            throw new PlayerException(403, "content-capability-expired", "This content link has expired;"
                    + " open the activity again from the portal");
        }
        return c;
    }

    private byte[] sign(String payload) {
        return macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static PlayerException invalid() {
        return new PlayerException(403, "content-capability-invalid", "This content link is not valid");
    }
}
