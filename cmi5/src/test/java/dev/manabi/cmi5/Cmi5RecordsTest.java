package dev.manabi.cmi5;

import static dev.manabi.cmi5.Cmi5Lms.T0;
import static dev.manabi.cmi5.Cmi5Lms.defined;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CourseRecords;
import dev.manabi.core.QueryCounter;
import dev.manabi.core.RecordsDownloads;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.core.spi.LearningRecords.Attempt;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cmi5's learning records (README "Learning records", issue 15) on H2 and PostgreSQL, through the LMS's own path
 * ({@link Cmi5Lms}: launches, the AU's statements checked by the statement rules and seen by the progress observer,
 * an administrator's waiver). A course of two AUs: {@code AU0} (moveOn Passed, masteryScore 0.8) failed in a first
 * session and passed with a score in a second; {@code AU1} (moveOn Completed) launched once and then waived.
 */
class Cmi5RecordsTest {

    private static final String LINE = Cmi5Lms.LINE;
    private static final String COURSE = "cmi5:" + LINE;
    private static final String AU0 = "cmi5:" + LINE + ":" + Cmi5Lms.AU0;
    private static final String AU1 = "cmi5:" + LINE + ":" + Cmi5Lms.AU1;
    private static final LearnerContext ADMIN = new LearnerContext("admin-a", "Admin", null, new Tenant("a", "A"),
            Set.of(Role.INSTITUTION_ADMIN), null);

    @TempDir
    Path content;

    /** The LMS over the two-AU course, alice's story played on its clock (minutes after {@code T0} in comments). */
    private Cmi5Lms played(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content, CourseStructureReaderTest.course(
                CourseStructureReaderTest.au(Cmi5Lms.AU0, "moveOn=\"Passed\" masteryScore=\"0.8\"",
                        "<url>index.html</url>")
                        + CourseStructureReaderTest.au(Cmi5Lms.AU1, "moveOn=\"Completed\"", "<url>index.html</url>")));
        Cmi5Lms.Launched first = lms.launch(0, LaunchMode.Normal); // 0: the registration and session 1
        lms.advance(Duration.ofMinutes(1));
        lms.storeObserved(first, defined(first, "initialized", null));
        lms.advance(Duration.ofMinutes(4)); // 5
        lms.storeObserved(first, defined(first, "failed", 0.5), defined(first, "terminated", null));

        lms.advance(Duration.ofMinutes(10)); // 15
        Cmi5Lms.Launched second = lms.launch(0, LaunchMode.Normal);
        lms.advance(Duration.ofMinutes(1));
        lms.storeObserved(second, defined(second, "initialized", null));
        lms.advance(Duration.ofMinutes(9)); // 25
        ObjectNode passed = defined(second, "passed", 0.9);
        ((ObjectNode) passed.path("result").path("score")).put("raw", 9).put("min", 0).put("max", 10);
        lms.storeObserved(second, defined(second, "completed", null), passed, defined(second, "terminated", null));

        lms.advance(Duration.ofMinutes(5)); // 30
        Cmi5Lms.Launched third = lms.launch(1, LaunchMode.Normal);
        lms.advance(Duration.ofMinutes(1)); // 31, the session stays open
        lms.storeObserved(third, defined(third, "initialized", null));
        lms.advance(Duration.ofMinutes(4)); // 35
        lms.administration.waive(Cmi5Lms.PLATFORM, third.registration(), 1, "Tested Out");
        lms.drain();
        RecordsDownloads.member(lms.core, Cmi5Lms.LEARNER, T0);
        return lms;
    }

    private static Cmi5Records records(Cmi5Lms lms) {
        Cmi5Records records = new Cmi5Records();
        records.versions = new CourseVersions();
        records.versions.database = lms.core.database;
        records.database = lms.core.database;
        return records;
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<Attempt> attempts(Cmi5Lms lms, String tenant, Instant from, Instant to) {
        return records(lms).attempts(new LearningRecords.Query(tenant, lms.courseId, List.of(LINE),
                List.of("alice"), from, to));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void every_session_and_the_waiver_are_attempts_with_the_aus_standing_and_the_course_its_grade(DataSource ds)
            throws Exception {
        Cmi5Lms lms = played(ds);
        Cmi5Records records = records(lms);
        assertThat(records.modules(lms.courseId, List.of(LINE, "no-such-line")))
                .extracting(LearningRecords.Module::id, LearningRecords.Module::ref, m -> m.title().resolve(
                        java.util.Locale.ENGLISH))
                .containsExactly(tuple(COURSE, LINE, "T"), tuple(AU0, LINE, "T"), tuple(AU1, LINE, "T"));

        assertThat(attempts(lms, "a", null, null)).extracting(Attempt::moduleId, Attempt::number,
                        Attempt::completion, Attempt::success, Attempt::scoreScaled, Attempt::scoreRaw,
                        Attempt::timeSpent, Attempt::startedAt, Attempt::endedAt, Attempt::lastActivityAt,
                        Attempt::satisfaction)
                .containsExactlyInAnyOrder(
                        // the course fact's standing: satisfied by the waiver, passed, 90 % (AU0's 9 of 10)
                        tuple(COURSE, 1, "completed", "passed", 0.9, 90.0, Duration.ofMinutes(16), at(0), at(35),
                                at(35), "satisfied"),
                        tuple(AU0, 1, "incomplete", "failed", 0.5, null, Duration.ofMinutes(5), at(0), at(5), at(5),
                                "not-satisfied"),
                        tuple(AU0, 2, "completed", "passed", 0.9, 9.0, Duration.ofMinutes(10), at(15), at(25),
                                at(25), "satisfied"),
                        // the open session: not ended, not satisfied when it was last heard of
                        tuple(AU1, 1, "incomplete", "unknown", null, null, Duration.ofMinutes(1), at(30), null,
                                at(31), "not-satisfied"),
                        // the waiver: the AU's own standing unchanged, satisfied by the administrator
                        tuple(AU1, 2, "incomplete", "unknown", null, null, null, at(35), at(35), at(35), "waived"));

        List<LearningRecords.Module> modules = records.modules(lms.courseId, List.of(LINE));
        assertThat(CourseRecords.grades(List.of("alice"), modules, attempts(lms, "a", null, null)).get("alice"))
                .extracting(CourseRecords.Grade::moduleId, CourseRecords.Grade::status, CourseRecords.Grade::attempts,
                        CourseRecords.Grade::bestScore, CourseRecords.Grade::lastScore)
                .containsExactly(tuple(COURSE, "passed", 1, 0.9, 0.9), tuple(AU0, "passed", 2, 0.9, 0.9),
                        tuple(AU1, "waived", 2, null, null));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void blocks_are_modules_before_their_aus_with_one_attempt_per_registration(DataSource ds) throws Exception {
        // the default course: BLOCK (AU0 CompletedAndPassed, AU1 Completed), EXTRAS (AU2 NotApplicable)
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched l = lms.launch(1, LaunchMode.Normal); // 0
        lms.advance(Duration.ofMinutes(1));
        lms.storeObserved(l, defined(l, "initialized", null));
        lms.advance(Duration.ofMinutes(4)); // 5: AU1 completed, BLOCK not yet satisfied
        lms.storeObserved(l, defined(l, "completed", null), defined(l, "terminated", null));
        lms.advance(Duration.ofMinutes(5)); // 10: AU0 waived, BLOCK and the course satisfied
        lms.administration.waive(Cmi5Lms.PLATFORM, l.registration(), 0, "Tested Out");
        lms.drain();
        Cmi5Records records = records(lms);
        String block = "cmi5:" + Cmi5Lms.LINE + ":" + Cmi5Lms.BLOCK;
        String extras = "cmi5:" + Cmi5Lms.LINE + ":" + Cmi5Lms.EXTRAS;
        String au = "cmi5:" + Cmi5Lms.LINE + ":";
        assertThat(records.modules(lms.courseId, List.of(Cmi5Lms.LINE))).extracting(LearningRecords.Module::id)
                .containsExactly("cmi5:" + Cmi5Lms.LINE, block, au + Cmi5Lms.AU0, au + Cmi5Lms.AU1, extras,
                        au + Cmi5Lms.AU2);
        List<Attempt> attempts = records.attempts(new LearningRecords.Query("a", lms.courseId,
                List.of(Cmi5Lms.LINE), List.of("alice"), null, null));
        assertThat(attempts).filteredOn(a -> a.moduleId().equals(block) || a.moduleId().equals(extras))
                .extracting(Attempt::moduleId, Attempt::number, Attempt::completion, Attempt::success,
                        Attempt::scoreScaled, Attempt::timeSpent, Attempt::startedAt, Attempt::endedAt,
                        Attempt::lastActivityAt, Attempt::satisfaction)
                .containsExactlyInAnyOrder(
                        // from the first launch of an AU in it to its satisfied statement (9.3.9); its AUs' time
                        tuple(block, 1, "completed", "unknown", null, Duration.ofMinutes(5), at(0), at(10), at(10),
                                "satisfied"),
                        // NotApplicable: satisfied at registration (9.6.1), never launched
                        tuple(extras, 1, "completed", "unknown", null, null, at(0), at(0), at(0), "satisfied"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_period_keeps_attempts_active_in_it_and_their_numbers(DataSource ds) throws Exception {
        Cmi5Lms lms = played(ds);
        assertThat(attempts(lms, "a", at(10), null)).extracting(Attempt::moduleId, Attempt::number)
                .containsExactlyInAnyOrder(tuple(COURSE, 1), tuple(AU0, 2), tuple(AU1, 1), tuple(AU1, 2));
        assertThat(attempts(lms, "a", null, at(10))).extracting(Attempt::moduleId, Attempt::number)
                .containsExactlyInAnyOrder(tuple(COURSE, 1), tuple(AU0, 1));
        assertThat(attempts(lms, "a", at(32), at(34))).extracting(Attempt::moduleId, Attempt::number)
                .as("active in the period: the course, and the session open since 30 whose last word was at 31 is"
                        + " not").containsExactly(tuple(COURSE, 1));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void another_institutions_registrations_are_never_read(DataSource ds) throws Exception {
        Cmi5Lms lms = played(ds);
        // A member of institution b with the same learner id, in the same (shared) course.
        Instant day = T0.plus(Duration.ofDays(1));
        Sql.inTransaction(ds, c -> {
            String registration = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                    + " created_at) values (?, ?, ?, ?, ?)", registration, "b", "alice", lms.courseId,
                    Timestamp.from(day));
            Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index,"
                    + " launch_mode, fetch_key_hash, expires_at, launched_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), registration, "pkg-q", 1, "Normal", UUID.randomUUID().toString(),
                    Timestamp.from(day.plus(Duration.ofHours(8))), Timestamp.from(day));
            Sql.update(c, "insert into manabi_cmi5_au_status (registration, au_id, completed_at) values (?, ?, ?)",
                    registration, Cmi5Lms.AU1, Timestamp.from(day));
            return null;
        });
        assertThat(attempts(lms, "a", null, null)).hasSize(5)
                .allSatisfy(a -> assertThat(a.startedAt()).isBefore(day));
        assertThat(attempts(lms, "b", null, null)).extracting(Attempt::moduleId, Attempt::number,
                        Attempt::completion, Attempt::satisfaction, Attempt::startedAt)
                .containsExactlyInAnyOrder(tuple(AU1, 1, "completed", "satisfied", day),
                        tuple(COURSE, 1, "incomplete", "not-satisfied", day));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_history_and_grades_downloads_carry_the_cmi5_rows(DataSource ds) throws Exception {
        Cmi5Lms lms = played(ds);
        List<LearningRecords> kinds = List.of(records(lms));
        String history = RecordsDownloads.historyCsv(lms.core, ADMIN, lms.courseId, kinds);
        assertThat(history.split("\r\n")[0]).endsWith(",Requirement met (cmi5 moveOn)");
        assertThat(history.split("\r\n")).contains(
                "alice,Alice," + COURSE + ",cmi5,T,1,completed,passed,0.9,90,,960,2026-12-06 02:00:00,"
                        + "2026-12-06 02:35:00,2026-12-06 02:35:00,satisfied",
                "alice,Alice," + AU0 + ",cmi5,T,2,completed,passed,0.9,9,,600,2026-12-06 02:15:00,"
                        + "2026-12-06 02:25:00,2026-12-06 02:25:00,satisfied",
                "alice,Alice," + AU1 + ",cmi5,T,2,incomplete,unknown,,,,,2026-12-06 02:35:00,2026-12-06 02:35:00,"
                        + "2026-12-06 02:35:00,waived");
        String grades = RecordsDownloads.gradesCsv(lms.core, ADMIN, lms.courseId, kinds);
        assertThat(grades.split("\r\n")).contains("alice,Alice,passed,1,0.9,0.9,passed,2,0.9,0.9,waived,2,,");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_page_of_learners_costs_the_same_queries_however_many_it_holds(DataSource ds) throws Exception {
        Cmi5Lms lms = played(ds);
        List<String> learners = new ArrayList<>(List.of("alice"));
        Sql.inTransaction(ds, c -> {
            for (int i = 1; i < 200; i++) {
                String registration = UUID.randomUUID().toString();
                Timestamp t = Timestamp.from(T0.plusSeconds(i));
                Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id,"
                        + " course_id, created_at) values (?, ?, ?, ?, ?)", registration, "a", "learner-" + i,
                        lms.courseId, t);
                for (int au = 0; au < 2; au++) {
                    Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index,"
                            + " launch_mode, fetch_key_hash, expires_at, launched_at, initialized_at, terminated_at,"
                            + " last_statement_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            UUID.randomUUID().toString(), registration, "pkg-q", au, "Normal",
                            UUID.randomUUID().toString(), t, t, t, t, t);
                }
                Sql.update(c, "insert into manabi_cmi5_au_status (registration, au_id, completed_at)"
                        + " values (?, ?, ?)", registration, Cmi5Lms.AU1, t);
                learners.add("learner-" + i);
            }
            return null;
        });
        QueryCounter one = new QueryCounter(ds);
        Cmi5Records.Store.attempts(one.dataSource(), new LearningRecords.Query("a", lms.courseId, List.of(LINE),
                List.of("alice"), null, null));
        QueryCounter page = new QueryCounter(ds);
        List<Attempt> all = Cmi5Records.Store.attempts(page.dataSource(), new LearningRecords.Query("a",
                lms.courseId, List.of(LINE), learners, null, null));
        assertThat(page.prepared()).as("five bulk reads, the line's newest version, the version played")
                .isEqualTo(one.prepared()).isEqualTo(7);
        // alice's five, and per other learner a session on each AU and the course
        assertThat(all).hasSize(5 + 199 * 3);
        assertThat(all).filteredOn(a -> a.learnerId().equals("learner-7") && a.moduleId().equals(AU1))
                .extracting(Attempt::completion, Attempt::satisfaction).containsExactly(tuple("completed",
                        "satisfied"));
    }

    /** Sessions judged before V6 kept no score of their own: the AU's latest judgment gives its session the score. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_judged_before_its_score_was_kept_takes_the_latest_judgments(DataSource ds) throws Exception {
        Cmi5Lms lms = played(ds);
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_cmi5_session set score_scaled = null,"
                + " score_raw = null"));
        assertThat(attempts(lms, "a", null, null)).filteredOn(a -> a.moduleId().equals(AU0))
                .extracting(Attempt::number, Attempt::success, Attempt::scoreScaled, Attempt::scoreRaw)
                .containsExactly(tuple(1, "failed", null, null), tuple(2, "passed", 0.9, null));
    }
}
