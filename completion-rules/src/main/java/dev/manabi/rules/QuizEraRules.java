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
 *       never copied again (an erased learner's award cannot come back) and no personal data stays behind there.
 *       A row this module already had its own of (same key, another time) is left in the old table, untouched, and
 *       logged: it is neither lost nor copied over the newer one.</li>
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

    /** What one copy did: rows copied, and rows left in the old tables because this module had its own. */
    record Copied(int rules, int awards, int rulesKept, int awardsKept) {
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
            return new Copied(rules, awards, count(c, OLD_RULES), count(c, OLD_AWARDS));
        });
        if (copied.rules() > 0 || copied.awards() > 0) {
            LOG.info(() -> "Copied " + copied.rules() + " course rules and " + copied.awards() + " awards stored by"
                    + " the quiz engine into the completion rules' tables");
        }
        if (copied.rulesKept() > 0 || copied.awardsKept() > 0) {
            LOG.warning(() -> copied.rulesKept() + " course rules and " + copied.awardsKept() + " awards stored by"
                    + " the quiz engine were not copied: the completion rules already hold their own for the same"
                    + " course (learner, unit). They stay in " + OLD_RULES + " and " + OLD_AWARDS + " untouched.");
        }
        return copied;
    }

    /** An award of this module ({@code r}) for the same learner, course and unit (or course) as the old one. */
    private static final String SAME_AWARD = "r.tenant_id = q.tenant_id and r.learner_id = q.learner_id"
            + " and r.course_id = q.course_id and r.kind = q.kind and r.ref = q.ref";

    private static int count(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
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
