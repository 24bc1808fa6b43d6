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
import java.util.stream.Collectors;

/**
 * The launch's {@code auth} as an LRS credential (Rustici, "Incorporating a TinCan LRS into an LMS", "Launch": the
 * LMS provides "credentials" for the content to track back to the LRS, with the learner as {@code actor}). HTTP
 * Basic {@code tincan-<id>:<secret>}, valid until it expires ({@code manabi.tincan.credential-lifetime}) and, through
 * the LRS's session scope, limited to the launch's registration and learner: statements of that registration whose
 * actor is the launch's {@code actor} (another actor is 403), that learner's state documents of the registration,
 * that learner's agent profile (read and write: xAPI 1.0.3 Communication 4.2, the {@code profile} scope, "limited to
 * Activities and Actors associated with the current token"; the guide defines no LMS-owned documents, so the
 * content keeps its own learner preferences there) and activity profiles read only (shared by all learners).
 * Statements and state documents are limited to the launched version's activities ({@link #activities}).
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
        return Sql.inTransaction(database.ready(), c -> {
            Optional<Registrations.Credential> found = Registrations.credential(c, credentialId)
                    .filter(k -> ApiSecrets.matches(k.credentialId(), k.secretHash(), secret)
                            && k.expiresAt().isAfter(now) && k.actorKey() != null);
            if (found.isEmpty()) {
                return Optional.<Session>empty();
            }
            Registrations.Credential k = found.get();
            Optional<TincanVersions.TincanVersion> version = k.packageId() != null
                    ? TincanVersions.Store.byPackage(c, k.packageId()) : TincanVersions.Store.latest(c, k.lineId());
            if (version.isEmpty()) {
                return Optional.<Session>empty(); // the package is gone: nothing left to track
            }
            return Optional.of(new Session(k.credentialId(), k.tenantId(), k.registration(),
                    new AgentIdentity(k.actorKey()), "tincan launch", true, true, Set.of(), null,
                    activities(version.get().tincan()), Set.of()));
        });
    }

    /**
     * The activities a launch's {@code auth} may write statements about and keep state for: every activity
     * tincan.xml declares (the root and the others: the guide's "Activity Definition" lists the package's
     * activities there), and ids under the root id as a path ({@code <root id>/...}), which authoring tools
     * generate for pages and questions without declaring them. Nothing else: another course's activity is not this
     * launch's to record.
     */
    static Activities activities(TincanPackage tincan) {
        String root = tincan.rootActivity().id();
        return new Activities(tincan.activities().stream().map(TincanPackage.Activity::id)
                .collect(Collectors.toSet()), root.endsWith("/") ? root : root + "/");
    }
}
