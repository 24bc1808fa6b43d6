package dev.manabi.lrs;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The LRS's own JAX-RS application at {@code /manabi/xapi} (the xAPI endpoint a client is configured with). It lists
 * its classes, so the container scans nothing into it (JAX-RS 3.1 section 2.3.2), and its providers carry no
 * {@code @Provider}, so they apply to the LRS only. A host moves it with a servlet mapping named after this class.
 *
 * <p>The LRS checks its own HTTP Basic credentials ({@link LrsCredentials}); the host must leave requests under this
 * path to it: no security constraint on {@code /manabi/xapi/*} and no authentication mechanism answering the LRS's
 * Basic header (README, "xAPI LRS").
 */
@ApplicationPath("/manabi/xapi")
public class LrsApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(LrsCors.class, LrsRequestFilter.class, LrsResponseFilter.class, LrsErrors.Xapi.class,
                LrsErrors.Player.class, LrsErrors.WebApplication.class, LrsErrors.Unexpected.class,
                StatementsResource.class, DocumentsResource.class, AboutResource.class);
    }
}
