package dev.manabi.tincan;

import dev.manabi.core.ApiSecrets;
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
 * The SQL of registrations (one per learner and course, the launch's {@code registration}, with the standing the
 * learner's statements about the root activity give) and of the launch credentials, secrets kept as salted hashes only.
 */
final class Registrations {

    private Registrations() {
    }

    /**
     * A learner's registration in a course.
     *
     * @param activityId  the root activity id of the version last launched: the statements that count are about it
     * @param accountName the learner's xAPI account name at the latest launch (statements count by the launch
     *                    credential's whole agent identity, {@code TincanProgress})
     * @param completed   the root activity is completed
     * @param success     true passed, false failed, null not judged
     * @param score       the last reported score (scaled × 100, else raw), or null
     * @param maxScore    its maximum (100 for a scaled score), or null
     */
    record Registration(String registration, String tenantId, String learnerId, String courseId, String lineId,
                        String activityId, String accountName, boolean completed, Boolean success, Double score,
                        Double maxScore) {

        Registration withStanding(boolean completed, Boolean success, Double score, Double maxScore) {
            return new Registration(registration, tenantId, learnerId, courseId, lineId, activityId, accountName,
                    completed, success, score, maxScore);
        }
    }

    /**
     * A launch credential: the registration and learner (their agent's identifier, or null for credentials issued
     * before it was kept) it is limited to, and its institution.
     */
    /** A launch credential; {@code packageId}: the version launched (null for credentials issued before V3). */
    record Credential(String credentialId, String registration, String tenantId, String secretHash,
                      Instant expiresAt, String actorKey, String lineId, String packageId) {
    }

    private static final String COLUMNS = "registration, tenant_id, learner_id, course_id, line_id, activity_id,"
            + " account_name, completed, success, score, max_score";

    /**
     * The learner's registration for the course, created on the first launch; the root activity of the version
     * launched now replaces the one remembered (a new version may name another root).
     *
     * @return the registration and whether it was created now
     */
    static Created open(Connection c, String tenantId, String learnerId, String courseId, String lineId,
                        String activityId, String accountName, Instant now) throws SQLException {
        Optional<Registration> existing = one(c, "tenant_id = ? and learner_id = ? and course_id = ?", tenantId,
                learnerId, courseId);
        if (existing.isPresent()) {
            Registration r = existing.get();
            Sql.update(c, "update manabi_tincan_registration set line_id = ?, activity_id = ?, account_name = ?"
                    + " where registration = ?", lineId, activityId, accountName, r.registration());
            return new Created(new Registration(r.registration(), tenantId, learnerId, courseId, lineId, activityId,
                    accountName, r.completed(), r.success(), r.score(), r.maxScore()), false);
        }
        String registration = UUID.randomUUID().toString();
        Sql.update(c, "insert into manabi_tincan_registration (" + COLUMNS + ", created_at, updated_at)"
                + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)", registration, tenantId, learnerId, courseId, lineId,
                activityId, accountName, false, null, null, null, Timestamp.from(now), Timestamp.from(now));
        return new Created(new Registration(registration, tenantId, learnerId, courseId, lineId, activityId,
                accountName, false, null, null, null), true);
    }

    /** What {@link #open} found or made. */
    record Created(Registration registration, boolean created) {
    }

    static Optional<Registration> byId(Connection c, String tenantId, String registration) throws SQLException {
        return one(c, "tenant_id = ? and registration = ?", tenantId, registration);
    }

    /** {@link #byId}, the row locked until the transaction ends ({@code TincanProgress} derives its standing). */
    static Optional<Registration> lockById(Connection c, String tenantId, String registration) throws SQLException {
        return one(c, "tenant_id = ? and registration = ? for update", tenantId, registration);
    }

    static void saveStanding(Connection c, Registration r, Instant now) throws SQLException {
        Sql.update(c, "update manabi_tincan_registration set completed = ?, success = ?, score = ?, max_score = ?,"
                + " updated_at = ? where registration = ?", r.completed(), r.success(), r.score(), r.maxScore(),
                Timestamp.from(now), r.registration());
    }

    private static Optional<Registration> one(Connection c, String where, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from manabi_tincan_registration"
                + " where " + where)) {
            Sql.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Registration(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        (Boolean) rs.getObject(9), (Double) rs.getObject(10), (Double) rs.getObject(11)));
            }
        }
    }

    /**
     * Stores a launch credential for the learner whose agent identifier is {@code actorKey}; the secret only as
     * {@link ApiSecrets#hash} salted with the credential id.
     */
    static void insertCredential(Connection c, String credentialId, String registration, String actorKey,
                                 String packageId, String secret, Instant now, Instant expiresAt)
            throws SQLException {
        Sql.update(c, "insert into manabi_tincan_credential (credential_id, registration, secret_hash, issued_at,"
                + " expires_at, actor_key, package_id) values (?,?,?,?,?,?,?)", credentialId, registration,
                ApiSecrets.hash(credentialId, secret), Timestamp.from(now), Timestamp.from(expiresAt), actorKey,
                packageId);
    }

    static Optional<Credential> credential(Connection c, String credentialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select k.credential_id, k.registration, r.tenant_id,"
                + " k.secret_hash, k.expires_at, k.actor_key, r.line_id, k.package_id"
                + " from manabi_tincan_credential k join manabi_tincan_registration r"
                + " on r.registration = k.registration where k.credential_id = ?")) {
            ps.setString(1, credentialId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credential(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getString(8))) : Optional.empty();
            }
        }
    }
}
