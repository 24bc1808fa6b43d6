package dev.manabi.samplehost;

import dev.manabi.core.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The portal's own pages, scripts and styles get the SDK's page policy ({@link SecurityHeaders#forPages()}: no
 * inline script, framing by {@code manabi.frame-ancestors}, package content framed from this origin or
 * {@code manabi.content.origin}). Everything under {@code /manabi/} gets its headers from the SDK itself.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class PortalSecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient volatile SecurityHeaders headers;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.startsWith("/manabi/")) {
            SecurityHeaders h = headers;
            if (h == null) {
                h = SecurityHeaders.forPages();
                headers = h;
            }
            h.applyTo(response);
        }
        chain.doFilter(request, response);
    }
}
