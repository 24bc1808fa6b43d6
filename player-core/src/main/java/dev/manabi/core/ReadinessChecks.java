package dev.manabi.core;

import dev.manabi.api.PlayerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness: the player can serve only with a current database schema, a writable store and
 * exactly one identity provider to ask.
 */
final class ReadinessChecks {

    private ReadinessChecks() {
    }

    @Readiness
    @ApplicationScoped
    static class DatabaseReady implements HealthCheck {

        @Inject
        Database database;

        @Override
        public HealthCheckResponse call() {
            // /health is public: a stable reason code, never the driver's message (it names hosts and users); the
            // message goes to the server log.
            var response = HealthCheckResponse.named("manabi-database").withData("jndi", database.jndiName());
            try {
                // ready() also migrates a DataSource that became usable after start-up.
                try (Connection c = database.ready().getConnection()) {
                    return response.status(c.isValid(2)).build();
                }
            } catch (PlayerException notReady) {
                return response.withData("reason", String.valueOf(database.notReadyReason())).down().build();
            } catch (SQLException | RuntimeException e) {
                java.util.logging.Logger.getLogger(ReadinessChecks.class.getName()).log(java.util.logging.Level.WARNING,
                        "Manabi database at " + database.jndiName() + " does not answer", e);
                return response.withData("reason", "connection-failed").down().build();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    static class ContentStoreWritable implements HealthCheck {

        @Inject
        ContentStore store;

        @Override
        public HealthCheckResponse call() {
            // /health is public: it says whether the store is writable, never where it is (the path and the I/O
            // error, which names it, go to the server log only).
            var response = HealthCheckResponse.named("manabi-content-store");
            try {
                store.checkWritable();
                return response.up().build();
            } catch (IOException | RuntimeException e) {
                java.util.logging.Logger.getLogger(ReadinessChecks.class.getName()).log(java.util.logging.Level.WARNING,
                        "Content store " + store.root() + " is not writable", e);
                return response.withData("error", e.getClass().getSimpleName()).down().build();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    static class IdentityProviderChosen implements HealthCheck {

        @Inject
        LearnerContextResolver resolver;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("manabi-identity");
            try {
                String name = resolver.provider().getClass().getName();
                int proxy = name.indexOf("$Proxy$"); // CDI client proxies name the bean class first
                return response.withData("provider", proxy < 0 ? name : name.substring(0, proxy)).up().build();
            } catch (IllegalStateException misconfigured) {
                return response.withData("error", misconfigured.getMessage()).down().build();
            }
        }
    }

    /**
     * Which content origin mode runs (README "Content origin"): up with the mode as detail; down when the
     * configuration cannot be read (then no content is served) or the signing key cannot be loaded.
     */
    @Readiness
    @ApplicationScoped
    static class ContentOriginChosen implements HealthCheck {

        @Inject
        ContentOrigin contentOrigin;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("manabi-content-origin");
            try {
                response.withData("mode", contentOrigin.mode().name().toLowerCase(java.util.Locale.ROOT))
                        .withData("detail", contentOrigin.describe());
                if (contentOrigin.unconfigured()) {
                    response.withData("warning", "manabi.content.origin is not set: sandbox fallback");
                }
                contentOrigin.capabilities();
                return response.up().build();
            } catch (RuntimeException misconfigured) {
                return response.withData("error", String.valueOf(misconfigured.getMessage())).down().build();
            }
        }
    }

    /**
     * The HMAC keys that must never change ({@link HmacKey}): down with a stable reason ({@code key-malformed},
     * {@code key-differs-from-stored}) and the property's name when a configured key is refused; the message, which
     * says what to do, goes to the server log.
     */
    @Readiness
    @ApplicationScoped
    static class KeysUsable implements HealthCheck {

        @Inject
        Pseudonyms pseudonyms;

        @Inject
        StatementOutbox outbox;

        /** The refusal last logged: probes call this every few seconds, the log says it once. */
        private volatile String logged;

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("manabi-keys");
            try {
                check();
                return response.up().build();
            } catch (HmacKey.Misconfigured refused) {
                if (!refused.getMessage().equals(logged)) {
                    logged = refused.getMessage();
                    java.util.logging.Logger.getLogger(ReadinessChecks.class.getName())
                            .severe("Manabi keys: " + refused.getMessage());
                }
                return response.withData("reason", refused.reason()).withData("property", refused.property())
                        .down().build();
            } catch (PlayerException | IllegalStateException notReady) {
                // The database is not ready: manabi-database says why.
                return response.withData("reason", "database-not-ready").down().build();
            }
        }

        /** Loads both keys. */
        void check() {
            pseudonyms.key();
            outbox.actorKey();
        }
    }
}
