package dev.manabi.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The audit log of admin actions (issue 15; README "Personal data"): member lists, sharing changes, LRS credentials,
 * badge revocations, erasures and retention runs. An entry says who acted (learner id and tenant), the action's
 * stable code ({@link Action}), the tenant and thing it concerns, when, and a small JSON detail that never holds a
 * secret. Modules write it with {@link #record(Connection, LearnerContext, String, String, String, Map)} on the
 * connection of the action's own transaction, so an action and its entry are stored together or not at all.
 */
@ApplicationScoped
public class AuditLog {

    /** Longest page {@link #entries} answers. */
    public static final int MAX_PAGE_SIZE = 500;
    private static final int TARGET_CHARS = 512;
    /** The actor id of entries the scheduled retention job writes. */
    public static final String JOB_ACTOR = "manabi:retention-job";

    /** The stable action codes. */
    public static final class Action {
        public static final String MEMBERS_LISTED = "members.listed";
        public static final String COURSE_SHARING_CHANGED = "course.sharing-changed";
        public static final String LRS_CREDENTIAL_CREATED = "lrs.credential-created";
        public static final String LRS_CREDENTIAL_REVOKED = "lrs.credential-revoked";
        public static final String BADGE_REVOKED = "badge.revoked";
        /** An admin listed the badges awarded to an institution's members. */
        public static final String BADGES_LISTED = "badges.listed";
        /** An admin created, changed or deleted an external LRS the institution's statements are forwarded to. */
        public static final String LRS_FORWARDING_CREATED = "lrs.forwarding-created";
        public static final String LRS_FORWARDING_CHANGED = "lrs.forwarding-changed";
        public static final String LRS_FORWARDING_DELETED = "lrs.forwarding-deleted";
        /** An admin sent an endpoint's dead letters (statements that failed delivery) again. */
        public static final String LRS_FORWARDING_REPLAYED = "lrs.forwarding-replayed";
        /** A platform admin waived a cmi5 AU for a registration (with the reason), abandoned a session, or launched
         *  an AU for an agent through the automation API (cmi5 9.3.6, 9.3.7). */
        public static final String CMI5_AU_WAIVED = "cmi5.au-waived";
        public static final String CMI5_SESSION_ABANDONED = "cmi5.session-abandoned";
        public static final String CMI5_AUTOMATION_LAUNCH = "cmi5.automation-launch";
        /** An admin read the audit log itself. */
        public static final String AUDIT_LOG_READ = "audit.read";
        public static final String RECORDS_DOWNLOADED = "records.downloaded";
        public static final String RECORDS_CREDENTIAL_CREATED = "records.credential-created";
        public static final String RECORDS_CREDENTIAL_REVOKED = "records.credential-revoked";
        public static final String MEMBER_ERASED = "member.erased";
        public static final String MEMBER_DATA_DOWNLOADED = "member.data-downloaded";
        public static final String RETENTION_RUN = "retention.run";
        /** An author or admin saved a course's completion rules (which decide completion, pass and badges). */
        public static final String RULES_SAVED = "rules.saved";

        private Action() {
        }
    }

    @Inject
    Database database;

    /** Time of the entries; tests set their own. */
    Clock clock = Clock.systemUTC();

    /** The actor id of a learning records credential's reads: this prefix and the credential's id. */
    public static final String RECORDS_CREDENTIAL_ACTOR_PREFIX = "records-credential:";

    /** One entry as the admin API answers it. */
    public record Entry(long seq, String actorTenantId, String actorId, String action, String targetTenantId,
                        String target, Instant occurredAt, JsonNode detail) {
    }

    /** A page of entries, newest first. */
    public record Page(List<Entry> entries, int page, int size, boolean more) {
    }

    /** Records an action on {@code c}, the connection of the action's own transaction. */
    public void record(Connection c, LearnerContext actor, String action, String targetTenantId, String target,
                       Map<String, ?> detail) throws SQLException {
        Store.insert(c, actor.tenant().id(), actor.learnerId(), action, targetTenantId, target, detail,
                clock.instant());
    }

    /** How long one admin's reads of the audit log with one filter make one {@code audit.read} entry. */
    public static final Duration READ_WINDOW = Duration.ofHours(1);

    /**
     * Records that {@code admin} read the audit log with {@code filter} (the tenant, action and period asked,
     * as text: the entry's target), at most once per admin, filter and clock hour ({@link #READ_WINDOW}, from the
     * hour's start in UTC): the evidence of who looked at what stays, and the admin page's reloads and paging do not
     * bury the other entries. Answers whether an entry was written. Two reads at the same instant may both write
     * one (no lock: a duplicate costs nothing).
     */
    public boolean recordRead(LearnerContext admin, String targetTenantId, String filter, Map<String, ?> detail) {
        Instant now = clock.instant();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(),
                READ_WINDOW.toMillis()));
        return Sql.inTransaction(database.ready(), c -> {
            if (Store.readSince(c, admin.tenant().id(), admin.learnerId(), targetTenantId, filter, windowStart)) {
                return false;
            }
            Store.insert(c, admin.tenant().id(), admin.learnerId(), Action.AUDIT_LOG_READ, targetTenantId, filter,
                    detail, now);
            return true;
        });
    }

    /** Records what the scheduled retention job did (no admin acted: the actor has no tenant). */
    void recordJob(Connection c, String action, Map<String, ?> detail) throws SQLException {
        Store.insert(c, null, JOB_ACTOR, action, null, null, detail, clock.instant());
    }

    /** Records an action that has no transaction of its own (reading a member list), in a transaction of its own. */
    public void record(LearnerContext actor, String action, String targetTenantId, String target,
                       Map<String, ?> detail) {
        record(actor.tenant().id(), actor.learnerId(), action, targetTenantId, target, detail);
    }

    /**
     * As {@link #record(LearnerContext, String, String, String, Map)} for an actor that is no person: a records
     * credential ({@link #RECORDS_CREDENTIAL_ACTOR_PREFIX} and its id, of its institution).
     */
    public void record(String actorTenantId, String actorId, String action, String targetTenantId, String target,
                       Map<String, ?> detail) {
        Sql.inTransaction(database.ready(), c -> {
            Store.insert(c, actorTenantId, actorId, action, targetTenantId, target, detail, clock.instant());
            return null;
        });
    }

    /**
     * Entries in {@code [from, to)} (either may be null), newest first; {@code tenantId} null: every tenant's,
     * otherwise those the tenant's admins did or that concern the tenant.
     */
    public Page entries(String tenantId, Instant from, Instant to, int page, int size) {
        return entries(tenantId, null, from, to, page, size);
    }

    /** As {@link #entries(String, Instant, Instant, int, int)}, only entries of {@code action} (null: every one). */
    public Page entries(String tenantId, String action, Instant from, Instant to, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw PlayerException.badRequest("bad-page", "page must be 0 or more and size 1-" + MAX_PAGE_SIZE);
        }
        List<Entry> rows = Store.entries(database.ready(), tenantId, action, from, to, page * size, size + 1);
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, page, size, more);
    }

    /** The SQL, separate from CDI so it is tested directly on H2 and PostgreSQL. */
    static final class Store {

        private Store() {
        }

        static void insert(Connection c, String actorTenantId, String actorId, String action, String targetTenantId,
                           String target, Map<String, ?> detail, Instant at) throws SQLException {
            String json;
            try {
                json = detail == null || detail.isEmpty() ? null : Json.mapper().writeValueAsString(detail);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Audit detail is not JSON", e);
            }
            Sql.update(c, "insert into manabi_audit_entry (actor_tenant_id, actor_id, action, target_tenant_id,"
                    + " target, occurred_at, detail) values (?, ?, ?, ?, ?, ?, ?)", actorTenantId, actorId, action,
                    targetTenantId, target == null ? null : target.substring(0, Math.min(target.length(),
                            TARGET_CHARS)), Timestamp.from(at), json);
        }

        /** Whether the admin's read with {@code filter} of {@code targetTenantId} (null: all) is logged since then. */
        static boolean readSince(Connection c, String actorTenantId, String actorId, String targetTenantId,
                                 String filter, Instant since) throws SQLException {
            // Two statements rather than "= ? or ? is null": PostgreSQL cannot type a parameter only compared
            // with null.
            String sql = "select 1 from manabi_audit_entry where action = ? and actor_tenant_id = ? and actor_id = ?"
                    + " and target = ? and occurred_at >= ? and target_tenant_id "
                    + (targetTenantId == null ? "is null" : "= ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Object[] params = targetTenantId == null
                        ? new Object[] {Action.AUDIT_LOG_READ, actorTenantId, actorId, filter, Timestamp.from(since)}
                        : new Object[] {Action.AUDIT_LOG_READ, actorTenantId, actorId, filter, Timestamp.from(since),
                                targetTenantId};
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        static List<Entry> entries(DataSource ds, String tenantId, String action, Instant from, Instant to,
                                   int offset, int limit) {
            StringBuilder sql = new StringBuilder("select seq, actor_tenant_id, actor_id, action, target_tenant_id,"
                    + " target, occurred_at, detail from manabi_audit_entry where 1 = 1");
            List<Object> params = new ArrayList<>();
            if (tenantId != null) {
                // An institution sees what was done to it, not what its members (a platform admin homed there
                // included) did to others: that entry, with its reason, belongs to the target institution.
                sql.append(" and target_tenant_id = ?");
                params.add(tenantId);
            }
            if (action != null) {
                sql.append(" and action = ?");
                params.add(action);
            }
            if (from != null) {
                sql.append(" and occurred_at >= ?");
                params.add(Timestamp.from(from));
            }
            if (to != null) {
                sql.append(" and occurred_at < ?");
                params.add(Timestamp.from(to));
            }
            sql.append(" order by occurred_at desc, seq desc limit ? offset ?");
            params.add(limit);
            params.add(offset);
            return Sql.inTransaction(ds, c -> {
                List<Entry> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    Sql.bind(ps, params.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String detail = rs.getString(8);
                            out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                                    detail == null ? null : readTree(detail)));
                        }
                    }
                }
                return out;
            });
        }

        /**
         * Drops the free-text {@code reason} (an erasure's, a badge revocation's) from the detail of entries older
         * than {@code before}, leaving {@code "reasonRemoved": true}: the entry itself stays (who did what, when), but
         * a reason may name a person despite the rule not to, and the log is never expired (README "Personal data").
         */
        static int dropReasons(Connection c, Instant before) throws SQLException {
            List<Object[]> named = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select seq, detail from manabi_audit_entry"
                    + " where occurred_at < ? and detail like ?")) {
                Sql.bind(ps, Timestamp.from(before), "%\"reason\"%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        named.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            int dropped = 0;
            for (Object[] row : named) {
                JsonNode detail = readTree((String) row[1]);
                if (detail instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("reason")) {
                    o.remove("reason");
                    o.put("reasonRemoved", true);
                    dropped += Sql.update(c, "update manabi_audit_entry set detail = ? where seq = ?", o.toString(),
                            row[0]);
                }
            }
            return dropped;
        }

        /** Replaces an erased learner's id by their pseudonym wherever the log names them. */
        static int pseudonymize(Connection c, String tenantId, String learnerId, String pseudonym)
                throws SQLException {
            // A records read for one member names them in the detail ({"learner": id}, RecordsResource).
            String named = "\"learner\":" + quoted(learnerId);
            Sql.update(c, "update manabi_audit_entry set detail = replace(detail, ?, ?) where target_tenant_id = ?"
                    + " and detail like ?", named, "\"learner\":" + quoted(pseudonym), tenantId,
                    "%" + named.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            return Sql.update(c, "update manabi_audit_entry set target = ? where target_tenant_id = ?"
                    + " and target = ?", pseudonym, tenantId, learnerId)
                    + Sql.update(c, "update manabi_audit_entry set actor_id = ? where actor_tenant_id = ?"
                    + " and actor_id = ?", pseudonym, tenantId, learnerId);
        }

        private static String quoted(String text) {
            try {
                return Json.mapper().writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static JsonNode readTree(String json) {
            try {
                return Json.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored audit detail is not JSON", e);
            }
        }
    }
}
