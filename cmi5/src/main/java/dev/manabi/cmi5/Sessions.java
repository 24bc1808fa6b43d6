package dev.manabi.cmi5;

import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of registrations (one per learner and course: cmi5 section 3 "Registration", 8.1 registration) and of
 * launch sessions with their one-time fetch key and session token (8.2), both kept as SHA-256 hashes only.
 */
final class Sessions {

    private Sessions() {
    }

    /** A stored launch session. */
    record Session(String sessionId, String registration, String tenantId, String learnerId, String courseId,
                   String packageId, int auIndex, LaunchMode launchMode, Instant fetchedAt, Instant expiresAt,
                   String tokenHash) {
    }

    /** The learner's registration for the course, created on first launch. */
    static String registration(Connection c, String tenantId, String learnerId, String courseId, Instant now)
            throws SQLException {
        Optional<String> existing = findRegistration(c, tenantId, learnerId, courseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String registration = UUID.randomUUID().toString();
        Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                + " created_at) values (?,?,?,?,?)", registration, tenantId, learnerId, courseId, Timestamp.from(now));
        return registration;
    }

    static Optional<String> findRegistration(Connection c, String tenantId, String learnerId, String courseId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select registration from manabi_cmi5_registration"
                + " where tenant_id = ? and learner_id = ? and course_id = ?")) {
            Sql.bind(ps, tenantId, learnerId, courseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void insertSession(Connection c, String sessionId, String registration, String packageId, int auIndex,
                              LaunchMode mode, String fetchKeyHash, Instant now, Instant expiresAt)
            throws SQLException {
        Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index, launch_mode,"
                + " fetch_key_hash, expires_at, launched_at) values (?,?,?,?,?,?,?,?)", sessionId, registration,
                packageId, auIndex, mode.name(), fetchKeyHash, Timestamp.from(expiresAt), Timestamp.from(now));
    }

    /**
     * Hands out the session token for a fetch key once (8.2.3.1): true when this call marked the session fetched
     * with {@code tokenHash}; false when it was fetched before or has expired.
     */
    static boolean fetch(Connection c, String fetchKeyHash, String tokenHash, Instant now) throws SQLException {
        return Sql.update(c, "update manabi_cmi5_session set fetched_at = ?, token_hash = ? where fetch_key_hash = ?"
                + " and fetched_at is null and expires_at > ?", Timestamp.from(now), tokenHash, fetchKeyHash,
                Timestamp.from(now)) == 1;
    }

    static Optional<Session> byFetchKey(Connection c, String fetchKeyHash) throws SQLException {
        return one(c, "s.fetch_key_hash = ?", fetchKeyHash);
    }

    static Optional<Session> byId(Connection c, String sessionId) throws SQLException {
        return one(c, "s.session_id = ?", sessionId);
    }

    private static Optional<Session> one(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select s.session_id, s.registration, r.tenant_id,"
                + " r.learner_id, r.course_id, s.package_id, s.au_index, s.launch_mode, s.fetched_at, s.expires_at,"
                + " s.token_hash from manabi_cmi5_session s join manabi_cmi5_registration r on r.registration = s.registration"
                + " where " + where)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp fetched = rs.getTimestamp(9);
                return Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), LaunchMode.valueOf(rs.getString(8)),
                        fetched == null ? null : fetched.toInstant(), rs.getTimestamp(10).toInstant(), rs.getString(11)));
            }
        }
    }
}
