package dev.manabi.lrs;

import dev.manabi.core.Database;
import dev.manabi.core.SecretSealer;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the Basic secrets of forwarding endpoints sealed at rest (issue 13 "Forwarding"): the LRS has to send them,
 * so it cannot keep only a hash as it does for its own credentials, but a copy of the database alone must not give
 * them away.
 *
 * <p>Sealed with player-core's {@link SecretSealer} (AES-256-GCM, NIST SP 800-38D); the endpoint id is the associated
 * data, so a sealed secret copied onto another endpoint's row does not open.
 *
 * <p>The key is {@code manabi.lrs.forwarding.key} (Base64 of 32 bytes, e.g. {@code openssl rand -base64 32}) or,
 * without it, 32 random bytes generated once and kept in {@code manabi_setting} (as the content signing key of
 * player-core), so every server of an installation and every restart agree. Changing the key leaves the stored secrets
 * unreadable: admins then set each endpoint's secret again.
 */
@ApplicationScoped
public class ForwardingSecrets {

    private static final Logger LOG = Logger.getLogger(ForwardingSecrets.class.getName());
    static final String KEY_SETTING = "lrs.forwarding-key";

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.key")
    Optional<String> configuredKey = Optional.empty();

    private volatile SecretSealer sealer;
    private volatile boolean clearOnesSealed;

    /** A sealed secret that does not open: sealed under another key, or altered. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Seals {@code secret} for the endpoint {@code endpointId} (the associated data). */
    String seal(String endpointId, String secret) {
        return sealer().seal(endpointId, secret);
    }

    /** The secret sealed by {@link #seal} for the same endpoint; {@link Unreadable} when it does not open. */
    String open(String endpointId, String sealed) {
        try {
            return sealer().open(endpointId, sealed);
        } catch (SecretSealer.Unreadable e) {
            throw new Unreadable(switch (e.reason()) {
                case NOT_SEALED -> "The secret of forwarding endpoint " + endpointId + " is not sealed";
                case OTHER_KEY -> "The secret of forwarding endpoint " + endpointId + " was " + e.getMessage()
                        + ": manabi.lrs.forwarding.key changed; set the secret again";
                case DOES_NOT_OPEN -> "The sealed secret of forwarding endpoint " + endpointId + " "
                        + e.getMessage();
            }, e);
        }
    }

    /**
     * Seals the secrets stored in clear before migration V3 (once per server; cheap afterwards). Each row is sealed
     * and its clear column emptied in one update that only applies while the clear value is still there, so servers
     * doing it at the same time seal each row once.
     */
    void sealStoredInClear() {
        if (clearOnesSealed) {
            return;
        }
        Sql.inTransaction(ds(), c -> {
            List<String[]> clear = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, api_secret from manabi_lrs_forward_endpoint"
                    + " where api_secret is not null");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    clear.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] row : clear) {
                Sql.update(c, "update manabi_lrs_forward_endpoint set api_secret_sealed = ?, api_secret = null"
                        + " where id = ? and api_secret = ?", seal(row[0], row[1]), row[0], row[1]);
            }
            if (!clear.isEmpty()) {
                LOG.info("LRS forwarding: sealed " + clear.size() + " endpoint secret(s) stored in clear");
            }
            return null;
        });
        clearOnesSealed = true;
    }

    /** Said once at start where the operator looks: endpoint secrets are sealed under a key kept beside them. */
    void warnAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        SecretSealer.keptInDatabaseWarning(configuredKey, "manabi.lrs.forwarding.key",
                "seals the forwarding endpoints' LRS secrets").ifPresent(LOG::warning);
    }

    private SecretSealer sealer() {
        SecretSealer s = sealer;
        if (s == null) {
            synchronized (this) {
                if (sealer == null) {
                    sealer = SecretSealer.open(configuredKey, "manabi.lrs.forwarding.key", ds(), KEY_SETTING,
                            clock.now());
                }
                s = sealer;
            }
        }
        return s;
    }

    private DataSource ds() {
        return database.ready();
    }
}
