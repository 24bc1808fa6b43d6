package dev.manabi.cmi5;

import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.cmi5.CourseStructure.Block;
import dev.manabi.cmi5.CourseStructure.Node;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * moveOn (cmi5 Quartz section 10 "moveOn", 13.1.4) and the satisfied statements it leads to (9.3.9): an AU is
 * satisfied by its moveOn criterion or by a waiver (9.3.7); a block when all its AUs (nested blocks included) are;
 * the course when all its AUs are. Each block and the course is stated satisfied once per registration (9.3
 * "LMS verb ordering rules"), the first time its criterion holds: after an AU statement (with that session's id),
 * a waiver (with the waiver's session id) or at registration (NotApplicable AUs, 9.6.1, with a new session id).
 *
 * <p>The spec's satisfied statements are about blocks and the course only (9.4: "In Satisfied statements, the
 * Object represents a Block or Course"); an AU's own satisfaction is what its moveOn verbs already state.
 */
final class Satisfaction {

    private Satisfaction() {
    }

    /** What a registration did in one AU (publisher id): completed, passed, waived (or null). */
    record AuStatus(Instant completedAt, Instant passedAt, Instant waivedAt) {
        static final AuStatus NONE = new AuStatus(null, null, null);
    }

    /** Whether the AU's moveOn criterion holds (section 10 moveOn; a waived AU is satisfied whatever it asks). */
    static boolean satisfied(Au au, AuStatus s) {
        if (s.waivedAt() != null) {
            return true;
        }
        boolean completed = s.completedAt() != null;
        boolean passed = s.passedAt() != null;
        return switch (au.moveOn()) {
            case Completed -> completed;
            case Passed -> passed;
            case CompletedAndPassed -> completed && passed;
            case CompletedOrPassed -> completed || passed;
            case NotApplicable -> true;
        };
    }

    /** The LMS's activity id of a block (9.3.9: generated, never the publisher's id). */
    static String blockActivity(String lineId, Block block) {
        return LearnerStatement.activityId("cmi5", lineId, "block", block.id());
    }

    /** The LMS's activity id of the course (9.3.9). */
    static String courseActivity(String lineId) {
        return LearnerStatement.activityId("cmi5", lineId, "course");
    }

    /** The LMS's activity id of an AU (8.1 activityId: the same for every launch and registration). */
    static String auActivity(String lineId, Au au) {
        return LearnerStatement.activityId("cmi5", lineId, "au", au.id());
    }

    /**
     * States every block and the course of {@code version} that the registration satisfies now and had not
     * before, with {@code sessionId}; answers how many satisfied statements it wrote.
     */
    static int evaluate(Connection c, LmsStatements lms, String registration, CourseVersions.CourseVersion version,
                        String sessionId, Instant now) throws SQLException {
        Map<String, AuStatus> status = statuses(c, registration);
        Set<String> done = satisfiedObjects(c, registration);
        int[] written = {0};
        for (Node n : version.structure().children()) {
            walk(c, lms, registration, version, n, status, done, sessionId, now, written);
        }
        boolean course = version.structure().aus().stream()
                .allMatch(au -> satisfied(au, status.getOrDefault(au.id(), AuStatus.NONE)));
        String courseId = courseActivity(version.lineId());
        if (course && !done.contains(courseId)) {
            markSatisfied(c, registration, courseId, now);
            lms.satisfied(courseId, Cmi5Vocabulary.COURSE_TYPE, version.structure().course().id(),
                    version.structure().course().title(), sessionId);
            written[0]++;
        }
        return written[0];
    }

    /** Post-order: nested blocks are stated before the block holding them. Answers whether {@code n} is satisfied. */
    private static boolean walk(Connection c, LmsStatements lms, String registration,
                                CourseVersions.CourseVersion version, Node n, Map<String, AuStatus> status,
                                Set<String> done, String sessionId, Instant now, int[] written) throws SQLException {
        if (n instanceof Au au) {
            return satisfied(au, status.getOrDefault(au.id(), AuStatus.NONE));
        }
        Block block = (Block) n;
        boolean all = true;
        for (Node child : block.children()) {
            all &= walk(c, lms, registration, version, child, status, done, sessionId, now, written);
        }
        String id = blockActivity(version.lineId(), block);
        if (all && done.add(id)) {
            markSatisfied(c, registration, id, now);
            lms.satisfied(id, Cmi5Vocabulary.BLOCK_TYPE, block.id(), block.title(), sessionId);
            written[0]++;
        }
        return all;
    }

    static Map<String, AuStatus> statuses(Connection c, String registration) throws SQLException {
        Map<String, AuStatus> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select au_id, completed_at, passed_at, waived_at"
                + " from manabi_cmi5_au_status where registration = ?")) {
            ps.setString(1, registration);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new AuStatus(instant(rs, 2), instant(rs, 3), instant(rs, 4)));
                }
            }
        }
        return out;
    }

    static AuStatus status(Connection c, String registration, String auId) throws SQLException {
        return statuses(c, registration).getOrDefault(auId, AuStatus.NONE);
    }

    /** Sets one of {@code completed_at}, {@code passed_at}, {@code waived_at} of the AU (update, else insert). */
    static void mark(Connection c, String registration, String auId, Column column, Instant at) throws SQLException {
        String name = column.name().toLowerCase(java.util.Locale.ROOT) + "_at";
        if (Sql.update(c, "update manabi_cmi5_au_status set " + name + " = ? where registration = ? and au_id = ?",
                Timestamp.from(at), registration, auId) == 0) {
            Sql.update(c, "insert into manabi_cmi5_au_status (registration, au_id, " + name + ") values (?,?,?)",
                    registration, auId, Timestamp.from(at));
        }
    }

    /** The columns {@link #mark} sets. */
    enum Column { COMPLETED, PASSED, WAIVED }

    private static Set<String> satisfiedObjects(Connection c, String registration) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select object_id from manabi_cmi5_satisfied"
                + " where registration = ?")) {
            ps.setString(1, registration);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void markSatisfied(Connection c, String registration, String objectId, Instant at)
            throws SQLException {
        Sql.update(c, "insert into manabi_cmi5_satisfied (registration, object_id, satisfied_at) values (?,?,?)",
                registration, objectId, Timestamp.from(at));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
