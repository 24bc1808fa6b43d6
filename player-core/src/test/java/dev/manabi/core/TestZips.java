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

    /** A zip written header by header (APPNOTE 4.3.7 local headers, 4.3.12 central headers), forged at will. */
    public static Raw raw() {
        return new Raw();
    }

    /** Raw zip builder: local headers and data in order, then the central directory and its end record. */
    public static final class Raw {
        public static final int UTF8 = 0x800;
        public static final int ENCRYPTED = 0x1;
        public static final int STORED = 0;
        public static final int DEFLATED = 8;

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final ByteArrayOutputStream directory = new ByteArrayOutputStream();
        private int count;

        /** Where the next local header will start. */
        public int offset() {
            return body.size();
        }

        /** A stored entry whose local and central headers agree; answers its local header offset. */
        public Raw stored(String name, byte[] data) {
            long crc = crc(data);
            int at = offset();
            local(utf8(name), UTF8, STORED, crc, data.length, data.length, data);
            return central(utf8(name), UTF8, STORED, crc, data.length, data.length, at);
        }

        /** A deflated entry whose local and central headers agree. */
        public Raw deflated(String name, byte[] data) {
            byte[] packed = deflate(data);
            long crc = crc(data);
            int at = offset();
            local(utf8(name), UTF8, DEFLATED, crc, packed.length, data.length, packed);
            return central(utf8(name), UTF8, DEFLATED, crc, packed.length, data.length, at);
        }

        public Raw local(byte[] name, int flags, int method, long crc, long compressed, long size, byte[] data) {
            ByteBuffer h = header(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) flags).putShort((short) method)
                    .putInt(0).putInt((int) crc).putInt((int) compressed).putInt((int) size)
                    .putShort((short) name.length).putShort((short) 0).put(name);
            body.writeBytes(h.array());
            body.writeBytes(data);
            return this;
        }

        public Raw central(byte[] name, int flags, int method, long crc, long compressed, long size, long offset) {
            ByteBuffer h = header(46 + name.length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) flags)
                    .putShort((short) method).putInt(0).putInt((int) crc).putInt((int) compressed).putInt((int) size)
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt((int) offset).put(name);
            directory.writeBytes(h.array());
            count++;
            return this;
        }

        public byte[] bytes() {
            ByteBuffer end = header(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count)
                    .putShort((short) count).putInt(directory.size()).putInt(body.size()).putShort((short) 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(body.toByteArray());
            out.writeBytes(directory.toByteArray());
            out.writeBytes(end.array());
            return out.toByteArray();
        }

        public static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        public static long crc(byte[] data) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            return crc.getValue();
        }

        /** Raw deflate (no zlib wrapper), as zip entries hold it. */
        public static byte[] deflate(byte[] data) {
            java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buffer, 0, d.deflate(buffer));
            }
            d.end();
            return out.toByteArray();
        }

        private static ByteBuffer header(int length) {
            return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
