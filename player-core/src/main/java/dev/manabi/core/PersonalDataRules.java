package dev.manabi.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Tenant;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * The operating rules for personal data (issue 15, README "Personal data"), over every module's {@link PersonalData}:
 * a learner's download of their own data, an admin's erasure of a member, and the retention run.
 *
 * <p>The retention run, at time {@code now}:
 * <ol>
 *   <li>deletes the accounts (name, mail, UI language) of learners last seen before {@code now} minus
 *       {@code manabi.privacy.inactive-account} (P2Y), noting the deletion; their learning records stay;</li>
 *   <li>anonymizes the records of accounts deleted at least {@code manabi.privacy.anonymize-after-deletion}
 *       (P1Y) minus one day before {@code now}: the run is daily, so "within 1 year of the deletion" holds even
 *       when a run is up to a day late; a learner who comes back before then keeps their records;</li>
 *   <li>deletes learning records last changed before {@code now} minus {@code manabi.privacy.record-retention}
 *       (P10Y), anonymized or not.</li>
 * Periods are calendar periods in UTC ({@link Retention}).
 * </ol>
 * Each account's deletion and each learner's anonymization is one transaction over every module; a run repeated at
 * the same time finds nothing more to do.
 */
@ApplicationScoped
public class PersonalDataRules {

    private static final Logger LOG = Logger.getLogger(PersonalDataRules.class.getName());
    /** Longest erasure reason kept in the audit log. */
    static final int REASON_CHARS = 500;
    private static final int BATCH = 500;

    @Inject
    Database database;

    @Inject
    AuditLog audit;

    @Inject
    Pseudonyms pseudonyms;

    @Inject
    LearnerDirectory directory;

    /** MicroProfile Config for the retention periods; null in tests, which set {@link #retention}. */
    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    Iterable<PersonalData> modules = List.of();

    volatile Retention retention;

    @Inject
    void discover(@Any Instance<PersonalData> found) {
        modules = found;
    }

    /**
     * The configured periods (README "Personal data"): ISO-8601 periods ({@code P2Y}, {@code P10Y}, {@code P1Y} by
     * default, the operating rules' "2 years", "10 years", "within 1 year"), counted in calendar units in UTC on the
     * injected clock, so a year is 365 or 366 days as the calendar has it; or whole days.
     */
    public record Retention(Period inactiveAccount, Period recordRetention, Period anonymizeAfterDeletion) {

        public static final Retention DEFAULT = new Retention(Period.ofYears(2), Period.ofYears(10), Period.ofYears(1));

        /** Configuration keys below {@code manabi.privacy.}: the period, and the older days form. */
        static final String[] KEYS = {"inactive-account", "record-retention", "anonymize-after-deletion"};

        public Retention {
            for (Period p : new Period[] {inactiveAccount, recordRetention, anonymizeAfterDeletion}) {
                if (p == null || p.isNegative() || p.isZero()) {
                    throw new IllegalArgumentException("Retention periods are at least one day: " + p);
                }
            }
        }

        /** Periods of whole days (the {@code -days} keys). */
        public static Retention ofDays(int inactiveAccountDays, int recordRetentionDays, int anonymizeAfterDeletionDays) {
            return new Retention(Period.ofDays(inactiveAccountDays), Period.ofDays(recordRetentionDays),
                    Period.ofDays(anonymizeAfterDeletionDays));
        }

        /**
         * The periods from configuration ({@code key} below {@code manabi.privacy.} to its value): for each,
         * {@code <name>-days} (whole days, as documented before periods were accepted) when set, else {@code <name>}
         * (an ISO-8601 period such as {@code P2Y} or {@code P18M}), else the default.
         *
         * @throws IllegalArgumentException naming the key, for a value that is no period or not positive
         */
        static Retention from(Function<String, Optional<String>> config) {
            Period[] periods = {DEFAULT.inactiveAccount(), DEFAULT.recordRetention(), DEFAULT.anonymizeAfterDeletion()};
            for (int i = 0; i < KEYS.length; i++) {
                String name = KEYS[i];
                Optional<String> days = config.apply(name + "-days").map(String::strip).filter(v -> !v.isEmpty());
                Optional<String> period = config.apply(name).map(String::strip).filter(v -> !v.isEmpty());
                try {
                    if (days.isPresent()) {
                        periods[i] = Period.ofDays(Integer.parseInt(days.get()));
                    } else if (period.isPresent()) {
                        periods[i] = Period.parse(period.get());
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new IllegalArgumentException("manabi.privacy." + name + (days.isPresent() ? "-days" : "")
                            + " is not a " + (days.isPresent() ? "number of days" : "period such as P2Y") + ": "
                            + days.orElse(period.orElse("")), e);
                }
            }
            return new Retention(periods[0], periods[1], periods[2]);
        }

        /** {@code now} less {@code period}, in calendar units in UTC. */
        static Instant before(Instant now, Period period) {
            return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
        }
    }

