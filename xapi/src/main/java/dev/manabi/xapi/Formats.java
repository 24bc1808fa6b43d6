package dev.manabi.xapi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value formats of xAPI 2.0 Part Two section 4.2.7 ("Additional Requirements for Data Types") and 1.0.3
 * section 4 ("Special Data Types and Rules"): IRIs, UUIDs, timestamps, durations, language tags, mailto IRIs,
 * SHA-1 / SHA-2 sums and Internet media types.
 */
public final class Formats {

    /** RFC 3987 IRI: a scheme and no white space or characters RFC 3987 section 2.2 excludes from every part. */
    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>\"{}|\\\\^`]+");
    /** RFC 4122 UUID in the canonical 8-4-4-4-12 hex form (any version, both cases). */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * ISO 8601 date-time as xAPI narrows it to RFC 3339 (xAPI 2.0 Part Two 4.2.7: "A Timestamp MUST be formatted
     * according to ISO 8601 ... SHOULD be expressed using RFC 3339"): full date, time, optional fraction, and an
     * offset. RFC 3339 section 4.3 reserves "-00:00" for an unknown offset, which is not a point in time.
     */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?");
    /** ISO 8601 duration, xAPI 4.2.7 / 1.0.3 section 4.6: PnYnMnDTnHnMnS or PnW, only the last part fractional. */
    private static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?"
                    + "(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?|P\\d+(\\.\\d+)?W");
    /** RFC 5646 language tag (the well-formed grammar, including private use and the grandfathered forms). */
    private static final Pattern LANGUAGE_TAG = Pattern.compile(
            "(?i)(([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|\\d{3}))?"
                    + "(-([a-z\\d]{5,8}|\\d[a-z\\d]{3}))*(-[\\da-wy-z](-[a-z\\d]{2,8})+)*(-x(-[a-z\\d]{1,8})+)?"
                    + "|x(-[a-z\\d]{1,8})+|[a-z]{1,3}(-[a-z\\d]{2,8}){1,2})");
    private static final Pattern MAILTO = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SHA2 = Pattern.compile("[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}");
    /** RFC 2046 type/subtype with optional parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+\\-]+/[A-Za-z0-9!#$&^_.+\\-]+(\\s*;.*)?");

    /** The seconds of a duration beyond hundredths (see {@link #truncateDuration}). */
    private static final Pattern DURATION_EXTRA_DIGITS = Pattern.compile("(\\d+\\.\\d{2})\\d+S$");

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private Formats() {
    }

    public static boolean isIri(String s) {
        return s != null && IRI.matcher(s).matches();
    }

    public static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }

    public static boolean isDuration(String s) {
        return s != null && DURATION.matcher(s).matches();
    }

    public static boolean isLanguageTag(String s) {
        return s != null && LANGUAGE_TAG.matcher(s).matches();
    }

    public static boolean isMailto(String s) {
        return s != null && MAILTO.matcher(s).matches();
    }

    public static boolean isSha1(String s) {
        return s != null && SHA1.matcher(s).matches();
    }

    public static boolean isSha2(String s) {
        return s != null && SHA2.matcher(s).matches();
    }

    public static boolean isMediaType(String s) {
        return s != null && MEDIA_TYPE.matcher(s).matches();
    }

    /**
     * The instant a timestamp names, or null when it is not one. A missing offset is read as UTC (1.0.3 section
     * 4.5: "If no time zone is given, UTC SHOULD be assumed"); the offsets {@code -00}, {@code -0000} and
     * {@code -00:00} are refused (RFC 3339 section 4.3: unknown local offset).
     */
    public static OffsetDateTime parseTimestamp(String s) {
        Matcher m = s == null ? null : TIMESTAMP.matcher(s);
        if (m == null || !m.matches()) {
            return null;
        }
        // The offset as TIMESTAMP's group 2 found it (none, Z, ±hh, ±hhmm or ±hh:mm), rewritten as ±hh:mm or Z.
        String offset = m.group(2);
        String t = s.substring(0, offset == null ? s.length() : m.start(2)).toUpperCase(Locale.ROOT);
        if (offset == null || offset.equalsIgnoreCase("Z")) {
            t = t + "Z";
        } else {
            String hours = offset.substring(0, 3);
            String minutes = offset.length() == 3 ? "00" : offset.substring(offset.length() - 2);
            if (hours.equals("-00") && minutes.equals("00")) {
                return null;
            }
            t = t + hours + ":" + minutes;
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A timestamp as this LRS writes it: UTC, milliseconds (xAPI 2.0 4.2.7: stored timestamps in UTC). */
    public static String format(OffsetDateTime time) {
        return STORED.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * A duration with the seconds cut (not rounded) to hundredths (xAPI 2.0 Part Two 4.2.7: "the LRS may truncate the
     * duration to 0.01 second precision ... comparisons MUST ignore any precision beyond").
     */
    public static String truncateDuration(String duration) {
        return DURATION_EXTRA_DIGITS.matcher(duration).replaceAll("$1S");
    }
}
