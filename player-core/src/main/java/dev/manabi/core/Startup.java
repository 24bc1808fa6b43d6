package dev.manabi.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the schema up to date when the host application starts, if the DataSource is usable by then (otherwise
 * {@link Database} migrates it on first use). A failure is logged and reported by the readiness check instead of
 * stopping the host's own application. It runs early (library priority) so that host observers of
 * the same event, such as demo-data seeding, find the schema in place.
 */
@ApplicationScoped
class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Database database;

    @Inject
    LearnerContextResolver identity;

    @Inject
    ContentOrigin contentOrigin;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    StatementOutbox outbox;

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) @Initialized(ApplicationScoped.class)
                 Object ignored) {
        try {
            database.migrateAtStartup();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e.getMessage(), e);
        }
        try {
            identity.provider();
        } catch (IllegalStateException misconfigured) {
            // Said once at deployment, where the operator looks, rather than only as a 503 on every request.
            LOG.severe("Manabi identity: " + misconfigured.getMessage());
        }
        // Keys that protect personal data and are otherwise generated into the database they protect.
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        SecretSealer.keptInDatabaseWarning(config.getOptionalValue(Pseudonyms.KEY_PROPERTY, String.class),
                Pseudonyms.KEY_PROPERTY, "makes the pseudonyms of anonymized learners")
                .map(w -> w + HmacKey.copyInstructions(Pseudonyms.KEY_PROPERTY, Pseudonyms.KEY_SETTING))
                .ifPresent(LOG::warning);
        SecretSealer.keptInDatabaseWarning(config.getOptionalValue(StatementOutbox.ACTOR_KEY_PROPERTY, String.class),
                StatementOutbox.ACTOR_KEY_PROPERTY, "hashes mail-like learner ids in xAPI statements")
                .map(w -> w + HmacKey.copyInstructions(StatementOutbox.ACTOR_KEY_PROPERTY,
                        StatementOutbox.ACTOR_KEY_SETTING))
                .ifPresent(LOG::warning);
        // A configured key that is malformed or differs from the stored one is said at deployment (and keeps the
        // readiness check manabi-keys down) before any pseudonym or account name is made with it.
        try {
            pseudonyms.key();
            outbox.actorKey();
        } catch (HmacKey.Misconfigured misconfigured) {
            LOG.severe("Manabi keys: " + misconfigured.getMessage());
        } catch (RuntimeException notYet) {
            LOG.log(Level.FINE, "Manabi keys: checked on first use (database not ready)", notYet);
        }
        try {
            if (contentOrigin.unconfigured()) {
                // The fallback is weaker than a content host of its own: said where the operator looks.
                LOG.warning("Manabi content origin: manabi.content.origin is not set, so package content runs in a"
                        + " sandboxed frame on the portal's host (opaque origin). Give content a host name of its own"
                        + " (README, 'Content origin'), or set manabi.content.origin=sandbox to choose this mode.");
            } else {
                LOG.info("Manabi content origin: " + contentOrigin.describe());
            }
        } catch (IllegalStateException misconfigured) {
            LOG.severe("Manabi content origin: " + misconfigured.getMessage());
        }
    }
}
