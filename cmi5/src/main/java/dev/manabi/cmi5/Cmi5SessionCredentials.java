package dev.manabi.cmi5;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * The auth-tokens of cmi5 sessions as LRS credentials (cmi5 section 8.2.1: "limited to the duration of the
 * session"). A token is HTTP Basic {@code cmi5-<sessionId>:<secret>}; the LRS accepts it until the session expires,
 * for statements and state documents of the session's registration only.
 */
@ApplicationScoped
public class Cmi5SessionCredentials implements SessionCredentials {

    static final String PREFIX = "cmi5-";

    @Inject
    Database database;

    @Override
    public String keyPrefix() {
        return PREFIX;
    }

    @Override
    public Optional<Session> verify(String key, String secret, Instant now) {
        String sessionId = key.substring(PREFIX.length());
        return Sql.inTransaction(database.ready(), c -> Sessions.byId(c, sessionId))
                .filter(s -> Secrets.same(Secrets.sha256(secret), s.tokenHash()) && s.expiresAt().isAfter(now))
                .map(s -> new Session(s.sessionId(), s.tenantId(), s.registration(), "cmi5 session"));
    }
}
