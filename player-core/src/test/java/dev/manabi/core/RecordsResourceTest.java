package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.i18n.LocalizedText;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning records API (README "Learning records") on H2 and PostgreSQL, with a content kind of the test's own
 * ({@code unit}) that keeps its attempts per institution as a module's table does: who may read, that another
 * institution's members never appear, paging, dates, credentials, and the CSV forms.
 */
class RecordsResourceTest {

    static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
    static final LearnerContext ADMIN_A = person("admin-a", "uni-a", "Admin A", Role.INSTITUTION_ADMIN);
    static final LearnerContext ALICE = person("alice", "uni-a", "山田 花子");
    static final LearnerContext CAROL = person("carol", "uni-a", "=HYPERLINK(\"http://evil.example\",\"x\")");
    static final LearnerContext BOB = person("bob", "uni-b", "Bob");
    static final LearnerContext ADMIN_B = person("admin-b", "uni-b", "Admin B", Role.INSTITUTION_ADMIN);
    static final LearnerContext ROOT = person("root", "uni-a", "Root", Role.PLATFORM_ADMIN);

    @TempDir
    Path tmp;

    static LearnerContext person(String id, String tenant, String name, Role... roles) {
        return new LearnerContext(id, name, null, new Tenant(tenant, "University " + tenant), Set.of(roles), null);
    }

    /** A content kind of the test: modules {@code unit:<ref>}; attempts stored per tenant, read only for the asked one. */
    static final class UnitRecords implements LearningRecords {
        record Stored(String tenantId, Attempt attempt) {
        }

        final List<Stored> stored = new ArrayList<>();
        int attemptQueries;

        void add(LearnerContext who, String ref, int number, String completion, String success, Double score,
                 Instant at) {
            stored.add(new Stored(who.tenant().id(), new Attempt(who.learnerId(), "unit:" + ref, number, completion,
                    success, score, score == null ? null : score * 10, null, Duration.ofMinutes(5),
                    at.minus(Duration.ofMinutes(5)), at, at)));
        }

        @Override
        public String kind() {
            return "unit";
        }

        @Override
        public List<Module> modules(String courseId, List<String> refs) {
            return refs.stream().map(r -> new Module("unit:" + r, "unit", r,
                    new LocalizedText(Map.of("en", "Unit " + r, "ja", "単元" + r)))).toList();
        }

        @Override
        public List<Attempt> attempts(Query q) {
            attemptQueries++;
            return stored.stream().filter(s -> s.tenantId().equals(q.tenantId())
                            && q.learnerIds().contains(s.attempt().learnerId())
                            && q.refs().contains(s.attempt().moduleId().substring(5))
                            && q.covers(s.attempt().startedAt(), s.attempt().lastActivityAt()))
                    .map(Stored::attempt).toList();
        }
    }

    /** The platform and a course of uni-a visible to every institution ({@code global}) and one of its own. */
    final class World {
        final CoreFixtures core;
        final UnitRecords units = new UnitRecords();
        final Course global;
        final Course own;

        World(DataSource ds) {
            core = new CoreFixtures(ds, tmp);
            for (LearnerContext p : List.of(ADMIN_A, ALICE, CAROL, BOB, ADMIN_B, ROOT)) {
                LearnerDirectory.Store.remember(ds, p, T0);
            }
            global = core.catalog.create(ADMIN_A, new CourseCatalog.Draft(LocalizedText.of("en", "Security"), "en",
                    CourseVisibility.GLOBAL, Set.of()));
            core.catalog.addComponent(global.id(), new Course.Component("unit", "u1", null));
            core.catalog.addComponent(global.id(), new Course.Component("unit", "u2", null));
            own = core.catalog.create(ADMIN_A, new CourseCatalog.Draft(LocalizedText.of("en", "Ours"), "en",
                    CourseVisibility.TENANT, Set.of()));
            core.catalog.addComponent(own.id(), new Course.Component("unit", "u1", null));
            units.add(ALICE, "u1", 1, "completed", "failed", 0.4, T0);
            units.add(ALICE, "u1", 2, "completed", "passed", 0.9, T0.plus(Duration.ofDays(2)));
            units.add(CAROL, "u2", 1, "incomplete", "unknown", null, T0.plus(Duration.ofDays(1)));
            units.add(BOB, "u1", 1, "completed", "passed", 1.0, T0);
        }

        RecordsResource as(LearnerContext who) {
            return as(who, null);
        }

        RecordsResource as(LearnerContext who, String authorization) {
            return RecordsDownloads.as(core, who, authorization, List.of(units));
        }
    }

