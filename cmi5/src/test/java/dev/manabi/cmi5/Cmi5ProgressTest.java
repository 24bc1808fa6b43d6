package dev.manabi.cmi5;

import static dev.manabi.cmi5.Cmi5Lms.defined;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.LockWaits;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Progress facts of cmi5 courses (issue 14) on H2 and PostgreSQL, through the LRS's path: the cmi5 statement rules
 * and the progress observer in one transaction for the AU's statements, the outbox drain for the LMS's own
 * (launched, satisfied, waived). The course of {@link Cmi5Lms}: block {@code BLOCK} with AU 0 (CompletedAndPassed,
 * masteryScore 0.8) and AU 1 (Completed); block {@code EXTRAS} with AU 2 (NotApplicable).
 */
class Cmi5ProgressTest {

    private static final String LINE = Cmi5Lms.LINE;
    private static final String AU0 = LINE + "/" + Cmi5Lms.AU0;
    private static final String AU1 = LINE + "/" + Cmi5Lms.AU1;
    private static final String AU2 = LINE + "/" + Cmi5Lms.AU2;
    private static final String BLOCK = LINE + "/" + Cmi5Lms.BLOCK;
    private static final String EXTRAS = LINE + "/" + Cmi5Lms.EXTRAS;

    private static final LearnerContext BOB = new LearnerContext("bob", "Bob", null, new Tenant("a", "A"),
            java.util.Set.of(Role.LEARNER), null);

    @TempDir
    Path content;

    private static ProgressFact fact(String kind, String ref, boolean completed, Boolean passed, Double score,
                                     Double max) {
        return new ProgressFact(kind, ref, completed, passed, score, max);
    }

    private static ProgressFact done(String kind, String ref, boolean completed) {
        return fact(kind, ref, completed, null, null, null);
    }

    /** Every fact of the satisfied course, AU 1 completed by the AU, with AU 0's own and the course's as given. */
    private static ProgressFact[] satisfiedCourse(ProgressFact au0, ProgressFact course) {
        return new ProgressFact[] {au0, done("cmi5-au-satisfied", AU0, true), fact("cmi5-au", AU1, true, null, null,
                null), done("cmi5-au-satisfied", AU1, true), done("cmi5-au-satisfied", AU2, true),
            done("cmi5-block", BLOCK, true), done("cmi5-block", EXTRAS, true), course};
    }

