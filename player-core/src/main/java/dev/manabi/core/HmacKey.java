package dev.manabi.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An installation-wide HMAC key that must never change once used: the pseudonym key ({@link Pseudonyms}) and the
 * xAPI actor key ({@link StatementOutbox#accountName}). A changed key changes every later pseudonym and hashed account
 * name, so a learner's records would no longer be found together (README "Keys kept outside the database").
 *
 * <p>The configured value has the same form as the generated one kept in {@code manabi_setting}: the Base64 of at
 * least {@value #MIN_BYTES} random bytes ({@code openssl rand -base64 32}), so the stored value copied into the
 * configuration is the same key. An installation that configured a plain string before this rule writes it as
 * {@code text:<the same string>} (its UTF-8 bytes, as used then). A configured key that differs from a key still
 * stored in {@code manabi_setting}, or from the fingerprint of the key first used, is refused ({@link Misconfigured},
 * reason {@value #REASON_DIFFERS}) rather than silently starting a second set of pseudonyms: the readiness check
 * {@code manabi-keys} goes down and every use fails.
 */
final class HmacKey {

    /** Fewest key bytes: HMAC-SHA256's block-size guidance (RFC 2104 section 3: at least the output length). */
    static final int MIN_BYTES = 32;
    /** Prefix of a configured key given as text (its UTF-8 bytes), the form used before keys were Base64. */
    static final String TEXT_PREFIX = "text:";
    /** Stable readiness reason: the configured value is not Base64 of at least 32 bytes (or a text: key). */
    static final String REASON_MALFORMED = "key-malformed";
    /** Stable readiness reason: the configured key is not the one stored in {@code manabi_setting}. */
    static final String REASON_DIFFERS = "key-differs-from-stored";
    /** Suffix of the {@code manabi_setting} row holding the fingerprint of the key in use. */
    static final String FINGERPRINT_SUFFIX = ".fingerprint";

    private HmacKey() {
    }

    /** A configured key the player refuses to use; {@link #reason()} is stable, the message names the property. */
    static final class Misconfigured extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final String property;

        Misconfigured(String reason, String property, String message) {
            super(message);
            this.reason = reason;
            this.property = property;
        }

        String reason() {
            return reason;
        }

        String property() {
            return property;
        }
    }

    /**
     * The key bytes: the configured value decoded, checked against a row {@code setting} may still hold; or, not
     * configured, the stored key (generated and inserted on first use).
     *
     * @throws Misconfigured when the configured value is malformed or differs from the stored key
     */
    static byte[] resolve(Optional<String> configured, String property, DataSource ds, String setting, Instant now) {
        Optional<String> given = configured.filter(v -> !v.isBlank());
        byte[] key = given.isEmpty()
                ? Base64.getDecoder().decode(ContentOrigin.storedKey(ds, setting, new SecureRandom(), now))
                : configuredKey(given.get(), property, ds, setting);
        checkFingerprint(key, property, ds, setting, now);
        return key;
    }

    /**
     * The key's fingerprint is kept beside the data ({@code <setting>.fingerprint}: the first 16 hex digits of its
     * SHA-256, which says nothing of the key) the first time it is used, so a key changed later, after the stored
     * row was copied out and deleted as the README says, is refused as well.
     */
    private static void checkFingerprint(byte[] key, String property, DataSource ds, String setting, Instant now) {
        String name = setting + FINGERPRINT_SUFFIX;
        String print = fingerprint(key);
        Optional<String> known = Sql.inTransaction(ds, c -> ContentOrigin.readSetting(c, name));
        if (known.isEmpty()) {
            try {
                Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_setting (setting_name, setting_value,"
                        + " created_at) values (?, ?, ?)", name, print, java.sql.Timestamp.from(now)));
                return;
            } catch (RuntimeException raced) {
                known = Sql.inTransaction(ds, c -> ContentOrigin.readSetting(c, name));
                if (known.isEmpty()) {
                    throw raced;
                }
            }
        }
        if (!known.get().equals(print)) {
            throw new Misconfigured(REASON_DIFFERS, property, property + " is not the key this installation's"
                    + " pseudonyms and hashed account names were made with (fingerprint " + known.get() + " in"
                    + " manabi_setting '" + name + "', this key's " + print + "): using it would change every one"
                    + " of them. Configure the key used before; only if a new set is intended, delete that row"
                    + " (README, 'Keys kept outside the database').");
        }
    }

    /** The first 16 hex digits of the key's SHA-256. */
    static String fingerprint(byte[] key) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static byte[] configuredKey(String value, String property, DataSource ds, String setting) {
        byte[] key = decode(value, property);
        Optional<String> stored = Sql.inTransaction(ds, c -> ContentOrigin.readSetting(c, setting));
        if (stored.isPresent() && !MessageDigest.isEqual(Base64.getDecoder().decode(stored.get()), key)) {
            throw new Misconfigured(REASON_DIFFERS, property, property + " differs from the key stored in"
                    + " manabi_setting (setting_name '" + setting + "'), which made the data already written: using"
                    + " it would change every pseudonym and hashed account name. Configure the stored value exactly"
                    + " as it is (select setting_value from manabi_setting where setting_name = '" + setting + "'),"
                    + " or, only if a new set of pseudonyms is intended, delete that row and its '" + setting
                    + FINGERPRINT_SUFFIX + "' row (README, 'Keys kept outside the database').");
        }
        return key;
    }

    /**
     * What to log as a WARNING at start when {@code property} is not configured and the key is (or will be) stored
     * in {@code manabi_setting}: which row to copy where, and how. The value itself is not logged (logs are kept
     * and shipped more widely than the database).
     */
    static String copyInstructions(String property, String setting) {
        String env = property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        return " To keep the key already in use, set " + property + " (or the environment variable " + env + ") to the"
                + " value of: select setting_value from manabi_setting where setting_name = '" + setting + "'"
                + " (copied exactly, it is the Base64 of the key), restart, and once readiness check manabi-keys is up"
                + " delete that row.";
    }

    private static byte[] decode(String value, String property) {
        String v = value.strip();
        if (v.startsWith(TEXT_PREFIX)) {
            byte[] text = v.substring(TEXT_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
            if (text.length < MIN_BYTES) {
                throw malformed(property);
            }
            return text;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw malformed(property);
        }
        if (bytes.length < MIN_BYTES) {
            throw malformed(property);
        }
        return bytes;
    }

    private static Misconfigured malformed(String property) {
        return new Misconfigured(REASON_MALFORMED, property, property + " must be the Base64 of at least " + MIN_BYTES
                + " random bytes (e.g. from: openssl rand -base64 32), or the value stored in manabi_setting copied"
                + " as it is; a plain string configured before this rule is written as text:<the string>");
    }
}