    /** What an erasure removed, per module. */
    public record Erasure(String tenantId, String pseudonym, Instant erasedAt, Map<String, Integer> rowsByModule) {
    }

    /**
     * What a retention run did. {@code learnersFailed}: learners whose account deletion or anonymization failed in
     * this run (rolled back, logged as SEVERE, retried by the next run); the run went on with the others.
     */
    public record RetentionRun(Instant ranAt, Retention retention, int accountsDeleted, int learnersAnonymized,
                               int learnersFailed, Map<String, Integer> expiredRowsByModule,
                               int auditReasonsRemoved) {
    }

    /** Everything every module holds about the learner, as one JSON document. */
    public ObjectNode export(LearnerContext learner) {
        DataSubject subject = new DataSubject(learner.tenant(), learner.learnerId(), learner.mail());
        Instant now = clock.instant();
        return Sql.inTransaction(database.ready(), c -> export(c, subject, now));
    }

    /**
     * The same document for {@code learnerId} of {@code tenantId}, downloaded by {@code admin} (who may administer
     * the tenant) to answer a member's request through their institution; 404 as {@link #erase} for a member the
     * admin may not see. Logged as {@link AuditLog.Action#MEMBER_DATA_DOWNLOADED}, the member named in the detail
     * ({"learner": id}) so that their erasure later replaces the id by the pseudonym there too.
     */
    public ObjectNode exportMember(LearnerContext admin, String tenantId, String learnerId) {
        if (!admin.mayAdminister(tenantId)) {
            throw PlayerException.notFound("No such member");
        }
        Instant now = clock.instant();
        return Sql.inTransaction(database.ready(), c -> {
            DataSubject subject = Store.subject(c, tenantId, learnerId)
                    .orElseThrow(() -> PlayerException.notFound("No such member"));
            ObjectNode doc = export(c, subject, now);
            audit.record(c, admin, AuditLog.Action.MEMBER_DATA_DOWNLOADED, tenantId, null,
                    Map.of("learner", learnerId));
            return doc;
        });
    }

    private ObjectNode export(Connection c, DataSubject subject, Instant now) throws SQLException {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("learnerId", subject.learnerId());
        doc.put("tenantId", subject.tenant().id());
        doc.put("exportedAt", now.toString());
        ObjectNode byModule = doc.putObject("modules");
        for (PersonalData module : sorted()) {
            byModule.set(module.module(), module.export(c, subject));
        }
        return doc;
    }

