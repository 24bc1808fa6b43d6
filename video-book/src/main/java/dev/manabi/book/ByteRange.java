package dev.manabi.book;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a file a {@code Range} request asks for, per RFC 7233 (HTTP/1.1 Range Requests). Videos are played by
 * seeking, and browsers will not seek in a video served without range support.
 *
 * @param kind  what to answer
 * @param first first byte (inclusive) when {@link Kind#PARTIAL}
 * @param last  last byte (inclusive) when {@link Kind#PARTIAL}
 */
record ByteRange(Kind kind, long first, long last) {

    enum Kind {
        /** 200 with the whole file: no Range header, or one the server ignores (section 3.1). */
        FULL,
        /** 206 with bytes first..last (section 4.1). */
        PARTIAL,
        /** 416 with {@code Content-Range: bytes *&#47;size} (section 4.4). */
        UNSATISFIABLE
    }

    /** Section 2.1: byte-range-spec = first-byte-pos "-" [last-byte-pos]; suffix-byte-range-spec = "-" length. */
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

    static final ByteRange FULL_FILE = new ByteRange(Kind.FULL, 0, -1);

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    static ByteRange parse(String header, long size) {
        if (header == null) {
            return FULL_FILE;
        }
        String h = header.trim();
        // Section 3.1: ignore a Range header with a unit other than bytes.
        if (h.length() < 6 || !h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return FULL_FILE;
        }
        String[] specs = h.substring(6).split(",", -1);
        if (specs.length != 1) {
            // Section 3.1 lets a server ignore Range; one range is all a media element asks for, and serving
            // multipart/byteranges to it would only waste bandwidth.
            return FULL_FILE;
        }
        Matcher m = SPEC.matcher(specs[0]);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return FULL_FILE; // section 2.1: a syntactically invalid byte-range-set is ignored
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return new ByteRange(Kind.UNSATISFIABLE, 0, -1); // section 2.1: zero suffix is unsatisfiable
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return FULL_FILE; // section 2.1: last-byte-pos < first-byte-pos makes the spec invalid, so ignored
        }
        if (first >= size) {
            return new ByteRange(Kind.UNSATISFIABLE, 0, -1); // section 4.4
        }
        return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1)); // section 2.1: clamp to the end
    }
}
