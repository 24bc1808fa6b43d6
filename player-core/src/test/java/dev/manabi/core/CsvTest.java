package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV form of the SDK: BOM, RFC 4180 quoting, CRLF, formula injection neutralized (OWASP). */
class CsvTest {

    @Test
    void writesUtf8WithByteOrderMarkQuotedFieldsAndCrlf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Csv csv = Csv.open(out);
        csv.row(List.of("受講者ID", "a,b", "say \"hi\"")).row(Arrays.asList("line\nbreak", null, "plain"));
        csv.flush();
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("受講者ID,\"a,b\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,plain\r\n");
    }

    @Test
    void neutralizesCellsASpreadsheetWouldEvaluate() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(Csv.cell("+81 3 1234")).isEqualTo("'+81 3 1234");
        assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        // OWASP ASVS 5.0 V1.2.10 also lists a leading NUL among the characters to neutralize.
        assertThat(Csv.cell("\0=1+1")).isEqualTo("'\0=1+1");
        assertThat(Csv.cell("a=b")).isEqualTo("a=b");
        // A negative number is a number to a spreadsheet, not a formula: kept so it still sums.
        assertThat(Csv.cell("-0.5")).isEqualTo("-0.5");
        assertThat(Csv.cell("-1")).isEqualTo("-1");
        assertThat(Csv.cell("-1e5")).isEqualTo("'-1e5");
    }
}