    static RecordsResource.HistoryPage history(RecordsResource r, String courseId, String tenant, String from,
                                               String to, String page, String size) {
        return (RecordsResource.HistoryPage) r.history(courseId, tenant, from, to, null, page, size, null, "en", null)
                .getEntity();
    }

    static String csv(Response response) throws Exception {
        return RecordsDownloads.csv(response);
    }

    static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (PlayerException e) {
            return e.status();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anInstitutionAdminReadsOnlyTheirOwnMembersEvenOnASharedCourse(DataSource ds) {
        World w = new World(ds);

        RecordsResource.HistoryPage a = history(w.as(ADMIN_A), w.global.id(), null, null, null, null, null);
        assertThat(a.tenantId()).isEqualTo("uni-a");
        assertThat(a.learners()).extracting(RecordsResource.LearnerHistory::learnerId)
                .containsExactly("admin-a", "alice", "carol", "root");
        assertThat(a.learners().get(1).attempts()).extracting(RecordsResource.AttemptView::attempt,
                RecordsResource.AttemptView::success).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "failed"), org.assertj.core.groups.Tuple.tuple(2, "passed"));
        assertThat(a.toString()).doesNotContain("bob");
        // One query per content kind for the whole page, whatever its number of learners (no N+1).
        assertThat(w.units.attemptQueries).isEqualTo(1);

        RecordsResource.HistoryPage b = history(w.as(ADMIN_B), w.global.id(), null, null, null, null, null);
        assertThat(b.learners()).extracting(RecordsResource.LearnerHistory::learnerId).containsExactly("admin-b", "bob");
        assertThat(b.toString()).doesNotContain("alice").doesNotContain("carol");

