package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operating rules for personal data on H2 and PostgreSQL on a clock the test moves: the audit log, the learner's
 * export, erasure on request and the retention run across each of its thresholds (README "Personal data").
 */
class PersonalDataRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    private static final Tenant UNI_A = new Tenant("uni-a", "University A");
    private static final Tenant UNI_B = new Tenant("uni-b", "University B");

    @TempDir
    Path content;

    private static LearnerContext person(String id, Tenant tenant, Role... roles) {
        return new LearnerContext(id, "Name of " + id, id + "@mail.example", tenant, Set.of(roles), null);
    }

    private static final LearnerContext ALICE = person("alice", UNI_A, Role.LEARNER);
    private static final LearnerContext BOB = person("bob", UNI_A, Role.LEARNER);
    private static final LearnerContext CAROL = person("carol", UNI_B, Role.LEARNER);
    private static final LearnerContext ADMIN_A = person("admin-a", UNI_A, Role.INSTITUTION_ADMIN);
    private static final LearnerContext ADMIN_B = person("admin-b", UNI_B, Role.INSTITUTION_ADMIN);
    private static final LearnerContext PLATFORM = person("root", UNI_B, Role.PLATFORM_ADMIN);

    private final TestClock clock = new TestClock(T0);

    private record World(CoreFixtures core, PersonalDataRules rules, DataSource ds) {
    }

    private World world(DataSource ds, PersonalDataRules.Retention retention) {
        return world(ds, retention, List.of());
    }

    private World world(DataSource ds, PersonalDataRules.Retention retention,
                        List<dev.manabi.core.spi.PersonalData> modules) {
        CoreFixtures core = new CoreFixtures(ds, content);
        core.ledger.clock = clock;
        core.catalog.clock = clock;
        return new World(core, core.personalData(clock, retention, modules), ds);
    }

    /** The learner is seen now, makes progress and has a statement waiting in the outbox. */
    private void active(World w, LearnerContext learner, String courseId) {
        LearnerDirectory.Store.remember(w.ds(), learner, clock.instant());
        w.core().ledger.record(learner, courseId, new ProgressFact("quiz", "q1", true, true, 8.0, 10.0));
        Sql.inTransaction(w.ds(), c -> {
            StatementOutbox.Emitter e = w.core().outbox.emitter(c, learner, clock.instant());
            LearnerStatement s = e.statement(Verb.PASSED, null, courseId);
            s.activity(LearnerStatement.activityId("quiz", "q1"), "http://adlnet.gov/expapi/activities/assessment",
                    "Quiz one");
            return e.append(s);
        });
    }

    private static List<String> column(DataSource ds, String sql, Object... params) {
        return Sql.inTransaction(ds, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private static List<String> progressLearners(DataSource ds) {
        return column(ds, "select learner_id from manabi_progress_fact order by tenant_id, learner_id");
    }

    private static List<String> outboxActors(DataSource ds) {
        List<String> out = new ArrayList<>();
        for (String body : column(ds, "select body from manabi_statement_outbox order by seq")) {
            try {
                out.add(Json.mapper().readTree(body).at("/actor/account/name").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theAuditLogIsReadPerInstitutionByTimeAndInPages(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        AuditLog audit = w.core().audit;
        audit.record(ADMIN_A, AuditLog.Action.MEMBERS_LISTED, "uni-a", null, Map.of("members", 3));
        clock.advance(Duration.ofHours(1));
        audit.record(ADMIN_B, AuditLog.Action.MEMBERS_LISTED, "uni-b", null, Map.of("members", 1));
        clock.advance(Duration.ofHours(1));
        audit.record(PLATFORM, AuditLog.Action.COURSE_SHARING_CHANGED, "uni-a", "course-1",
                Map.of("visibility", "GLOBAL"));

        AuditLog.Page forA = audit.entries("uni-a", null, null, 0, 10);
        assertThat(forA.entries()).extracting(AuditLog.Entry::action)
                .containsExactly(AuditLog.Action.COURSE_SHARING_CHANGED, AuditLog.Action.MEMBERS_LISTED);
        assertThat(forA.entries().get(0).actorId()).isEqualTo("root");
        assertThat(forA.entries().get(0).detail().get("visibility").asText()).isEqualTo("GLOBAL");
        assertThat(forA.entries().get(1).occurredAt()).isEqualTo(T0);
        assertThat(audit.entries("uni-b", null, null, 0, 10).entries()).extracting(AuditLog.Entry::actorId)
                .containsExactly("admin-b"); // the platform admin is homed at uni-b but acted on uni-a's course

        // The admin UI's filter by action (one action code).
        assertThat(audit.entries(null, AuditLog.Action.COURSE_SHARING_CHANGED, null, null, 0, 10).entries())
                .extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.COURSE_SHARING_CHANGED);
        assertThat(audit.entries("uni-b", AuditLog.Action.COURSE_SHARING_CHANGED, null, null, 0, 10).entries())
                .isEmpty();
        AuditLog.Page all = audit.entries(null, T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(2)), 0, 10);
        assertThat(all.entries()).extracting(AuditLog.Entry::actorId).containsExactly("admin-b");

        AuditLog.Page first = audit.entries(null, null, null, 0, 2);
        AuditLog.Page second = audit.entries(null, null, null, 1, 2);
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        assertThat(second.entries()).extracting(AuditLog.Entry::actorId).containsExactly("admin-a");
        assertThatThrownBy(() -> audit.entries(null, null, null, 0, 0)).isInstanceOf(PlayerException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aSharingChangeIsAuditedInItsOwnTransaction(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        Course course = w.core().catalog.create(ADMIN_A, new CourseCatalog.Draft(
                new dev.manabi.i18n.LocalizedText(Map.of("en", "Course")), "en", null, Set.of()));
        w.core().catalog.share(ADMIN_A, course.id(), dev.manabi.api.CourseVisibility.SHARED, Set.of("uni-b"));
        AuditLog.Entry entry = w.core().audit.entries("uni-a", null, null, 0, 10).entries().get(0);
        assertThat(entry.action()).isEqualTo(AuditLog.Action.COURSE_SHARING_CHANGED);
        assertThat(entry.target()).isEqualTo(course.id());
        assertThat(entry.detail().get("sharedWith").get(0).asText()).isEqualTo("uni-b");

        assertThatThrownBy(() -> w.core().catalog.share(ADMIN_A, "no-such-course",
                dev.manabi.api.CourseVisibility.GLOBAL, Set.of())).isInstanceOf(PlayerException.class);
        assertThat(w.core().audit.entries(null, null, null, 0, 10).entries()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aLearnerDownloadsTheirOwnDataAndNobodyElses(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        active(w, ALICE, "course-1");
        active(w, BOB, "course-1");

        ObjectNode data = w.rules().export(ALICE);
        assertThat(data.get("learnerId").asText()).isEqualTo("alice");
        JsonNode core = data.get("modules").get("core");
        assertThat(core.get("account").get(0).get("display_name").asText()).isEqualTo("Name of alice");
        assertThat(core.get("account").get(0).get("first_seen").asText()).isEqualTo(T0.toString());
        assertThat(core.get("progress")).hasSize(1);
        assertThat(core.get("progress").get(0).get("score").asDouble()).isEqualTo(8.0);
        assertThat(core.get("pendingStatements")).hasSize(1);
        assertThat(core.get("pendingStatements").get(0).at("/actor/account/name").asText()).isEqualTo("alice");
        assertThat(data.toString()).doesNotContain("bob");
    }

    /**
     * The admin UI's "download their data" (issue 15): an admin of the member's institution gets the document the
     * member gets from /me/data, logged with the member in the detail (pseudonymized by a later erasure); another
     * institution's admin gets 404 and nothing is logged.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAdminDownloadsTheirOwnMembersDataOnly(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        active(w, ALICE, "course-1");
        active(w, BOB, "course-1");

        ObjectNode data = w.rules().exportMember(ADMIN_A, "uni-a", "alice");
        ObjectNode own = w.rules().export(ALICE);
        own.remove("exportedAt");
        data.remove("exportedAt");
        assertThat((JsonNode) data).isEqualTo(own);
        assertThatThrownBy(() -> w.rules().exportMember(ADMIN_B, "uni-a", "alice"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> w.rules().exportMember(ADMIN_A, "uni-a", "nobody"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));

        List<AuditLog.Entry> log = w.core().audit.entries("uni-a", AuditLog.Action.MEMBER_DATA_DOWNLOADED, null,
                null, 0, 10).entries();
        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo("admin-a");
            assertThat(e.detail().get("learner").asText()).isEqualTo("alice");
        });
        String pseudonym = w.rules().erase(ADMIN_A, "uni-a", "alice", null).pseudonym();
        assertThat(w.core().audit.entries("uni-a", AuditLog.Action.MEMBER_DATA_DOWNLOADED, null, null, 0, 10)
                .entries().get(0).detail().get("learner").asText()).isEqualTo(pseudonym);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAdminErasesTheirOwnInstitutionsMemberOnly(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        active(w, ALICE, "course-1");
        active(w, BOB, "course-1");
        active(w, CAROL, "course-2");
        w.core().audit.record(ADMIN_A, AuditLog.Action.MEMBERS_LISTED, "uni-a", "alice", null);

        assertThatThrownBy(() -> w.rules().erase(ADMIN_B, "uni-a", "alice", "asked"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> w.rules().erase(ADMIN_A, "uni-a", "carol", "asked"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> w.rules().erase(ADMIN_A, "uni-a", "nobody", "asked"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));

        PersonalDataRules.Erasure erased = w.rules().erase(ADMIN_A, "uni-a", "alice", "Request of 2026-01-09");
        assertThat(erased.rowsByModule()).containsEntry("core", 3); // learner row, progress fact, outbox row
        assertThat(erased.pseudonym()).startsWith("anon-").isEqualTo(w.core().pseudonyms.of("uni-a", "alice"));
        assertThat(column(ds, "select learner_id from manabi_learner order by learner_id"))
                .containsExactly("bob", "carol");
        assertThat(progressLearners(ds)).containsExactly("bob", "carol");
        assertThat(outboxActors(ds)).containsExactly("bob", "carol");

        List<AuditLog.Entry> log = w.core().audit.entries("uni-a", null, null, 0, 10).entries();
        assertThat(log).extracting(AuditLog.Entry::target).containsExactly(erased.pseudonym(), erased.pseudonym());
        assertThat(log.get(0).action()).isEqualTo(AuditLog.Action.MEMBER_ERASED);
        assertThat(log.get(0).detail().get("reason").asText()).isEqualTo("Request of 2026-01-09");
        assertThat(log.toString()).doesNotContain("alice");

        // Back right after the erasure (within the directory's touch interval), alice is a member again.
        w.core().directory.clock = clock;
        w.core().directory.remember(ALICE);
        assertThat(column(ds, "select learner_id from manabi_learner where learner_id = ?", "alice")).hasSize(1);
        w.rules().erase(ADMIN_A, "uni-a", "alice", null);
        w.core().directory.remember(ALICE);
        assertThat(column(ds, "select learner_id from manabi_learner where learner_id = ?", "alice")).hasSize(1);
        w.rules().erase(ADMIN_A, "uni-a", "alice", null);

        // A platform admin may erase any institution's member; erasing again finds nobody.
        w.rules().erase(PLATFORM, "uni-b", "carol", null);
        assertThatThrownBy(() -> w.rules().erase(PLATFORM, "uni-a", "alice", null))
                .isInstanceOf(PlayerException.class);
    }

    /**
     * README "Personal data": an erased admin's id does not stay in the records of what they did (courses they
     * created, records credentials they issued, their audit entries): the pseudonym replaces it; and a records read
     * for one member names that member in its audit detail only until they are erased.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedAdminIsOnlyTheirPseudonymInWhatTheyDid(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        active(w, ALICE, "course-1");
        LearnerDirectory.Store.remember(ds, ADMIN_A, clock.instant());
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_course (id, owner_tenant_id, title_json,"
                + " visibility, created_by, created_at) values (?, ?, ?, ?, ?, ?)", "course-by-admin", "uni-a",
                "{\"en\":\"x\"}", "PRIVATE", "admin-a", java.sql.Timestamp.from(T0)));
        RecordsCredentials credentials = new RecordsCredentials();
        credentials.database = w.core().database;
        credentials.issue("uni-a", "SIS", "admin-a");
        w.core().audit.record(ADMIN_A, AuditLog.Action.RECORDS_DOWNLOADED, "uni-a", "course-1",
                java.util.Map.of("report", "history", "learner", "alice"));

        String admin = w.rules().erase(PLATFORM, "uni-a", "admin-a", null).pseudonym();
        assertThat(column(ds, "select created_by from manabi_course where id = ?", "course-by-admin"))
                .containsExactly(admin);
        assertThat(column(ds, "select created_by from manabi_records_credential")).containsExactly(admin);
        assertThat(column(ds, "select actor_id from manabi_audit_entry where action = ?",
                AuditLog.Action.RECORDS_DOWNLOADED)).containsExactly(admin);

        String alice = w.rules().erase(PLATFORM, "uni-a", "alice", null).pseudonym();
        String detail = column(ds, "select detail from manabi_audit_entry where action = ?",
                AuditLog.Action.RECORDS_DOWNLOADED).get(0);
        assertThat(detail).contains("\"learner\":\"" + alice + "\"").doesNotContain("\"alice\"");
    }

    /**
     * Issue 15 (review 2, A6): the audit log is never expired, but the free-text reason of an entry older than the
     * record-retention period is dropped by the retention run (a reason may name a person); younger ones stay.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void reasonsInTheAuditLogEndWithTheRecordRetention(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.ofDays(730, 100, 365));
        LearnerDirectory.Store.remember(ds, ALICE, clock.instant());
        LearnerDirectory.Store.remember(ds, BOB, clock.instant());
        w.rules().erase(ADMIN_A, "uni-a", "alice", "ticket 41");
        clock.advance(Duration.ofDays(60));
        w.rules().erase(ADMIN_A, "uni-a", "bob", "ticket 42");
        clock.advance(Duration.ofDays(41)); // alice's erasure is 101 days old, bob's 41

        assertThat(w.rules().run(null).auditReasonsRemoved()).isEqualTo(1);

        List<String> details = column(ds, "select detail from manabi_audit_entry where action = ? order by seq",
                AuditLog.Action.MEMBER_ERASED);
        assertThat(details.get(0)).doesNotContain("ticket 41").contains("\"reasonRemoved\":true");
        assertThat(details.get(1)).contains("ticket 42");
        assertThat(column(ds, "select count(*) from manabi_audit_entry where action = ?",
                AuditLog.Action.MEMBER_ERASED)).containsExactly("2");
    }

    /**
     * Issue 15 (review 2, A2): a platform admin of uni-b issues a records credential for uni-a; erasing uni-a's
     * member with the same id leaves it alone, erasing the admin leaves only their pseudonym. Fails on the old code,
     * which matched {@code created_by} in the rows of the erased member's institution.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRecordsCredentialFollowsItsCreatorAcrossInstitutions(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        RecordsCredentials credentials = new RecordsCredentials();
        credentials.database = w.core().database;
        credentials.issue("uni-a", "SIS", PLATFORM.tenant().id(), PLATFORM.learnerId());
        LearnerDirectory.Store.remember(ds, PLATFORM, clock.instant());
        LearnerDirectory.Store.remember(ds, person("root", UNI_A, Role.LEARNER), clock.instant());

        w.rules().erase(PLATFORM, "uni-a", "root", null);
        assertThat(column(ds, "select created_by from manabi_records_credential")).containsExactly("root");

        String admin = w.rules().erase(PLATFORM, "uni-b", "root", null).pseudonym();
        assertThat(column(ds, "select created_by from manabi_records_credential")).containsExactly(admin);
    }

    /**
     * The operating rules' "2 years" and "within 1 year" are calendar years (the default P2Y, P1Y): across the leap
     * day of 2028 two years are 731 days and one year 366, on the controlled clock.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theDefaultPeriodsAreCalendarYearsAcrossALeapYear(DataSource ds) {
        clock.set(Instant.parse("2027-03-01T00:00:00Z"));
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        active(w, ALICE, "course-1");

        clock.set(Instant.parse("2029-02-28T00:00:01Z")); // 730 days and a second: not yet two years
        assertThat(w.rules().run(null).accountsDeleted()).isZero();
        clock.set(Instant.parse("2029-03-01T00:00:01Z"));
        assertThat(w.rules().run(null).accountsDeleted()).isEqualTo(1);

        // Deleted on 2029-03-01; one year is 365 days there, and the run anonymizes a day early (class comment).
        clock.set(Instant.parse("2030-02-27T00:00:00Z"));
        assertThat(w.rules().run(null).learnersAnonymized()).isZero();
        clock.set(Instant.parse("2030-02-28T00:00:01Z"));
        assertThat(w.rules().run(null).learnersAnonymized()).isEqualTo(1);

        // Ten years of records from 2027-03-01 (three leap days, 3653 days) end on 2037-03-01.
        clock.set(Instant.parse("2027-03-01T00:00:00Z").plus(Duration.ofDays(3652)));
        assertThat(w.rules().run(null).expiredRowsByModule()).containsEntry("core", 0);
        clock.set(Instant.parse("2037-03-01T00:00:01Z"));
        assertThat(w.rules().run(null).expiredRowsByModule()).containsEntry("core", 2); // the fact and the outbox row
    }

    /** Configuration: ISO periods, the documented days keys (which win when both are set), errors naming the key. */
    @org.junit.jupiter.api.Test
    void retentionPeriodsAreReadAsIsoPeriodsOrDays() {
        java.util.Map<String, String> config = new java.util.HashMap<>();
        assertThat(PersonalDataRules.Retention.from(k -> Optional.ofNullable(config.get(k))))
                .isEqualTo(PersonalDataRules.Retention.DEFAULT);
        config.put("inactive-account", "P3Y");
        config.put("record-retention", "P5Y6M");
        config.put("anonymize-after-deletion-days", "180");
        config.put("anonymize-after-deletion", "P1Y");
        assertThat(PersonalDataRules.Retention.from(k -> Optional.ofNullable(config.get(k))))
                .isEqualTo(new PersonalDataRules.Retention(java.time.Period.ofYears(3),
                        java.time.Period.of(5, 6, 0), java.time.Period.ofDays(180)));
        config.put("inactive-account", "two years");
        assertThatThrownBy(() -> PersonalDataRules.Retention.from(k -> Optional.ofNullable(config.get(k))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manabi.privacy.inactive-account");
        config.put("inactive-account", "P0D");
        assertThatThrownBy(() -> PersonalDataRules.Retention.from(k -> Optional.ofNullable(config.get(k))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one day");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theRetentionRunDeletesAnonymizesAndExpiresAtItsThresholds(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.ofDays(730, 3650, 365));
        active(w, ALICE, "course-1");
        active(w, CAROL, "course-2");
        clock.advance(Duration.ofDays(100));
        active(w, BOB, "course-1"); // seen 100 days later than alice and carol
        String alicePseudonym = w.core().pseudonyms.of("uni-a", "alice");

        clock.set(T0.plus(Duration.ofDays(730)));
        PersonalDataRules.RetentionRun notYet = w.rules().run(null);
        assertThat(notYet.accountsDeleted()).isZero();

        clock.set(T0.plus(Duration.ofDays(730)).plusSeconds(1));
        PersonalDataRules.RetentionRun deletion = w.rules().run(null);
        assertThat(deletion.accountsDeleted()).isEqualTo(2);
        assertThat(deletion.learnersAnonymized()).isZero();
        assertThat(column(ds, "select learner_id from manabi_learner")).containsExactly("bob");
        assertThat(progressLearners(ds)).containsExactly("alice", "bob", "carol"); // records are kept
        assertThat(w.rules().run(null).accountsDeleted()).isZero(); // idempotent

        // Anonymized on the run 364 days after the deletion: within 365 days even if the daily run is a day late.
        Instant deletedAt = clock.instant();
        clock.set(deletedAt.plus(Duration.ofDays(364)).minusSeconds(1));
        PersonalDataRules.RetentionRun early = w.rules().run(null);
        assertThat(early.learnersAnonymized()).isZero();
        assertThat(early.accountsDeleted()).isEqualTo(1); // bob, 730 days after he was last seen
        clock.set(deletedAt.plus(Duration.ofDays(364)));
        PersonalDataRules.RetentionRun anonymization = w.rules().run(null);
        assertThat(anonymization.learnersAnonymized()).isEqualTo(2);
        assertThat(anonymization.accountsDeleted()).isZero();
        assertThat(progressLearners(ds)).containsExactly(alicePseudonym, "bob",
                w.core().pseudonyms.of("uni-b", "carol"));
        assertThat(outboxActors(ds)).contains(alicePseudonym).doesNotContain("alice", "carol");
        assertThat(w.rules().run(null).learnersAnonymized()).isZero(); // idempotent

        // Records last changed 3650 days ago end, anonymized or not; bob's (100 days younger) a little later.
        clock.set(T0.plus(Duration.ofDays(3650)).plusSeconds(1));
        PersonalDataRules.RetentionRun expiry = w.rules().run(null);
        assertThat(expiry.expiredRowsByModule()).containsEntry("core", 4); // 2 facts, 2 outbox rows
        assertThat(progressLearners(ds)).containsExactly(w.core().pseudonyms.of("uni-a", "bob"));

        List<AuditLog.Entry> runs = w.core().audit.entries(null, null, null, 0, 50).entries();
        assertThat(runs).allMatch(e -> e.action().equals(AuditLog.Action.RETENTION_RUN)
                && e.actorId().equals(AuditLog.JOB_ACTOR) && e.actorTenantId() == null);
        assertThat(runs.get(0).detail().get("expiredRows").get("core").asInt()).isEqualTo(4);
    }

    /**
     * Issue 15 (review 2, A8): a module that fails for one learner rolls back only that learner's anonymization; the
     * run goes on with the others and counts the failure, and the next run retries it. Fails on the old code, where
     * the exception ended the run, and alice (sorting first) blocked carol on every later run.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aLearnerWhoseAnonymizationFailsDoesNotHoldUpTheOthers(DataSource ds) {
        boolean[] broken = {true};
        dev.manabi.core.spi.PersonalData failsForAlice = new dev.manabi.core.spi.PersonalData() {
            @Override
            public String module() {
                return "a-failing-module";
            }

            @Override
            public JsonNode export(java.sql.Connection c, dev.manabi.core.spi.DataSubject s) {
                return Json.mapper().createObjectNode();
            }

            @Override
            public int erase(java.sql.Connection c, dev.manabi.core.spi.DataSubject s) {
                return 0;
            }

            @Override
            public int anonymize(java.sql.Connection c, dev.manabi.core.spi.DataSubject s, String pseudonym)
                    throws java.sql.SQLException {
                if (broken[0] && s.learnerId().equals("alice")) {
                    throw new java.sql.SQLException("a module's bug");
                }
                return 0;
            }

            @Override
            public int expire(java.sql.Connection c, Instant cutoff) {
                return 0;
            }
        };
        World w = world(ds, PersonalDataRules.Retention.ofDays(30, 3650, 10), List.of(failsForAlice));
        active(w, ALICE, "course-1");
        active(w, CAROL, "course-2");
        clock.advance(Duration.ofDays(31));
        assertThat(w.rules().run(null).accountsDeleted()).isEqualTo(2);
        clock.advance(Duration.ofDays(10));

        PersonalDataRules.RetentionRun run = w.rules().run(null);

        assertThat(run.learnersAnonymized()).as("carol, after alice failed").isEqualTo(1);
        assertThat(run.learnersFailed()).isEqualTo(1);
        assertThat(progressLearners(ds)).as("alice's anonymization rolled back as a whole")
                .containsExactlyInAnyOrder("alice", w.core().pseudonyms.of("uni-b", "carol"));
        assertThat(w.core().audit.entries(null, null, null, 0, 1).entries().get(0).detail().get("learnersFailed")
                .asInt()).isEqualTo(1);

        broken[0] = false;
        PersonalDataRules.RetentionRun retried = w.rules().run(null);
        assertThat(retried.learnersAnonymized()).isEqualTo(1);
        assertThat(retried.learnersFailed()).isZero();
        assertThat(progressLearners(ds)).doesNotContain("alice");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aLearnerBackBeforeAnonymizationKeepsTheirRecords(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.ofDays(30, 3650, 10));
        active(w, ALICE, "course-1");
        clock.advance(Duration.ofDays(31));
        assertThat(w.rules().run(PLATFORM).accountsDeleted()).isEqualTo(1);
        clock.advance(Duration.ofDays(5));
        LearnerDirectory.Store.remember(ds, ALICE, clock.instant()); // back after 5 days
        clock.advance(Duration.ofDays(20));
        assertThat(w.rules().run(PLATFORM).learnersAnonymized()).isZero();
        assertThat(progressLearners(ds)).containsExactly("alice");
        // A retention run targets every institution: it is in the platform admins' view of the log.
        assertThat(w.core().audit.entries(null, null, null, 0, 5).entries().get(0).actorId()).isEqualTo("root");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aPseudonymIsStablePerInstallationAndLearner(DataSource ds) {
        World w = world(ds, PersonalDataRules.Retention.DEFAULT);
        Pseudonyms again = new Pseudonyms();
        again.database = w.core().database;
        String p = w.core().pseudonyms.of("uni-a", "alice");
        assertThat(again.of("uni-a", "alice")).isEqualTo(p);
        assertThat(Pseudonyms.isPseudonym(p)).isTrue();
        assertThat(p).isNotEqualTo(w.core().pseudonyms.of("uni-b", "alice"))
                .isNotEqualTo(w.core().pseudonyms.of("uni-a", "alice2"));
    }
}