    /**
     * Erases {@code learnerId} of {@code tenantId} in every module, on request of {@code admin} (who may administer
     * the tenant); 404 when the tenant has no such member (also across tenants: nothing says whether it exists).
     */
    public Erasure erase(LearnerContext admin, String tenantId, String learnerId, String reason) {
        if (!admin.mayAdminister(tenantId)) {
            throw PlayerException.notFound("No such member");
        }
        String pseudonym = pseudonyms.of(tenantId, learnerId);
        Instant now = clock.instant();
        Erasure erasure = Sql.inTransaction(database.ready(), c -> {
            DataSubject subject = Store.subject(c, tenantId, learnerId)
                    .orElseThrow(() -> PlayerException.notFound("No such member"));
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (PersonalData module : sorted()) {
                rows.put(module.module(), module.erase(c, subject) + module.forgetActor(c, subject, pseudonym));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (reason != null && !reason.isBlank()) {
                detail.put("reason", reason.substring(0, Math.min(reason.length(), REASON_CHARS)));
            }
            detail.put("rows", rows);
            audit.record(c, admin, AuditLog.Action.MEMBER_ERASED, tenantId, pseudonym, detail);
            return new Erasure(tenantId, pseudonym, now, rows);
        });
        directory.forget(tenantId, learnerId);
        return erasure;
    }

    /** One retention run at the clock's time; {@code admin} null: the scheduled run. */
    public RetentionRun run(LearnerContext admin) {
        DataSource ds = database.ready();
        Retention r = retention();
        Instant now = clock.instant();
        int deleted = 0;
        int failed = 0;
        // Each learner in a transaction of their own; one that fails is rolled back, logged and skipped, so it
        // cannot hold up every later learner on every later run (it sorts first again). Batches continue after the
        // last learner seen (keyset), so a failed learner, still there, is not met again in this run.
        Instant lastSeenBefore = Retention.before(now, r.inactiveAccount());
        for (List<DataSubject> batch = Store.inactive(ds, lastSeenBefore, null); !batch.isEmpty();
             batch = Store.inactive(ds, lastSeenBefore, batch.get(batch.size() - 1))) {
            for (DataSubject s : batch) {
                try {
                    deleted += Sql.inTransaction(ds, c -> Store.deleteAccount(c, s, now));
                    directory.forget(s.tenant().id(), s.learnerId());
                } catch (RuntimeException e) {
                    failed++;
                    failure("delete the inactive account of", s, e);
                }
            }
        }
        int anonymized = 0;
        // One day early, so a daily run a day late still anonymizes within the period (class comment).
        Instant deletedBefore = Retention.before(now, r.anonymizeAfterDeletion()).plus(Duration.ofDays(1));
        for (List<DataSubject> batch = Store.deletedBefore(ds, deletedBefore, null); !batch.isEmpty();
             batch = Store.deletedBefore(ds, deletedBefore, batch.get(batch.size() - 1))) {
            for (DataSubject s : batch) {
                try {
                    anonymize(ds, s);
                    anonymized++;
                } catch (RuntimeException e) {
                    failed++;
                    failure("anonymize the records of", s, e);
                }
            }
        }
        Instant cutoff = Retention.before(now, r.recordRetention());
        RetentionRun run = Sql.inTransaction(ds, c -> {
            Map<String, Integer> expired = new LinkedHashMap<>();
            for (PersonalData module : sorted()) {
                expired.put(module.module(), module.expire(c, cutoff));
            }
            // Audit entries stay, but their free-text reasons end with the records (AuditLog.Store.dropReasons).
            return new RetentionRun(now, r, 0, 0, 0, expired, AuditLog.Store.dropReasons(c, cutoff));
        });
        RetentionRun done = new RetentionRun(now, r, deleted, anonymized, failed, run.expiredRowsByModule(),
                run.auditReasonsRemoved());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accountsDeleted", deleted);
        detail.put("learnersAnonymized", anonymized);
        detail.put("learnersFailed", failed);
        detail.put("expiredRows", done.expiredRowsByModule());
        detail.put("auditReasonsRemoved", done.auditReasonsRemoved());
        Sql.inTransaction(ds, c -> {
            if (admin == null) {
                audit.recordJob(c, AuditLog.Action.RETENTION_RUN, detail);
            } else {
                audit.record(c, admin, AuditLog.Action.RETENTION_RUN, null, null, detail);
            }
            return null;
        });
        LOG.info("Manabi personal data: retention run deleted " + deleted + " inactive accounts, anonymized "
                + anonymized + " learners' records, expired " + done.expiredRowsByModule()
                + (failed == 0 ? "" : "; " + failed + " learners failed (SEVERE above), retried on the next run"));
        return done;
    }

    /** Anonymizes one deleted learner's records in every module, in one transaction. */
    private void anonymize(DataSource ds, DataSubject s) {
        String pseudonym = pseudonyms.of(s.tenant().id(), s.learnerId());
        Sql.inTransaction(ds, c -> {
            for (PersonalData module : sorted()) {
                try {
                    module.anonymize(c, s, pseudonym);
                    module.forgetActor(c, s, pseudonym);
                } catch (SQLException | RuntimeException e) {
                    throw new IllegalStateException("module " + module.module() + ": " + e.getMessage(), e);
                }
            }
            // The core module drops the deletion note; a module list without it must still end the loop.
            return Sql.update(c, "delete from manabi_learner_deletion where tenant_id = ? and learner_id = ?",
                    s.tenant().id(), s.learnerId());
        });
    }

    /**
     * A learner the run could not handle: SEVERE, naming the institution and the learner's pseudonym (what the audit
     * log names; the learner id stays out of the log), so the operator can look into it before the next run.
     */
    private void failure(String what, DataSubject s, RuntimeException e) {
        String pseudonym;
        try {
            pseudonym = pseudonyms.of(s.tenant().id(), s.learnerId());
        } catch (RuntimeException keyUnusable) {
            pseudonym = "(pseudonym key unusable)";
        }
        LOG.log(java.util.logging.Level.SEVERE, "Manabi personal data: the retention run could not " + what
                + " learner " + pseudonym + " of institution " + s.tenant().id() + "; rolled back, retried on the next"
                + " run", e);
    }

    Retention retention() {
        Retention r = retention;
        if (r == null) {
            r = config == null ? Retention.DEFAULT
                    : Retention.from(name -> config.getOptionalValue("manabi.privacy." + name, String.class));
            retention = r;
        }
        return r;
    }

    /** The modules in a fixed order (by name), so exports and reports read the same on every run. */
    private List<PersonalData> sorted() {
        List<PersonalData> all = new ArrayList<>(StreamSupport.stream(modules.spliterator(), false).toList());
        all.sort(Comparator.comparing(PersonalData::module));
        return all;
    }

    /** The SQL, separate from CDI so it is tested directly on H2 and PostgreSQL. */
    static final class Store {

        private Store() {
        }

        /** The member, known by their account or by the note that the retention job deleted it. */
        static Optional<DataSubject> subject(Connection c, String tenantId, String learnerId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select t.name, l.mail, l.learner_id, d.learner_id"
                    + " from manabi_tenant t left join manabi_learner l on l.tenant_id = t.id and l.learner_id = ?"
                    + " left join manabi_learner_deletion d on d.tenant_id = t.id and d.learner_id = ?"
                    + " where t.id = ?")) {
                Sql.bind(ps, learnerId, learnerId, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || (rs.getString(3) == null && rs.getString(4) == null)) {
                        return Optional.empty();
                    }
                    return Optional.of(new DataSubject(new Tenant(tenantId, rs.getString(1)), learnerId,
                            rs.getString(2)));
                }
            }
        }

