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
