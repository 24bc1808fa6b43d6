package dev.manabi.cmi5;

import dev.manabi.core.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of registrations (cmi5 section 3 "Registration", 8.1 registration: one per learner and course when the
 * LMS makes them, any number an automation client names) and of launch sessions with their one-time fetch key and
 * session token (8.2), both kept as SHA-256 hashes only, and the session's course through its statements (9.3).
 */
final class Sessions {

    private static final String COLUMNS = "s.session_id, s.registration, r.tenant_id, r.learner_id, r.course_id,"
            + " s.package_id, s.au_index, s.launch_mode, s.fetched_at, s.expires_at, s.token_hash,"
            + " coalesce(s.actor, r.actor),"
            + " s.launched_at, s.initialized_at, s.judged, s.terminated_at, s.abandoned_at, s.last_statement_at,"
            + " s.mastery_score, s.launch_data_kept";

    private Sessions() {
    }

    /**
     * A stored launch session.
     *
     * @param actor           the xAPI agent of the session's launch URL as JSON (8.1 actor; V5), else (sessions
     *                        launched before) the registration's, or null for registrations made before it was kept
     * @param judged          {@code passed} or {@code failed} once the session has one of them (9.3), else null
     * @param lastStatementAt the last statement the AU stored in this session, or null
     * @param masteryScore    the masteryScore of the session's {@code LMS.LaunchData} (section 10), or null for
     *                        none
     * @param launchDataKept  false for sessions launched before their launch data's masteryScore was kept: theirs
     *                        was the course structure's
     */
    record Session(String sessionId, String registration, String tenantId, String learnerId, String courseId,
                   String packageId, int auIndex, LaunchMode launchMode, Instant fetchedAt, Instant expiresAt,
                   String tokenHash, String actor, Instant launchedAt, Instant initializedAt, String judged,
                   Instant terminatedAt, Instant abandonedAt, Instant lastStatementAt, BigDecimal masteryScore,
                   boolean launchDataKept) {

        /** Ended by the AU ({@code terminated}) or by the LMS ({@code abandoned}). */
        boolean ended() {
            return terminatedAt != null || abandonedAt != null;
        }

        /** When the AU was last heard of: its last statement, else the launch. */
        Instant lastActivity() {
            return lastStatementAt != null ? lastStatementAt : launchedAt;
        }
    }

    /** A registration: whose (learner id within the tenant), for which course, and its agent (JSON or null). */
    record Registration(String registration, String tenantId, String learnerId, String courseId, String actor) {
    }

    /**
     * The learner's newest registration for the course, created on first launch; its actor kept up to date. The
     * learner's launches of the course are serialised first ({@link #lockLearnerCourse}): without that, two first
     * launches at the same moment would both find none and make two registrations (issue 14 review A-6).
     */
    static Created registration(Connection c, String tenantId, String learnerId, String courseId, String actor,
                                Instant now) throws SQLException {
        lockLearnerCourse(c, tenantId, learnerId, courseId, now);
        Optional<String> existing = findRegistration(c, tenantId, learnerId, courseId);
        if (existing.isPresent()) {
            // Locked as every other writer of the registration locks it (its sessions, moveOn and satisfied, 9.3.9).
            lockRegistration(c, existing.get());
            Sql.update(c, "update manabi_cmi5_registration set actor = ? where registration = ?", actor,
                    existing.get());
            return new Created(existing.get(), false);
        }
        String registration = UUID.randomUUID().toString();
        insertRegistration(c, registration, tenantId, learnerId, courseId, actor, now);
        return new Created(registration, true);
    }

    /**
     * Locks the learner's row for the course in {@code manabi_cmi5_launch_lock} until the transaction ends, inserting
     * it first when missing. Two transactions inserting the same new row: the second waits for the first and, once
     * that committed, fails on the key, which a savepoint confines (PostgreSQL would otherwise abort the whole
     * transaction); it then locks the row the first made and, after the first's commit, finds its registration.
     */
    static void lockLearnerCourse(Connection c, String tenantId, String learnerId, String courseId, Instant now)
            throws SQLException {
        if (lockRow(c, tenantId, learnerId, courseId)) {
            return;
        }
        Savepoint before = c.setSavepoint();
        try {
            Sql.update(c, "insert into manabi_cmi5_launch_lock (tenant_id, learner_id, course_id, created_at)"
                    + " values (?,?,?,?)", tenantId, learnerId, courseId, Timestamp.from(now));
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            c.rollback(before);
            if (!lockRow(c, tenantId, learnerId, courseId)) {
                throw new SQLException("The launch lock row of a learner and course vanished", e);
            }
        }
    }

