package dev.manabi.badges;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/**
 * A revocation list as W3C Bitstring Status List v1.0 encodes it (section 2.2 "BitstringStatusList", 3.1 "Generate
 * Algorithm"): one bit per credential, index 0 being the most significant bit of the first byte, set when revoked;
 * GZIP-compressed, then multibase base64url without padding ({@code encodedList}).
 *
 * <p>Chosen over the 1EdTech Revocation List because Bitstring Status List is what the VC 2.0 context itself
 * defines (no further context to pin), is what generic VC verifiers check, and a list of bits tells a verifier
 * nothing about other credentials (the revocation reason stays with OB 2.0's hosted assertion).
 */
final class StatusList {

    /**
     * The shortest list: 16 KiB, 131,072 entries (Bitstring Status List 6.1 "Group Privacy" / 3.1 step 1), so a
     * verifier fetching the list cannot tell which of many credentials it checks.
     */
    static final int MIN_BITS = 131_072;

    private StatusList() {
    }

    /** The {@code encodedList} of a list with {@code revoked} set (the list grows past the minimum in steps of it). */
    static String encodedList(int highestIndex, Collection<Integer> revoked) {
        int bits = MIN_BITS * (highestIndex / MIN_BITS + 1);
        byte[] list = new byte[bits / 8];
        for (int index : revoked) {
            if (index < 0 || index >= bits) {
                throw new IllegalArgumentException("status index " + index + " outside the list of " + bits);
            }
            list[index / 8] |= (byte) (0x80 >>> (index % 8));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(list);
        } catch (IOException e) {
            throw new IllegalStateException("GZIP into memory failed", e);
        }
        return Multibase.base64url(gz.toByteArray());
    }
}
