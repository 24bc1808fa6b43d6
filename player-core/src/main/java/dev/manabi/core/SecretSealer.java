package dev.manabi.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Keeps secrets a module must use again (not just compare) sealed at rest, so that a copy of the database alone does
 * not give them away: the LRS's forwarding secrets, the badge issuers' signing keys.
 *
 * <p>AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per sealing (section 8.2.2, random construction) and a
 * 128-bit tag; the caller's associated data (the owning row's id) binds a sealed value to its row, so one copied onto
 * another row does not open. Stored form: {@code v1:<key id>:<Base64 of nonce ‖ ciphertext ‖ tag>}, the key id being
 * the first 8 hex digits of the key's SHA-256, so that a value sealed under another key is reported as such.
 *
 * <p>The key is a configuration property (Base64 of 32 bytes, e.g. {@code openssl rand -base64 32}) or, without it,
 * 32 random bytes generated once and kept in {@code manabi_setting} under the caller's setting name, so every server of
 * an installation and every restart agree. Changing the key leaves what was sealed unreadable.
 */
public final class SecretSealer {

    private static final Logger LOG = Logger.getLogger(SecretSealer.class.getName());
    private static final String FORMAT = "v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;

    /** A sealed value that does not open; {@link #reason()} says why, in words for the log. */
    public static final class Unreadable extends Exception {
        private final Reason reason;

        Unreadable(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Why a sealed value does not open. */
    public enum Reason {
        /** Not in the sealed form at all. */
        NOT_SEALED,
        /** Sealed under another key (the configured key changed). */
        OTHER_KEY,
        /** Altered, cut short, or sealed for other associated data. */
        DOES_NOT_OPEN
    }

    private SecretSealer(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyId = HexFormat.of().formatHex(sha256(keyBytes), 0, 4);
    }

    /**
     * The sealer on the configured key, or on the installation's generated one kept in {@code manabi_setting} as
     * {@code settingName} (read, or generated and inserted; when another server inserted it at the same moment, theirs).
     *
     * @param configured the configured Base64 key, if any
     * @param property   the configuration property's name, for the error on a malformed key
     * @throws IllegalStateException when the configured key is not the Base64 of 32 bytes
     */
    public static SecretSealer open(Optional<String> configured, String property, DataSource ds, String settingName,
                                    Instant now) {
        Optional<String> given = configured.filter(s -> !s.isBlank());
        if (given.isPresent()) {
            return new SecretSealer(configuredKey(given.get(), property));
        }
        return new SecretSealer(Base64.getDecoder().decode(storedKey(ds, settingName, now)));
    }

    /**
     * What to log as a WARNING at start when {@code property} is not configured: the key it names is then generated
     * into {@code manabi_setting}, in the same database as the data it protects, so a copy of the database (a backup,
     * a dump handed to support) carries its own key. Empty when the key is configured. Used for the sealing keys and
     * the other keys the SDK would otherwise keep beside their data (README "Keys kept outside the database").
     */
    public static Optional<String> keptInDatabaseWarning(Optional<String> configured, String property,
                                                         String protects) {
        if (configured.filter(v -> !v.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("Manabi keys: " + property + " is not set, so the key that " + protects + " is generated"
                + " into the database table manabi_setting, beside the data it protects: a copy of the database holds"
                + " its key. Supply it from configuration or the environment (README, 'Keys kept outside the"
                + " database').");
    }

    /** A sealer on the given key bytes (tests, and callers that keep the key elsewhere). */
    public static SecretSealer ofKey(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        return new SecretSealer(keyBytes.clone());
    }

    /** The first 8 hex digits of the key's SHA-256, as stored in each sealed value. */
    public String keyId() {
        return keyId;
    }

    /** Seals {@code secret} bound to {@code associatedData}. */
    public String seal(String associatedData, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData)
                    .doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + ":" + keyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java platform", e);
        }
    }

    /** What {@link #seal} sealed for the same associated data. */
    public String open(String associatedData, String sealed) throws Unreadable {
        String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new Unreadable(Reason.NOT_SEALED, "not sealed", null);
        }
        if (!keyId.equals(parts[1])) {
            throw new Unreadable(Reason.OTHER_KEY, "sealed under another key (" + parts[1] + ", now " + keyId + ")",
                    null);
        }
        try {
            byte[] stored = Base64.getDecoder().decode(parts[2]);
            if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new Unreadable(Reason.DOES_NOT_OPEN, "cut short", null);
            }
            return new String(cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE_BYTES), associatedData)
                    .doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable(Reason.DOES_NOT_OPEN, "does not open (altered, or sealed for another row)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return gcm;
    }

    private static byte[] configuredKey(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be the Base64 of " + KEY_BYTES
                    + " random bytes (an AES-256 key), e.g. from: openssl rand -base64 32");
        }
        return bytes;
    }

    private static String storedKey(DataSource ds, String settingName, Instant now) {
        Optional<String> existing = Sql.inTransaction(ds, c -> readKey(c, settingName));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        try {
            Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_setting (setting_name, setting_value,"
                    + " created_at) values (?, ?, ?)", settingName, encoded, Timestamp.from(now)));
            LOG.info("Generated the sealing key " + settingName + " (kept in manabi_setting)");
            return encoded;
        } catch (RuntimeException raced) {
            return Sql.inTransaction(ds, c -> readKey(c, settingName)).orElseThrow(() -> raced);
        }
    }

    private static Optional<String> readKey(Connection c, String settingName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setting_value from manabi_setting"
                + " where setting_name = ?")) {
            ps.setString(1, settingName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
