package dev.manabi.badges;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The badge tables' SQL (V1__badges.sql), portable between H2 and PostgreSQL. */
final class BadgeStore {

    private BadgeStore() {
    }

    /** A badge class as stored: the declaration as the rules last gave it. */
    record StoredClass(String id, String courseId, String key, String ownerTenantId, String issuerId,
                       String declaration, boolean declared) {
    }

    /**
     * An issued badge. {@code withdrawnAt} is set, and salt and hash are null, once the learner's records were
     * anonymized (V4__withdrawn_badges.sql).
     */
    record StoredAssertion(String id, String classId, String tenantId, String learnerId, String salt, String hash,
                           boolean mailPlaceholder, Instant issuedOn, Instant revokedAt, String revocationReason,
                           Instant withdrawnAt) {

        boolean revoked() {
            return revokedAt != null;
        }

        boolean withdrawn() {
            return withdrawnAt != null;
        }
    }

    private static final String CLASS_COLUMNS =
            "id, course_id, badge_key, owner_tenant_id, issuer_id, declaration, declared";
    private static final String ASSERTION_COLUMNS = "a.id, a.badge_class_id, a.tenant_id, a.learner_id, "
            + "a.recipient_salt, a.recipient_hash, a.mail_placeholder, a.issued_on, a.revoked_at, a.revocation_reason,"
            + " a.withdrawn_at";

