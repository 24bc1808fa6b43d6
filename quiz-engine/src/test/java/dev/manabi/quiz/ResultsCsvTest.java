package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiLanguage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {

    @Test
    void cellsAreNeutralizedAndQuoted() {
        assertThat(ResultsCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(ResultsCsv.cell("+81 3 1234")).isEqualTo("'+81 3 1234");
        assertThat(ResultsCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(ResultsCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultsCsv.cell("plain")).isEqualTo("plain");
        assertThat(ResultsCsv.cell("山田 太郎")).isEqualTo("山田 太郎");
        assertThat(ResultsCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsCsv.cell("a=b")).isEqualTo("a=b");
        assertThat(ResultsCsv.cell(null)).isEmpty();
    }

    @Test
    void tabsAndLineBreaksAreNeutralizedAndQuoted() {
        assertThat(ResultsCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(ResultsCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(ResultsCsv.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
    }

    @Test
    void theFileIsUtf8WithBomAndCrlfForExcelInJapan() {
        Views.Report report = new Views.Report("q", "uni-a", List.of(
                new Views.ReportRow("alice", "=山田,花子", "c1", 1, 1, "submitted", Instant.parse("2026-04-01T00:00:00Z"),
                        Instant.parse("2026-04-01T00:10:00Z"), 7.5, 8.0, 93.75, true, false),
                new Views.ReportRow("bob", "鈴木", null, 1, 2, "open", Instant.parse("2026-04-02T00:00:00Z"), null,
                        null, null, null, null, false)));
        byte[] bytes = ResultsCsv.write(report, UiLanguage.JA, ZoneId.of("Asia/Tokyo"));
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty();
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        assertThat(lines[0]).startsWith("受講者ID,").contains("Asia/Tokyo");
        assertThat(lines[1]).isEqualTo("alice,\"'=山田,花子\",c1,1,1,提出済み,2026-04-01 09:00:00,2026-04-01 09:10:00,"
                + "7.50,8,93.75,はい,いいえ");
        assertThat(lines[2]).isEqualTo("bob,鈴木,,1,2,解答中,2026-04-02 09:00:00,,,,,,いいえ");
    }
}
