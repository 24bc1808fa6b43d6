package dev.manabi.scorm.runtime;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.scorm.pkg.PackageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * SCORM's learning records (README "Learning records"). Each package line of a course gives one module for the
 * package as a whole ({@code scorm:<line>}: the course attempt, whose status, score and time are the rollup over its
 * activities; for SCORM 2004 with sequencing, the root activity's attempt, SN 4.6) and one module per launchable
 * activity in tree order, as the line's latest version has them ({@code scorm:<line>:<item identifier>}).
 *
 * <p>A SCO's attempt is its run-time data within a course attempt (RTE 4.2: {@code cmi.completion_status},
 * {@code cmi.success_status}, {@code cmi.score.scaled} / {@code .raw}), numbered by that course attempt. The time is
 * the learner's time in the activity summed over all its sessions (it never restarts as {@code cmi.total_time}
 * does, RTE 4.2.26); its start is the course attempt's, as the SCO's own first launch is not kept.
 */
@ApplicationScoped
public class ScormRecords implements LearningRecords {

    static final String KIND = "scorm";

    @Inject
    PackageRepository packages;

    @Inject
    Database database;

    static String moduleId(String lineId) {
        return KIND + ":" + lineId;
    }

    static String moduleId(String lineId, String itemId) {
        return KIND + ":" + lineId + ":" + itemId;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        List<Module> out = new ArrayList<>();
        for (String line : refs) {
            packages.latestOfLine(line).ifPresent(pkg -> {
                out.add(new Module(moduleId(line), KIND, line, pkg.title()));
                new ActivityTree(pkg).launchables().forEach(a ->
                        out.add(new Module(moduleId(line, a.id()), KIND, line, a.title())));
            });
        }
        return out;
    }

    @Override
    public List<Attempt> attempts(Query query) {
        return Store.attempts(database.ready(), query);
    }

    /** RTE 4.2.4's "not attempted" as the records API spells it; anything unexpected is unknown. */
    static String completion(String stored) {
        return switch (stored) {
            case "completed" -> COMPLETED;
            case "incomplete" -> INCOMPLETE;
            case "not attempted" -> NOT_ATTEMPTED;
            default -> UNKNOWN;
        };
    }

    static String success(String stored) {
        return switch (stored) {
            case "passed" -> PASSED;
            case "failed" -> FAILED;
            default -> UNKNOWN;
        };
    }

    /** The SQL: two queries per chunk of learners (course attempts, SCO attempts), every line of the course at once. */
    static final class Store {

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q) {
            Set<String> lines = Set.copyOf(q.refs());
            List<Attempt> out = new ArrayList<>();
            List<Object> scope = List.of(q.tenantId(), q.courseId());
            Sql.selectIn(ds, "select learner_id, line_id, number, completion, success, score_scaled, total_time_cs,"
                    + " started_at, finished_at, updated_at from manabi_scorm_attempt"
                    + " where tenant_id = ? and course_id = ? and learner_id ?in", scope, q.learnerIds(), rs -> {
                        Instant started = rs.getTimestamp(8).toInstant();
                        Instant updated = rs.getTimestamp(10).toInstant();
                        if (!lines.contains(rs.getString(2)) || !q.covers(started, updated)) {
                            return;
                        }
                        Timestamp finished = rs.getTimestamp(9);
                        out.add(new Attempt(rs.getString(1), moduleId(rs.getString(2)), rs.getInt(3),
                                completion(rs.getString(4)), success(rs.getString(5)), nullable(rs, 6), null, null,
                                centiseconds(rs.getLong(7)), started, finished == null ? null : finished.toInstant(),
                                updated));
                    });
            Sql.selectIn(ds, "select a.learner_id, a.line_id, a.number, s.item_id, s.completion, s.success,"
                    + " s.score_scaled, s.score_raw, s.learner_time_cs, a.started_at, s.updated_at, s.session_open"
                    + " from manabi_scorm_sco_attempt s join manabi_scorm_attempt a on a.id = s.attempt_id"
                    + " where a.tenant_id = ? and a.course_id = ? and a.learner_id ?in", scope, q.learnerIds(), rs -> {
                        Instant started = rs.getTimestamp(10).toInstant();
                        Instant updated = rs.getTimestamp(11).toInstant();
                        if (!lines.contains(rs.getString(2)) || !q.covers(started, updated)) {
                            return;
                        }
                        boolean open = rs.getBoolean(12);
                        out.add(new Attempt(rs.getString(1), moduleId(rs.getString(2), rs.getString(4)), rs.getInt(3),
                                completion(rs.getString(5)), success(rs.getString(6)), nullable(rs, 7),
                                nullable(rs, 8), null, centiseconds(rs.getLong(9)), started, open ? null : updated,
                                updated));
                    });
            return out;
        }

        private static Double nullable(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
            double value = rs.getDouble(column);
            return rs.wasNull() ? null : value;
        }

        private static Duration centiseconds(long cs) {
            return Duration.ofMillis(cs * 10);
        }
    }
}
