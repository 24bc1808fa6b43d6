package dev.manabi.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads a zip's central directory and checks each entry's local header against it (PKWARE APPNOTE 6.3.x sections
 * 4.3.7 local file header, 4.3.12 central directory header, 4.5.3 Zip64 extended information). {@link SafeZip}
 * extracts from these entries itself rather than through {@link java.util.zip.ZipFile}, which trusts the central
 * directory alone: twenty central entries pointing at one local entry, or a local header naming another file,
 * would otherwise be unpacked as twenty files from bytes counted once.
 */
final class ZipCentralDirectory {

    /** APPNOTE 4.4.5 compression methods an upload may use. */
    static final int STORED = 0;
    static final int DEFLATED = 8;

    /**
     * One central directory header, reduced to what extraction and the import guards need.
     *
     * @param localHeaderOffset where the entry's local header starts (APPNOTE 4.4.16)
     */
    record Entry(String name, byte[] nameBytes, int hostSystem, int flags, long externalAttributes, int method,
                 long crc, long compressedSize, long size, long localHeaderOffset) {

        private static final int UNIX = 3;
        private static final int S_IFMT = 0170000;
        private static final int S_IFLNK = 0120000;

        /** APPNOTE 4.4.2 / 4.4.15: Unix hosts keep st_mode in the high 16 bits of the external attributes. */
        boolean isSymbolicLink() {
            return hostSystem == UNIX && ((externalAttributes >>> 16) & S_IFMT) == S_IFLNK;
        }

        /** APPNOTE 4.4.4 general purpose bit 0 (and bit 6, strong encryption): the entry is encrypted. */
        boolean isEncrypted() {
            return (flags & 0x41) != 0;
        }

        /** APPNOTE 4.4.4 bit 11 (language encoding flag): the name is UTF-8. */
        boolean isUtf8() {
            return (flags & 0x800) != 0;
        }

        /** APPNOTE 4.4.17: a name ending in {@code /} is a directory. */
        boolean isDirectory() {
            return nameBytes.length > 0 && nameBytes[nameBytes.length - 1] == '/';
        }
    }

    /** The entries in central directory order, and where the directory starts (no entry data may reach into it). */
    record Directory(List<Entry> entries, long centralDirectoryOffset) {
    }

    /** A local header that contradicts the central directory; the message says which field. */
    static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Entry entry;

