package dev.manabi.tincan;

import dev.manabi.core.ApiSecrets;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The launch's {@code auth} as an LRS credential (Rustici, "Incorporating a TinCan LRS into an LMS", "Launch": the
 * LMS provides "credentials" for the content to track back to the LRS). HTTP Basic {@code tincan-<id>:<secret>},
 * valid until it expires ({@code manabi.tincan.credential-lifetime}) and, through the LRS's registration scope, for
 * the statements and state documents of its registration only.
 */
@ApplicationScoped
public class TincanCredentials implements SessionCredentials {

    static final String PREFIX = "tincan-";

    @Inject
    Database database;

    @Override
    public String keyPrefix() {
        return PREFIX;
    }

    @Override
    public Optional<Session> verify(String key, String secret, Instant now) {
        String credentialId = key.substring(PREFIX.length());
        return Sql.inTransaction(database.ready(), c -> Registrations.credential(c, credentialId))
                .filter(k -> ApiSecrets.matches(k.credentialId(), k.secretHash(), secret) && k.expiresAt().isAfter(now))
                .map(k -> new Session(k.credentialId(), k.tenantId(), k.registration(), "tincan launch"));
    }
}