    private List<ProgressFact> facts(Cmi5Lms lms) {
        return lms.core.ledger.facts(Cmi5Lms.LEARNER, lms.courseId);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_launch_starts_the_course_and_satisfies_not_applicable_aus_once_the_lrs_has_the_statements(DataSource ds)
            throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        lms.launch(0, LaunchMode.Normal);
        assertThat(facts(lms)).as("nothing before the LRS stored the launched statement").isEmpty();

        lms.drain();
        assertThat(facts(lms)).containsExactlyInAnyOrder(
                done("cmi5-au-satisfied", AU2, true),
                done("cmi5-block", EXTRAS, true),
                done("cmi5", LINE, false));
        assertThat(lms.core.events).extracting(e -> e.fact().kind()).containsExactly("cmi5-au-satisfied",
                "cmi5-block", "cmi5");
        assertThat(lms.core.events).allSatisfy(e -> {
            assertThat(e.courseId()).isEqualTo(lms.courseId);
            assertThat(e.learner().learnerId()).isEqualTo("alice");
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void completed_failed_and_passed_move_the_aus_blocks_and_course(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched reading = lms.launch(1, LaunchMode.Normal);
        lms.drain();
        lms.storeObserved(reading, defined(reading, "initialized", null), defined(reading, "completed", null),
                defined(reading, "terminated", null));
        assertThat(facts(lms)).contains(
                fact("cmi5-au", AU1, true, null, null, null),
                done("cmi5-au-satisfied", AU1, true),
                done("cmi5-block", BLOCK, false),
                done("cmi5", LINE, false));

        Cmi5Lms.Launched check = lms.launch(0, LaunchMode.Normal);
        lms.storeObserved(check, defined(check, "initialized", null), defined(check, "failed", 0.5));
        assertThat(facts(lms)).contains(
                fact("cmi5-au", AU0, false, false, 50.0, 100.0),
                done("cmi5-au-satisfied", AU0, false),
                // cmi5 has no course-level fail (9.3.9): the learner may pass the AU in a later session
                fact("cmi5", LINE, false, null, 50.0, 100.0));

        Cmi5Lms.Launched again = lms.launch(0, LaunchMode.Normal);
        ObjectNode passed = defined(again, "passed", null);
        passed.with("result").putObject("score").put("raw", 9).put("min", 0).put("max", 10);
        lms.storeObserved(again, defined(again, "initialized", null), defined(again, "completed", null), passed);
        lms.drain();
        assertThat(facts(lms)).containsExactlyInAnyOrder(satisfiedCourse(fact("cmi5-au", AU0, true, true, 9.0, 10.0),
                fact("cmi5", LINE, true, true, 90.0, 100.0)));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void one_passed_au_does_not_pass_a_course_that_is_not_satisfied(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched check = lms.launch(0, LaunchMode.Normal);
        lms.storeObserved(check, defined(check, "initialized", null), defined(check, "completed", null),
                defined(check, "passed", 0.9));
        lms.drain();
        assertThat(facts(lms)).contains(
                fact("cmi5-au", AU0, true, true, 90.0, 100.0),
                done("cmi5-au-satisfied", AU0, true),
                done("cmi5-block", BLOCK, false),
                fact("cmi5", LINE, false, null, 90.0, 100.0));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statements_seen_again_record_nothing_and_fire_nothing(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched reading = lms.launch(1, LaunchMode.Normal);
        lms.drain();
        lms.storeObserved(reading, defined(reading, "initialized", null), defined(reading, "completed", null));
        lms.drain(); // the LMS's satisfied statements: their facts were derived with the AU's completed
        List<ProgressFact> before = facts(lms);
        int events = lms.core.events.size();

        // every statement of the registration shown once more (e.g. a second drain of the same outbox rows)
        List<ObjectNode> all = dev.manabi.core.TestStatements.queued(ds);
        lms.observe("a", all);
        assertThat(facts(lms)).isEqualTo(before);
        assertThat(lms.core.events).hasSize(events);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_waived_au_counts_as_satisfied_once_the_lrs_has_the_waiver(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched reading = lms.launch(1, LaunchMode.Normal);
        lms.storeObserved(reading, defined(reading, "initialized", null), defined(reading, "completed", null));
        lms.drain();
        lms.administration.waive(Cmi5Lms.PLATFORM, reading.registration(), 0, "Tested Out");
        assertThat(facts(lms)).contains(done("cmi5", LINE, false));

        lms.drain();
        assertThat(facts(lms)).contains(
                done("cmi5-au-satisfied", AU0, true),
                done("cmi5-block", BLOCK, true),
                // satisfied; AU 0's moveOn (CompletedAndPassed) asked for a pass, which the waiver stands for
                fact("cmi5", LINE, true, true, null, null),
                // what the AU itself stated: nothing (a waiver is not a completion)
                fact("cmi5-au", AU0, false, null, null, null));
    }

    /**
     * Review of issue 14, B1: an administrator waives AU 0 while the AU's {@code completed} of AU 1 is being stored.
     * The outbox drain shows the waiver to the observer in its own transaction, while the AU's transaction has
     * recorded facts and not yet committed; both derive the waived AU's facts. The drain waits for the
     * registration's lock, then finds the facts recorded: no duplicate key, every fact once and right.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_waiver_drained_while_the_au_completes_records_each_fact_once(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched reading = lms.launch(1, LaunchMode.Normal);
        lms.storeObserved(reading, defined(reading, "initialized", null));
        lms.drain();
        lms.administration.waive(Cmi5Lms.PLATFORM, reading.registration(), 0, "Tested Out");

        CountDownLatch auRecorded = new CountDownLatch(1);
        CountDownLatch drainStarted = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> au = threads.submit(() -> lms.storeObserved(reading, () -> {
                auRecorded.countDown();
                try {
                    assertThat(drainStarted.await(30, TimeUnit.SECONDS)).isTrue();
                    LockWaits.awaitOne(ds);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, defined(reading, "completed", null)));
            assertThat(auRecorded.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> drain = threads.submit(() -> {
                drainStarted.countDown();
                lms.drain();
            });
            au.get(30, TimeUnit.SECONDS);
            drain.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        lms.drain(); // the satisfied statements of the AU's transaction

        assertThat(facts(lms)).containsExactlyInAnyOrder(satisfiedCourse(fact("cmi5-au", AU0, false, null, null,
                null), fact("cmi5", LINE, true, true, null, null))); // AU 0's moveOn asked for a pass: Tested Out
        assertThat(lms.core.events).filteredOn(e -> e.fact().kind().equals("cmi5-au-satisfied")
                && e.fact().ref().equals(AU0)).as("the waived AU's fact recorded once").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_judgment_counts_only_from_the_sessions_own_token_and_only_in_its_institution(DataSource ds)
            throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        Cmi5Lms.Launched check = lms.launch(0, LaunchMode.Normal);
        lms.drain();
        ObjectNode failed = defined(check, "failed", 0.25);
        ObjectNode byAnotherCredential = failed.deepCopy();
        byAnotherCredential.putObject("authority").putObject("account").put("homePage", "urn:manabi:lrs:credential")
                .put("name", "lrs-a");
        lms.observe("a", List.of(byAnotherCredential));
        assertThat(facts(lms)).noneMatch(f -> f.kind().equals("cmi5-au"));

        ObjectNode bySession = failed.deepCopy();
        bySession.putObject("authority").putObject("account").put("homePage", "urn:manabi:lrs:credential")
                .put("name", check.sessionId());
        lms.observe("b", List.of(bySession));
        assertThat(facts(lms)).as("another institution's LRS").noneMatch(f -> f.kind().equals("cmi5-au"));

        ObjectNode namedLikeTheSession = failed.deepCopy();
        namedLikeTheSession.putObject("authority").putObject("account").put("homePage", "https://idp.example.com")
                .put("name", check.sessionId());
        lms.observe("a", List.of(namedLikeTheSession));
        assertThat(facts(lms)).as("an authority of another home page").noneMatch(f -> f.kind().equals("cmi5-au"));

        lms.observe("a", List.of(bySession));
        assertThat(facts(lms)).contains(fact("cmi5-au", AU0, false, false, 25.0, 100.0));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void agents_of_the_automation_api_get_no_facts(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        ObjectNode agent = Cmi5Lms.JSON.createObjectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", "https://host.example.com").put("name", "u-42");
        lms.launcher.launchFor(Cmi5Lms.PLATFORM, lms.courseId, agent, null,
                new Cmi5Launcher.Request(2, LaunchMode.Normal, null), Cmi5Lms.SITE);
        lms.drain();
        Integer facts = Sql.inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_progress_fact");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(facts).isZero();
        assertThat(lms.core.events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void the_table_of_contents_reads_the_same_standing(DataSource ds) throws Exception {
        Cmi5Lms lms = new Cmi5Lms(ds, content);
        CourseVersions.CourseVersion version = lms.launcher.version(Cmi5Lms.LEARNER, lms.courseId);
        Cmi5Standing none = lms.progress.standing(Cmi5Lms.LEARNER, lms.courseId, version);
        assertThat(none.au(Cmi5Lms.AU2).satisfied()).as("nothing is satisfied before a registration").isFalse();
        assertThat(none.courseSatisfied()).isFalse();

        Cmi5Lms.Launched reading = lms.launch(1, LaunchMode.Normal);
        lms.storeObserved(reading, defined(reading, "initialized", null), defined(reading, "completed", null));
        Cmi5Standing s = lms.progress.standing(Cmi5Lms.LEARNER, lms.courseId, version);
        assertThat(s.au(Cmi5Lms.AU1)).extracting(Cmi5Standing.AuStanding::completed,
                Cmi5Standing.AuStanding::satisfied).containsExactly(true, true);
        assertThat(s.au(Cmi5Lms.AU2).satisfied()).isTrue();
        assertThat(s.block(Cmi5Lms.BLOCK).satisfied()).isFalse();
        assertThat(s.block(Cmi5Lms.EXTRAS).satisfied()).isTrue();
        assertThat(lms.progress.standing(BOB, lms.courseId, version).au(Cmi5Lms.AU1).completed())
                .as("another learner's standing is their own").isFalse();
    }

    // ---- the derivation without a database -------------------------------------------------------------------

    private static final Instant T = Instant.parse("2026-12-06T03:00:00Z");

    private static CourseVersions.CourseVersion oneAu(String moveOn) throws Exception {
        String xml = CourseStructureReaderTest.course(CourseStructureReaderTest.au("https://example.com/m/au",
                "moveOn=\"" + moveOn + "\"", "<url>index.html</url>"));
        CourseStructure structure = CourseStructureReader.read(CourseStructureReaderTest.parse(xml),
                java.util.Set.of("index.html"), false).structure();
        PackageFormat.StoredVersion v = new PackageFormat.StoredVersion("pkg-m", "line-m", "course-m", "a", 1, T);
        return new CourseVersions.CourseVersion(v.packageId(), v.lineId(), v.courseId(), "a", 1,
                "https://example.com/c", structure, T);
    }

    /**
     * The course of one AU: satisfied as its moveOn; the course passed null until satisfied, then true when the AU
     * asks for a pass or passed, else null (see {@link Cmi5Standing#coursePassed()}).
     */
    @ParameterizedTest(name = "{0}: completed {1}, judged {2}, waived {3} -> satisfied {4}, course passed {5}")
    @CsvSource({
        "Completed, true, , false, true, ",
        "Completed, false, true, false, false, ",
        "Completed, true, false, false, true, ",
        "Passed, false, true, false, true, true",
        "Passed, true, false, false, false, ",
        "CompletedAndPassed, true, false, false, false, ",
        "CompletedAndPassed, true, true, false, true, true",
        "CompletedOrPassed, false, true, false, true, true",
        "CompletedOrPassed, true, false, false, true, ",
        "CompletedOrPassed, false, false, false, false, ",
        "NotApplicable, false, , false, true, ",
        "Passed, false, false, true, true, true",
        "CompletedAndPassed, false, , true, true, true",
    })
    void move_on_decides_satisfied(String moveOn, boolean completed, Boolean judged, boolean waived,
                                   boolean satisfied, Boolean coursePassed) throws Exception {
        CourseVersions.CourseVersion v = oneAu(moveOn);
        Satisfaction.AuStatus status = new Satisfaction.AuStatus(completed ? T : null,
                Boolean.TRUE.equals(judged) ? T : null, waived ? T : null);
        Map<String, Cmi5Standing.Judgment> judgments = judged == null ? Map.of()
                : Map.of("https://example.com/m/au", new Cmi5Standing.Judgment(judged, null, null));
        List<ProgressFact> facts = Cmi5Standing.of(v, Map.of("https://example.com/m/au", status), judgments)
                .facts();
        String ref = "line-m/https://example.com/m/au";
        assertThat(facts).contains(
                fact("cmi5-au", ref, completed, judged, null, null),
                done("cmi5-au-satisfied", ref, satisfied),
                fact("cmi5", "line-m", satisfied, coursePassed, null, null));
    }

    @Test
    void scores_are_points_of_a_maximum() {
        ObjectNode score = Cmi5Lms.JSON.createObjectNode();
        assertThat(Cmi5Standing.judgment(true, score)).isEqualTo(new Cmi5Standing.Judgment(true, null, null));
        score.put("scaled", 0.29);
        assertThat(Cmi5Standing.judgment(true, score)).isEqualTo(new Cmi5Standing.Judgment(true, 29.0, 100.0));
        score.put("raw", 7);
        assertThat(Cmi5Standing.judgment(false, score)).as("raw alone: scaled wins")
                .isEqualTo(new Cmi5Standing.Judgment(false, 29.0, 100.0));
        score.put("min", 2).put("max", 12);
        assertThat(Cmi5Standing.judgment(false, score)).isEqualTo(new Cmi5Standing.Judgment(false, 5.0, 10.0));
        score.remove("scaled");
        score.remove("max");
        assertThat(Cmi5Standing.judgment(true, score)).isEqualTo(new Cmi5Standing.Judgment(true, 5.0, null));
    }

    @Test
    void long_ids_are_hashed_into_the_ledgers_refs() {
        String id = "https://example.com/" + "x".repeat(200);
        String ref = Cmi5Standing.ref("line-1", id);
        assertThat(ref).hasSizeLessThanOrEqualTo(Cmi5Standing.MAX_REF).startsWith("line-1/#")
                .isEqualTo(Cmi5Standing.ref("line-1", id));
        assertThat(Cmi5Standing.ref("line-1", "https://example.com/au")).isEqualTo("line-1/https://example.com/au");
    }

    @Test
    void only_the_lms_activity_ids_name_a_line() {
        assertThat(Cmi5Progress.lineOf("urn:manabi:cmi5/line-q/au/https%3A%2F%2Fexample.com")).contains("line-q");
        assertThat(Cmi5Progress.lineOf("urn:manabi:cmi5/line-q/course")).contains("line-q");
        assertThat(Cmi5Progress.lineOf("https://example.com/q/au0")).isEmpty();
        assertThat(Cmi5Progress.lineOf("urn:manabi:cmi5/line-q")).isEmpty();
    }
}