        Mismatch(Entry entry, String what) {
            super(what);
            this.entry = entry;
        }
    }

    private static final int LOC = 0x04034b50;
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final long MAX32 = 0xFFFFFFFFL;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipCentralDirectory() {
    }

    /** Every central directory header in order; {@link ZipException} when the zip's directory is unreadable. */
    static Directory read(FileChannel ch, int maxEntries) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + MAX_COMMENT);
        ByteBuffer tail = readAt(ch, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new ZipException("no end of central directory record");
        }
        long count = Short.toUnsignedLong(tail.getShort(eocd + 10));
        long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if ((count == 0xFFFF || cenSize == MAX32 || cenOffset == MAX32) && eocd >= 20
                && tail.getInt(eocd - 20) == ZIP64_LOCATOR) {
            long zip64At = tail.getLong(eocd - 20 + 8);
            ByteBuffer z = readAt(ch, zip64At, 56);
            if (z.getInt(0) != ZIP64_EOCD) {
                throw new ZipException("bad zip64 end of central directory");
            }
            count = z.getLong(32);
            cenSize = z.getLong(40);
            cenOffset = z.getLong(48);
        }
        if (count > maxEntries || count < 0) {
            throw new TooManyEntries(count);
        }
        if (cenOffset < 0 || cenSize < 0 || cenOffset + cenSize > size || cenSize > Integer.MAX_VALUE) {
            throw new ZipException("central directory outside the file");
        }
        ByteBuffer cen = readAt(ch, cenOffset, (int) cenSize);
        List<Entry> out = new ArrayList<>();
        int pos = 0;
        while (pos + 46 <= cen.limit() && cen.getInt(pos) == CEN) {
            int madeBy = Short.toUnsignedInt(cen.getShort(pos + 4));
            int flags = Short.toUnsignedInt(cen.getShort(pos + 8));
            int method = Short.toUnsignedInt(cen.getShort(pos + 10));
            long crc = Integer.toUnsignedLong(cen.getInt(pos + 16));
            long compressed = Integer.toUnsignedLong(cen.getInt(pos + 20));
            long uncompressed = Integer.toUnsignedLong(cen.getInt(pos + 24));
            int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
            long external = Integer.toUnsignedLong(cen.getInt(pos + 38));
            long local = Integer.toUnsignedLong(cen.getInt(pos + 42));
            if (pos + 46L + nameLength + extraLength > cen.limit()) {
                throw new ZipException("truncated central directory");
            }
            byte[] name = new byte[nameLength];
            cen.get(pos + 46, name);
            // APPNOTE 4.5.3: the Zip64 field holds, in this order, only the values whose 32-bit field is all ones.
            long[] wide = zip64(cen, pos + 46 + nameLength, extraLength,
                    uncompressed == MAX32, compressed == MAX32, local == MAX32);
            uncompressed = wide[0] >= 0 ? wide[0] : uncompressed;
            compressed = wide[1] >= 0 ? wide[1] : compressed;
            local = wide[2] >= 0 ? wide[2] : local;
            out.add(new Entry(new String(name, StandardCharsets.UTF_8), name, madeBy >>> 8, flags, external, method,
                    crc, compressed, uncompressed, local));
            if (out.size() > maxEntries) {
                throw new TooManyEntries(out.size());
            }
            pos += 46 + nameLength + extraLength + commentLength;
        }
        if (out.size() != count) {
            throw new ZipException("the central directory holds " + out.size() + " entries, its end record says "
                    + count);
        }
        return new Directory(List.copyOf(out), cenOffset);
    }

    /**
     * Checks {@code e}'s local header against its central header (signature, name, method, encryption and, unless
     * a data descriptor follows the data (APPNOTE 4.4.4 bit 3), CRC and sizes) and answers where its data starts.
     */
    static long dataStart(FileChannel ch, Entry e) throws IOException {
        ByteBuffer h;
        try {
            h = readAt(ch, e.localHeaderOffset(), 30);
        } catch (ZipException outside) {
            throw new Mismatch(e, "its local header lies outside the file");
        }
        if (h.getInt(0) != LOC) {
            throw new Mismatch(e, "no local header where the central directory points");
        }
        int flags = Short.toUnsignedInt(h.getShort(6));
        int method = Short.toUnsignedInt(h.getShort(8));
        long crc = Integer.toUnsignedLong(h.getInt(14));
        long compressed = Integer.toUnsignedLong(h.getInt(18));
        long uncompressed = Integer.toUnsignedLong(h.getInt(22));
        int nameLength = Short.toUnsignedInt(h.getShort(26));
        int extraLength = Short.toUnsignedInt(h.getShort(28));
        ByteBuffer rest;
        try {
            rest = readAt(ch, e.localHeaderOffset() + 30, nameLength + extraLength);
        } catch (ZipException outside) {
            throw new Mismatch(e, "its local header is cut off");
        }
        byte[] name = new byte[nameLength];
        rest.get(0, name);
        if (!Arrays.equals(name, e.nameBytes())) {
            throw new Mismatch(e, "the local header names another file");
        }
        if (method != e.method()) {
            throw new Mismatch(e, "the local header gives another compression method");
        }
        if ((flags & 0x41) != (e.flags() & 0x41)) {
            throw new Mismatch(e, "the local header and the central directory disagree on encryption");
        }
        if ((flags & 0x08) == 0) {
            long[] wide = zip64(rest, nameLength, extraLength, uncompressed == MAX32, compressed == MAX32, false);
            uncompressed = wide[0] >= 0 ? wide[0] : uncompressed;
            compressed = wide[1] >= 0 ? wide[1] : compressed;
            if (crc != e.crc() || compressed != e.compressedSize() || uncompressed != e.size()) {
                throw new Mismatch(e, "the local header gives other sizes or checksum");
            }
        }
        return e.localHeaderOffset() + 30 + nameLength + extraLength;
    }

    /**
     * The Zip64 values (uncompressed, compressed, offset; -1 where absent) of an extra field area, reading only those
     * whose 32-bit field was all ones, in APPNOTE 4.5.3's order.
     */
    private static long[] zip64(ByteBuffer b, int start, int length, boolean size, boolean compressed,
                                boolean offset) throws ZipException {
        long[] out = {-1, -1, -1};
        int end = start + length;
        for (int p = start; p + 4 <= end; ) {
            int id = Short.toUnsignedInt(b.getShort(p));
            int len = Short.toUnsignedInt(b.getShort(p + 2));
            if (p + 4 + len > end) {
                throw new ZipException("truncated extra field");
            }
            if (id == ZIP64_EXTRA) {
                int q = p + 4;
                boolean[] wanted = {size, compressed, offset};
                for (int i = 0; i < 3; i++) {
                    if (wanted[i]) {
                        if (q + 8 > p + 4 + len) {
                            throw new ZipException("truncated zip64 extra field");
                        }
                        out[i] = b.getLong(q);
                        if (out[i] < 0) {
                            throw new ZipException("zip64 size out of range");
                        }
                        q += 8;
                    }
                }
            }
            p += 4 + len;
        }
        return out;
    }

    static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        if (position < 0 || length < 0) {
            throw new ZipException("not a zip file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new ZipException("unexpected end of zip file");
            }
        }
        return buffer.flip();
    }

    /** More entries than allowed; thrown before any entry is read further. */
    static final class TooManyEntries extends IOException {
        private static final long serialVersionUID = 1L;
        final long count;

        TooManyEntries(long count) {
            super(count + " entries");
            this.count = count;
        }
    }
}
