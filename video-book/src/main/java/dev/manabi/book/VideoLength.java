package dev.manabi.book;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalDouble;

/**
 * The length a video file states about itself, read from the container's header without decoding: the watched share
 * of a topic is measured against it, so the import checks an author's declared duration against the file instead of
 * trusting it. Only the few header elements needed are read; everything else (media data included) is skipped by
 * seeking, so a large file costs a handful of small reads.
 */
final class VideoLength {

    /** Bounds the walk through a hostile file that claims millions of tiny boxes or elements. */
    private static final int MAX_ELEMENTS = 10_000;

    private VideoLength() {
    }

    /** Seconds, or empty when the file does not state its length (or is not a well-formed MP4 or WebM). */
    static OptionalDouble of(Path file, String type) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader reader = new Reader(channel);
            return switch (type) {
                case "video/mp4" -> mp4(reader);
                case "video/webm" -> webm(reader);
                default -> OptionalDouble.empty();
            };
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * ISO/IEC 14496-12 §4.2 (box header: 32-bit size, type, 64-bit size when the size is 1, "to end of file" when 0)
     * and §8.2.2 (the movie header {@code mvhd} in {@code moov}: timescale units per second and the duration in
     * them; all ones means unknown).
     */
    private static OptionalDouble mp4(Reader in) throws IOException {
        long pos = 0;
        long end = in.size();
        boolean inMoov = false;
        long moovEnd = end;
        for (int n = 0; n < MAX_ELEMENTS && pos + 8 <= moovEnd; n++) {
            long size = in.u32(pos);
            String type = in.ascii(pos + 4, 4);
            int header = 8;
            if (size == 1) {
                size = in.u64(pos + 8);
                header = 16;
            } else if (size == 0) {
                size = moovEnd - pos;
            }
            if (size < header || pos + size > moovEnd) {
                return OptionalDouble.empty();
            }
            if (!inMoov && type.equals("moov")) {
                inMoov = true;
                moovEnd = pos + size;
                pos += header;
                continue;
            }
            if (inMoov && type.equals("mvhd")) {
                long body = pos + header;
                int version = in.u8(body);
                long timescale = in.u32(body + (version == 1 ? 20 : 12));
                long duration = version == 1 ? in.u64(body + 24) : in.u32(body + 16);
                boolean unknown = version == 1 ? duration == -1L : duration == 0xFFFF_FFFFL;
                return timescale == 0 || duration <= 0 || unknown ? OptionalDouble.empty()
                        : OptionalDouble.of((double) duration / timescale);
            }
            pos += size;
        }
        return OptionalDouble.empty();
    }

    private static final long EBML = 0x1A45DFA3L;
    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TIMESTAMP_SCALE = 0x2AD7B1L;
    private static final long DURATION = 0x4489L;

    /**
     * RFC 8794 (EBML variable-size integers) and RFC 9559 §5.1.2 (Matroska/WebM Segment Information: TimestampScale
     * in nanoseconds per tick, default 1 000 000, and Duration, a float in ticks). Info precedes the first Cluster in
     * files written for playback, which is where the walk stops.
     */
    private static OptionalDouble webm(Reader in) throws IOException {
        long end = in.size();
        Element header = in.element(0);
        if (header == null || header.id != EBML || header.size < 0) {
            return OptionalDouble.empty();
        }
        Element segment = in.element(header.dataEnd());
        if (segment == null || segment.id != SEGMENT) {
            return OptionalDouble.empty();
        }
        long segmentEnd = segment.size < 0 ? end : Math.min(end, segment.dataEnd());
        long pos = segment.data;
        for (int n = 0; n < MAX_ELEMENTS && pos < segmentEnd; n++) {
            Element child = in.element(pos);
            if (child == null || child.size < 0 || child.id == CLUSTER) {
                return OptionalDouble.empty();
            }
            if (child.id == INFO) {
                return info(in, child.data, Math.min(segmentEnd, child.dataEnd()));
            }
            pos = child.dataEnd();
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble info(Reader in, long pos, long end) throws IOException {
        long scale = 1_000_000;
        double ticks = -1;
        for (int n = 0; n < MAX_ELEMENTS && pos < end; n++) {
            Element e = in.element(pos);
            if (e == null || e.size < 0 || e.dataEnd() > end) {
                return OptionalDouble.empty();
            }
            if (e.id == TIMESTAMP_SCALE && e.size >= 1 && e.size <= 8) {
                scale = in.unsigned(e.data, (int) e.size);
            } else if (e.id == DURATION && e.size == 8) {
                ticks = Double.longBitsToDouble(in.u64(e.data));
            } else if (e.id == DURATION && e.size == 4) {
                ticks = Float.intBitsToFloat((int) in.u32(e.data));
            }
            pos = e.dataEnd();
        }
        double seconds = ticks * scale / 1e9;
        return ticks > 0 && scale > 0 && Double.isFinite(seconds) ? OptionalDouble.of(seconds)
                : OptionalDouble.empty();
    }

    /** An EBML element's id, data start and data size ({@code -1}: unknown size, "until the parent ends"). */
    private record Element(long id, long data, long size) {
        long dataEnd() {
            return data + size;
        }
    }

    /** Big-endian reads at absolute positions; reading past the end is an {@link IOException}. */
    private static final class Reader {
        private final FileChannel channel;

        Reader(FileChannel channel) {
            this.channel = channel;
        }

        long size() throws IOException {
            return channel.size();
        }

        private ByteBuffer read(long pos, int length) throws IOException {
            if (pos < 0) {
                throw new IOException("negative position");
            }
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, pos + buffer.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            return buffer.flip();
        }

        int u8(long pos) throws IOException {
            return read(pos, 1).get() & 0xff;
        }

        long u32(long pos) throws IOException {
            return read(pos, 4).getInt() & 0xFFFF_FFFFL;
        }

        long u64(long pos) throws IOException {
            return read(pos, 8).getLong();
        }

        long unsigned(long pos, int length) throws IOException {
            ByteBuffer b = read(pos, length);
            long value = 0;
            while (b.hasRemaining()) {
                value = (value << 8) | (b.get() & 0xff);
            }
            return value;
        }

        String ascii(long pos, int length) throws IOException {
            return new String(read(pos, length).array(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /** RFC 8794 §4: the id keeps its length marker; the size drops it, all value bits set meaning unknown. */
        Element element(long pos) throws IOException {
            int first = u8(pos);
            int idLength = Integer.numberOfLeadingZeros(first) - 23;
            if (idLength < 1 || idLength > 4) {
                return null;
            }
            long id = unsigned(pos, idLength);
            long sizePos = pos + idLength;
            int sizeFirst = u8(sizePos);
            int sizeLength = Integer.numberOfLeadingZeros(sizeFirst) - 23;
            if (sizeLength < 1 || sizeLength > 8) {
                return null;
            }
            long raw = unsigned(sizePos, sizeLength);
            long valueBits = 7L * sizeLength;
            long size = raw & ((1L << valueBits) - 1);
            boolean unknown = size == (1L << valueBits) - 1;
            return new Element(id, sizePos + sizeLength, unknown ? -1 : size);
        }
    }
}
