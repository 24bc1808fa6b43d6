package dev.manabi.core;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV for spreadsheets, Excel in Japan included, written row by row to a stream (a big course's grades are never
 * held whole in memory):
 * <ul>
 *   <li>UTF-8 with a byte order mark: without it Excel reads the file in the system code page (Shift_JIS in Japan)
 *       and garbles every name;</li>
 *   <li>RFC 4180 section 2: CRLF after every record, a field holding a comma, quote, CR or LF is enclosed in double
 *       quotes and its quotes doubled;</li>
 *   <li>formula injection neutralized (OWASP "CSV Injection"): a cell starting with {@code =}, {@code +}, {@code -},
 *       {@code @}, tab, CR or NUL (OWASP ASVS 5.0 V1.2.10) gets a leading {@code '}, so a learner named {@code =HYPERLINK(...)} stays text. Plain
 *       decimal numbers ({@code -0.5}) are left alone: a spreadsheet reads them as numbers and runs nothing.</li>
 * </ul>
 */
public final class Csv implements Flushable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String FORMULA_STARTS = "=+-@\t\r\0";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Writer out;

    private Csv(Writer out) {
        this.out = out;
    }

    /** Starts a CSV document on {@code stream} (writes the byte order mark); the caller closes the stream. */
    public static Csv open(OutputStream stream) throws IOException {
        stream.write(BOM);
        return new Csv(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
    }

    /** Writes one record; null cells are empty. */
    public Csv row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
        return this;
    }

    /** Flushes buffered rows to the stream (call before the response ends). */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** One field: neutralized if a spreadsheet would evaluate it, then quoted if it needs it. */
    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
