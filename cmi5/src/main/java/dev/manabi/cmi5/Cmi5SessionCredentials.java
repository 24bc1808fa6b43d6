package dev.manabi.cmi5;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.core.Database;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The auth-tokens of cmi5 sessions as LRS credentials (cmi5 section 8.2.1: "limited to the duration of the
 * session"). A token is HTTP Basic {@code cmi5-<sessionId>:<secret>}; the LRS accepts it until the session expires,
 * for the session's registration and learner only (the registration's agent, 8.1 actor): statements, state
 * documents ({@code LMS.LaunchData} read only: section 10, "The AU MUST NOT modify or delete" it), the learner's
 * agent profile read only (section 11: the LMS may refuse the AU's changes to {@code cmi5LearnerPreferences} with
 * 403, which the AU "MUST NOT treat as an error"), activity profiles read, and written for the AU's own activity id
 * only (section 12: "The AU MAY use the Activity Profile API"; other activities' profiles are shared by other
 * courses' learners) (see the lrs README, "Session credentials"). The statements it writes are checked by the cmi5 statement rules ({@link StatementRules}).
 *
 * <p>Once the session ended (terminated, 9.3.8; abandoned, 9.3.6) the token no longer writes (403), neither
 * statements nor state documents; it still reads the registration's statements and state until it expires, so an
 * AU can show what was recorded after its last statement. A session silent longer than the session timeout is
 * abandoned when its token is presented ({@link Abandonment}) and its token still reads.
 */
@ApplicationScoped
public class Cmi5SessionCredentials implements SessionCredentials {

    static final String PREFIX = "cmi5-";

    @Inject
    Database database;

    @Inject
    StatementRules rules;

    @Inject
    Abandonment abandonment;

    @Override
    public String keyPrefix() {
        return PREFIX;
    }

    @Override
    public Optional<Session> verify(String key, String secret, Instant now) {
        String sessionId = key.substring(PREFIX.length());
        record Found(Sessions.Session session, String activityId) {
        }
        Optional<Found> found = Sql.inTransaction(database.ready(), c -> {
            Optional<Sessions.Session> s = Sessions.byId(c, sessionId)
                    .filter(x -> Secrets.same(Secrets.sha256(secret), x.tokenHash()) && x.expiresAt().isAfter(now));
            if (s.isEmpty()) {
                return Optional.<Found>empty();
            }
            CourseVersions.CourseVersion version = CourseVersions.Store.byPackage(c, s.get().packageId())
                    .orElseThrow(() -> new IllegalStateException("A session's package version is stored"));
            return Optional.of(new Found(s.get(), Satisfaction.auActivity(version.lineId(),
                    version.structure().aus().get(s.get().auIndex()))));
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sessions.Session s = found.get().session();
        Optional<AgentIdentity> actor = actor(s);
        if (actor.isEmpty()) {
            // A registration made before its agent was kept (V2): no learner to limit the token to, so no access.
            return Optional.empty();
        }
        boolean ended = s.ended() || abandonment.abandonIfSilent(s, now);
        return Optional.of(new Session(s.sessionId(), s.tenantId(), s.registration(), actor.get(), "cmi5 session",
                !ended, false, Set.of(Cmi5Vocabulary.LAUNCH_DATA), rules, null, Set.of(found.get().activityId())));
    }

    private static Optional<AgentIdentity> actor(Sessions.Session s) {
        if (s.actor() == null) {
            return Optional.empty();
        }
        try {
            return AgentIdentity.of(Json.mapper().readTree(s.actor()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored actor is JSON", e);
        }
    }
}
