package dev.manabi.scorm.delivery;

import java.util.Optional;

/**
 * The parts of a content request path {@code /{packageId}/{file path}} (the servlet's path info, already
 * percent-decoded by the container). Anything that could climb out of the package or name something other than a
 * plain relative file path is refused here, before the file system is touched: {@code .} and {@code ..} segments,
 * empty segments, backslashes, NUL and other control characters, and a trailing slash (no directory listings).
 *
 * @param packageId the first segment
 * @param file      the rest, relative to the package root, with {@code /} separators
 */
record ContentPath(String packageId, String file) {

    /**
     * A content-origin path {@code /c/{capability}/{file path}}: {@code packageId} holds the capability token, and
     * {@code file} is empty for the launcher ({@code /c/{capability}/}); the file path is checked as by
     * {@link #parse}.
     */
    static Optional<ContentPath> parseCapability(String pathInfo) {
        if (pathInfo == null || !pathInfo.startsWith("/c/")) {
            return Optional.empty();
        }
        String rest = pathInfo.substring(2);
        int slash = rest.indexOf('/', 1);
        if (slash == rest.length() - 1 && slash > 1) {
            String token = rest.substring(1, slash);
            return token.equals(".") || token.equals("..") ? Optional.empty() : Optional.of(new ContentPath(token, ""));
        }
        return parse(rest);
    }

    static Optional<ContentPath> parse(String pathInfo) {
        if (pathInfo == null || !pathInfo.startsWith("/") || pathInfo.endsWith("/")) {
            return Optional.empty();
        }
        String rest = pathInfo.substring(1);
        if (rest.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\')) {
            return Optional.empty();
        }
        String[] segments = rest.split("/", -1);
        if (segments.length < 2) {
            return Optional.empty();
        }
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(new ContentPath(segments[0], rest.substring(segments[0].length() + 1)));
    }
}
