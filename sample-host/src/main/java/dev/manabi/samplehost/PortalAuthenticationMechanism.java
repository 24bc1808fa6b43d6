package dev.manabi.samplehost;

import dev.manabi.core.RecordsCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The portal's sign-in: a form for people ({@code POST /login}) and HTTP Basic for scripts ({@code curl -u}).
 * Protected pages redirect anonymous visitors to the sign-in page; everything else (notably the SDK's API) is left
 * to answer for itself.
 *
 * <p>Only a form sign-in is remembered, in a new HTTP session (the old one, if any, is dropped so a session id
 * planted before sign-in is worthless: OWASP Session Management, "renew the session ID after any privilege level
 * change"). Its cookie is the container's {@code JSESSIONID}, {@code HttpOnly} and {@code SameSite=Lax} by the
 * server configuration. HTTP Basic authenticates each request on its own and creates no session and no cookie: a
 * script's credentials must not turn into a cookie a browser would later send along. Jakarta Security's
 * {@code @AutoApplySession} is not used, because it keeps every authentication, Basic included, and on Open Liberty
 * does so with a single sign-on cookie the server configuration cannot scope to the form.
 */
@ApplicationScoped
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Session attribute holding the signed-in account's user name. */
    static final String SIGNED_IN = PortalAuthenticationMechanism.class.getName() + ".user";
    private static final String LRS_PATH = "/manabi/xapi";
    private static final String RECORDS_PATH = "/manabi/api/records/";
    private static final Set<String> GROUPS = Set.of("portal-user");

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (isLrs(request)) {
            // The embedded LRS checks its own key/secret Basic credentials (README, "xAPI LRS"); a portal password
            // check here would answer 401 to every LRS client, so the portal's sign-in stays out of its path.
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (isRecords(request) && RecordsCredentials.presentsRecordsKey(authorization)) {
            // A learning records credential an admin issued (README "Learning records"): the SDK checks it itself.
            return context.doNothing();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), response, context);
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            return form(request, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN) instanceof String user) {
            return context.notifyContainerAboutLogin(user, GROUPS);
        }
        if (context.isProtected()) {
            String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + "/login.html?next="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /** Requests to the LRS, {@code /manabi/xapi} and below. */
    static boolean isLrs(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(LRS_PATH) || path.startsWith(LRS_PATH + "/");
    }

    /** Requests to the learning records API, {@code /manabi/api/records/} and below. */
    static boolean isRecords(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith(RECORDS_PATH);
    }

    private AuthenticationStatus basic(String token, HttpServletResponse response, HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return unauthorized(response, context);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(response, context);
        }
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return unauthorized(response, context);
        }
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus form(HttpServletRequest request, HttpMessageContext context) {
        String user = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        if (user != null && password != null) {
            CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(user, password));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                HttpSession before = request.getSession(false);
                if (before != null) {
                    before.invalidate();
                }
                request.getSession(true).setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
                return context.notifyContainerAboutLogin(result);
            }
        }
        String next = request.getParameter("next");
        return context.redirect(request.getContextPath() + "/login.html?error=1"
                + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    /**
     * Wrong Basic credentials: 401 with a challenge. The body is left to the resource (the SDK answers with its JSON
     * error), because Liberty still dispatches unprotected resources after SEND_FAILURE.
     */
    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Manabi sample host\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }
}
