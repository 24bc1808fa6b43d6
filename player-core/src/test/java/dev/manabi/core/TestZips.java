package dev.manabi.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds zips in memory for tests, including hostile ones that ZipOutputStream alone would not write (test-jar, so
 * content modules build their uploads with it too).
 */
public final class TestZips {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    public static TestZips zip() {
        return new TestZips();
    }

    public TestZips add(String name, String content) {
        return add(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestZips add(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    public byte[] bytes() {
        return bytes(StandardCharsets.UTF_8);
    }

    /**
     * The zip with entry names in {@code names}; other than UTF-8, without the UTF-8 flag, as archivers on Japanese,
     * Chinese or Korean Windows write them.
     */
    public byte[] bytes(Charset names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, names)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Marks the central directory entry {@code name} as a Unix symbolic link (APPNOTE 4.4.2, 4.4.15). */
    public static byte[] asSymlink(byte[] zip, String name) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = centralHeader(zip, name);
        b.put(at + 5, (byte) 3); // version made by: host system Unix
        b.putInt(at + 38, 0120777 << 16);
        return zip;
    }

    /** Overwrites the uncompressed size the central directory declares for {@code name}. */
    public static byte[] withDeclaredSize(byte[] zip, String name, int size) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(zip, name) + 24, size);
        return zip;
    }

    /** Replaces every occurrence of one entry name by another of the same length (local and central headers). */
    public static byte[] renamed(byte[] zip, String from, String to) {
        return renamedBytes(zip, from.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #renamed} with raw name bytes, e.g. bytes that are valid in no encoding. */
    public static byte[] renamedBytes(byte[] zip, byte[] f, byte[] t) {
        if (f.length != t.length) {
            throw new IllegalArgumentException("same length only");
        }
        for (int i = 0; i + f.length <= zip.length; i++) {
            boolean match = true;
            for (int j = 0; j < f.length && match; j++) {
                match = zip[i + j] == f[j];
            }
            if (match) {
                System.arraycopy(t, 0, zip, i, t.length);
            }
        }
        return zip;
    }

    private static int centralHeader(byte[] zip, String name) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                int nameLength = Short.toUnsignedInt(b.getShort(i + 28));
                if (nameLength == wanted.length && new String(zip, i + 46, nameLength, StandardCharsets.UTF_8)
                        .equals(name)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no central header for " + name);
    }
}
