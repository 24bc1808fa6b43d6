package dev.manabi.scorm.pkg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolution of manifest hrefs against the package root: {@code xml:base} chains (IMS CP 1.1.4 section 3.4.1.5,
 * SCORM 2004 CAM 3.4.1.16: {@code xml:base} of manifest, resources and resource apply in that order), percent
 * decoding for the file lookup, and the item {@code parameters} rule of SCORM 2004 CAM 3.4.1.13.
 */
final class Hrefs {

    /** How a reference resolved. */
    enum Kind { LOCAL, EXTERNAL, ABSOLUTE, TRAVERSAL, BAD_SCHEME, EMPTY }

    /**
     * @param path     for LOCAL: the decoded path relative to the package root; for EXTERNAL: the URL as written
     * @param query    the query without {@code ?}, or null
     * @param fragment the fragment without {@code #}, or null
     */
    record Resolved(Kind kind, String path, String query, String fragment) {

        boolean local() {
            return kind == Kind.LOCAL;
        }

        /** A URL relative to the package root (path segments percent-encoded) or the external URL. */
        String url() {
            if (kind == Kind.EXTERNAL) {
                return path;
            }
            StringBuilder out = new StringBuilder(encodePath(path));
            if (query != null) {
                out.append('?').append(query);
            }
            if (fragment != null) {
                out.append('#').append(fragment);
            }
            return out.toString();
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:[/\\\\].*");

    private Hrefs() {
    }

    /**
     * Resolves {@code href} against the {@code xml:base} values from outermost to innermost (nulls skipped). A base
     * always names a folder, with or without its trailing slash: that is what authoring tools mean by it, even where
     * RFC 3986 would drop its last segment.
     */
    static Resolved resolve(List<String> bases, String href) {
        if (href == null || href.isBlank()) {
            return new Resolved(Kind.EMPTY, null, null, null);
        }
        List<String> segments = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        for (String base : bases) {
            if (base != null && !base.isBlank()) {
                chain.add(base.strip());
            }
        }
        chain.add(href.strip());
        String query = null;
        String fragment = null;
        for (int i = 0; i < chain.size(); i++) {
            String part = chain.get(i);
            boolean last = i == chain.size() - 1;
            if (part.startsWith("//") || (SCHEME.matcher(part).matches() && !DRIVE.matcher(part).matches())) {
                String lower = part.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://") || part.startsWith("//")) {
                    return new Resolved(Kind.EXTERNAL, last ? part : part + String.join("", chain.subList(i + 1,
                            chain.size())), null, null);
                }
                return new Resolved(Kind.BAD_SCHEME, part, null, null);
            }
            if (part.startsWith("/") || part.startsWith("\\") || DRIVE.matcher(part).matches()) {
                return new Resolved(Kind.ABSOLUTE, part, null, null);
            }
            String path = part;
            if (last) {
                int hash = path.indexOf('#');
                if (hash >= 0) {
                    fragment = path.substring(hash + 1);
                    path = path.substring(0, hash);
                }
                int q = path.indexOf('?');
                if (q >= 0) {
                    query = path.substring(q + 1);
                    path = path.substring(0, q);
                }
            }
            for (String segment : decode(path).replace('\\', '/').split("/", -1)) {
                if (segment.equals("..")) {
                    if (segments.isEmpty()) {
                        return new Resolved(Kind.TRAVERSAL, part, null, null);
                    }
                    segments.remove(segments.size() - 1);
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
            }
        }
        if (segments.isEmpty()) {
            return new Resolved(Kind.EMPTY, null, null, null);
        }
        return new Resolved(Kind.LOCAL, String.join("/", segments), query, fragment);
    }

    /**
     * SCORM 2004 CAM 3.4.1.13 (item {@code parameters}): leading {@code ?} and {@code &} are dropped; a parameter
     * string starting with {@code #} is appended only when the href has no fragment; otherwise it joins the query.
     */
    static String withParameters(Resolved href, String parameters) {
        if (parameters == null || parameters.isBlank() || href.kind() == Kind.EXTERNAL && href.path() == null) {
            return href.url();
        }
        String p = parameters.strip();
        if (p.startsWith("#")) {
            if (href.fragment() != null) {
                return href.url();
            }
            return new Resolved(href.kind(), href.path(), href.query(), p.substring(1)).url();
        }
        while (p.startsWith("?") || p.startsWith("&")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return href.url();
        }
        if (href.kind() == Kind.EXTERNAL) {
            String url = href.path();
            int hash = url.indexOf('#');
            String tail = hash >= 0 ? url.substring(hash) : "";
            String head = hash >= 0 ? url.substring(0, hash) : url;
            return head + (head.contains("?") ? "&" : "?") + p + tail;
        }
        String query = href.query() == null || href.query().isEmpty() ? p : href.query() + "&" + p;
        return new Resolved(href.kind(), href.path(), query, href.fragment()).url();
    }

    /** Percent-decodes UTF-8; malformed escapes are kept literally (a file may really be named {@code 100%.html}). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes each path segment: everything but RFC 3986 pchar and {@code /}. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/"
                    .indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
