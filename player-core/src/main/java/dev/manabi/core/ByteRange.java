package dev.manabi.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file, {@code first} to {@code last} inclusive, and the parsing of the
 * {@code Range} request header per RFC 7233 (HTTP/1.1 Range Requests). Media elements only seek in files served
 * with range support.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** What to answer a Range header with. */
    public enum Outcome {
        /** 200 with the whole file: no Range header, or one the server ignores (section 3.1). */
        FULL,
        /** 206 with bytes first..last (section 4.1). */
        PARTIAL,
        /** 416 with {@code Content-Range: bytes *&#47;length} (section 4.4). */
        UNSATISFIABLE
    }

    /**
     * A parsed Range header.
     *
     * @param outcome what to answer
     * @param range   the bytes to send for {@link Outcome#PARTIAL}, empty otherwise
     */
    public record Request(Outcome outcome, Optional<ByteRange> range) {

        public static final Request FULL = new Request(Outcome.FULL, Optional.empty());
        static final Request UNSATISFIABLE = new Request(Outcome.UNSATISFIABLE, Optional.empty());
    }

    /**
     * Section 2.1: byte-range-spec = first-byte-pos "-" [last-byte-pos]; suffix-byte-range-spec = "-" suffix-length.
     * Whitespace around the tokens and a case-insensitive unit are tolerated, as browsers and proxies vary.
     */
    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*",
            Pattern.CASE_INSENSITIVE);

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206 answer (section 4.2). */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * Interprets a Range header for a file of {@code length} bytes. Only single ranges are served partially: a
     * header that is absent, not {@code bytes}, syntactically invalid (including last-byte-pos &lt; first-byte-pos,
     * section 2.1) or asks for several ranges yields {@link Outcome#FULL}, since section 3.1 lets a server ignore
     * Range, and one range is all a media element asks for. A valid range starting at or after the end, or a
     * zero-length suffix, yields {@link Outcome#UNSATISFIABLE} (section 4.4). A last-byte-pos beyond the end means
     * "to the end" (section 2.1).
     */
    public static Request parse(String header, long length) {
        if (header == null || header.indexOf(',') >= 0) {
            return Request.FULL;
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Request.FULL;
        }
        if (m.group(1).isEmpty()) {
            long suffix = digits(m.group(2));
            if (suffix == 0 || length == 0) {
                return Request.UNSATISFIABLE;
            }
            return partial(Math.max(0, length - suffix), length - 1);
        }
        long first = digits(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : digits(m.group(2));
        if (last < first) {
            return Request.FULL;
        }
        if (first >= length) {
            return Request.UNSATISFIABLE;
        }
        return partial(first, Math.min(last, length - 1));
    }

    private static Request partial(long first, long last) {
        return new Request(Outcome.PARTIAL, Optional.of(new ByteRange(first, last)));
    }

    /** A byte position; one too large for a long lies beyond any file, so it saturates instead of failing. */
    private static long digits(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
