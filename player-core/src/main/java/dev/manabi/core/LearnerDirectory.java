package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Collator;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The tenants and learners the player has met. Learners are recorded the first time the host presents them, so
 * institution admins can list their members before anyone has finished a course.
 */
@ApplicationScoped
public class LearnerDirectory {

    /** How stale {@code last_seen} may get before a request refreshes it; keeps writes off the hot path. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(5);

    @Inject
    Database database;

    /** Time of day for stored dates; tests set their own (the project's rule: time from an injected Clock). */
    Clock clock = Clock.systemUTC();

    private final ConcurrentHashMap<String, Instant> lastTouched = new ConcurrentHashMap<>();

    /** A learner as an institution admin sees them. */
    public record Member(String learnerId, String displayName, String mail, Instant firstSeen, Instant lastSeen) {
    }

    void remember(LearnerContext learner) {
        String key = learner.tenant().id() + "\u0000" + learner.learnerId();
        Instant now = clock.instant();
        Instant previous = lastTouched.get(key);
        if (previous != null && previous.isAfter(now.minus(TOUCH_INTERVAL))) {
            return;
        }
        Store.remember(database.ready(), learner, now);
        lastTouched.put(key, now);
    }

    /**
     * Forgets that this server recorded the learner lately: after an erasure or an account deletion, their next
     * request records them again instead of being skipped as recently seen (other servers of a cluster do within
     * {@link #TOUCH_INTERVAL}).
     */
    void forget(String tenantId, String learnerId) {
        lastTouched.remove(tenantId + "\u0000" + learnerId);
    }

    public List<Member> members(String tenantId) {
        return Store.members(database.ready(), tenantId);
    }

    /** An institution the player has met (its id and the name its members' sign-in last gave). */
    public record Institution(String id, String name) {
    }

    /**
     * Every institution the player has met, by name then id. Sorted here with a root-locale collator, not in SQL:
     * the order must not depend on the database's collation (H2 and PostgreSQL differ for non-ASCII names).
     */
    public List<Institution> institutions() {
        return Store.institutions(database.ready());
    }

