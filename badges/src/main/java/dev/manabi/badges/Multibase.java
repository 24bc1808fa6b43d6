package dev.manabi.badges;

import java.math.BigInteger;
import java.util.Base64;

/**
 * The encodings Open Badges 3.0 credentials carry keys and signatures in: Multibase (IETF draft-multiformats-multibase,
 * as used by W3C Controlled Identifiers 1.0 "Multikey") with base58btc ({@code z}, the Bitcoin alphabet) for keys and
 * proof values, and base64url without padding ({@code u}) for a Bitstring Status List's {@code encodedList}.
 */
final class Multibase {

    /** The multicodec header of an Ed25519 public key (0xed, as an unsigned varint: 0xed 0x01). */
    static final byte[] ED25519_PUBLIC = {(byte) 0xed, 0x01};
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    private Multibase() {
    }

    /** {@code z} and the base58btc of {@code bytes}; each leading zero byte is a leading {@code 1}. */
    static String base58btc(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(FIFTY_EIGHT);
            out.append(ALPHABET[qr[1].intValue()]);
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append(ALPHABET[0]);
        }
        return "z" + out.reverse();
    }

    /** Multikey {@code publicKeyMultibase} of a raw 32-byte Ed25519 public key (Controlled Identifiers 2.2.2). */
    static String ed25519PublicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] prefixed = new byte[34];
        System.arraycopy(ED25519_PUBLIC, 0, prefixed, 0, 2);
        System.arraycopy(raw, 0, prefixed, 2, 32);
        return base58btc(prefixed);
    }

    /** {@code u} and the unpadded base64url of {@code bytes}. */
    static String base64url(byte[] bytes) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
