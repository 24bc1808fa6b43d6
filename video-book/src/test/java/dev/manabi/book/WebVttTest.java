package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.api.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttTest {

    private static List<Problem> check(String vtt, double duration) {
        ValidationReport.Builder report = new ValidationReport.Builder();
        WebVtt.check("a.vtt", vtt.getBytes(StandardCharsets.UTF_8), duration, report);
        return report.problems();
    }

    private static List<String> codes(String vtt) {
        return check(vtt, 0).stream().map(p -> p.code() + "@" + p.location()).toList();
    }

    @Test
    void acceptsAValidFileWithBomCrlfHeaderNotesStylesIdsAndSettings() {
        String vtt = "\uFEFFWEBVTT - demo\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n"
                + "NOTE written for the tests\r\n\r\n1\r\n00:00.000 --> 00:02.500 align:start line:0\r\nこんにちは\r\n\r\n"
                + "intro-2\r\n00:00:02.500 --> 00:00:04.000\r\n<v Narrator>Hello</v>\r\n\r\n"
                + "100:00:00.000 --> 100:00:01.000\r\nlong hours\r\n";
        assertThat(check(vtt, 0)).isEmpty();
    }

    @Test
    void requiresTheSignature() {
        assertThat(codes("WEBVTX\n\n00:00.000 --> 00:01.000\nx\n")).containsExactly("vtt-signature@a.vtt:1");
        assertThat(codes("WEBVTTX\n")).containsExactly("vtt-signature@a.vtt:1");
        assertThat(codes("")).containsExactly("vtt-signature@a.vtt:1");
    }

    @Test
    void reportsBadTimestampsWithTheirLine() {
        assertThat(codes("WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n0:00.000 --> 00:02.000\nbad\n"))
                .containsExactly("vtt-timing@a.vtt:6");
        assertThat(codes("WEBVTT\n\n00:60.000 --> 01:00.000\nseconds 60\n")).containsExactly("vtt-timing@a.vtt:3");
        assertThat(codes("WEBVTT\n\n00:00,000 --> 00:01.000\ncomma\n")).containsExactly("vtt-timing@a.vtt:3");
        assertThat(codes("WEBVTT\n\n00:00.000->00:01.000\narrow\n")).containsExactly("vtt-timing-missing@a.vtt:3");
    }

    @Test
    void cuesMustEndAfterTheyStartAndBeInOrder() {
        assertThat(codes("WEBVTT\n\n00:02.000 --> 00:02.000\nempty\n")).containsExactly("vtt-timing@a.vtt:3");
        assertThat(codes("WEBVTT\n\n00:05.000 --> 00:06.000\nb\n\n00:01.000 --> 00:02.000\na\n"))
                .containsExactly("vtt-cue-order@a.vtt:6");
    }

    @Test
    void findsMissingBlankLines() {
        assertThat(codes("WEBVTT\n00:00.000 --> 00:01.000\nx\n")).containsExactly("vtt-header@a.vtt:2");
        assertThat(codes("WEBVTT\n\n00:00.000 --> 00:01.000\nx\n00:01.000 --> 00:02.000\ny\n"))
                .containsExactly("vtt-missing-blank-line@a.vtt:5");
        assertThat(codes("WEBVTT\n\nan id\nno timing\n")).containsExactly("vtt-timing-missing@a.vtt:3");
    }

    @Test
    void warnsAboutEmptyFilesUnknownSettingsAndCuesBeyondTheVideo() {
        assertThat(codes("WEBVTT\n")).containsExactly("vtt-no-cues@a.vtt");
        assertThat(codes("WEBVTT\n\n00:00.000 --> 00:01.000 color:red\nx\n")).containsExactly("vtt-setting@a.vtt:3");
        List<Problem> late = check("WEBVTT\n\n00:00.000 --> 00:30.000\nx\n", 20);
        assertThat(late).extracting(Problem::code).containsExactly("vtt-beyond-video");
        assertThat(late).allMatch(p -> p.severity() == Problem.Severity.WARNING);
    }

    @Test
    void requiresUtf8() {
        ValidationReport.Builder report = new ValidationReport.Builder();
        WebVtt.check("a.vtt", new byte[] {'W', 'E', 'B', 'V', 'T', 'T', '\n', '\n', (byte) 0xff, (byte) 0xfe},
                0, report);
        assertThat(report.problems()).extracting(Problem::code).containsExactly("vtt-encoding");
    }

    @Test
    void parsesTimestamps() {
        assertThat(WebVtt.millis("01:02.345")).isEqualTo(62_345L);
        assertThat(WebVtt.millis("01:00:00.001")).isEqualTo(3_600_001L);
        assertThat(WebVtt.millis("1:00:00.001")).isNull();
        assertThat(WebVtt.millis("00:00.01")).isNull();
    }
}
