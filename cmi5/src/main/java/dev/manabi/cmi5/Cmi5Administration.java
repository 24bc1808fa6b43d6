package dev.manabi.cmi5;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.AuditLog;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.xapi.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an administrator (the automation API's platform admin) does to registrations and sessions: waive an AU for
 * a registration (cmi5 Quartz 9.3.7) and abandon a session (9.3.6). The caller checks who may; each action is
 * audited on its own transaction's connection (DEVELOPING "Personal data": an action and its entry are stored
 * together or not at all), in the log of the registration's institution, naming the registration or session.
 */
@ApplicationScoped
public class Cmi5Administration {

    /** Longest waiver reason kept (9.5.5.2: one of four short phrases is what the spec suggests). */
    static final int MAX_REASON_LENGTH = 200;

    @Inject
    Database database;

    @Inject
    StatementOutbox outbox;

    @Inject
    Abandonment abandonment;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    /** A waiver: the waived statement's new session id (9.3.7) and how many blocks/course it satisfied. */
    public record Waiver(String registration, int auIndex, String sessionId, int satisfied) {
    }

    /**
     * 9.3.7: waives AU {@code auIndex} (of the course structure the registration's newest session launched) for the
     * registration with {@code reason} (9.5.5.2, e.g. {@code Tested Out},
     * {@code Equivalent AU}, {@code Equivalent Outside Activity}, {@code Administrative}); the AU then counts as
     * satisfied whatever its moveOn, and blocks and the course it completes are stated satisfied with the
     * waiver's session id. Audited as {@code cmi5.au-waived} by {@code admin} in the same transaction.
     *
     * @throws PlayerException 400 {@code cmi5-waive-reason-invalid}; 404 {@code cmi5-registration-not-found},
     *                         {@code cmi5-au-not-found}; 409 {@code cmi5-au-already-waived} (9.3.7: one waived
     *                         statement per AU and registration)
     */
    public Waiver waive(LearnerContext admin, String registration, int auIndex, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
            throw PlayerException.badRequest("cmi5-waive-reason-invalid", "reason is required (at most "
                    + MAX_REASON_LENGTH + " characters), e.g. Tested Out, Equivalent AU, Equivalent Outside Activity,"
                    + " Administrative (cmi5 9.5.5.2)");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String sessionId = UUID.randomUUID().toString();
        Waiver waiver = Sql.inTransaction(database.ready(), c -> {
            Sessions.Registration r = registration(c, registration);
            Sessions.lockRegistration(c, r.registration());
            // 9.3.7: the AU is one of the course structure the registration launched (its newest session's package
            // version), not the course's newest import: per-language variants are other lines whose AU order and
            // ids may differ, so auIndex would name another variant's AU.
            Optional<String> launched = Sessions.latestPackage(c, r.registration());
            CourseVersions.CourseVersion version = (launched.isEmpty() ? Optional.<CourseVersions.CourseVersion>empty()
                    : CourseVersions.Store.byPackage(c, launched.get())).orElseThrow(() -> new PlayerException(404,
                    "cmi5-course-missing", "The registration has launched no cmi5 package"));
            if (auIndex < 0 || auIndex >= version.structure().aus().size()) {
                throw new PlayerException(404, "cmi5-au-not-found", "The course has no AU number " + auIndex);
            }
            Au au = version.structure().aus().get(auIndex);
            if (Satisfaction.status(c, r.registration(), au.id()).waivedAt() != null) {
                throw new PlayerException(409, "cmi5-au-already-waived", "The AU is already waived for this"
                        + " registration (cmi5 9.3.7)");
            }
            Satisfaction.mark(c, r.registration(), au.id(), Satisfaction.Column.WAIVED, now);
            LmsStatements lms = LmsStatements.of(outbox, c, r, now);
            lms.waived(Satisfaction.auActivity(version.lineId(), au), au, sessionId, why);
            int satisfied = Satisfaction.evaluate(c, lms, r.registration(), version, sessionId, now);
            audit.record(c, admin, AuditLog.Action.CMI5_AU_WAIVED, r.tenantId(), r.registration(),
                    Map.of("au", auIndex, "reason", why, "session", sessionId));
            return new Waiver(r.registration(), auIndex, sessionId, satisfied);
        });
        outbox.queued();
        return waiver;
    }

    /** An abandoned session. */
    public record Abandoned(String sessionId, String registration) {
    }

    /**
     * 9.3.6: abandons a session that has not ended; the LMS states abandoned and the session's token writes
     * nothing more. Audited as {@code cmi5.session-abandoned} by {@code admin} in the same transaction.
     *
     * @throws PlayerException 404 {@code cmi5-session-not-found}; 409 {@code cmi5-session-ended} when it
     *                         terminated or was abandoned already
     */
    public Abandoned abandon(LearnerContext admin, String sessionId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Abandoned done = Sql.inTransaction(database.ready(), c -> {
            Sessions.Session s = (Formats.isUuid(sessionId) ? Sessions.lock(c, sessionId.toLowerCase(Locale.ROOT))
                    : Optional.<Sessions.Session>empty()).orElseThrow(() ->
                    new PlayerException(404, "cmi5-session-not-found", "No cmi5 session " + sessionId));
            if (s.ended() || !abandonment.abandon(c, s, now)) {
                throw new PlayerException(409, "cmi5-session-ended", "The session has already "
                        + (s.terminatedAt() != null ? "terminated" : "been abandoned"));
            }
            audit.record(c, admin, AuditLog.Action.CMI5_SESSION_ABANDONED, s.tenantId(), s.sessionId(),
                    Map.of("registration", s.registration()));
            return new Abandoned(s.sessionId(), s.registration());
        });
        outbox.queued();
        return done;
    }

    private static Sessions.Registration registration(Connection c, String registration) throws SQLException {
        return (Formats.isUuid(registration) ? Sessions.registrationById(c, registration.toLowerCase(Locale.ROOT))
                : Optional.<Sessions.Registration>empty()).orElseThrow(() ->
                new PlayerException(404, "cmi5-registration-not-found", "No cmi5 registration " + registration));
    }
}
