package dev.manabi.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the schema up to date when the host application starts. A failure is logged and reported by the readiness
 * check instead of stopping the host's own application.
 */
@ApplicationScoped
class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Database database;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            database.migrate();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e.getMessage(), e);
        }
    }
}