    /**
     * Stores what the rules of {@code courseId} now declare: each badge updated or added (its id kept, so issued
     * assertions and hosted URLs stay valid), and badges the rules no longer name marked undeclared (never issued
     * again, still hosted).
     */
    static void declare(DataSource ds, String courseId, String ownerTenantId, String issuerId,
                        List<String> keys, List<String> declarations, Instant now) {
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "update manabi_badge_class set declared = false, updated_at = ? where course_id = ?",
                    Timestamp.from(now), courseId);
            for (int i = 0; i < keys.size(); i++) {
                if (Sql.update(c, "update manabi_badge_class set owner_tenant_id = ?, issuer_id = ?, declaration = ?,"
                                + " declared = true, updated_at = ? where course_id = ? and badge_key = ?",
                        ownerTenantId, issuerId, declarations.get(i), Timestamp.from(now), courseId, keys.get(i)) == 0) {
                    Sql.update(c, "insert into manabi_badge_class (" + CLASS_COLUMNS + ", updated_at)"
                                    + " values (?, ?, ?, ?, ?, ?, true, ?)", UUID.randomUUID().toString(), courseId,
                            keys.get(i), ownerTenantId, issuerId, declarations.get(i), Timestamp.from(now));
                }
            }
            return null;
        });
    }

    static List<StoredClass> declaredClasses(DataSource ds, String courseId) {
        return classes(ds, "select " + CLASS_COLUMNS + " from manabi_badge_class where course_id = ? and declared"
                + " order by badge_key", courseId);
    }

    static Optional<StoredClass> badgeClass(DataSource ds, String id) {
        return classes(ds, "select " + CLASS_COLUMNS + " from manabi_badge_class where id = ?", id).stream()
                .findFirst();
    }

    /** Whether any badge class names {@code issuerId} (issuer Profiles are only hosted for real issuers). */
    static boolean issuerKnown(DataSource ds, String issuerId) {
        return !classes(ds, "select " + CLASS_COLUMNS + " from manabi_badge_class where issuer_id = ?"
                + " fetch first 1 rows only", issuerId).isEmpty();
    }

    private static List<StoredClass> classes(DataSource ds, String sql, Object... params) {
        return query(ds, sql, rs -> new StoredClass(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7)), params);
    }

    /** One row read into a value. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(DataSource ds, String sql, Reader<T> reader, Object... params) {
        return Sql.inTransaction(ds, c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Records that the rules said the learner achieved {@code achievement} (kept once, the first time). */
    static void achieved(DataSource ds, LearnerContext learner, String courseId, Collection<String> achievements,
                         Instant at) {
        Sql.inTransaction(ds, c -> {
            for (String achievement : achievements) {
                insertOnce(c, "insert into manabi_badge_achievement (tenant_id, learner_id, course_id, achievement,"
                        + " achieved_at) values (?, ?, ?, ?, ?)", learner.tenant().id(), learner.learnerId(), courseId,
                        achievement, Timestamp.from(at));
            }
            return null;
        });
    }

    static Set<String> achievements(DataSource ds, LearnerContext learner, String courseId) {
        return strings(ds, "select achievement from manabi_badge_achievement where tenant_id = ? and learner_id = ?"
                + " and course_id = ?", learner.tenant().id(), learner.learnerId(), courseId);
    }

    /** The badge classes of {@code courseId} the learner holds (revoked ones included: revocation is final). */
    static Set<String> heldClassIds(DataSource ds, LearnerContext learner, String courseId) {
        return strings(ds, "select a.badge_class_id from manabi_badge_assertion a join manabi_badge_class b"
                + " on b.id = a.badge_class_id where a.tenant_id = ? and a.learner_id = ? and b.course_id = ?",
                learner.tenant().id(), learner.learnerId(), courseId);
    }

    private static Set<String> strings(DataSource ds, String sql, Object... params) {
        return new HashSet<>(query(ds, sql, rs -> rs.getString(1), params));
    }

    /**
     * Issues the badge unless the learner already holds it: the unique key (class, tenant, learner) decides, so two
     * events racing for the same learner issue one assertion.
     *
     * @return the new assertion's id, or empty when the learner already held the badge
     */
    static Optional<String> issue(DataSource ds, String classId, LearnerContext learner, String salt, String hash,
                                  boolean mailPlaceholder, Instant now) {
        String id = UUID.randomUUID().toString();
        boolean inserted = Sql.inTransaction(ds, c -> insertOnce(c, "insert into manabi_badge_assertion (id,"
                        + " badge_class_id, tenant_id, learner_id, recipient_salt, recipient_hash, mail_placeholder,"
                        + " issued_on) select ?, ?, ?, ?, ?, ?, ?, ? from manabi_badge_class where id = ? and declared"
                        + " and not exists (select 1 from manabi_badge_assertion where badge_class_id = ?"
                        + " and tenant_id = ? and learner_id = ?)", id, classId, learner.tenant().id(),
                learner.learnerId(), salt, hash, mailPlaceholder, Timestamp.from(now), classId, classId,
                learner.tenant().id(), learner.learnerId()));
        return inserted ? Optional.of(id) : Optional.empty();
    }

    /**
     * Runs an insert that a unique key may refuse; a refusal (SQLState class 23) is "already there". The savepoint
     * keeps the transaction usable afterwards on PostgreSQL, which aborts a transaction at its first error.
     */
    private static boolean insertOnce(Connection c, String sql, Object... params) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            return Sql.update(c, sql, params) > 0;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                c.rollback(before);
                return false;
            }
            throw e;
        }
    }

    static Optional<StoredAssertion> assertion(DataSource ds, String id) {
        return assertions(ds, "select " + ASSERTION_COLUMNS + " from manabi_badge_assertion a where a.id = ?", id)
                .stream().findFirst();
    }

    static List<StoredAssertion> assertionsOf(DataSource ds, LearnerContext learner) {
        return assertions(ds, "select " + ASSERTION_COLUMNS + " from manabi_badge_assertion a where a.tenant_id = ?"
                + " and a.learner_id = ? order by a.issued_on desc, a.id", learner.tenant().id(), learner.learnerId());
    }

    /** The badges awarded to members of {@code tenantId}, newest first, at most {@code limit}. */
    static List<StoredAssertion> assertionsIn(DataSource ds, String tenantId, int limit) {
        return assertions(ds, "select " + ASSERTION_COLUMNS + " from manabi_badge_assertion a where a.tenant_id = ?"
                + " order by a.issued_on desc, a.id fetch first " + limit + " rows only", tenantId);
    }

    private static List<StoredAssertion> assertions(DataSource ds, String sql, Object... params) {
        return query(ds, sql, rs -> {
            Timestamp revoked = rs.getTimestamp(9);
            Timestamp withdrawn = rs.getTimestamp(11);
            return new StoredAssertion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getTimestamp(8).toInstant(),
                    revoked == null ? null : revoked.toInstant(), rs.getString(10),
                    withdrawn == null ? null : withdrawn.toInstant());
        }, params);
    }

    /** Whether {@code id} is the id of an assertion erased or expired with its learner's data (410, not 404). */
    static boolean erasedWithdrawn(DataSource ds, String id) {
        return !query(ds, "select 1 from manabi_badge_withdrawn where assertion_id = ?", rs -> true, id).isEmpty();
    }

    /** Revokes an assertion not revoked yet; false when it already was (the first reason stands). */
    static boolean revoke(Connection c, String id, String reason, LearnerContext by, Instant now)
            throws SQLException {
        // The revoker's institution beside their id: an issuing institution's admin revokes other institutions'
        // learners' badges, and ids are unique only within an institution (PersonalData.forgetActor).
        return Sql.update(c, "update manabi_badge_assertion set revoked_at = ?,"
                + " revocation_reason = ?, revoked_by = ?, revoked_by_tenant = ? where id = ? and revoked_at is null",
                Timestamp.from(now), reason, by.learnerId(), by.tenant().id(), id) == 1;
    }

    // ------------------------------------------------------------------------------------------------ OB 3.0 status

    /**
     * The assertion's bit in its issuer's revocation list, allocated on first need: the next free index, claimed by
     * the primary key (issuer, index), so servers allocating at once never share a bit; the loser tries the next.
     */
    static int statusIndex(DataSource ds, String assertionId, String issuerId) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<Integer> held = statusIndexOf(ds, assertionId);
            if (held.isPresent()) {
                return held.get();
            }
            boolean claimed = Sql.inTransaction(ds, c -> {
                int next;
                // Never backwards: an erased credential's index (a tombstone) is never handed out again.
                try (PreparedStatement ps = c.prepareStatement("select coalesce(max(status_index) + 1, 0) from ("
                        + "select status_index from manabi_badge_status where issuer_id = ? union all"
                        + " select status_index from manabi_badge_status_tombstone where issuer_id = ?) x")) {
                    ps.setString(1, issuerId);
                    ps.setString(2, issuerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        next = rs.getInt(1);
                    }
                }
                return insertOnce(c, "insert into manabi_badge_status (issuer_id, status_index, assertion_id)"
                        + " values (?, ?, ?)", issuerId, next, assertionId);
            });
            if (claimed) {
                return statusIndexOf(ds, assertionId).orElseThrow();
            }
        }
        throw new IllegalStateException("no status list index could be claimed for assertion " + assertionId);
    }

    private static Optional<Integer> statusIndexOf(DataSource ds, String assertionId) {
        return query(ds, "select status_index from manabi_badge_status where assertion_id = ?", rs -> rs.getInt(1),
                assertionId).stream().findFirst();
    }

    /** The highest index allocated in the issuer's list (-1 when none). */
    static int highestStatusIndex(DataSource ds, String issuerId) {
        return query(ds, "select coalesce(max(status_index), -1) from (select status_index from manabi_badge_status"
                + " where issuer_id = ? union all select status_index from manabi_badge_status_tombstone"
                + " where issuer_id = ?) x", rs -> rs.getInt(1), issuerId, issuerId).get(0);
    }

    /**
     * The indexes of the issuer's revoked credentials: revoked and withdrawn ones, erased and expired ones
     * (tombstones) included.
     */
    static List<Integer> revokedStatusIndexes(DataSource ds, String issuerId) {
        return query(ds, "select s.status_index from manabi_badge_status s join manabi_badge_assertion a"
                + " on a.id = s.assertion_id where s.issuer_id = ?"
                + " and (a.revoked_at is not null or a.withdrawn_at is not null)"
                + " union select status_index from manabi_badge_status_tombstone where issuer_id = ? order by 1",
                rs -> rs.getInt(1), issuerId, issuerId);
    }
}
