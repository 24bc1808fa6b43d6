package dev.manabi.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * The stable pseudonym that replaces a learner id in anonymized learning records: {@code anon-} and the hex
 * HMAC-SHA256 of the tenant id and learner id under the installation's pseudonym key
 * ({@code manabi.privacy.pseudonym-key}: the Base64 of at least 32 bytes, the form of the key generated once and kept in
 * {@code manabi_setting} when none is configured; {@link HmacKey}). The same learner always gets the same pseudonym, so records anonymized in different runs
 * still belong together; without the key nobody can go back from the pseudonym to the id.
 */
@ApplicationScoped
public class Pseudonyms {

    /** {@code manabi_setting} name of the generated key. */
    static final String KEY_SETTING = "privacy.pseudonym-key";
    static final String PREFIX = "anon-";
    /** The configuration property of the pseudonym key. */
    static final String KEY_PROPERTY = "manabi.privacy.pseudonym-key";

    @Inject
    Database database;

    /** MicroProfile Config for a configured key; null in tests: the stored one. */
    @Inject
    Config config;

    /** Time of the generated key's and its fingerprint's {@code created_at}; tests set their own. */
    Clock clock = Clock.systemUTC();

    private volatile byte[] key;

    /** The pseudonym of {@code learnerId} of {@code tenantId}. */
    public String of(String tenantId, String learnerId) {
        return PREFIX + keyedHash(key(), tenantId, learnerId);
    }

    /**
     * The hex HMAC-SHA256 of the tenant id and learner id under {@code key}: the pseudonym here, and the xAPI account
     * name of a learner whose id is a mail address ({@link StatementOutbox#accountName}).
     */
    static String keyedHash(byte[] key, String tenantId, String learnerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((tenantId + "\n" + learnerId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code learnerId} already is a pseudonym (anonymized records are not anonymized again). */
    public static boolean isPseudonym(String learnerId) {
        return learnerId.startsWith(PREFIX) && learnerId.length() == PREFIX.length() + 64;
    }

    /**
     * The key ({@link HmacKey}: configured Base64, else the stored one).
     *
     * @throws HmacKey.Misconfigured when the configured key is malformed or differs from the stored one
     */
    byte[] key() {
        byte[] k = key;
        if (k == null) {
            Optional<String> configured = config == null ? Optional.empty()
                    : config.getOptionalValue(KEY_PROPERTY, String.class).filter(v -> !v.isBlank());
            k = HmacKey.resolve(configured, KEY_PROPERTY, database.ready(), KEY_SETTING, clock.instant());
            key = k;
        }
        return k;
    }
}
