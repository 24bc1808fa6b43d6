package dev.manabi.book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to answer a request for one stored file of a book: which status, which bytes, which headers. Kept apart from
 * JAX-RS so the HTTP rules (RFC 7232 conditional requests, RFC 7233 ranges) are tested without a server.
 */
final class FileDelivery {

    static final String VTT = "text/vtt; charset=utf-8";

    /**
     * The answer.
     *
     * @param status  200, 206, 304 or 416
     * @param offset  first byte of the body
     * @param length  body length in bytes (0 for 304 and 416)
     * @param headers response headers
     */
    record Plan(int status, long offset, long length, Map<String, String> headers) {
    }

    private FileDelivery() {
    }

    /**
     * The file of {@code book} named {@code name}, if the book's definition names it and it is a regular file inside
     * {@code dir}. Only named files are served, so neither traversal nor stray files of an upload can be reached.
     */
    static Optional<Path> resolve(Book book, Path dir, String name) {
        if (name == null || !book.files().contains(name)) {
            return Optional.empty();
        }
        Path root = dir.toAbsolutePath().normalize();
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** The media type of a named file: the video's declared type, else WebVTT (RFC 8216 registers text/vtt). */
    static String mediaType(Book book, String name) {
        return book.topics().stream().filter(t -> t.video().file().equals(name)).map(t -> t.video().type())
                .findFirst().orElse(VTT);
    }

    static Plan plan(Path file, String mediaType, String range, String ifRange, String ifNoneMatch)
            throws IOException {
        long size = Files.size(file);
        // Files never change after import, so size and modification time identify the bytes (a strong validator).
        String etag = "\"" + Long.toHexString(size) + "-"
                + Long.toHexString(Files.getLastModifiedTime(file).toMillis()) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", etag);
        headers.put("Accept-Ranges", "bytes");
        // private: the answer depends on who asks (course visibility), so shared caches must not keep it.
        headers.put("Cache-Control", "private, max-age=3600");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return new Plan(304, 0, 0, headers); // RFC 7232 section 4.1
        }
        headers.put("Content-Type", mediaType);
        headers.put("X-Content-Type-Options", "nosniff");
        // RFC 7233 section 3.2: with If-Range, the range applies only if the validator still matches (strongly).
        boolean rangeApplies = range != null && (ifRange == null || ifRange.trim().equals(etag));
        ByteRange r = rangeApplies ? ByteRange.parse(range, size) : ByteRange.FULL_FILE;
        return switch (r.kind()) {
            case PARTIAL -> {
                headers.put("Content-Range", r.contentRange(size));
                headers.put("Content-Length", Long.toString(r.length()));
                yield new Plan(206, r.first(), r.length(), headers);
            }
            case UNSATISFIABLE -> {
                headers.put("Content-Range", "bytes */" + size); // RFC 7233 section 4.4
                headers.remove("Content-Type");
                yield new Plan(416, 0, 0, headers);
            }
            case FULL -> {
                headers.put("Content-Length", Long.toString(size));
                yield new Plan(200, 0, size, headers);
            }
        };
    }

    /** RFC 7232 section 3.2: If-None-Match uses the weak comparison; "*" matches any current representation. */
    private static boolean matches(String ifNoneMatch, String etag) {
        String trimmed = ifNoneMatch.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        return List.of(trimmed.split(",")).stream().map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals);
    }
}