    private static boolean lockRow(Connection c, String tenantId, String learnerId, String courseId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select course_id from manabi_cmi5_launch_lock"
                + " where tenant_id = ? and learner_id = ? and course_id = ? for update")) {
            Sql.bind(ps, tenantId, learnerId, courseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A registration id and whether this call made it. */
    record Created(String registration, boolean isNew) {
    }

    static void insertRegistration(Connection c, String registration, String tenantId, String learnerId,
                                   String courseId, String actor, Instant now) throws SQLException {
        Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                + " created_at, actor) values (?,?,?,?,?,?)", registration, tenantId, learnerId, courseId,
                Timestamp.from(now), actor);
    }

    static Optional<String> findRegistration(Connection c, String tenantId, String learnerId, String courseId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select registration from manabi_cmi5_registration"
                + " where tenant_id = ? and learner_id = ? and course_id = ?"
                + " order by created_at desc, registration desc")) {
            Sql.bind(ps, tenantId, learnerId, courseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<Registration> registrationById(Connection c, String registration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select registration, tenant_id, learner_id, course_id, actor"
                + " from manabi_cmi5_registration where registration = ?")) {
            ps.setString(1, registration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    /**
     * A new session; {@code masteryScore} is the one its {@code LMS.LaunchData} carries (or null), {@code actor} the
     * agent of its launch URL (JSON).
     */
    static void insertSession(Connection c, String sessionId, String registration, String packageId, int auIndex,
                              LaunchMode mode, BigDecimal masteryScore, String actor, String fetchKeyHash,
                              Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into manabi_cmi5_session (session_id, registration,"
                + " package_id, au_index, launch_mode, fetch_key_hash, expires_at, launched_at, mastery_score,"
                + " launch_data_kept, actor) values (?,?,?,?,?,?,?,?,?,?,?)")) {
            Sql.bind(ps, sessionId, registration, packageId, auIndex, mode.name(), fetchKeyHash,
                    Timestamp.from(expiresAt), Timestamp.from(now));
            if (masteryScore == null) {
                ps.setNull(9, java.sql.Types.DECIMAL);
            } else {
                ps.setBigDecimal(9, masteryScore);
            }
            ps.setBoolean(10, true);
            ps.setString(11, actor);
            ps.executeUpdate();
        }
    }

    /**
     * Hands out the session token for a fetch key once (8.2.3.1): true when this call marked the session fetched
     * with {@code tokenHash}; false when it was fetched before, has expired or has ended.
     */
    static boolean fetch(Connection c, String fetchKeyHash, String tokenHash, Instant now) throws SQLException {
        return Sql.update(c, "update manabi_cmi5_session set fetched_at = ?, token_hash = ? where fetch_key_hash = ?"
                + " and fetched_at is null and expires_at > ? and terminated_at is null and abandoned_at is null",
                Timestamp.from(now), tokenHash, fetchKeyHash, Timestamp.from(now)) == 1;
    }

    static Optional<Session> byFetchKey(Connection c, String fetchKeyHash) throws SQLException {
        return one(c, "s.fetch_key_hash = ?", fetchKeyHash);
    }

    static Optional<Session> byId(Connection c, String sessionId) throws SQLException {
        return one(c, "s.session_id = ?", sessionId);
    }

    /**
     * The session, its registration's row and its own row locked until the transaction ends (in that order, as a
     * launch takes them): statements of one registration are checked one request after the other (9.3 order
     * rules; satisfied once, 9.3.9), whichever server takes them.
     */
    static Optional<Session> lock(Connection c, String sessionId) throws SQLException {
        Optional<Session> found = byId(c, sessionId);
        if (found.isEmpty()) {
            return found;
        }
        lockRegistration(c, found.get().registration());
        try (PreparedStatement ps = c.prepareStatement("select session_id from manabi_cmi5_session"
                + " where session_id = ? for update")) {
            ps.setString(1, sessionId);
            ps.executeQuery().close();
        }
        return byId(c, sessionId);
    }

    /** Locks the registration's row until the transaction ends (its moveOn and satisfied statements, 9.3.9). */
    static void lockRegistration(Connection c, String registration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select registration from manabi_cmi5_registration"
                + " where registration = ? for update")) {
            ps.setString(1, registration);
            ps.executeQuery().close();
        }
    }

    /** The package version the registration's newest session launched (its line and version), if any. */
    static Optional<String> latestPackage(Connection c, String registration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select package_id from manabi_cmi5_session"
                + " where registration = ? order by launched_at desc, session_id desc")) {
            ps.setString(1, registration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sessions of the registration that neither terminated nor were abandoned (9.3.6). */
    static List<Session> open(Connection c, String registration) throws SQLException {
        return many(c, "s.registration = ? and s.terminated_at is null and s.abandoned_at is null"
                + " order by s.launched_at", null, registration);
    }

    /** Open sessions (any registration) whose AU was last heard of before {@code before} (the session timeout). */
    static List<Session> silentSince(Connection c, Instant before) throws SQLException {
        return many(c, "s.terminated_at is null and s.abandoned_at is null"
                + " and coalesce(s.last_statement_at, s.launched_at) < ? order by s.launched_at",
                Timestamp.from(before), null);
    }

    /** Records what an AU's statements changed in the session (9.3): see {@link Session}. */
    static void record(Connection c, String sessionId, Instant initializedAt, String judged, Instant terminatedAt,
                       Instant lastStatementAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update manabi_cmi5_session set initialized_at = ?,"
                + " judged = ?, terminated_at = ?, last_statement_at = ? where session_id = ?")) {
            setTimestamp(ps, 1, initializedAt);
            if (judged == null) {
                ps.setNull(2, java.sql.Types.VARCHAR);
            } else {
                ps.setString(2, judged);
            }
            setTimestamp(ps, 3, terminatedAt);
            setTimestamp(ps, 4, lastStatementAt);
            ps.setString(5, sessionId);
            ps.executeUpdate();
        }
    }

    /**
     * Keeps the score of the session's passed/failed statement (9.5.1: {@code scaled}, {@code raw}; either may be
     * absent) for the learning records, which report every session's result, not only the AU's latest judgment.
     */
    static void score(Connection c, String sessionId, com.fasterxml.jackson.databind.JsonNode score)
            throws SQLException {
        Sql.update(c, "update manabi_cmi5_session set score_scaled = ?, score_raw = ? where session_id = ?",
                score.path("scaled").isNumber() ? score.path("scaled").asDouble() : null,
                score.path("raw").isNumber() ? score.path("raw").asDouble() : null, sessionId);
    }

    /** Marks the session abandoned (9.3.6); false when it had ended already. */
    static boolean abandon(Connection c, String sessionId, Instant now) throws SQLException {
        return Sql.update(c, "update manabi_cmi5_session set abandoned_at = ? where session_id = ?"
                + " and terminated_at is null and abandoned_at is null", Timestamp.from(now), sessionId) == 1;
    }

    private static void setTimestamp(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, Timestamp.from(t));
        }
    }

    private static Optional<Session> one(Connection c, String where, String value) throws SQLException {
        List<Session> found = many(c, where, null, value);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Session> many(Connection c, String where, Timestamp time, String value)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from manabi_cmi5_session s"
                + " join manabi_cmi5_registration r on r.registration = s.registration where " + where)) {
            ps.setObject(1, time != null ? time : value);
            List<Session> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), LaunchMode.valueOf(rs.getString(8)),
                            instant(rs, 9), rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getString(12),
                            instant(rs, 13), instant(rs, 14), rs.getString(15), instant(rs, 16), instant(rs, 17),
                            instant(rs, 18), rs.getBigDecimal(19), rs.getBoolean(20)));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
