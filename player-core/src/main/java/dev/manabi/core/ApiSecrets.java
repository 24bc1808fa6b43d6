package dev.manabi.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Key and secret pairs that institutions' systems present as HTTP Basic credentials (RFC 7617), shared by every
 * credential the SDK issues (the LRS's, the learning records API's). Secrets are random (32 bytes), shown once and
 * stored as a salted SHA-256: a fast hash is enough for a secret of that entropy (OWASP Password Storage Cheat Sheet
 * concerns human-chosen passwords), and it keeps every authenticated request cheap.
 */
public final class ApiSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key and secret an {@code Authorization: Basic ...} header presents. */
    public record Presented(String key, String secret) {
    }

    private ApiSecrets() {
    }

    /** {@code bytes} random bytes, URL-safe Base64 without padding. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The stored form of {@code secret}: hex SHA-256 of {@code salt:secret}. */
    public static String hash(String salt, String secret) {
        return sha256(salt + ":" + secret);
    }

    /** Whether {@code secret} is the one stored as {@code storedHash}, in constant time. */
    public static boolean matches(String salt, String storedHash, String secret) {
        return MessageDigest.isEqual(hash(salt, secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * The key and secret of a Basic {@code Authorization} header (RFC 7617 section 2: {@code user-id ":" password},
     * Base64, UTF-8); empty when the header is absent, of another scheme, not Base64 or without a colon.
     */
    public static Optional<Presented> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new Presented(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
