package dev.manabi.core;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves stored files (package content, book media) over HTTP, from a Servlet ({@link #send}) or a JAX-RS resource
 * ({@link #response}). Who may see a file is the caller's business; this class only knows HTTP:
 *
 * <ul>
 *   <li>single byte ranges with 206 and 416 (RFC 7233 sections 2.1, 4.1, 4.4; see {@link ByteRange}), so media
 *   elements can seek;</li>
 *   <li>a strong ETag and Last-Modified, {@code If-None-Match} / {@code If-Modified-Since} answered with 304
 *   (RFC 7232 sections 3.2, 3.3, 4.1) and {@code If-Range} (RFC 7233 section 3.2);</li>
 *   <li>{@code Cache-Control: private}: stored files never change, but whether someone may see them does, so shared
 *   caches must not keep them;</li>
 *   <li>{@code X-Content-Type-Options: nosniff} with a type from the caller or {@link MimeTypes}.</li>
 * </ul>
 *
 * <p>The decision ({@link #plan}) is apart from the writing so it is tested without a server.
 */
public final class FileDelivery {

    public static final String CACHE_CONTROL = "private, max-age=3600";

    /**
     * The request headers that decide the answer; each null when absent.
     *
     * @param range           {@code Range}
     * @param ifRange         {@code If-Range}: an entity tag or an HTTP-date
     * @param ifNoneMatch     {@code If-None-Match}
     * @param ifModifiedSince {@code If-Modified-Since}
     */
    public record Conditions(String range, String ifRange, String ifNoneMatch, String ifModifiedSince) {

        /** A plain GET of the whole file. */
        public static final Conditions NONE = new Conditions(null, null, null, null);

        public static Conditions of(HttpServletRequest request) {
            return new Conditions(request.getHeader("Range"), request.getHeader("If-Range"),
                    request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"));
        }

        public static Conditions of(HttpHeaders headers) {
            return new Conditions(headers.getHeaderString("Range"), headers.getHeaderString("If-Range"),
                    headers.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                    headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE));
        }
    }

    /**
     * The answer.
     *
     * @param status       200, 206, 304 or 416
     * @param offset       first byte of the body
     * @param length       body length in bytes (0 for 304 and 416)
     * @param lastModified the file's modification time in epoch milliseconds, whole seconds (the precision of
     *                     HTTP dates); sent as {@code Last-Modified}
     * @param headers      every other response header, {@code Content-Type} and {@code Content-Length} included
     */
    public record Plan(int status, long offset, long length, long lastModified, Map<String, String> headers) {

        public Plan {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    private static final int BUFFER = 64 * 1024;

    /**
     * RFC 7231 section 7.1.1.1: recipients must accept IMF-fixdate and the obsolete RFC 850 and asctime formats.
     * RFC 850's two-digit years are read as 1970-2069.
     */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss zzz")
                    .toFormatter(Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    private FileDelivery() {
    }

    /**
     * The regular file {@code relative} names under {@code root}, or empty when it is missing, not a regular file
     * (directories, symbolic links) or, once links in its parents are followed, outside {@code root}.
     */
    public static Optional<Path> file(Path root, String relative) {
        if (relative == null) {
            return Optional.empty();
        }
        Path base = root.toAbsolutePath().normalize();
        Path candidate = base.resolve(relative).normalize();
        if (!candidate.startsWith(base) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return candidate.toRealPath().startsWith(base.toRealPath()) ? Optional.of(candidate) : Optional.empty();
        } catch (IOException vanished) {
            return Optional.empty();
        }
    }

    /** What to answer a GET or HEAD of {@code file}, served as {@code mediaType}. */
    public static Plan plan(Path file, String mediaType, Conditions request) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis() / 1000 * 1000;
        // Stored files never change in place, so size and modification time identify the bytes: a strong validator.
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag);
        headers.put("Accept-Ranges", "bytes");
        headers.put("Cache-Control", CACHE_CONTROL);
        headers.put("X-Content-Type-Options", "nosniff");
        if (notModified(request, etag, modified)) {
            return new Plan(304, 0, 0, modified, headers);
        }
        ByteRange.Request range = ByteRange.parse(request.range(), size);
        if (range.outcome() != ByteRange.Outcome.FULL && !ifRangeHolds(request.ifRange(), etag, modified)) {
            range = ByteRange.Request.FULL;
        }
        switch (range.outcome()) {
            case UNSATISFIABLE -> {
                headers.put("Content-Range", "bytes */" + size); // RFC 7233 section 4.4
                headers.put("Content-Length", "0");
                return new Plan(416, 0, 0, modified, headers);
            }
            case PARTIAL -> {
                ByteRange r = range.range().orElseThrow();
                headers.put("Content-Type", mediaType);
                headers.put("Content-Range", r.contentRange(size));
                headers.put("Content-Length", Long.toString(r.length()));
                return new Plan(206, r.first(), r.length(), modified, headers);
            }
            default -> {
                headers.put("Content-Type", mediaType);
                headers.put("Content-Length", Long.toString(size));
                return new Plan(200, 0, size, modified, headers);
            }
        }
    }

    /**
     * Answers a Servlet GET ({@code body} true) or HEAD of {@code file}. A 416 has no body: the requester is a media
     * element, not an API client.
     */
    public static void send(HttpServletRequest request, HttpServletResponse response, Path file, String mediaType,
                            boolean body) throws IOException {
        Plan plan = plan(file, mediaType, Conditions.of(request));
        response.setStatus(plan.status());
        response.setDateHeader("Last-Modified", plan.lastModified());
        plan.headers().forEach((name, value) -> {
            switch (name) {
                case "Content-Type" -> response.setContentType(value);
                case "Content-Length" -> response.setContentLengthLong(Long.parseLong(value));
                default -> response.setHeader(name, value);
            }
        });
        if (body && plan.length() > 0) {
            copy(file, plan.offset(), plan.length(), response.getOutputStream());
        }
    }

    /**
     * The JAX-RS answer for a GET of {@code file}; the runtime drops the body for HEAD. A 416 carries the SDK's
     * error body ({@link ApiError}, code {@code range-not-satisfiable}) like every other error of the REST API.
     */
    public static Response response(Path file, String mediaType, Conditions request) throws IOException {
        Plan plan = plan(file, mediaType, request);
        Response.ResponseBuilder response = Response.status(plan.status()).lastModified(new Date(plan.lastModified()));
        plan.headers().forEach((name, value) -> {
            if (!name.equals("Content-Length")) { // the runtime sets it from the entity
                response.header(name, value);
            }
        });
        return switch (plan.status()) {
            case 416 -> response.type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(416,
                    "range-not-satisfiable", "The requested range lies outside the file", null)).build();
            case 200, 206 -> response.header("Content-Length", plan.length())
                    .entity((StreamingOutput) out -> copy(file, plan.offset(), plan.length(), out)).build();
            default -> response.build();
        };
    }

    /** RFC 7232 section 6: If-None-Match wins over If-Modified-Since; its comparison is weak (section 2.3.2). */
    static boolean notModified(Conditions request, String etag, long modified) {
        String ifNoneMatch = request.ifNoneMatch();
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        long since = httpDate(request.ifModifiedSince());
        return since >= 0 && modified <= since;
    }

    /**
     * RFC 7233 section 3.2: a range applies only if If-Range (when present) still names this representation: the
     * entity tag compared strongly, or exactly the modification date.
     */
    static boolean ifRangeHolds(String ifRange, String etag, long modified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(etag);
        }
        long date = httpDate(value);
        return date >= 0 && date == modified;
    }

    /** An HTTP-date in epoch milliseconds, -1 when absent or malformed (which makes the condition be ignored). */
    static long httpDate(String value) {
        if (value == null) {
            return -1;
        }
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return ZonedDateTime.parse(value.strip(), format).toInstant().toEpochMilli();
            } catch (DateTimeParseException notThisFormat) {
                // try the next one
            }
        }
        return -1;
    }

    private static void copy(Path file, long offset, long length, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // Most package files are small: no 64 KiB buffer for a 12 KiB script.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(1, Math.min(BUFFER, length)));
            long position = offset;
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                out.write(buffer.array(), 0, n);
                position += n;
                remaining -= n;
            }
        }
    }
}
