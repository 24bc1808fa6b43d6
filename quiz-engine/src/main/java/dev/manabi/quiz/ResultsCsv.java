package dev.manabi.quiz;

import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Quiz reports as CSV for Excel, including Excel in Japan: UTF-8 with a byte order mark (without it Excel reads
 * Shift_JIS and garbles Japanese names), CRLF line ends, RFC 4180 quoting, and cells that Excel would run as a
 * formula (starting with {@code = + - @}, tab or CR) prefixed with an apostrophe (OWASP "CSV injection").
 */
final class ResultsCsv {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> COLUMNS = List.of("learnerId", "displayName", "courseId", "attempt", "version",
            "status", "startedAt", "submittedAt", "score", "maxScore", "percent", "passed", "timedOut");
    /** Excel parses "yyyy-MM-dd HH:mm:ss" as a date; the zone is stated in the header. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ResultsCsv() {
    }

    static byte[] write(Views.Report report, UiLanguage language, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        UiMessages messages = UiMessages.get();
        row(out, COLUMNS.stream().map(c -> messages.text(language, "quiz.report.column." + c, zone.getId())).toList());
        DateTimeFormatter time = TIME.withZone(zone);
        for (Views.ReportRow r : report.rows()) {
            row(out, List.of(r.learnerId(), r.displayName(), nullable(r.courseId()), String.valueOf(r.attempt()),
                    String.valueOf(r.version()), messages.text(language, "quiz.report.status." + r.status()),
                    time.format(r.startedAt()), r.submittedAt() == null ? "" : time.format(r.submittedAt()),
                    number(r.score()), number(r.maxScore()), number(r.percent()),
                    r.passed() == null ? "" : messages.text(language, r.passed() ? "quiz.report.yes" : "quiz.report.no"),
                    messages.text(language, r.timedOut() ? "quiz.report.yes" : "quiz.report.no")));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell: neutralized if Excel would evaluate it, then quoted if it holds a comma, quote or line break. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.format(Locale.ROOT, "%.2f", value);
    }
}
