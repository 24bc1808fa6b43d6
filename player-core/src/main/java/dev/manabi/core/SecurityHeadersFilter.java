package dev.manabi.core;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Puts {@link SecurityHeaders#forSdk()} on every answer under {@code /manabi/} (API JSON, assets, the SDK's error
 * pages), registered for {@code /manabi/*} by the SDK's {@code META-INF/web-fragment.xml}. Package content under
 * {@code /manabi/content/} is left alone: it is a different kind of document with its own policy (what authoring
 * tools need, framed only by the portal), set where it is served.
 */
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CONTENT_PATH = "/manabi/content";

    private transient volatile SecurityHeaders headers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isPackageContent(request)) {
            headers().applyTo(response);
        }
        chain.doFilter(request, response);
    }

    private SecurityHeaders headers() {
        SecurityHeaders h = headers;
        if (h == null) {
            h = SecurityHeaders.forSdk();
            headers = h;
        }
        return h;
    }

    /** Whether the request (on an error dispatch: the request that failed) addresses package content. */
    static boolean isPackageContent(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            return failed instanceof String uri && underContent(uri.substring(
                    Math.min(uri.length(), request.getContextPath().length())));
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return underContent(path);
    }

    private static boolean underContent(String path) {
        return path.equals(CONTENT_PATH) || path.startsWith(CONTENT_PATH + "/");
    }
}
