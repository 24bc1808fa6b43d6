package dev.manabi.samplehost;

import dev.manabi.lrs.LrsCredentials;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's LRS credential (README, "xAPI LRS"): {@code lrs-a} / {@code manabi-demo}, University A, reading and
 * writing all of its statements; what the ADL conformance suite runs with.
 */
@ApplicationScoped
class DemoLrsCredentials {

    static final String KEY = "lrs-a";
    private static final Logger LOG = Logger.getLogger(DemoLrsCredentials.class.getName());

    @Inject
    LrsCredentials credentials;

    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) @Initialized(ApplicationScoped.class)
              Object context) {
        try {
            credentials.ensure(DemoDirectory.UNIVERSITY_A.id(), KEY, DemoDirectory.DEMO_PASSWORD, "University A demo LRS client",
                    new LrsCredentials.Scope(true, true, true));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not seed the demo LRS credential", e);
        }
    }
}
