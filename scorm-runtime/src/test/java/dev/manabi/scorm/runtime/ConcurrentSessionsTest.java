package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.scorm.pkg.TestPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two tabs racing on one attempt (issue 3 "Two browser tabs on one attempt: no silent lost update"; the
 * concurrency rule of {@link ScormRuntime}), on H2 and on a real PostgreSQL: launches and commits arrive from two
 * threads at once. Every outcome must be one the rule allows: the newest launch wins, the other tab is refused with
 * a 409, a commit is applied atomically or refused, and never a 5xx.
 */
class ConcurrentSessionsTest {

    private static final LearnerContext ALICE = LearnerCourses.ALICE;

    @TempDir
    Path content;

    private LearnerCourses.Course course(DataSource ds, byte[] zip) {
        return LearnerCourses.of(ds, content, zip);
    }

    private LearnerCourses.Course course2004(DataSource ds) {
        return LearnerCourses.twoSco2004(ds, content);
    }

    private static final int ROUNDS = 6;

    private static LearnerCourses.Course fresh(LearnerCourses.Course c) {
        return new LearnerCourses.Course(c.platform(), c.runtime(), c.pkg(),
                c.runtime().newAttempt(ALICE, c.pkg().courseId(), c.pkg().lineId()).id());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void twoFirstLaunchesOfOneScoAtOnceBothOpenAndTheLaterWins(DataSource ds) throws Exception {
        LearnerCourses.Course base = course2004(ds);
        for (int round = 0; round < ROUNDS; round++) {
            LearnerCourses.Course c = fresh(base);
            List<Object> r = race(() -> c.open("i1", false), () -> c.open("i1", false));
            assertThat(r).as("round %d: no launch fails (a first launch in two tabs)", round)
                    .allMatch(x -> x instanceof ScormRuntime.Session);
            assertNewestWins(c, (ScormRuntime.Session) r.get(0), (ScormRuntime.Session) r.get(1), 2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void twoRelaunchesAtOnceBothOpenAndTheLaterWins(DataSource ds) throws Exception {
        LearnerCourses.Course base = course2004(ds);
        for (int round = 0; round < ROUNDS; round++) {
            LearnerCourses.Course c = fresh(base);
            ScormRuntime.Session first = c.open("i1", false);
            c.commit("i1", first, 1, false, "cmi.location", "p1", "cmi.exit", "suspend");
            List<Object> r = race(() -> c.open("i1", false), () -> c.open("i1", false));
            assertThat(r).as("round %d: no relaunch fails", round).allMatch(x -> x instanceof ScormRuntime.Session);
            assertNewestWins(c, (ScormRuntime.Session) r.get(0), (ScormRuntime.Session) r.get(1), 3);
        }
    }

    private static void assertNewestWins(LearnerCourses.Course c, ScormRuntime.Session a, ScormRuntime.Session b,
                                         int sessions) {
        ScoRecord stored = c.sco("i1");
        assertThat(stored.sessions()).as("both launches counted").isEqualTo(sessions);
        assertThat(stored.sessionToken()).isIn(a.session(), b.session());
        ScormRuntime.Session loser = stored.sessionToken().equals(a.session()) ? b : a;
        ScormRuntime.Session winner = loser == a ? b : a;
        assertThatThrownBy(() -> c.commit("i1", loser, loser.sequence() + 1, false, "cmi.location", "old"))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-session-superseded"));
        c.commit("i1", winner, winner.sequence() + 1, false, "cmi.location", "new");
        assertThat(c.sco("i1").cmi()).containsEntry("cmi.location", "new");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aCommitRacingANewLaunchIsEitherKeptOrRefusedNeverLost(DataSource ds) throws Exception {
        LearnerCourses.Course base = course2004(ds);
        for (int round = 0; round < ROUNDS; round++) {
            LearnerCourses.Course c = fresh(base);
            ScormRuntime.Session old = c.open("i1", false);
            c.commit("i1", old, 1, false, "cmi.exit", "suspend", "cmi.location", "before");
            List<Object> r = race(() -> c.commit("i1", old, 2, false, "cmi.location", "racing"),
                    () -> c.open("i1", false));
            assertThat(r.get(1)).as("round %d: the launch succeeds", round).isInstanceOf(ScormRuntime.Session.class);
            ScormRuntime.Session tab2 = (ScormRuntime.Session) r.get(1);
            if (r.get(0) instanceof ScoRecord) {
                assertThat(tab2.values()).as("round %d: an acknowledged commit is what the new launch resumes",
                        round).containsEntry("cmi.location", "racing");
                assertThat(c.sco("i1").cmi()).containsEntry("cmi.location", "racing");
            } else {
                assertThat(code(r.get(0))).as("round %d: %s", round, r.get(0))
                        .isIn("scorm-session-superseded", "scorm-session-closed");
                assertThat(tab2.values()).containsEntry("cmi.location", "before");
            }
            assertThat(c.sco("i1").sessionToken()).isEqualTo(tab2.session());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void twoCommitsWithOneSequenceNumberApplyOnceAndInterleavedOnesNeverGoBack(DataSource ds) throws Exception {
        LearnerCourses.Course base = course2004(ds);
        for (int round = 0; round < ROUNDS; round++) {
            LearnerCourses.Course c = fresh(base);
            ScormRuntime.Session s = c.open("i1", false);
            List<Object> r = race(() -> c.commit("i1", s, 1, false, "cmi.location", "a"),
                    () -> c.commit("i1", s, 1, false, "cmi.location", "b"));
            assertThat(r.stream().filter(x -> x instanceof ScoRecord).count()).as("round %d: %s", round, r)
                    .isEqualTo(1);
            Object refused = r.stream().filter(x -> !(x instanceof ScoRecord)).findFirst().orElseThrow();
            assertThat(code(refused)).as("round %d: %s", round, refused).isEqualTo("scorm-commit-stale");
            ScoRecord won = (ScoRecord) r.stream().filter(x -> x instanceof ScoRecord).findFirst().orElseThrow();
            assertThat(c.sco("i1").cmi().get("cmi.location")).isEqualTo(won.cmi().get("cmi.location"));

            List<Object> r2 = race(() -> c.commit("i1", s, 3, false, "cmi.location", "three"),
                    () -> c.commit("i1", s, 2, false, "cmi.location", "two"));
            assertThat(r2.get(0)).as("round %d: the newer commit always applies: %s", round, r2)
                    .isInstanceOf(ScoRecord.class);
            assertThat(r2.get(1)).as("round %d: %s", round, r2)
                    .satisfiesAnyOf(x -> assertThat(x).isInstanceOf(ScoRecord.class),
                            x -> assertThat(code(x)).isEqualTo("scorm-commit-stale"));
            assertThat(c.sco("i1").cmi()).as("round %d: no lost update", round).containsEntry("cmi.location",
                    "three");
            assertThat(c.sco("i1").lastSequence()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void twoTabsOpeningACourseForTheFirstTimeShareOneAttempt(DataSource ds) throws Exception {
        LearnerCourses.Course c = course2004(ds);
        for (int round = 0; round < ROUNDS; round++) {
            LearnerContext learner = TestPlatform.person("bob" + round, "uni-a", Role.LEARNER);
            List<Object> r = race(() -> c.runtime().currentAttempt(learner, c.pkg().courseId(), c.pkg().lineId()),
                    () -> c.runtime().currentAttempt(learner, c.pkg().courseId(), c.pkg().lineId()));
            assertThat(r).as("round %d: %s", round, r).allMatch(x -> x instanceof AttemptRecord);
            assertThat(((AttemptRecord) r.get(0)).id()).isEqualTo(((AttemptRecord) r.get(1)).id());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void twoScosCompletingAtOnceRollUpToACompletedAttempt(DataSource ds) throws Exception {
        LearnerCourses.Course base = course2004(ds);
        for (int round = 0; round < 3 * ROUNDS; round++) {
            LearnerCourses.Course c = fresh(base);
            ScormRuntime.Session one = c.open("i1", false);
            ScormRuntime.Session two = c.open("i2", false);
            List<Object> r = race(() -> c.commit("i1", one, 1, true, "cmi.completion_status", "completed"),
                    () -> c.commit("i2", two, 1, true, "cmi.completion_status", "completed"));
            assertThat(r).as("round %d: %s", round, r).allMatch(x -> x instanceof ScoRecord);
            AttemptRecord a = c.runtime().attempt(ALICE, c.attemptId());
            assertThat(a.status().completion()).as("round %d: the later rollup saw both SCOs", round)
                    .isEqualTo("completed");
            // SCORM 2004: the status is the root's rollup (opening i2 was a choice that ended i1's attempt, SN
            // UP.4), and the attempt goes on until its sequencing session ends.
            assertThat(a.finished()).as("round %d", round).isFalse();
            assertThat(c.progress().completion()).isEqualTo("completed");
            assertThat(c.platform().core.ledger.facts(ALICE, c.pkg().courseId()))
                    .as("round %d: the part's progress fact is the latest state", round)
                    .filteredOn(f -> f.kind().equals("scorm")).singleElement()
                    .satisfies(f -> assertThat(f.completed()).isTrue());
        }
    }

    /** Runs both tasks at once (released together by a barrier); each result is its value or its exception. */
    private static List<Object> race(Callable<?> a, Callable<?> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<?> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String code(Object result) {
        return result instanceof PlayerException e ? e.code() : null;
    }
}
