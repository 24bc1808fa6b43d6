package dev.manabi.core;

import dev.manabi.api.PlayerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where third-party package content runs, so that its script never acts with the viewer's identity
 * ({@code manabi.content.origin}, see README "Content origin"):
 *
 * <ul>
 *   <li>an origin URL such as {@code https://content.example.org} ({@link Mode#ISOLATED}): a host name the portal's
 *   cookies never go to (cookies ignore ports, so it must be another <em>host name</em>). Package files, the SCORM
 *   launcher and the run-time calls of the launched session are served there, authorized by a signed
 *   {@link ContentCapability} in the path; everything else there answers 404, and the portal host no longer serves
 *   package files;</li>
 *   <li>{@code sandbox} ({@link Mode#SANDBOX}), also the default when nothing is configured: the same capability
 *   paths on the portal's own host, in a frame sandboxed without {@code allow-same-origin} (an opaque origin). Weaker:
 *   see README for the risks.</li>
 * </ul>
 *
 * <p>Capabilities are signed with {@code manabi.content.signing-key} or, without it, a key generated once and kept in
 * the database ({@code manabi_setting}), so restarts and every server of an installation agree. The key is read once;
 * checking a capability needs no database.
 */
@ApplicationScoped
public class ContentOrigin {

    private static final Logger LOG = Logger.getLogger(ContentOrigin.class.getName());
    static final String KEY_SETTING = "content.signing-key";
    /** Where package files, the launcher and the run-time calls live, under the context path. */
    public static final String CONTENT_PATH = "/manabi/content/";
    /** The SCORM launcher's browser modules, also served on the content origin. */
    public static final String LAUNCHER_ASSETS = "/manabi/assets/scorm/";

    /** How content is kept apart from the portal. */
    public enum Mode { ISOLATED, SANDBOX }

    @Inject
    @ConfigProperty(name = "manabi.content.origin")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "manabi.content.signing-key")
    Optional<String> signingKey;

    @Inject
    @ConfigProperty(name = "manabi.content.capability-lifetime", defaultValue = "PT8H")
    String lifetime;

    @Inject
    @ConfigProperty(name = "manabi.frame-ancestors")
    Optional<String> frameAncestors;

    @Inject
    Database database;

    private volatile Setup setup;
    private volatile ContentCapabilities capabilities;

    /** The parsed configuration. */
    record Setup(Mode mode, URI origin, List<String> extraAncestors) {
    }

    /**
     * A content origin configured in code rather than by MicroProfile Config (tests, hosts wiring the SDK by hand).
     *
     * @param origin         as {@code manabi.content.origin}: an origin URL, or {@code sandbox}
     * @param frameAncestors as {@code manabi.frame-ancestors}
     * @param capabilities   the signer and checker
     */
    public static ContentOrigin of(String origin, String frameAncestors, ContentCapabilities capabilities) {
        ContentOrigin o = new ContentOrigin();
        o.configured = Optional.ofNullable(origin);
        o.frameAncestors = Optional.ofNullable(frameAncestors);
        o.signingKey = Optional.empty();
        o.lifetime = capabilities.lifetime().toString();
        o.capabilities = capabilities;
        return o;
    }

    public Mode mode() {
        return setup().mode();
    }

    /** The content origin ({@code scheme://host[:port]}, no trailing slash), or empty in sandbox mode. */
    public Optional<String> origin() {
        URI o = setup().origin();
        return o == null ? Optional.empty() : Optional.of(o.toString());
    }

    /** A description for the readiness check and the start-up log. */
    public String describe() {
        Setup s = setup();
        return s.mode() == Mode.ISOLATED ? "isolated on " + s.origin()
                : "sandbox (no separate content host name configured; see README 'Content origin')";
    }

    /** The signer and checker of capabilities (key loaded on first use). */
    public ContentCapabilities capabilities() {
        ContentCapabilities c = capabilities;
        if (c == null) {
            synchronized (this) {
                c = capabilities;
                if (c == null) {
                    c = new ContentCapabilities(key(), Clock.systemUTC(), parseLifetime(lifetime));
                    capabilities = c;
                }
            }
        }
        return c;
    }

    /** True when the request was sent to the content origin's host name and port. */
    public boolean isContentHost(HttpServletRequest request) {
        URI o = setup().origin();
        return o != null && o.getHost().equalsIgnoreCase(request.getServerName())
                && port(o) == request.getServerPort();
    }

    /**
     * The absolute base URL of content under a capability token, with a trailing slash: on the content origin, or,
     * in sandbox mode, relative to the portal ({@code contextPath/manabi/content/c/TOKEN/}).
     */
    public String contentBase(String contextPath, String token) {
        return origin().orElse("") + contextPath + CONTENT_PATH + "c/" + token + "/";
    }

    /** The run-time call URL of a capability ({@code contextPath/manabi/content/r/TOKEN/}), relative to its host. */
    public static String runtimePath(String contextPath, String token) {
        return contextPath + CONTENT_PATH + "r/" + token + "/";
    }

    /**
     * The portal origin a launch request came from: its {@code Origin} (a POST from the portal page always has one,
     * and {@link SameOriginGuard} has checked it), else the scheme and {@code Host} it was sent to. HTTP/2 requests
     * carry {@code :authority} instead of {@code Host} (RFC 9113 section 8.3.1); where the container does not map it
     * to a {@code Host} header, the server name and port it reports (Servlet 6.0 {@code getServerName}/
     * {@code getServerPort}, taken from that authority) stand in.
     */
    public static String portalOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            Optional<String> o = normalizeOrigin(origin);
            if (o.isPresent()) {
                return o.get();
            }
        }
        String host = request.getHeader("Host");
        String scheme = request.getScheme();
        if (host == null) {
            // normalizeOrigin drops the scheme's default port
            int port = request.getServerPort();
            host = request.getServerName() + (port > 0 ? ":" + port : "");
        }
        return normalizeOrigin(scheme + "://" + host)
                .orElseThrow(() -> PlayerException.badRequest("bad-host", "The request names no valid host"));
    }

    /**
     * The headers every content-origin answer carries (files, launcher, run-time calls, errors): a CSP that lets
     * authoring tools' content run (inline script, eval, media, fonts, blob: and data:, frames of its own origin, any
     * network destination, e.g. an LRS) but lets only the launching portal and the origins in
     * {@code manabi.frame-ancestors} frame it, besides the content origin itself (the launcher frames the SCO, and
     * frame-ancestors is checked against every ancestor, CSP 3 section 6.4.2); no Referer (the capability is in the path);
     * no MIME sniffing. In sandbox mode the CSP also sandboxes the document itself (CSP 3 sandbox directive), so
     * opening a content URL outside the player's sandboxed frame still gives it an opaque origin.
     *
     * @param portalOrigin from the capability; null when the request carried none that verified
     */
    public void secure(HttpServletResponse response, String portalOrigin) {
        StringBuilder ancestors = new StringBuilder();
        if (portalOrigin != null) {
            ancestors.append(' ').append(portalOrigin);
        }
        for (String extra : setup().extraAncestors()) {
            ancestors.append(' ').append(extra);
        }
        String csp = "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:"
                + " https:; style-src 'self' 'unsafe-inline' data: blob: https:; img-src * data: blob:;"
                + " media-src * data: blob:; font-src * data:; connect-src *; frame-src 'self' data: blob:;"
                + " worker-src 'self' blob:; object-src 'self'; form-action 'self'; frame-ancestors 'self'"
                + ancestors
                + (setup().mode() == Mode.SANDBOX ? "; sandbox " + SANDBOX_PERMISSIONS : "");
        response.setHeader("Content-Security-Policy", csp);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * What a sandboxed content frame may do (HTML iframe sandbox): run script, submit forms, open dialogs and
     * (still sandboxed) popups, download; never {@code allow-same-origin}, {@code allow-top-navigation} or
     * {@code allow-popups-to-escape-sandbox}, each of which would hand the portal's origin or window back to it.
     */
    public static final String SANDBOX_PERMISSIONS = "allow-scripts allow-forms allow-modals allow-popups"
            + " allow-downloads";

    /** An origin ({@code scheme://host[:port]}, lower case, default port dropped) or empty when not one. */
    public static Optional<String> normalizeOrigin(String text) {
        try {
            URI u = new URI(text.trim());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Setup setup() {
        Setup s = setup;
        if (s == null) {
            s = parse(configured.orElse(""), frameAncestors.orElse(""));
            setup = s;
        }
        return s;
    }

    /** Reads {@code manabi.content.origin} and {@code manabi.frame-ancestors}; a malformed origin fails loudly. */
    static Setup parse(String origin, String ancestors) {
        List<String> extra = new ArrayList<>();
        for (String a : ancestors.split("[\\s,]+")) {
            // 'self' / 'none' there speak of the portal's pages; for content only real origins count.
            normalizeOrigin(a).ifPresent(extra::add);
        }
        String o = origin.trim();
        if (o.isEmpty() || o.equalsIgnoreCase("sandbox")) {
            return new Setup(Mode.SANDBOX, null, List.copyOf(extra));
        }
        String normalized = normalizeOrigin(o).orElseThrow(() -> new IllegalStateException(
                "manabi.content.origin must be an origin such as https://content.example.org, or 'sandbox': " + o));
        return new Setup(Mode.ISOLATED, URI.create(normalized), List.copyOf(extra));
    }

    /** True when nothing chose a mode: the sandbox is then a default, which start-up warns about. */
    boolean unconfigured() {
        return configured.map(String::isBlank).orElse(true);
    }

    static Duration parseLifetime(String text) {
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("manabi.content.capability-lifetime must be positive: " + text);
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("manabi.content.capability-lifetime must be an ISO-8601 duration such as"
                    + " PT8H: " + text, e);
        }
    }

    private byte[] key() {
        if (signingKey.isPresent() && !signingKey.get().isBlank()) {
            byte[] k = signingKey.get().getBytes(StandardCharsets.UTF_8);
            if (k.length < ContentCapabilities.MIN_KEY_BYTES) {
                throw new IllegalStateException("manabi.content.signing-key must have at least "
                        + ContentCapabilities.MIN_KEY_BYTES + " bytes");
            }
            return k;
        }
        return Base64.getDecoder().decode(storedKey(database.ready(), new SecureRandom(), Instant.now()));
    }

    /**
     * The installation's generated key: read it, or generate and insert it; when another server inserted it at the
     * same moment (primary key), read theirs, so every server signs with the same key.
     */
    static String storedKey(DataSource ds, SecureRandom random, Instant now) {
        return storedKey(ds, KEY_SETTING, random, now);
    }

    /**
     * An installation-wide generated key kept in {@code manabi_setting} under {@code setting} (also the statement
     * outbox's actor key): read, or generated and inserted, the inserting race settled as above.
     */
    static String storedKey(DataSource ds, String setting, SecureRandom random, Instant now) {
        Optional<String> existing = Sql.inTransaction(ds, c -> readSetting(c, setting));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[ContentCapabilities.MIN_KEY_BYTES];
        random.nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        try {
            Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_setting (setting_name, setting_value,"
                    + " created_at) values (?, ?, ?)", setting, encoded, Timestamp.from(now)));
            LOG.info("Manabi: generated the installation's key '" + setting + "' (kept in manabi_setting)");
            return encoded;
        } catch (RuntimeException raced) {
            return Sql.inTransaction(ds, c -> readSetting(c, setting)).orElseThrow(() -> raced);
        }
    }

    static Optional<String> readSetting(java.sql.Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select setting_value from manabi_setting"
                + " where setting_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }
}