        /** The next batch of accounts not seen since {@code lastSeenBefore}, after {@code after} (null: from the start). */
        static List<DataSubject> inactive(DataSource ds, Instant lastSeenBefore, DataSubject after) {
            return subjects(ds, "select l.tenant_id, t.name, l.learner_id, l.mail from manabi_learner l"
                    + " join manabi_tenant t on t.id = l.tenant_id where l.last_seen < ?", "l",
                    lastSeenBefore, after);
        }

        /** The next batch of learners whose account was deleted by {@code deletedBefore}, after {@code after}. */
        static List<DataSubject> deletedBefore(DataSource ds, Instant deletedBefore, DataSubject after) {
            return subjects(ds, "select d.tenant_id, t.name, d.learner_id, cast(null as varchar(1))"
                    + " from manabi_learner_deletion d join manabi_tenant t on t.id = d.tenant_id"
                    + " where d.deleted_at <= ?", "d", deletedBefore, after);
        }

        private static List<DataSubject> subjects(DataSource ds, String select, String alias, Instant at,
                                                  DataSubject after) {
            String sql = select + (after == null ? "" : " and (" + alias + ".tenant_id > ? or (" + alias
                    + ".tenant_id = ? and " + alias + ".learner_id > ?))") + " order by " + alias + ".tenant_id, "
                    + alias + ".learner_id";
            return Sql.inTransaction(ds, c -> {
                List<DataSubject> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql + " limit " + BATCH)) {
                    ps.setTimestamp(1, Timestamp.from(at));
                    if (after != null) {
                        ps.setString(2, after.tenant().id());
                        ps.setString(3, after.tenant().id());
                        ps.setString(4, after.learnerId());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new DataSubject(new Tenant(rs.getString(1), rs.getString(2)), rs.getString(3),
                                    rs.getString(4)));
                        }
                    }
                }
                return out;
            });
        }

        /** Deletes the account (name, mail, language) and notes when, for the anonymization that follows. */
        static int deleteAccount(Connection c, DataSubject s, Instant now) throws SQLException {
            int gone = Sql.update(c, "delete from manabi_learner where tenant_id = ? and learner_id = ?",
                    s.tenant().id(), s.learnerId());
            if (gone == 0) {
                return 0; // another server's run took it
            }
            Sql.update(c, "delete from manabi_learner_deletion where tenant_id = ? and learner_id = ?",
                    s.tenant().id(), s.learnerId());
            Sql.update(c, "insert into manabi_learner_deletion (tenant_id, learner_id, deleted_at) values (?, ?, ?)",
                    s.tenant().id(), s.learnerId(), Timestamp.from(now));
            return 1;
        }
    }
}