    /**
     * The learner as the host last presented them (name, mail, institution name; locale: their UI language choice),
     * on the caller's transaction, for work done outside the learner's own request, e.g. progress from LRS
     * statements. Roles are not kept, so the context has none; empty when the player never met the learner.
     */
    public static Optional<LearnerContext> lastSeen(Connection c, String tenantId, String learnerId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select l.display_name, l.mail, t.name, l.ui_language"
                + " from manabi_learner l join manabi_tenant t on t.id = l.tenant_id"
                + " where l.tenant_id = ? and l.learner_id = ?")) {
            ps.setString(1, tenantId);
            ps.setString(2, learnerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String language = rs.getString(4);
                return Optional.of(new LearnerContext(learnerId, rs.getString(1), rs.getString(2),
                        new Tenant(tenantId, rs.getString(3)), java.util.Set.of(),
                        language == null ? null : java.util.Locale.forLanguageTag(language)));
            }
        }
    }

    /**
     * One page of {@code tenantId}'s members in learner id order, only {@code learnerId} when it is given; with the
     * number of all that match, for paging.
     */
    public MemberPage members(String tenantId, String learnerId, int offset, int limit) {
        return Store.page(database.ready(), tenantId, learnerId, offset, limit);
    }

    /** A page of members and how many there are in all. */
    public record MemberPage(List<Member> members, int total) {
    }

    public Optional<String> uiLanguage(LearnerContext learner) {
        return Store.uiLanguage(database.ready(), learner);
    }

    public void setUiLanguage(LearnerContext learner, String tag) {
        Store.setUiLanguage(database.ready(), learner, tag, clock.instant());
    }

    /** The values of the learner's audio preference (cmi5 section 11.2: "on" or "off"). */
    public static final java.util.Set<String> AUDIO_PREFERENCES = java.util.Set.of("on", "off");

    /**
     * The learner's audio preference, {@code on} or {@code off}; empty when they never set one (content then uses its
     * own default, cmi5 section 11.2).
     */
    public Optional<String> audioPreference(String tenantId, String learnerId) {
        return Store.audioPreference(database.ready(), tenantId, learnerId);
    }

    /** Sets ({@code on} / {@code off}) or forgets (null) the learner's audio preference. */
    public void setAudioPreference(LearnerContext learner, String value) {
        if (value != null && !AUDIO_PREFERENCES.contains(value)) {
            throw new IllegalArgumentException("audio preference " + value);
        }
        Store.setAudioPreference(database.ready(), learner, value, clock.instant());
    }

    /** The SQL, separate from CDI so it is tested directly on H2 and PostgreSQL. */
    static final class Store {

        private Store() {
        }

        static void remember(DataSource ds, LearnerContext learner, Instant now) {
            Timestamp ts = Timestamp.from(now);
            Sql.inTransaction(ds, c -> {
                ensureTenant(c, learner.tenant(), ts);
                int updated = Sql.update(c, "update manabi_learner set display_name = ?, mail = ?, last_seen = ?"
                        + " where tenant_id = ? and learner_id = ?", learner.displayName(), learner.mail(), ts,
                        learner.tenant().id(), learner.learnerId());
                if (updated == 0) {
                    Sql.update(c, "insert into manabi_learner (tenant_id, learner_id, display_name, mail, first_seen,"
                            + " last_seen) values (?, ?, ?, ?, ?, ?)", learner.tenant().id(), learner.learnerId(),
                            learner.displayName(), learner.mail(), ts, ts);
                    // Back before the retention job anonymized their records (README "Personal data"): they stay theirs.
                    Sql.update(c, "delete from manabi_learner_deletion where tenant_id = ? and learner_id = ?",
                            learner.tenant().id(), learner.learnerId());
                }
                return null;
            });
        }

        /**
         * Records the tenant, or its new name. Read first and write only a change: every learner of an institution
         * passes here, and an unconditional update would make its one row a lock all their first requests queue on.
         */
        static void ensureTenant(Connection c, Tenant tenant, Timestamp now) throws SQLException {
            Optional<String> stored;
            try (PreparedStatement ps = c.prepareStatement("select name from manabi_tenant where id = ?")) {
                ps.setString(1, tenant.id());
                try (ResultSet rs = ps.executeQuery()) {
                    stored = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
            if (stored.isEmpty()) {
                Sql.update(c, "insert into manabi_tenant (id, name, created_at) values (?, ?, ?)",
                        tenant.id(), tenant.name(), now);
            } else if (!stored.get().equals(tenant.name())) {
                Sql.update(c, "update manabi_tenant set name = ? where id = ?", tenant.name(), tenant.id());
            }
        }

        static List<Institution> institutions(DataSource ds) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select id, name from manabi_tenant");
                     ResultSet rs = ps.executeQuery()) {
                    List<Institution> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Institution(rs.getString(1), rs.getString(2)));
                    }
                    Collator collator = Collator.getInstance(Locale.ROOT);
                    out.sort(Comparator.comparing(Institution::name, collator).thenComparing(Institution::id));
                    return out;
                }
            });
        }

        static List<Member> members(DataSource ds, String tenantId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select learner_id, display_name, mail, first_seen,"
                        + " last_seen from manabi_learner where tenant_id = ? order by learner_id")) {
                    ps.setString(1, tenantId);
                    List<Member> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                        }
                    }
                    return out;
                }
            });
        }

        static MemberPage page(DataSource ds, String tenantId, String learnerId, int offset, int limit) {
            String where = " from manabi_learner where tenant_id = ?" + (learnerId == null ? "" : " and learner_id = ?");
            Object[] params = learnerId == null ? new Object[] {tenantId} : new Object[] {tenantId, learnerId};
            return Sql.inTransaction(ds, c -> {
                int total;
                try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                    Sql.bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getInt(1);
                    }
                }
                List<Member> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select learner_id, display_name, mail, first_seen,"
                        + " last_seen" + where + " order by learner_id limit " + limit + " offset " + offset)) {
                    Sql.bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                        }
                    }
                }
                return new MemberPage(out, total);
            });
        }

        static Optional<String> uiLanguage(DataSource ds, LearnerContext learner) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select ui_language from manabi_learner where tenant_id = ? and learner_id = ?")) {
                    ps.setString(1, learner.tenant().id());
                    ps.setString(2, learner.learnerId());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        static Optional<String> audioPreference(DataSource ds, String tenantId, String learnerId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select audio_preference from manabi_learner where tenant_id = ? and learner_id = ?")) {
                    Sql.bind(ps, tenantId, learnerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        static void setAudioPreference(DataSource ds, LearnerContext learner, String value, Instant now) {
            remember(ds, learner, now);
            Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_learner set audio_preference = ?"
                    + " where tenant_id = ? and learner_id = ?", value, learner.tenant().id(), learner.learnerId()));
        }

        static void setUiLanguage(DataSource ds, LearnerContext learner, String tag, Instant now) {
            remember(ds, learner, now);
            Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_learner set ui_language = ?"
                    + " where tenant_id = ? and learner_id = ?", tag, learner.tenant().id(), learner.learnerId()));
        }
    }
}
