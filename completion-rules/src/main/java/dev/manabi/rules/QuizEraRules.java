package dev.manabi.rules;

import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rules and awards stored by the quiz engine before this module existed ({@code manabi_quiz_completion_rules},
 * {@code manabi_quiz_award}; README "Upgrading from rules in the quiz engine"), copied into this module's tables
 * whether or not the quiz engine is still installed.
 *
 * <p>With the quiz engine installed its migration V3 copies them and V4 drops the tables, both before this runs, so
 * this finds nothing. Without it nobody else would: its migrations are not on the class path, and the migrator's
 * scripts cannot ask whether a table exists. So this runs in Java after the schema is current (at start-up, or on
 * the first use of the rules when the database became usable later), in one transaction:
 * <ol>
 *   <li>copy every rule and award this module has none of for the same course (learner, unit) yet ({@code not
 *       exists}), keeping editors, times and scores, so nothing is awarded again and no event or statement repeats;</li>
 *   <li>delete from the old tables exactly the rows now present here unchanged (same key and time), so they are
 *       never copied again (an erased learner's award cannot come back) and no personal data stays behind there;</li>
 *   <li>delete the old rows this module already had its own of (same key, another time: rules re-entered here, a
 *       unit awarded again by a release without this copy): this module's row is the one source of truth (issue 15,
 *       review 3; before, they stayed in the old table beside it). A superseded rule's course, times and JSON are
 *       logged as a warning (not its editor), so an operator can still see what it said; a superseded award only
 *       counted (it names a learner, and the learner holds this module's award of the same unit).</li>
 * </ol>
 * Repeating it is harmless; two servers starting at once: the primary keys let one copy, the other's transaction
 * fails and it tries again, finding nothing left.
 */
final class QuizEraRules {

    private static final Logger LOG = Logger.getLogger(QuizEraRules.class.getName());
    static final String OLD_RULES = "manabi_quiz_completion_rules";
    static final String OLD_AWARDS = "manabi_quiz_award";
    /** The shortest time between two attempts after a failed one (the rules are evaluated on every fact). */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    /** What one copy did: rows copied, and old rows removed because this module had its own (superseded). */
    record Copied(int rules, int awards, int rulesSuperseded, int awardsSuperseded) {
        static final Copied NOTHING = new Copied(0, 0, 0, 0);
    }

    private final Clock clock;
    private volatile boolean done;
    private volatile Instant failedAt;

    QuizEraRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * Copies once per application, before the rules are first read; a failure is logged, reported by
     * {@link #failed()} (readiness) and retried at most every {@link #RETRY_INTERVAL}, never thrown: the rules of
     * courses without old rows work meanwhile.
     */
    void copyOnce(DataSource ds) {
        if (done) {
            return;
        }
        synchronized (this) {
            Instant last = failedAt;
            if (done || (last != null && clock.instant().isBefore(last.plus(RETRY_INTERVAL)))) {
                return;
            }
            try {
                copy(ds);
                done = true;
                failedAt = null;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Completion rules stored by the quiz engine could not be copied yet", e);
                failedAt = clock.instant();
            }
        }
    }

    /** Whether the last attempt failed (and no later one succeeded). */
    boolean failed() {
        return failedAt != null;
    }

    static Copied copy(DataSource ds) {
        Copied copied = Sql.inTransaction(ds, c -> {
            if (!tableExists(c, OLD_RULES) || !tableExists(c, OLD_AWARDS)) {
                return Copied.NOTHING;
            }
            int rules = Sql.update(c, "insert into manabi_rules_course (course_id, rules_json, updated_by,"
                    + " updated_by_tenant, updated_at) select q.course_id, q.rules_json, q.updated_by,"
                    + " (select k.owner_tenant_id from manabi_course k where k.id = q.course_id), q.updated_at from "
                    + OLD_RULES + " q"
                    + " where not exists (select 1 from manabi_rules_course r where r.course_id = q.course_id)");
            int awards = Sql.update(c, "insert into manabi_rules_award (tenant_id, learner_id, course_id, kind, ref,"
                    + " passed, score, awarded_at) select q.tenant_id, q.learner_id, q.course_id, q.kind, q.ref,"
                    + " q.passed, q.score, q.awarded_at from " + OLD_AWARDS + " q where not exists (select 1 from"
                    + " manabi_rules_award r where " + SAME_AWARD + ")");
            Sql.update(c, "delete from " + OLD_RULES + " where exists (select 1 from manabi_rules_course r where"
                    + " r.course_id = " + OLD_RULES + ".course_id and r.updated_at = " + OLD_RULES + ".updated_at)");
            Sql.update(c, "delete from " + OLD_AWARDS + " where exists (select 1 from manabi_rules_award r where "
                    + SAME_AWARD.replace("q.", OLD_AWARDS + ".") + " and r.awarded_at = " + OLD_AWARDS
                    + ".awarded_at)");
            // Left now: rows this module has its own of (same key, another time). Its row is the source of truth.
            logSupersededRules(c);
            int rulesSuperseded = Sql.update(c, "delete from " + OLD_RULES + " where exists (select 1 from"
                    + " manabi_rules_course r where r.course_id = " + OLD_RULES + ".course_id)");
            int awardsSuperseded = Sql.update(c, "delete from " + OLD_AWARDS + " where exists (select 1 from"
                    + " manabi_rules_award r where " + SAME_AWARD.replace("q.", OLD_AWARDS + ".") + ")");
            return new Copied(rules, awards, rulesSuperseded, awardsSuperseded);
        });
        if (copied.rules() > 0 || copied.awards() > 0) {
            LOG.info(() -> "Copied " + copied.rules() + " course rules and " + copied.awards() + " awards stored by"
                    + " the quiz engine into the completion rules' tables");
        }
        if (copied.rulesSuperseded() > 0 || copied.awardsSuperseded() > 0) {
            LOG.warning(() -> copied.rulesSuperseded() + " course rules and " + copied.awardsSuperseded() + " awards"
                    + " stored by the quiz engine were removed, not copied: the completion rules already held their"
                    + " own for the same course (learner, unit), which stay the only ones");
        }
        return copied;
    }

    /** An award of this module ({@code r}) for the same learner, course and unit (or course) as the old one. */
    private static final String SAME_AWARD = "r.tenant_id = q.tenant_id and r.learner_id = q.learner_id"
            + " and r.course_id = q.course_id and r.kind = q.kind and r.ref = q.ref";

    /** Each old rule about to be removed because this module has the course's rules: course, times and JSON. */
    private static void logSupersededRules(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select q.course_id, q.updated_at, r.updated_at,"
                + " q.rules_json from " + OLD_RULES + " q join manabi_rules_course r on r.course_id = q.course_id")) {
            while (rs.next()) {
                String course = rs.getString(1);
                String old = String.valueOf(rs.getTimestamp(2));
                String kept = String.valueOf(rs.getTimestamp(3));
                String json = rs.getString(4);
                LOG.warning(() -> "Course " + course + ": the completion rules stored by the quiz engine at " + old
                        + " are superseded by those saved here at " + kept + " and removed; they were: " + json);
            }
        }
    }

    /**
     * In the schema the migrations created their tables in (the connection's current one, where the unqualified
     * names of the statements above resolve); PostgreSQL keeps unquoted names in lower case, H2 in upper case.
     */
    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), name,
                    new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
