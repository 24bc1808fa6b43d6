package dev.manabi.tincan;

import dev.manabi.core.ApiSecrets;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The launch's {@code auth} as an LRS credential (Rustici, "Incorporating a TinCan LRS into an LMS", "Launch": the
 * LMS provides "credentials" for the content to track back to the LRS, with the learner as {@code actor}). HTTP
 * Basic {@code tincan-<id>:<secret>}, valid until it expires ({@code manabi.tincan.credential-lifetime}) and, through
 * the LRS's session scope, limited to the launch's registration and learner: statements of that registration whose
 * actor is the launch's {@code actor} (another actor is 403), that learner's state documents of the registration,
 * that learner's agent profile (read and write: xAPI 1.0.3 Communication 4.2, the {@code profile} scope, "limited to
 * Activities and Actors associated with the current token"; the guide defines no LMS-owned documents, so the
 * content keeps its own learner preferences there) and activity profiles read only (shared by all learners).
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
        // A credential without its learner (issued before V2) is refused like an unknown one: 401, a new launch.
        return Sql.inTransaction(database.ready(), c -> Registrations.credential(c, credentialId))
                .filter(k -> ApiSecrets.matches(k.credentialId(), k.secretHash(), secret) && k.expiresAt().isAfter(now)
                        && k.actorKey() != null)
                .map(k -> new Session(k.credentialId(), k.tenantId(), k.registration(), new AgentIdentity(k.actorKey()),
                        "tincan launch", true, true, Set.of(), null));
    }
}
