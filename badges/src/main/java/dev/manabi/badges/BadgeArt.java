package dev.manabi.badges;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * The generated default image of a badge without one: a medal (disc, ring, ribbon notch) in a colour taken from the
 * badge class id, as a 256 × 256 PNG and the same drawing as SVG. Drawn pixel by pixel rather than through AWT, so
 * it needs no display or fonts on the server. No text: a name in five languages does not fit a medal.
 */
final class BadgeArt {

    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";
    static final int SIZE = 256;

    private BadgeArt() {
    }

    /** The colour of the badge class {@code id}, stable across restarts. */
    static int colour(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            // Dark enough for white to read on it: each channel 40-167.
            return ((40 + (d[0] & 0x7F)) << 16) | ((40 + (d[1] & 0x7F)) << 8) | (40 + (d[2] & 0x7F));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String svg(String id) {
        String fill = String.format("#%06x", colour(id));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + SIZE + "\" height=\"" + SIZE
                + "\" viewBox=\"0 0 256 256\" role=\"img\">"
                + "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"" + fill + "\"/>"
                + "<circle cx=\"128\" cy=\"128\" r=\"92\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"10\"/>"
                + "<circle cx=\"128\" cy=\"128\" r=\"40\" fill=\"#ffffff\"/>"
                + "</svg>";
    }

    /** The same medal as {@link #svg}, RGBA, transparent outside the disc. */
    static byte[] png(String id) {
        int rgb = colour(id);
        byte[] raw = new byte[SIZE * (1 + SIZE * 4)];
        int i = 0;
        for (int y = 0; y < SIZE; y++) {
            raw[i++] = 0; // filter type None (PNG spec 9.2)
            for (int x = 0; x < SIZE; x++) {
                double r = Math.hypot(x + 0.5 - 128, y + 0.5 - 128);
                boolean white = r <= 40 || (r >= 87 && r <= 97);
                int pixel = r > 120 ? 0 : white ? 0xFFFFFFFF : 0xFF000000 | rgb;
                raw[i++] = (byte) (pixel >> 16);
                raw[i++] = (byte) (pixel >> 8);
                raw[i++] = (byte) pixel;
                raw[i++] = (byte) (pixel >>> 24);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(Baking.PNG_SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, SIZE);
        putInt(ihdr, 4, SIZE);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // colour type: truecolour with alpha
        Baking.writeChunk(png, "IHDR", ihdr);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory deflate failed", e);
        }
        Baking.writeChunk(png, "IDAT", idat.toByteArray());
        Baking.writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    static long crc(byte[] type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        return crc.getValue();
    }
}
