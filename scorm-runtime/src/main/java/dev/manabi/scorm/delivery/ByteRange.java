package dev.manabi.scorm.delivery;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation (RFC 9110 section 14.1.2), {@code first} to {@code last}
 * inclusive.
 */
record ByteRange(long first, long last) {

    /** What a Range header asks for. */
    enum Outcome { FULL, PARTIAL, UNSATISFIABLE }

    /** The parse result: a range for PARTIAL, none otherwise. */
    record Request(Outcome outcome, Optional<ByteRange> range) {
    }

    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*",
            Pattern.CASE_INSENSITIVE);

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * Interprets a Range header for a representation of {@code length} bytes. Only single ranges are served
     * partially; a header that is absent, not {@code bytes}, malformed or asks for several ranges yields FULL, which
     * RFC 9110 14.2 permits ("a server MAY ignore the Range header field"). A syntactically valid range that starts
     * at or after the end yields UNSATISFIABLE (416, RFC 9110 15.5.17).
     */
    static Request parse(String header, long length) {
        Request full = new Request(Outcome.FULL, Optional.empty());
        if (header == null || header.indexOf(',') >= 0) {
            return full;
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return full;
        }
        try {
            long first;
            long last;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || length == 0) {
                    return new Request(Outcome.UNSATISFIABLE, Optional.empty());
                }
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
                if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                    return full; // RFC 9110 14.1.1: last < first is invalid, hence ignored
                }
                if (first >= length) {
                    return new Request(Outcome.UNSATISFIABLE, Optional.empty());
                }
            }
            return new Request(Outcome.PARTIAL, Optional.of(new ByteRange(first, last)));
        } catch (NumberFormatException tooBig) {
            return new Request(Outcome.UNSATISFIABLE, Optional.empty());
        }
    }
}
