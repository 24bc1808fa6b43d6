package dev.manabi.lrs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests the LRS uses: keys of long identifiers, ETags, secrets and attachment SHA-2 sums. */
final class Digests {

    private Digests() {
    }

    static String sha256(String text) {
        return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes} itself (not hex). */
    static byte[] sha256Bytes(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    /** SHA-1, as xAPI 1.0.3 Communication 3.1 computes document ETags. */
    static String sha1(byte[] bytes) {
        return hex("SHA-1", bytes);
    }

    /** The SHA-2 of {@code bytes} whose hex form has {@code hexLength} characters (224, 256, 384 or 512 bits). */
    static String sha2(byte[] bytes, int hexLength) {
        return hex(switch (hexLength) {
            case 56 -> "SHA-224";
            case 96 -> "SHA-384";
            case 128 -> "SHA-512";
            default -> "SHA-256";
        }, bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm, bytes));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }
}
