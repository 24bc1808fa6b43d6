package dev.manabi.lrs;

import dev.manabi.xapi.Formats;
import dev.manabi.xapi.XapiVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.ZoneOffset;

/**
 * Headers every LRS response carries: the xAPI version it speaks (2.0 Part Three 3.3: "MUST include
 * X-Experience-API-Version"), and on every answer to a statement GET, errors included,
 * {@code X-Experience-API-Consistent-Through} (2.0 Part Three 2.1.3: "regardless of the code returned").
 */
@ApplicationScoped
public class LrsResponseFilter implements ContainerResponseFilter {

    static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";

    @Inject
    StatementLedger ledger;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object version = request.getProperty(LrsRequestFilter.VERSION);
        response.getHeaders().putSingle(XapiVersion.HEADER,
                version instanceof XapiVersion v ? v.label() : XapiVersion.V2_0_0.label());
        String method = request.getMethod();
        if ((method.equals("GET") || method.equals("HEAD"))
                && request.getUriInfo().getPath().replaceAll("^/+|/+$", "").equals("statements")
                && !response.getHeaders().containsKey(CONSISTENT_THROUGH)) {
            response.getHeaders().putSingle(CONSISTENT_THROUGH,
                    Formats.format(ledger.consistentThrough().atOffset(ZoneOffset.UTC)));
        }
    }
}
