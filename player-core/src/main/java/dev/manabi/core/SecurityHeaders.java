package dev.manabi.core;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The response headers that keep Manabi's pages and API from being framed, sniffed or leaking their URLs: a
 * Content Security Policy (CSP Level 3), {@code X-Content-Type-Options: nosniff} (Fetch Standard section 3.5.4),
 * {@code Referrer-Policy} and, where it says the same as {@code frame-ancestors}, {@code X-Frame-Options}
 * (RFC 7034).
 *
 * <ul>
 *   <li>{@link #forSdk()}: what the SDK's filter puts on everything under {@code /manabi/} except package content
 *   ({@code /manabi/content/}, which answers with its own policy): JSON and assets never render as a document, so
 *   {@code default-src 'none'}.</li>
 *   <li>{@link #forPages()}: the policy for a host page that embeds the player (the sample host applies it to its
 *   pages). Scripts only from the page's own origin, no inline script, no eval; styles from the origin plus inline
 *   {@code <style>}, because every web component of the SDK styles its shadow root with a {@code <style>} element
 *   (an injected style can restyle the page, never run code: script stays strict); package content framed from this
 *   origin or the content origin ({@code manabi.content.origin}).</li>
 * </ul>
 *
 * <p>{@code manabi.frame-ancestors} (default {@code 'self'}) lists who may frame pages and API answers: a host
 * that shows the player inside its own portal on another origin adds that origin, e.g.
 * {@code 'self' https://portal.example.ac.jp}. X-Frame-Options only knows {@code DENY} and {@code SAMEORIGIN}, so it
 * is sent for {@code 'none'} and a lone {@code 'self'} and left out otherwise (an older browser that only reads it
 * would otherwise refuse the framing the host asked for). An unusable value is logged and replaced by
 * {@code 'none'}: a typo must not open framing to everyone.
 *
 * <p>{@code Referrer-Policy: same-origin}: page URLs name courses, packages and previews of one institution; other
 * sites, external links in a book included, learn nothing of them, not even the portal's host name, and no part of
 * Manabi needs a referrer from another origin.
 */
public final class SecurityHeaders {

    public static final String FRAME_ANCESTORS_KEY = "manabi.frame-ancestors";
    public static final String CONTENT_ORIGIN_KEY = "manabi.content.origin";
    static final String REFERRER_POLICY = "same-origin";

    private static final Logger LOG = Logger.getLogger(SecurityHeaders.class.getName());
    /**
     * A host source (CSP Level 3 section 2.3.1) with its scheme and without a path: frame-ancestors compares origins,
     * and a bare word such as {@code self} (quotes forgotten) would otherwise name a host.
     */
    private static final Pattern HOST_SOURCE = Pattern.compile(
            "(?i)https?://(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:(\\d{1,5}|\\*))?/?");
    private static final Pattern SCHEME_SOURCE = Pattern.compile("(?i)https?:");

    private final Map<String, String> headers;

    private SecurityHeaders(Map<String, String> headers) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Headers for the SDK's API answers and assets, from the host's MicroProfile Config. */
    public static SecurityHeaders forSdk() {
        Config config = ConfigProvider.getConfig();
        return forSdk(config.getOptionalValue(FRAME_ANCESTORS_KEY, String.class).orElse(null));
    }

    /** Headers for host pages that embed Manabi's web components, from the host's MicroProfile Config. */
    public static SecurityHeaders forPages() {
        Config config = ConfigProvider.getConfig();
        return forPages(config.getOptionalValue(FRAME_ANCESTORS_KEY, String.class).orElse(null),
                config.getOptionalValue(CONTENT_ORIGIN_KEY, String.class).orElse(null));
    }

    static SecurityHeaders forSdk(String frameAncestors) {
        List<String> ancestors = frameAncestors(frameAncestors);
        return of("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors "
                + String.join(" ", ancestors), ancestors);
    }

    static SecurityHeaders forPages(String frameAncestors, String contentOrigin) {
        List<String> ancestors = frameAncestors(frameAncestors);
        String frames = "'self'" + contentOrigin(contentOrigin).map(o -> " " + o).orElse("");
        String policy = String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "media-src 'self'",
                "font-src 'self'",
                "connect-src 'self'",
                "worker-src 'self'",
                // child-src for browsers before CSP Level 3, which read frames from it.
                "frame-src " + frames,
                "child-src " + frames,
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors " + String.join(" ", ancestors));
        return of(policy, ancestors);
    }

    private static SecurityHeaders of(String policy, List<String> ancestors) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", policy);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", REFERRER_POLICY);
        if (ancestors.equals(List.of("'none'"))) {
            headers.put("X-Frame-Options", "DENY");
        } else if (ancestors.equals(List.of("'self'"))) {
            headers.put("X-Frame-Options", "SAMEORIGIN");
        }
        return new SecurityHeaders(headers);
    }

    /** The source list of {@code manabi.frame-ancestors}: {@code 'self'} when unset, {@code 'none'} when unusable. */
    static List<String> frameAncestors(String configured) {
        if (configured == null || configured.isBlank()) {
            return List.of("'self'");
        }
        List<String> sources = new ArrayList<>();
        for (String token : configured.trim().split("[\\s,]+")) {
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.equals("'self'") || lower.equals("'none'")) {
                sources.add(lower);
            } else if (!token.equals("*") && (HOST_SOURCE.matcher(token).matches()
                    || SCHEME_SOURCE.matcher(token).matches())) {
                sources.add(token);
            } else {
                LOG.severe(() -> FRAME_ANCESTORS_KEY + " has an unusable source '" + token + "' (give 'self', 'none'"
                        + " or origins such as https://portal.example.org); nobody may frame Manabi until it is"
                        + " fixed");
                return List.of("'none'");
            }
        }
        if (sources.contains("'none'") && sources.size() > 1) {
            LOG.severe(() -> FRAME_ANCESTORS_KEY + " combines 'none' with other sources; nobody may frame Manabi");
            return List.of("'none'");
        }
        return List.copyOf(sources);
    }

    /** The configured content origin as a CSP source ({@code scheme://host[:port]}), if there is a usable one. */
    static Optional<String> contentOrigin(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(configured.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        LOG.severe(() -> CONTENT_ORIGIN_KEY + " '" + configured + "' is not an origin such as"
                + " https://content.example.org; pages may not frame it");
        return Optional.empty();
    }

    /** Header name to value, in a stable order. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Sets every header on the response (replacing earlier values of the same name). */
    public void applyTo(HttpServletResponse response) {
        headers.forEach(response::setHeader);
    }
}
