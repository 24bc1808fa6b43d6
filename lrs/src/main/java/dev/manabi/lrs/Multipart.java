package dev.manabi.lrs;

import dev.manabi.xapi.XapiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * multipart/mixed (RFC 2046 section 5.1) as xAPI uses it for attachments (2.0 Part Three 2.1.1 / 1.0.3 Data
 * 2.4.11): the first part is the statement JSON, each further part one attachment's raw bytes with an
 * {@code X-Experience-API-Hash} header.
 */
final class Multipart {

    /** One body part: its headers (names lower case) and bytes. */
    record Part(Map<String, String> headers, byte[] content) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Multipart() {
    }

    static List<Part> parse(String contentType, byte[] body) {
        String boundary = LrsMediaTypes.parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw XapiException.badRequest("malformed-multipart", "multipart/mixed needs a boundary parameter");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw XapiException.badRequest("malformed-multipart", "The body has no part boundary");
        }
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // close delimiter
            }
            pos = skipLine(body, pos);
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            int bodyStart;
            Map<String, String> headers = new LinkedHashMap<>();
            if (headerEnd == pos - 2 || (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n')) {
                bodyStart = pos + 2; // no headers
            } else {
                if (headerEnd < 0) {
                    throw XapiException.badRequest("malformed-multipart", "A part's headers do not end");
                }
                for (String line : new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8).split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
                bodyStart = headerEnd + 4;
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int end = indexOf(body, next, bodyStart);
            if (end < 0) {
                throw XapiException.badRequest("malformed-multipart", "A part has no closing boundary");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, bodyStart, end)));
            pos = end + 2;
        }
    }

    private static int skipLine(byte[] body, int pos) {
        int i = pos;
        while (i < body.length && body[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, body.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A multipart/mixed body and its Content-Type: the JSON first, then each attachment. */
    record Written(String contentType, byte[] body) {
    }

    static Written write(String json, List<StatementLedger.Attachment> attachments) {
        String boundary = "manabi-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n");
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        for (StatementLedger.Attachment a : attachments) {
            writeAscii(out, "\r\n--" + boundary + "\r\nContent-Type: " + a.contentType()
                    + "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + a.sha2() + "\r\n\r\n");
            out.writeBytes(a.content());
        }
        writeAscii(out, "\r\n--" + boundary + "--\r\n");
        return new Written("multipart/mixed; boundary=" + boundary, out.toByteArray());
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
