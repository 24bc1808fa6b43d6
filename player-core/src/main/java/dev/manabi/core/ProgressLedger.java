package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every learner's latest state of every part of every course, in the shared {@link ProgressFact} terms, so that
 * completion rules can combine a SCO, a quiz and a video without knowing how each is played.
 */
@ApplicationScoped
public class ProgressLedger {

    @Inject
    Database database;

    /** Time of day for stored dates; tests set their own (the project's rule: time from an injected Clock). */
    Clock clock = Clock.systemUTC();

    @Inject
    Event<ProgressRecorded> recorded;

    /** Stores the fact (replacing the previous one for the same part) and fires {@link ProgressRecorded}. */
    public void record(LearnerContext learner, String courseId, ProgressFact fact) {
        record(learner, courseId, List.of(fact));
    }

    /**
     * Stores several facts of one course in one transaction (one durable write where a commit changed several
     * parts, e.g. a SCO and the package it belongs to), then fires {@link ProgressRecorded} for each, in order.
     */
    public void record(LearnerContext learner, String courseId, List<ProgressFact> facts) {
        if (facts.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Sql.inTransaction(database.ready(), c -> {
            for (ProgressFact fact : facts) {
                Store.record(c, learner, courseId, fact, now);
            }
            return null;
        });
        for (ProgressFact fact : facts) {
            recorded.fire(new ProgressRecorded(learner, courseId, fact, now));
        }
    }

    /**
     * Stores the fact on the caller's transaction {@code c}, for modules whose progress must commit with their own
     * write (e.g. the tincan module, inside the LRS's statement transaction). Answers the event the caller hands to
     * {@link #announce} once {@code c} has committed (completion rules and badges must see committed facts).
     */
    public ProgressRecorded recordWithin(Connection c, LearnerContext learner, String courseId, ProgressFact fact,
                                         Instant at) throws SQLException {
        Store.record(c, learner, courseId, fact, at);
        return new ProgressRecorded(learner, courseId, fact, at);
    }

    /** Fires a {@link ProgressRecorded} of {@link #recordWithin} after its transaction committed. */
    public void announce(ProgressRecorded event) {
        recorded.fire(event);
    }

    public List<ProgressFact> facts(LearnerContext learner, String courseId) {
        return Store.facts(database.ready(), learner.tenant().id(), learner.learnerId(), courseId);
    }

    /**
     * The learner's facts in the course as the caller's transaction {@code c} sees them, for modules that record
     * with {@link #recordWithin} only what changed (e.g. the cmi5 module, which derives all facts of a registration
     * at once from its own tables).
     */
    public List<ProgressFact> factsWithin(Connection c, String tenantId, String learnerId, String courseId)
            throws SQLException {
        return Store.facts(c, tenantId, learnerId, courseId);
    }

    static final class Store {

        private Store() {
        }

        static void record(DataSource ds, LearnerContext learner, String courseId, ProgressFact f, Instant now) {
            Sql.inTransaction(ds, c -> {
                record(c, learner, courseId, f, now);
                return null;
            });
        }

        static void record(Connection c, LearnerContext learner, String courseId, ProgressFact f, Instant now)
                throws SQLException {
            Object[] values = {f.completed(), f.passed(), f.score(), f.maxScore(), Timestamp.from(now),
                learner.tenant().id(), learner.learnerId(), courseId, f.kind(), f.ref()};
            int n = Sql.update(c, "update manabi_progress_fact set completed = ?, passed = ?, score = ?,"
                    + " max_score = ?, updated_at = ? where tenant_id = ? and learner_id = ? and course_id = ?"
                    + " and kind = ? and ref = ?", values);
            if (n == 0) {
                Sql.update(c, "insert into manabi_progress_fact (completed, passed, score, max_score, updated_at,"
                        + " tenant_id, learner_id, course_id, kind, ref) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values);
            }
        }

        static List<ProgressFact> facts(DataSource ds, String tenantId, String learnerId, String courseId) {
            return Sql.inTransaction(ds, c -> facts(c, tenantId, learnerId, courseId));
        }

        static List<ProgressFact> facts(Connection c, String tenantId, String learnerId, String courseId)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select kind, ref, completed, passed, score, max_score"
                    + " from manabi_progress_fact where tenant_id = ? and learner_id = ? and course_id = ?"
                    + " order by kind, ref")) {
                ps.setString(1, tenantId);
                ps.setString(2, learnerId);
                ps.setString(3, courseId);
                List<ProgressFact> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ProgressFact(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                                (Boolean) rs.getObject(4), (Double) rs.getObject(5), (Double) rs.getObject(6)));
                    }
                }
                return out;
            }
        }
    }
}
