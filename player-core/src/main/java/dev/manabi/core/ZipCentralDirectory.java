package dev.manabi.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads what {@link java.util.zip.ZipFile} does not expose from a zip's central directory (PKWARE APPNOTE 6.3.x
 * section 4.3.12): the "version made by" host system, the general purpose flags and the external file attributes,
 * i.e. whether an entry is a Unix symbolic link or encrypted.
 */
final class ZipCentralDirectory {

    /** One central directory header, reduced to what the import guards need. */
    record Entry(String name, byte[] nameBytes, int hostSystem, int flags, long externalAttributes) {

        private static final int UNIX = 3;
        private static final int S_IFMT = 0170000;
        private static final int S_IFLNK = 0120000;

        /** APPNOTE 4.4.2 / 4.4.15: Unix hosts keep st_mode in the high 16 bits of the external attributes. */
        boolean isSymbolicLink() {
            return hostSystem == UNIX && ((externalAttributes >>> 16) & S_IFMT) == S_IFLNK;
        }

        /** APPNOTE 4.4.4 general purpose bit 0: the entry is encrypted. */
        boolean isEncrypted() {
            return (flags & 1) != 0;
        }

        /** APPNOTE 4.4.4 bit 11 (language encoding flag): the name is UTF-8. */
        boolean isUtf8() {
            return (flags & 0x800) != 0;
        }
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipCentralDirectory() {
    }

    /** Every central directory header in order; {@link ZipException} when the zip's directory is unreadable. */
    static List<Entry> read(Path zip, int maxEntries) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
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
            if ((count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) && eocd >= 20
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
            if (count > maxEntries) {
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
                int nameLength = Short.toUnsignedInt(cen.getShort(pos + 28));
                int extraLength = Short.toUnsignedInt(cen.getShort(pos + 30));
                int commentLength = Short.toUnsignedInt(cen.getShort(pos + 32));
                long external = Integer.toUnsignedLong(cen.getInt(pos + 38));
                if (pos + 46 + nameLength > cen.limit()) {
                    throw new ZipException("truncated central directory");
                }
                byte[] name = new byte[nameLength];
                cen.get(pos + 46, name);
                out.add(new Entry(new String(name, StandardCharsets.UTF_8), name, madeBy >>> 8, flags, external));
                if (out.size() > maxEntries) {
                    throw new TooManyEntries(out.size());
                }
                pos += 46 + nameLength + extraLength + commentLength;
            }
            return out;
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        if (position < 0) {
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
