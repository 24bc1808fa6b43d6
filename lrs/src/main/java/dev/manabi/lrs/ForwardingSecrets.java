package dev.manabi.lrs;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the Basic secrets of forwarding endpoints sealed at rest (issue 13 "Forwarding"): the LRS has to send them,
 * so it cannot keep only a hash as it does for its own credentials, but a copy of the database alone must not give
 * them away.
 *
 * <p>AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per sealing (section 8.2.2, random construction) and a
 * 128-bit tag; the endpoint id is the associated data, so a sealed secret copied onto another endpoint's row does not
 * open. Stored form: {@code v1:<key id>:<Base64 of nonce ‖ ciphertext ‖ tag>}, the key id being the first 8 hex
 * digits of the key's SHA-256, so that a secret sealed under another key is reported as such.
 *
 * <p>The key is {@code manabi.lrs.forwarding.key} (Base64 of 32 bytes, e.g. {@code openssl rand -base64 32}) or,
 * without it, 32 random bytes generated once and kept in {@code manabi_setting} (as the content signing key of
 * player-core), so every server of an installation and every restart agree. Changing the key leaves the stored secrets
 * unreadable: admins then set each endpoint's secret again.
 */
@ApplicationScoped
public class ForwardingSecrets {

    private static final Logger LOG = Logger.getLogger(ForwardingSecrets.class.getName());
    static final String KEY_SETTING = "lrs.forwarding-key";
    private static final String FORMAT = "v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.key")
    Optional<String> configuredKey = Optional.empty();

    private volatile SecretKey key;
    private volatile String keyId;
    private volatile boolean clearOnesSealed;

    /** A sealed secret that does not open: sealed under another key, or altered. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Seals {@code secret} for the endpoint {@code endpointId} (the associated data). */
    String seal(String endpointId, String secret) {
        SecretKey k = key();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, k, nonce, endpointId);
            byte[] sealed = gcm.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return FORMAT + ":" + keyId + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java platform", e);
        }
    }

    /** The secret sealed by {@link #seal} for the same endpoint; {@link Unreadable} when it does not open. */
    String open(String endpointId, String sealed) {
        SecretKey k = key();
        String[] parts = sealed == null ? new String[0] : sealed.split(":", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new Unreadable("The secret of forwarding endpoint " + endpointId + " is not sealed", null);
        }
        if (!keyId.equals(parts[1])) {
            throw new Unreadable("The secret of forwarding endpoint " + endpointId + " was sealed under another key ("
                    + parts[1] + ", now " + keyId + "): manabi.lrs.forwarding.key changed; set the secret again",
                    null);
        }
        try {
            byte[] stored = Base64.getDecoder().decode(parts[2]);
            if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new Unreadable("The sealed secret of forwarding endpoint " + endpointId + " is cut short", null);
            }
            Cipher gcm = cipher(Cipher.DECRYPT_MODE, k, Arrays.copyOf(stored, NONCE_BYTES), endpointId);
            return new String(gcm.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unreadable("The sealed secret of forwarding endpoint " + endpointId + " does not open (altered,"
                    + " or sealed for another endpoint)", e);
        }
    }

    private static Cipher cipher(int mode, SecretKey k, byte[] nonce, String endpointId)
            throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, k, new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
        return gcm;
    }

    /**
     * Seals the secrets stored in clear before migration V3 (once per server; cheap afterwards). Each row is sealed
     * and its clear column emptied in one update that only applies while the clear value is still there, so servers
     * doing it at the same time seal each row once.
     */
    void sealStoredInClear() {
        if (clearOnesSealed) {
            return;
        }
        Sql.inTransaction(ds(), c -> {
            List<String[]> clear = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, api_secret from manabi_lrs_forward_endpoint"
                    + " where api_secret is not null");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    clear.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] row : clear) {
                Sql.update(c, "update manabi_lrs_forward_endpoint set api_secret_sealed = ?, api_secret = null"
                        + " where id = ? and api_secret = ?", seal(row[0], row[1]), row[0], row[1]);
            }
            if (!clear.isEmpty()) {
                LOG.info("LRS forwarding: sealed " + clear.size() + " endpoint secret(s) stored in clear");
            }
            return null;
        });
        clearOnesSealed = true;
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] bytes = configuredKey.filter(s -> !s.isBlank()).map(ForwardingSecrets::configured)
                            .orElseGet(() -> Base64.getDecoder().decode(storedKey()));
                    keyId = HexFormat.of().formatHex(Digests.sha256Bytes(bytes), 0, 4);
                    key = new SecretKeySpec(bytes, "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private static byte[] configured(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("manabi.lrs.forwarding.key must be the Base64 of " + KEY_BYTES
                    + " random bytes (an AES-256 key), e.g. from: openssl rand -base64 32");
        }
        return bytes;
    }

    /**
     * The installation's generated key: read it, or generate and insert it; when another server inserted it at the
     * same moment (primary key), read theirs.
     */
    private String storedKey() {
        DataSource ds = ds();
        Optional<String> existing = Sql.inTransaction(ds, ForwardingSecrets::readKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        try {
            Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_setting (setting_name, setting_value,"
                    + " created_at) values (?, ?, ?)", KEY_SETTING, encoded, Timestamp.from(clock.now())));
            LOG.info("LRS forwarding: generated the key sealing endpoint secrets (kept in manabi_setting)");
            return encoded;
        } catch (RuntimeException raced) {
            return Sql.inTransaction(ds, ForwardingSecrets::readKey).orElseThrow(() -> raced);
        }
    }

    private static Optional<String> readKey(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setting_value from manabi_setting"
                + " where setting_name = ?")) {
            ps.setString(1, KEY_SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private DataSource ds() {
        return database.ready();
    }
}
