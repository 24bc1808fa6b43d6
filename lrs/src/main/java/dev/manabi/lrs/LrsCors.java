package dev.manabi.lrs;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Cross-origin requests to the LRS (Fetch standard, CORS): launched content runs on the content origin or on another
 * site (a cmi5 AU hosted elsewhere) and calls the LRS on the portal's origin with an explicit
 * {@code Authorization} header. Credentials are never cookies here, so any origin may call ({@code *}); what a call
 * may do is decided by its credential alone. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered before authentication, which it cannot carry.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class LrsCors implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Experience-API-Version, If-Match,"
            + " If-None-Match";
    private static final String EXPOSED_HEADERS = "ETag, Last-Modified, X-Experience-API-Version,"
            + " X-Experience-API-Consistent-Through";

    @Override
    public void filter(ContainerRequestContext request) {
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Origin") != null
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE")
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600").build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString("Origin") != null) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", "*");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
