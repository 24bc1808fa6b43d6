package dev.manabi.quiz;

import dev.manabi.core.Csv;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Quiz reports as CSV for Excel, in the SDK's one CSV form ({@link Csv}: UTF-8 BOM, CRLF, formulas neutralized). */
final class ResultsCsv {

    private static final List<String> COLUMNS = List.of("learnerId", "displayName", "courseId", "attempt", "version",
            "status", "startedAt", "submittedAt", "score", "maxScore", "percent", "passed", "timedOut");
    /** Excel parses "yyyy-MM-dd HH:mm:ss" as a date; the zone is stated in the header. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ResultsCsv() {
    }

    static byte[] write(Views.Report report, UiLanguage language, ZoneId zone) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UiMessages messages = UiMessages.get();
        DateTimeFormatter time = TIME.withZone(zone);
        try {
            Csv csv = Csv.open(bytes);
            csv.row(COLUMNS.stream().map(c -> messages.text(language, "quiz.report.column." + c, zone.getId())).toList());
            for (Views.ReportRow r : report.rows()) {
                csv.row(List.of(r.learnerId(), r.displayName(), nullable(r.courseId()), String.valueOf(r.attempt()),
                        String.valueOf(r.version()), messages.text(language, "quiz.report.status." + r.status()),
                        time.format(r.startedAt()), r.submittedAt() == null ? "" : time.format(r.submittedAt()),
                        number(r.score()), number(r.maxScore()), number(r.percent()),
                        r.passed() == null ? "" : messages.text(language, r.passed() ? "quiz.report.yes" : "quiz.report.no"),
                        messages.text(language, r.timedOut() ? "quiz.report.yes" : "quiz.report.no")));
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** One cell as {@link Csv} writes it. */
    static String cell(String value) {
        return Csv.cell(value);
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
