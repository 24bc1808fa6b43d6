package dev.manabi.core;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Cross-site request forgery defence for the SDK's API (OWASP CSRF Prevention Cheat Sheet, "verifying origin with
 * standard headers"). The host's session cookie goes with every request a browser sends, also from a page of another
 * site, and an HTML form can post {@code multipart/form-data} (a package upload) or {@code text/plain} without any
 * CORS preflight. So a state-changing request (anything but GET, HEAD, OPTIONS) that a browser marks as coming from
 * another origin is refused with 403 {@code cross-origin-request}: its {@code Origin} must name this server (the
 * {@code Host} or, behind a proxy, {@code X-Forwarded-Host} it was sent to) or an origin listed in
 * {@code manabi.api.allowed-origins} (comma-separated; {@code *} turns the check off). Requests without
 * {@code Origin} and {@code Sec-Fetch-Site} (curl, server-to-server calls) are not from a browser page and pass.
 */
public class SameOriginGuard implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private volatile Set<String> allowedOrigins;

    @Override
    public void filter(ContainerRequestContext request) {
        // Host is absent on HTTP/2, where the request URI carries the :authority instead.
        String host = request.getHeaderString("Host");
        if (host == null || host.isBlank()) {
            host = request.getUriInfo().getRequestUri().getRawAuthority();
        }
        refusal(request.getMethod(), request.getHeaderString("Origin"), request.getHeaderString("Sec-Fetch-Site"),
                host, request.getHeaderString("X-Forwarded-Host"), allowedOrigins())
                .ifPresent(message -> request.abortWith(ErrorMappers.respond(403, "cross-origin-request", message,
                        null)));
    }

    private Set<String> allowedOrigins() {
        Set<String> allowed = allowedOrigins;
        if (allowed == null) {
            String configured = ConfigProvider.getConfig()
                    .getOptionalValue("manabi.api.allowed-origins", String.class).orElse("");
            allowed = Arrays.stream(configured.split(",")).map(SameOriginGuard::normalize)
                    .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            allowedOrigins = allowed;
        }
        return allowed;
    }

    /** Why the request is refused, or empty when it may proceed. */
    static Optional<String> refusal(String method, String origin, String fetchSite, String host,
                                    String forwardedHost, Set<String> allowed) {
        if (method == null || SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)) || allowed.contains("*")) {
            return Optional.empty();
        }
        if (origin == null) {
            // Fetch Metadata (W3C): a browser request without Origin is a same-origin or user-initiated one.
            return fetchSite == null || fetchSite.equals("same-origin") || fetchSite.equals("none") ? Optional.empty()
                    : Optional.of("This request came from another site and was refused");
        }
        URI from;
        try {
            from = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return Optional.of("This request came from an unknown origin and was refused");
        }
        if (from.getScheme() == null || from.getHost() == null) {
            return Optional.of("This request came from an opaque origin (" + origin + ") and was refused");
        }
        if (sameAuthority(from, host) || sameAuthority(from, firstOf(forwardedHost))
                || allowed.contains(normalize(origin))) {
            return Optional.empty();
        }
        return Optional.of("This request came from " + origin + ", another site than this server (" + host
                + (forwardedHost == null ? "" : ", forwarded for " + forwardedHost) + "), and was refused."
                + " Hosts that call the API from another origin list it in manabi.api.allowed-origins.");
    }

    private static boolean sameAuthority(URI origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        URI host;
        try {
            host = new URI(origin.getScheme() + "://" + hostHeader.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        return host.getHost() != null && host.getHost().equalsIgnoreCase(origin.getHost())
                && port(host) == port(origin);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A proxy chain lists hosts comma-separated, the client-facing one first. */
    private static String firstOf(String forwardedHost) {
        return forwardedHost == null ? null : forwardedHost.split(",")[0];
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
