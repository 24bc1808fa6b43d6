package dev.manabi.lrs;

import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every LRS request goes through before its resource: the 1.0.3 alternate request syntax, the
 * {@code X-Experience-API-Version} header, the LRS's own Basic credentials and their read/write scope.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class LrsRequestFilter implements ContainerRequestFilter {

    static final String CALLER = LrsCaller.class.getName();
    static final String VERSION = XapiVersion.class.getName();

    /** Form parameters the alternate syntax turns into headers (1.0.3 Communication 1.3, "Alternate Request Syntax"). */
    private static final Set<String> HEADER_PARAMETERS = Set.of("authorization", "x-experience-api-version",
            "content-type", "content-length", "if-match", "if-none-match");
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE");

    @Inject
    LrsCredentials credentials;

    /** Largest request body (statements with their attachments, a document); larger ones get 413. */
    @Inject
    @ConfigProperty(name = "manabi.lrs.max-request-bytes", defaultValue = "67108864")
    long maxRequestBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > maxRequestBytes) {
            throw new XapiException(413, "request-too-large", "The request body is larger than this LRS accepts ("
                    + maxRequestBytes + " bytes, manabi.lrs.max-request-bytes)");
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxRequestBytes));
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        if (query.containsKey("method")) {
            alternateSyntax(request, query);
        }
        String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "");
        boolean about = path.equals("about");
        XapiVersion version;
        if (about && request.getHeaderString(XapiVersion.HEADER) == null) {
            version = XapiVersion.V2_0_0;
        } else {
            version = XapiVersion.ofHeader(request.getHeaderString(XapiVersion.HEADER));
        }
        request.setProperty(VERSION, version);
        if (about) {
            return; // the about resource needs no credentials (2.0 Part Three 2.8)
        }
        LrsCaller caller = credentials.authenticate(request.getHeaderString("Authorization"));
        String method = request.getMethod();
        boolean reading = method.equals("GET") || method.equals("HEAD");
        // A read-only session (e.g. a terminated cmi5 session) sending a statement it stored before, unchanged (a
        // retry), gets the ledger's normal answer (2.0 Part Three 2.1.2): the ledger refuses only new statements.
        boolean sessionStatements = caller.session() != null && path.equals("statements")
                && (method.equals("PUT") || method.equals("POST"));
        if (reading ? !caller.mayRead() : !caller.mayWrite() && !sessionStatements) {
            throw new XapiException(403, "forbidden", "This credential may not " + (reading ? "read" : "write"));
        }
        request.setProperty(CALLER, caller);
    }

    /**
     * 1.0.3 Communication 1.3: a POST with {@code ?method=X} and nothing else in the query, whose form body carries
     * the headers, the query parameters and the content. 2.0 dropped the syntax (2.0 Part Three 1.3: the LRS rejects a
     * request with a {@code method} parameter).
     */
    private static void alternateSyntax(ContainerRequestContext request, MultivaluedMap<String, String> query)
            throws IOException {
        if (!"POST".equals(request.getMethod())) {
            throw XapiException.badRequest("alternate-syntax", "The alternate request syntax must be a POST");
        }
        if (query.size() != 1) {
            throw XapiException.badRequest("alternate-syntax", "With the alternate request syntax every parameter"
                    + " goes in the form body; the query holds only 'method'");
        }
        String method = query.getFirst("method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw XapiException.badRequest("alternate-syntax", "Unknown method '" + method + "'");
        }
        if (!LrsMediaTypes.FORM.equals(LrsMediaTypes.essence(request.getHeaderString("Content-Type")))) {
            throw XapiException.badRequest("alternate-syntax", "The alternate request syntax sends a form"
                    + " (application/x-www-form-urlencoded)");
        }
        Map<String, String> form = parseForm(new String(request.getEntityStream().readAllBytes(), StandardCharsets.UTF_8));
        String versionHeader = form.getOrDefault("X-Experience-API-Version",
                request.getHeaderString(XapiVersion.HEADER));
        if (XapiVersion.ofHeader(versionHeader).atLeast2()) {
            throw XapiException.badRequest("alternate-syntax", "xAPI 2.0 has no alternate request syntax");
        }
        StringBuilder queryString = new StringBuilder();
        byte[] content = new byte[0];
        String contentType = null;
        for (Map.Entry<String, String> e : form.entrySet()) {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content")) {
                content = e.getValue().getBytes(StandardCharsets.UTF_8);
            } else if (lower.equals("content-type")) {
                contentType = e.getValue();
            } else if (HEADER_PARAMETERS.contains(lower)) {
                if (!lower.equals("content-length")) {
                    request.getHeaders().putSingle(name, e.getValue());
                }
            } else {
                queryString.append(queryString.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .replaceQuery(queryString.toString()).build());
        if ((method.equals("PUT") || method.equals("POST")) && content.length == 0) {
            throw XapiException.badRequest("alternate-syntax", "The form has no 'content' parameter");
        }
        request.getHeaders().putSingle("Content-Type", contentType != null ? contentType
                : content.length > 0 ? LrsMediaTypes.JSON : LrsMediaTypes.FORM);
        request.getHeaders().remove("Content-Length");
        request.setEntityStream(new ByteArrayInputStream(content));
        request.setMethod(method);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

}
