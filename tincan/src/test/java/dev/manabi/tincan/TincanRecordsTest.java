package dev.manabi.tincan;

import static dev.manabi.tincan.TincanLaunchTest.LEARNER;
import static dev.manabi.tincan.TincanLaunchTest.ROOT_ID;
import static dev.manabi.tincan.TincanLaunchTest.SITE;
import static dev.manabi.tincan.TincanLaunchTest.T0;
import static dev.manabi.tincan.TincanLaunchTest.observe;
import static dev.manabi.tincan.TincanLaunchTest.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.QueryCounter;
import dev.manabi.core.RecordsDownloads;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.core.spi.LearningRecords.Attempt;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tincan.xml packages' learning records (README "Learning records", issue 15) on H2 and PostgreSQL: the package
 * line is the module, titled with its root activity; each learner's registration one attempt with the standing
 * {@link TincanProgress} keeps from their statements (completed, passed / failed, the latest score), read for one
 * institution only, in the period asked, and in the CSV downloads.
 */
class TincanRecordsTest {

    private static final LearnerContext DAN = new LearnerContext("dan", "Dan", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), null);
    private static final LearnerContext ADMIN = new LearnerContext("admin-a", "Admin", null, new Tenant("a", "A"),
            Set.of(Role.INSTITUTION_ADMIN), null);
    private static final String MODULE = "tincan:line-1";

    @TempDir
    Path content;

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /**
     * Alice launches at 0, fails with 29 % at 1, passes with 17 of 20 at 10 and launches again at 60; Dan launches
     * at 0 and reports nothing; a learner "alice" of institution b has a registration in the same course.
     */
    private TincanLaunchTest.Fixture played(DataSource ds) throws Exception {
        TincanLaunchTest.Fixture f = TincanLaunchTest.fixture(ds, content);
        TincanLauncher.Launch launch = f.launcher().launch(LEARNER, f.courseId(), SITE);
        f.launcher().launch(DAN, f.courseId(), SITE);
        f.progress().clock = Clock.fixed(at(1), ZoneOffset.UTC);
        observe(f, "a", List.of(statement(launch, "failed", ROOT_ID, "{\"score\":{\"scaled\":0.29}}")));
        f.progress().clock = Clock.fixed(at(10), ZoneOffset.UTC);
        observe(f, "a", List.of(statement(launch, "passed", ROOT_ID,
                "{\"score\":{\"raw\":17,\"min\":0,\"max\":20}}")));
        f.launcher().clock = Clock.fixed(at(60), ZoneOffset.UTC);
        f.launcher().launch(LEARNER, f.courseId(), SITE);
        Instant day = T0.plus(Duration.ofDays(1));
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_tincan_registration (registration, tenant_id,"
                + " learner_id, course_id, line_id, activity_id, account_name, completed, success, score, max_score,"
                + " created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(), "b",
                "alice", f.courseId(), "line-1", ROOT_ID, "alice", true, false, 1.0, 10.0, Timestamp.from(day),
                Timestamp.from(day)));
        RecordsDownloads.member(f.core(), LEARNER, T0);
        RecordsDownloads.member(f.core(), DAN, T0);
        return f;
    }

    private static TincanRecords records(TincanLaunchTest.Fixture f) {
        TincanRecords records = new TincanRecords();
        records.versions = new TincanVersions();
        records.versions.database = f.core().database;
        records.database = f.core().database;
        return records;
    }

    private static List<Attempt> attempts(TincanLaunchTest.Fixture f, String tenant, Instant from, Instant to) {
        return records(f).attempts(new LearningRecords.Query(tenant, f.courseId(), List.of("line-1"),
                List.of("alice", "dan"), from, to));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_package_line_is_the_module_and_each_registration_an_attempt_with_its_standing(DataSource ds)
            throws Exception {
        TincanLaunchTest.Fixture f = played(ds);
        assertThat(records(f).modules(f.courseId(), List.of("line-1", "no-such-line")))
                .extracting(LearningRecords.Module::id, LearningRecords.Module::kind, LearningRecords.Module::ref,
                        m -> m.title().resolve(Locale.ENGLISH))
                .containsExactly(tuple(MODULE, "tincan", "line-1", "Geology"));
        assertThat(attempts(f, "a", null, null)).extracting(Attempt::learnerId, Attempt::moduleId, Attempt::number,
                        Attempt::completion, Attempt::success, Attempt::scoreScaled, Attempt::scoreRaw,
                        Attempt::timeSpent, Attempt::startedAt, Attempt::endedAt, Attempt::lastActivityAt,
                        Attempt::satisfaction)
                .containsExactlyInAnyOrder(
                        tuple("alice", MODULE, 1, "completed", "passed", 0.85, 17.0, null, at(0), at(10), at(60),
                                null),
                        tuple("dan", MODULE, 1, "incomplete", "unknown", null, null, null, at(0), null, at(0), null));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void another_institutions_registration_is_never_read_and_the_period_applies(DataSource ds) throws Exception {
        TincanLaunchTest.Fixture f = played(ds);
        assertThat(attempts(f, "b", null, null)).extracting(Attempt::learnerId, Attempt::success, Attempt::scoreRaw)
                .containsExactly(tuple("alice", "failed", 1.0));
        assertThat(attempts(f, "a", null, null)).extracting(Attempt::scoreRaw).doesNotContain(1.0);
        assertThat(attempts(f, "a", at(30), null)).extracting(Attempt::learnerId).containsExactly("alice");
        assertThat(attempts(f, "a", at(61), null)).isEmpty();
        assertThat(attempts(f, "a", null, T0)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_history_and_grades_downloads_carry_the_tincan_rows(DataSource ds) throws Exception {
        TincanLaunchTest.Fixture f = played(ds);
        List<LearningRecords> kinds = List.of(records(f));
        assertThat(RecordsDownloads.historyCsv(f.core(), ADMIN, f.courseId(), kinds).split("\r\n")).contains(
                "alice,Alice," + MODULE + ",tincan,Geology,1,completed,passed,0.85,17,,,2026-12-06 04:00:00,"
                        + "2026-12-06 04:10:00,2026-12-06 05:00:00,",
                "dan,Dan," + MODULE + ",tincan,Geology,1,incomplete,unknown,,,,,2026-12-06 04:00:00,,"
                        + "2026-12-06 04:00:00,");
        assertThat(RecordsDownloads.gradesCsv(f.core(), ADMIN, f.courseId(), kinds).split("\r\n"))
                .contains("alice,Alice,passed,1,0.85,0.85", "dan,Dan,in-progress,1,,");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_page_of_learners_is_one_query_however_many_it_holds(DataSource ds) throws Exception {
        TincanLaunchTest.Fixture f = played(ds);
        List<String> learners = new ArrayList<>(List.of("alice", "dan"));
        Sql.inTransaction(ds, c -> {
            for (int i = 0; i < 200; i++) {
                Timestamp t = Timestamp.from(at(i));
                Sql.update(c, "insert into manabi_tincan_registration (registration, tenant_id, learner_id,"
                        + " course_id, line_id, activity_id, account_name, completed, success, score, max_score,"
                        + " created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(),
                        "a", "learner-" + i, f.courseId(), "line-1", ROOT_ID, "learner-" + i, i % 2 == 0, null, null,
                        null, t, t);
                learners.add("learner-" + i);
            }
            return null;
        });
        QueryCounter one = new QueryCounter(ds);
        TincanRecords.Store.attempts(one.dataSource(), new LearningRecords.Query("a", f.courseId(),
                List.of("line-1"), List.of("alice"), null, null));
        QueryCounter page = new QueryCounter(ds);
        assertThat(TincanRecords.Store.attempts(page.dataSource(), new LearningRecords.Query("a", f.courseId(),
                List.of("line-1"), learners, null, null))).hasSize(202)
                .filteredOn(a -> a.completion().equals("completed")).hasSize(101);
        assertThat(page.prepared()).isEqualTo(one.prepared()).isEqualTo(1);
    }
}
