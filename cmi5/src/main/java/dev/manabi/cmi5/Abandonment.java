package dev.manabi.cmi5;

import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Sessions that end without {@code terminated} (cmi5 Quartz 9.3.6 Abandoned): the LMS states {@code abandoned}
 * once per session (9.3 "LMS verb ordering rules"), with the session time as duration (9.5.4.2: from launched to
 * the AU's last statement), and accepts no further statements of it.
 *
 * <p>When a session counts as abandoned: when the same registration launches again (the spec's "new statement or
 * state API requests made for the same learner/course registration for a different AU", taken at the launch, the
 * first request of a new session); when the AU has said nothing for {@code manabi.cmi5.session-timeout} (default
 * {@value #DEFAULT_TIMEOUT_TEXT}); and when a platform admin abandons it (automation API). The timeout needs no
 * thread: it is checked when the session's token is presented and, for all sessions at once (one indexed query),
 * at every launch; a session nobody touches again is closed by the next launch of anyone.
 */
@ApplicationScoped
public class Abandonment {

    static final String DEFAULT_TIMEOUT_TEXT = "PT2H";
    static final Duration DEFAULT_TIMEOUT = Duration.parse(DEFAULT_TIMEOUT_TEXT);

    @Inject
    Database database;

    @Inject
    StatementOutbox outbox;

    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    /** How long an AU may stay silent before its session counts as abandoned. */
    Duration timeout() {
        return config == null ? DEFAULT_TIMEOUT : config.getOptionalValue("manabi.cmi5.session-timeout",
                String.class).map(Duration::parse).orElse(DEFAULT_TIMEOUT);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** True when the open session has been silent longer than the timeout at {@code now}. */
    boolean silent(Sessions.Session s, Instant now) {
        return !s.ended() && s.lastActivity().plus(timeout()).isBefore(now);
    }

    /** Abandons every open session silent longer than the timeout; answers how many. */
    public int abandonSilent() {
        Instant now = now();
        int n = Sql.inTransaction(database.ready(), c -> {
            int count = 0;
            for (Sessions.Session s : Sessions.silentSince(c, now.minus(timeout()))) {
                count += abandon(c, s, now) ? 1 : 0;
            }
            return count;
        });
        if (n > 0) {
            outbox.queued();
        }
        return n;
    }

    /** 9.3.6: abandons the open sessions of {@code registration} (before a new launch of it), on {@code c}. */
    int abandonOpen(Connection c, String registration, Instant now) throws SQLException {
        int count = 0;
        for (Sessions.Session s : Sessions.open(c, registration)) {
            count += abandon(c, s, now) ? 1 : 0;
        }
        return count;
    }

    /**
     * Abandons one session and states it; false when it had ended already (terminated, or abandoned before: one
     * abandoned statement per session, 9.3).
     */
    boolean abandon(Connection c, Sessions.Session s, Instant now) throws SQLException {
        if (!Sessions.abandon(c, s.sessionId(), now)) {
            return false;
        }
        CourseVersions.CourseVersion version = CourseVersions.Store.byPackage(c, s.packageId())
                .orElseThrow(() -> new IllegalStateException("A session's package version is stored"));
        Au au = version.structure().aus().get(s.auIndex());
        Sessions.Registration registration = Sessions.registrationById(c, s.registration()).orElseThrow();
        // 9.5.4.2: "the time between the Launched statement and the last statement (of any kind) issued by the AU".
        LmsStatements.of(outbox, c, registration, now).abandoned(Satisfaction.auActivity(version.lineId(), au), au,
                s.sessionId(), Duration.between(s.launchedAt(), s.lastActivity()));
        return true;
    }

    /**
     * Abandons the session if it has been silent longer than the timeout at {@code now} (checked when its token is
     * presented, at the LRS's time); true when it did.
     */
    boolean abandonIfSilent(Sessions.Session s, Instant now) {
        if (!silent(s, now)) {
            return false;
        }
        boolean done = Sql.inTransaction(database.ready(), c -> {
            Optional<Sessions.Session> locked = Sessions.lock(c, s.sessionId());
            return locked.isPresent() && silent(locked.get(), now) && abandon(c, locked.get(), now);
        });
        if (done) {
            outbox.queued();
        }
        return done;
    }
}
