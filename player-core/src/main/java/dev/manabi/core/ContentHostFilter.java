package dev.manabi.core;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The content origin's gate ({@link ContentOrigin}): a request sent to the content host name reaches only package
 * content under a capability ({@code /manabi/content/}) and the launcher's browser modules
 * ({@code /manabi/assets/scorm/}). Everything else there, the REST API, portal pages, health, answers 404 with the
 * SDK's JSON error, whatever cookies the browser sent, so a package's script finds nothing on its own origin but its
 * files and its session's run-time calls.
 */
@WebFilter(filterName = "ManabiContentHost", urlPatterns = "/*")
public class ContentHostFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ContentOrigin contentOrigin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!contentOrigin.isContentHost(request)) {
            if (contentOrigin.mode() == ContentOrigin.Mode.SANDBOX && path.startsWith(ContentOrigin.LAUNCHER_ASSETS)) {
                // The sandboxed launcher has an opaque origin ("null"), and module scripts are fetched in CORS mode
                // (HTML "fetch a module script graph"): without this its scorm-launcher.js never loads. These are
                // the SDK's public scripts, fetched without credentials; nothing of a learner is in them.
                response.setHeader("Access-Control-Allow-Origin", "*");
            }
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith(ContentOrigin.CONTENT_PATH) || path.startsWith(ContentOrigin.LAUNCHER_ASSETS)) {
            if (path.startsWith(ContentOrigin.LAUNCHER_ASSETS)) {
                contentOrigin.secure(response, null);
            }
            chain.doFilter(request, response);
            return;
        }
        contentOrigin.secure(response, null);
        sendError(response, 404, "not-found", "Nothing here: this host serves package content only");
    }

    /** Writes the SDK's JSON error ({@code {"status","code","message","details"}}) from a Servlet. */
    public static void sendError(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String json = "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"details\":null}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