        assertThat(((RecordsResource.ModuleList) w.as(ADMIN_B).modules(w.global.id(), null)).modules())
                .extracting(RecordsResource.ModuleView::id).containsExactly("unit:u1", "unit:u2");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anotherInstitutionsCourseAndMembersAreNeverVisible(DataSource ds) {
        World w = new World(ds);
        String own = w.own.id();

        // The other institution's admin: the course does not exist for them (404), nor may they name uni-a (403).
        assertThat(status(() -> w.as(ADMIN_B).grades(own, null, null, null, null, null, null, "json", "en", null)))
                .isEqualTo(404);
        assertThat(status(() -> w.as(ADMIN_B).modules(own, null))).isEqualTo(404);
        assertThat(status(() -> w.as(ADMIN_B).history(w.global.id(), "uni-a", null, null, null, null, null, null,
                "en", null))).isEqualTo(403);
        assertThat(status(() -> w.as(ADMIN_A).history(w.global.id(), "uni-b", null, null, null, null, null, null,
                "en", null))).isEqualTo(403);
        // Learners are no readers; nobody anonymous is.
        assertThat(status(() -> w.as(ALICE).modules(own, null))).isEqualTo(403);
        assertThat(status(() -> w.as(null).modules(own, null))).isEqualTo(401);
        assertThat(status(() -> w.as(null).listCredentials(null))).isEqualTo(401);
        // A platform admin reads any institution, and then only that institution's members.
        RecordsResource.HistoryPage b = history(w.as(ROOT), w.global.id(), "uni-b", null, null, null, null);
        assertThat(b.learners()).extracting(RecordsResource.LearnerHistory::learnerId).containsExactly("admin-b", "bob");
        // ... but a course uni-b cannot see is not uni-b's to read.
        assertThat(status(() -> w.as(ROOT).modules(own, "uni-b"))).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void gradesTakeTheBestStatusAndScoreOfEveryAttempt(DataSource ds) {
        World w = new World(ds);
        RecordsResource.GradeSheet sheet = (RecordsResource.GradeSheet) w.as(ADMIN_A).grades(w.global.id(), null,
                null, null, "alice", null, null, null, "en", null).getEntity();
        assertThat(sheet.totalLearners()).isEqualTo(1);
        List<CourseRecords.Grade> grades = sheet.learners().get(0).grades();
        assertThat(grades).extracting(CourseRecords.Grade::moduleId, CourseRecords.Grade::status,
                CourseRecords.Grade::attempts, CourseRecords.Grade::bestScore, CourseRecords.Grade::lastScore)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unit:u1", "passed", 2, 0.9, 0.9),
                        org.assertj.core.groups.Tuple.tuple("unit:u2", "not-attempted", 0, null, null));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void pagesAndPeriodsAndTheirErrors(DataSource ds) {
        World w = new World(ds);
        RecordsResource.HistoryPage second = history(w.as(ADMIN_A), w.global.id(), null, null, null, "2", "3");
        assertThat(second.totalLearners()).isEqualTo(4);
        assertThat(second.learners()).extracting(RecordsResource.LearnerHistory::learnerId).containsExactly("root");

        // Only attempts active in the period: alice's second attempt (2 days on), carol's (1 day on).
        RecordsResource.HistoryPage later = history(w.as(ADMIN_A), w.global.id(), null, "2026-04-02", null, null, null);
        assertThat(later.learners().stream().flatMap(l -> l.attempts().stream()).toList())
                .extracting(RecordsResource.AttemptView::moduleId, RecordsResource.AttemptView::attempt)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("unit:u1", 2),
                        org.assertj.core.groups.Tuple.tuple("unit:u2", 1));
        RecordsResource.HistoryPage firstDay = history(w.as(ADMIN_A), w.global.id(), null, "2026-04-01",
                "2026-04-01", null, null);
        assertThat(firstDay.learners().stream().mapToLong(l -> l.attempts().size()).sum()).isEqualTo(1);

        RecordsResource admin = w.as(ADMIN_A);
        String id = w.global.id();
        for (String[] bad : new String[][] {{"2026-13-01", null}, {"yesterday", null}, {null, "2026-04-01T09:00"}}) {
            assertThatThrownBy(() -> history(admin, id, null, bad[0], bad[1], null, null))
                    .extracting("code").isEqualTo("bad-date");
        }
        assertThatThrownBy(() -> history(admin, id, null, "2026-04-03", "2026-04-02", null, null))
                .extracting("code").isEqualTo("bad-period");
        for (String[] bad : new String[][] {{"0", null}, {"x", null}, {null, "501"}, {null, "0"}}) {
            assertThatThrownBy(() -> history(admin, id, null, null, null, bad[0], bad[1]))
                    .extracting("status", "code").containsExactly(400, "bad-page");
        }
        assertThatThrownBy(() -> admin.history(id, null, null, null, null, null, null, "xml", "en", null))
                .extracting("code").isEqualTo("bad-format");
        assertThatThrownBy(() -> admin.modules("no-such-course", null)).extracting("status").isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void gradeCsvIsExcelSafeAndSpeaksTheRequestersLanguage(DataSource ds) throws Exception {
        World w = new World(ds);
        String text = csv(w.as(ADMIN_A).grades(w.global.id(), null, null, null, null, null, null, "csv", "ja", null));
        String[] lines = text.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("受講者ID,氏名,単元u1：状況,単元u1：受講回数,単元u1：最高得点,単元u1：最新の得点,"
                + "単元u2：状況,単元u2：受講回数,単元u2：最高得点,単元u2：最新の得点");
        assertThat(lines).contains("alice,山田 花子,passed,2,0.9,0.9,not-attempted,0,,",
                "carol,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",not-attempted,0,,,in-progress,1,,");
        assertThat(lines[lines.length - 1]).isEmpty();
        assertThat(text).doesNotContain("bob").doesNotContain("\n\n");

        String history = csv(w.as(ADMIN_A).history(w.global.id(), null, null, null, "alice", null, null, "csv", "ja",
                "Asia/Tokyo"));
        // Both downloads are in the audit log (README "Personal data").
        assertThat(w.core.audit.entries("uni-a", null, null, 0, 10).entries())
                .extracting(AuditLog.Entry::action, e -> e.detail().get("report").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditLog.Action.RECORDS_DOWNLOADED, "history"),
                        org.assertj.core.groups.Tuple.tuple(AuditLog.Action.RECORDS_DOWNLOADED, "grades"));
        assertThat(history.split("\r\n")[0]).startsWith("受講者ID,氏名,モジュールID,モジュールの種類,モジュール,回,")
                .contains("開始日時（Asia/Tokyo）");
        assertThat(history).contains("alice,山田 花子,unit:u1,unit,単元u1,2,completed,passed,0.9,9,,300,"
                + "2026-04-03 17:55:00,2026-04-03 18:00:00,2026-04-03 18:00:00,\r\n");
    }

    /**
     * README "Personal data": every read of members' records, JSON or CSV, by an admin or a records credential, is
     * in the audit log with who read (and their institution), the institution and course read, format and rows.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void everyRecordsReadIsAuditLoggedWithFormatAndRows(DataSource ds) throws Exception {
        World w = new World(ds);
        RecordsCredentials.Issued issued = w.as(ADMIN_A).issueCredential(new RecordsResource.CredentialRequest(
                "SIS", null));
        String basic = "Basic " + Base64.getEncoder().encodeToString((issued.credential().key() + ":"
                + issued.secret()).getBytes(StandardCharsets.UTF_8));

        history(w.as(ADMIN_A), w.global.id(), null, null, null, null, null);
        w.as(null, basic).grades(w.global.id(), null, null, null, "alice", null, null, "json", "en", null);
        String csv = csv(w.as(ADMIN_A).grades(w.global.id(), null, null, null, null, null, null, "csv", "en", null));
        int csvRows = csv.split("\r\n").length - 1;

        List<AuditLog.Entry> reads = w.core.audit.entries("uni-a", null, null, 0, 10).entries().stream()
                .filter(e -> e.action().equals(AuditLog.Action.RECORDS_DOWNLOADED)).toList();
        assertThat(reads).extracting(AuditLog.Entry::actorTenantId, AuditLog.Entry::actorId,
                AuditLog.Entry::targetTenantId, AuditLog.Entry::target,
                e -> e.detail().get("report").asText(), e -> e.detail().get("format").asText(),
                e -> e.detail().get("rows").asInt()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("uni-a", "admin-a", "uni-a", w.global.id(), "grades", "csv",
                        csvRows),
                org.assertj.core.groups.Tuple.tuple("uni-a", AuditLog.RECORDS_CREDENTIAL_ACTOR_PREFIX
                        + issued.credential().id(), "uni-a", w.global.id(), "grades", "json", 1),
                org.assertj.core.groups.Tuple.tuple("uni-a", "admin-a", "uni-a", w.global.id(), "history", "json",
                        3));
        assertThat(reads.get(1).detail().get("learner").asText()).isEqualTo("alice");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anIssuedCredentialReadsItsOwnInstitutionOnlyUntilRevoked(DataSource ds) {
        World w = new World(ds);
        RecordsCredentials.Issued issued = w.as(ADMIN_A).issueCredential(new RecordsResource.CredentialRequest(
                " Student information system ", null));
        assertThat(issued.credential().key()).startsWith(RecordsCredentials.KEY_PREFIX);
        assertThat(issued.credential().tenantId()).isEqualTo("uni-a");
        assertThat(issued.credential().label()).isEqualTo("Student information system");
        String basic = "Basic " + Base64.getEncoder().encodeToString((issued.credential().key() + ":"
                + issued.secret()).getBytes(StandardCharsets.UTF_8));

        RecordsResource.HistoryPage page = history(w.as(null, basic), w.global.id(), null, null, null, null, null);
        assertThat(page.tenantId()).isEqualTo("uni-a");
        assertThat(page.toString()).contains("alice").doesNotContain("bob");
        assertThat(status(() -> history(w.as(null, basic), w.global.id(), "uni-b", null, null, null, null)))
                .isEqualTo(403);
        // Read-only and records only: it is nobody to the credential administration.
        assertThat(status(() -> w.as(null, basic).listCredentials(null))).isEqualTo(401);
        String wrong = "Basic " + Base64.getEncoder().encodeToString((issued.credential().key() + ":nope")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> w.as(null, wrong).modules(w.global.id(), null)).extracting("status", "code")
                .containsExactly(401, "invalid-credentials");

        // The list never shows the secret; the other institution's admin cannot revoke it.
        assertThat(w.as(ADMIN_A).listCredentials(null)).singleElement().extracting(RecordsCredentials.Credential::key)
                .isEqualTo(issued.credential().key());
        assertThat(w.as(ADMIN_A).listCredentials(null).toString()).doesNotContain(issued.secret());
        assertThat(w.as(ADMIN_B).listCredentials(null)).isEmpty();
        assertThat(status(() -> w.as(ADMIN_B).revokeCredential(issued.credential().id(), null))).isEqualTo(404);
        assertThat(status(() -> w.as(ADMIN_B).revokeCredential(issued.credential().id(), "uni-a"))).isEqualTo(403);
        assertThat(status(() -> w.as(ALICE).issueCredential(new RecordsResource.CredentialRequest("x", null))))
                .isEqualTo(403);
        assertThatThrownBy(() -> w.as(ADMIN_A).issueCredential(new RecordsResource.CredentialRequest(" ", null)))
                .extracting("code").isEqualTo("invalid-label");

        w.as(ADMIN_A).revokeCredential(issued.credential().id(), null);
        assertThat(status(() -> w.as(null, basic).modules(w.global.id(), null))).isEqualTo(401);
        assertThat(w.as(ADMIN_A).listCredentials(null).get(0).revokedAt()).isNotNull();
        // The stored row holds a salted hash, never the secret.
        String stored = Sql.inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select secret_salt, secret_hash from manabi_records_credential");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + rs.getString(2);
            }
        });
        assertThat(stored).doesNotContain(issued.secret());
    }
}
