package dev.manabi.scorm.cmi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session and total times in both run-time formats, counted in hundredths of a second (the precision of both).
 * {@code cmi.core.total_time} (SCORM 1.2 RTE 3.4.4) and {@code cmi.total_time} (SCORM 2004 RTE 4.2.26) are the sum
 * of all session times of the learner attempt.
 */
public final class Durations {

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{2,4}):([0-5]\\d):([0-5]\\d)(?:\\.(\\d{1,2}))?");
    private static final Pattern ISO = Pattern.compile(
            "P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?");

    /** Days per year and month used for the calendar parts of an ISO 8601 duration (which has no fixed length). */
    static final long DAY = 24L * 3600 * 100;
    static final long YEAR = 365 * DAY;
    static final long MONTH = 30 * DAY;

    /** The longest time counted, in hundredths: larger times (valid ISO 8601 durations) saturate here. */
    public static final long MAX = Long.MAX_VALUE;

    private Durations() {
    }

    /** SCORM 1.2 CMITimespan {@code HHHH:MM:SS.SS} to hundredths; -1 if malformed. */
    public static long parseTimespan(String text) {
        Matcher m = text == null ? null : TIMESPAN.matcher(text);
        if (m == null || !m.matches()) {
            return -1;
        }
        long hundredths = m.group(4) == null ? 0 : Long.parseLong((m.group(4) + "0").substring(0, 2));
        return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))) * 100
                + hundredths;
    }

    /**
     * Hundredths to a SCORM 1.2 CMITimespan. Hours have at most four digits, so totals of 10000 hours or more are
     * capped at {@code 9999:59:59.99}.
     */
    public static String formatTimespan(long hundredths) {
        long h = Math.max(0, hundredths);
        long cap = ((9999L * 60 + 59) * 60 + 59) * 100 + 99;
        h = Math.min(h, cap);
        long cs = h % 100;
        long s = h / 100;
        return String.format("%04d:%02d:%02d.%02d", s / 3600, (s / 60) % 60, s % 60, cs);
    }

    /**
     * SCORM 2004 timeinterval (ISO 8601 duration) to hundredths (fractions beyond 0.01 s are rounded); -1 if
     * malformed. The format allows any number of digits, so a valid value may exceed what a long counts: it is
     * taken as {@link #MAX} (never an exception, never a wrap-around).
     */
    public static long parseIso(String text) {
        Matcher m = text == null ? null : ISO.matcher(text);
        if (m == null || !m.matches()) {
            return -1;
        }
        BigDecimal total = part(m.group(1), YEAR).add(part(m.group(2), MONTH)).add(part(m.group(3), DAY))
                .add(part(m.group(4), 3600 * 100)).add(part(m.group(5), 60 * 100));
        if (m.group(6) != null) {
            total = total.add(new BigDecimal(m.group(6)).movePointRight(2).setScale(0, RoundingMode.HALF_UP));
        }
        return total.compareTo(BigDecimal.valueOf(MAX)) >= 0 ? MAX : total.longValueExact();
    }

    /** The sum of two times, {@link #MAX} when it would overflow (total_time of a huge session_time). */
    public static long add(long a, long b) {
        long sum = Math.max(0, a) + Math.max(0, b);
        return sum < 0 ? MAX : sum;
    }

    /** Hundredths to the canonical SCORM 2004 form {@code PT#H#M#S} with up to two decimals, e.g. {@code PT1H2M3.5S}. */
    public static String formatIso(long hundredths) {
        long h = Math.max(0, hundredths);
        long cs = h % 100;
        long s = h / 100;
        StringBuilder out = new StringBuilder("PT").append(s / 3600).append('H').append((s / 60) % 60).append('M')
                .append(s % 60);
        if (cs != 0) {
            out.append('.').append(cs % 10 == 0 ? Long.toString(cs / 10) : String.format("%02d", cs));
        }
        return out.append('S').toString();
    }

    /** Parses either format, as used by the given model; -1 if malformed. */
    public static long parse(String model, String text) {
        return DataModel.SCORM_12.equals(model) ? parseTimespan(text) : parseIso(text);
    }

    public static String format(String model, long hundredths) {
        return DataModel.SCORM_12.equals(model) ? formatTimespan(hundredths) : formatIso(hundredths);
    }

    private static BigDecimal part(String digits, long unit) {
        return digits == null ? BigDecimal.ZERO : new BigDecimal(digits).multiply(BigDecimal.valueOf(unit));
    }
}
