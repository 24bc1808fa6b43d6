package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.scorm.pkg.ScormZips;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A SCO session from launch to its end through the services, on H2 and on a real PostgreSQL: terminate replays,
 * abandoned sessions, time, credit and finished attempts.
 */
class SessionLifecycleTest {

    private static final LearnerContext ALICE = LearnerCourses.ALICE;

    @TempDir
    Path content;

    private LearnerCourses.Course course(DataSource ds, byte[] zip) {
        return LearnerCourses.of(ds, content, zip);
    }

    private LearnerCourses.Course course2004(DataSource ds) {
        return LearnerCourses.twoSco2004(ds, content);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aReplayedTerminateIsAcknowledgedAndAppliedOnce(DataSource ds) {
        LearnerCourses.Course c = course2004(ds);
        ScormRuntime.Session s = c.open("i1", false);
        // No sequencing in the manifest: the defaults (choice, no flow, SN 3.2.1) make choice valid, continue not.
        assertThat(s.values()).containsEntry("adl.nav.request_valid.choice.{target=i2}", "true")
                .containsEntry("adl.nav.request_valid.continue", "false");
        assertThat(c.sco("i1").cmi()).doesNotContainKey("adl.nav.request_valid.choice.{target=i2}");
        ScoRecord first = c.commit("i1", s, 1, true, "cmi.session_time", "PT1M", "cmi.exit", "suspend");
        assertThat(first.sessionOpen()).isFalse();

        // The response was lost: the adapter sends the very same terminate again.
        ScoRecord replay = c.commit("i1", s, 1, true, "cmi.session_time", "PT1M", "cmi.exit", "suspend");
        assertThat(replay.lastSequence()).isEqualTo(1);
        assertThat(replay.totalTimeCs()).as("session time counted once").isEqualTo(6000);
        assertThat(replay.cmi()).containsEntry("cmi.total_time", "PT0H1M0S");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H1M0S");

        assertThatThrownBy(() -> c.commit("i1", s, 1, false, "cmi.location", "x"))
                .as("only the terminating commit is replayable").isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-commit-stale"));
        assertThatThrownBy(() -> c.commit("i1", s, 2, false, "cmi.location", "x"))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-session-closed"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void courseTimeNeverGoesBackWhenAScoAttemptRestarts(DataSource ds) {
        LearnerCourses.Course c = course2004(ds);
        ScormRuntime.Session s = c.open("i1", false);
        c.commit("i1", s, 1, true, "cmi.completion_status", "completed", "cmi.exit", "normal",
                "cmi.session_time", "PT10M");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H10M0S");

        // A normal exit ends the SCO attempt: the next one starts with cmi.total_time zero (SCORM 2004 RTE 4.2.26)...
        ScormRuntime.Session again = c.open("i1", false);
        assertThat(again.values()).containsEntry("cmi.entry", "ab-initio").containsEntry("cmi.total_time",
                "PT0H0M0S");
        // ...but the learner's time in the course stays.
        assertThat(c.progress().totalTime()).isEqualTo("PT0H10M0S");
        ScoRecord second = c.commit("i1", again, again.sequence() + 1, true, "cmi.session_time", "PT5M");
        assertThat(second.cmi()).containsEntry("cmi.total_time", "PT0H5M0S");
        assertThat(second.learnerTimeCs()).isEqualTo(90000);
        assertThat(c.progress().totalTime()).isEqualTo("PT0H15M0S");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAbandonedSessionKeepsTheSharedDataItWrote(DataSource ds) {
        LearnerCourses.Course c = course2004(ds);
        ScormRuntime.Session first = c.open("i1", false);
        c.commit("i1", first, 1, true, "adl.data.0.store", "old", "cmi.exit", "suspend");

        // The tab is closed after a periodic save: no Terminate ever arrives.
        ScormRuntime.Session s = c.open("i1", false);
        assertThat(s.values()).containsEntry("adl.data.0.store", "old");
        c.commit("i1", s, s.sequence() + 1, false, "adl.data.0.store", "new", "cmi.exit", "suspend",
                "cmi.session_time", "PT1M");

        ScormRuntime.Session next = c.open("i1", false);
        assertThat(next.values()).containsEntry("cmi.entry", "resume").containsEntry("adl.data.0.store", "new");
        assertThat(ScormRuntime.Store.sharedData(ds, ALICE)).containsEntry("urn:notes", "new");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H1M0S");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aBrowseSessionKeepsItsDataButCreditsNothing2004(DataSource ds) {
        LearnerCourses.Course c = course2004(ds);
        ScormRuntime.Session credited = c.open("i1", false);
        c.commit("i1", credited, 1, true, "cmi.completion_status", "incomplete", "cmi.session_time", "PT1M");
        AttemptRecord before = c.runtime().attempt(ALICE, c.attemptId());
        c.platform().core.events.clear();

        ScormRuntime.Session browse = c.open("i2", true);
        assertThat(browse.values()).containsEntry("cmi.mode", "browse").containsEntry("cmi.credit", "no-credit");
        ScoRecord r = c.commit("i2", browse, 1, true, "cmi.completion_status", "completed",
                "cmi.success_status", "passed", "cmi.score.scaled", "1", "cmi.location", "p9", "cmi.exit", "suspend",
                "cmi.session_time", "PT2M");
        assertThat(r.cmi()).as("what the SCO stored is kept").containsEntry("cmi.location", "p9")
                .containsEntry("cmi.completion_status", "completed");
        assertThat(r.status()).isEqualTo(ScoStatus.NOT_ATTEMPTED);
        assertThat(r.scoreRaw()).isNull();
        assertThat(c.platform().core.events).as("no progress fact").isEmpty();
        assertThat(c.activity("i2").completion()).isEqualTo("not attempted");
        AttemptRecord after = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(after.status()).isEqualTo(before.status());
        assertThat(after.finished()).isFalse();
        assertThat(c.progress().totalTime()).as("the learner's time still counts").isEqualTo("PT0H3M0S");

        // Relaunched for credit, it resumes the data, but what it reported in browse mode is not credited.
        ScormRuntime.Session normal = c.open("i2", false);
        assertThat(normal.values()).containsEntry("cmi.entry", "resume").containsEntry("cmi.location", "p9");
        assertThat(c.activity("i2").completion()).isEqualTo("unknown");
        assertThat(c.activity("i2").success()).isEqualTo("unknown");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aBrowseSessionCreditsNothing12AndReviewChangesNothing(DataSource ds) {
        LearnerCourses.Course c = course(ds, ScormZips.scorm12("lifecycle12", "Lifecycle 1.2"));
        c.platform().core.events.clear();
        ScormRuntime.Session browse = c.open("i1", true);
        assertThat(browse.values()).containsEntry("cmi.core.credit", "no-credit")
                .containsEntry("cmi.core.lesson_mode", "browse");
        ScoRecord r = c.commit("i1", browse, 1, true, "cmi.core.lesson_status", "passed", "cmi.core.score.raw",
                "95", "cmi.core.exit", "suspend");
        assertThat(r.cmi()).containsEntry("cmi.core.lesson_status", "passed");
        assertThat(r.status()).isEqualTo(ScoStatus.NOT_ATTEMPTED);
        assertThat(c.platform().core.events).isEmpty();
        assertThat(c.progress().completion()).isEqualTo("not attempted");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isFalse();

        ScormRuntime.Session normal = c.open("i1", false);
        assertThat(c.activity("i1").completion()).as("no credit from the browse session").isEqualTo("not attempted");
        c.commit("i1", normal, normal.sequence() + 1, true, "cmi.core.lesson_status", "completed",
                "cmi.core.score.raw", "85");
        assertThat(c.progress().success()).as("mastery score 80").isEqualTo("passed");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isTrue();

        // Review of the finished attempt: no-credit, nothing stored, nothing recorded.
        ScoRecord stored = c.sco("i1");
        CourseProgress progress = c.progress();
        c.platform().core.events.clear();
        ScormRuntime.Session review = c.open("i1", true);
        assertThat(review.review()).isTrue();
        assertThat(review.values()).containsEntry("cmi.core.credit", "no-credit")
                .containsEntry("cmi.core.lesson_mode", "review");
        assertThatThrownBy(() -> c.commit("i1", review, 1, true, "cmi.core.lesson_status", "failed"))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-review-session"));
        assertThat(c.sco("i1")).isEqualTo(stored);
        assertThat(c.progress()).isEqualTo(progress);
        assertThat(c.platform().core.events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aNewAttemptEndsTheOpenSessionsAndTheOldTabCanNoLongerChangeIt(DataSource ds) {
        LearnerCourses.Course c = course2004(ds);
        ScormRuntime.Session oldTab = c.open("i1", false);
        c.commit("i1", oldTab, 1, false, "cmi.location", "p2", "cmi.session_time", "PT3M", "cmi.exit", "suspend");

        AttemptRecord second = c.runtime().newAttempt(ALICE, c.pkg().courseId(), c.pkg().lineId());
        AttemptRecord first = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(first.finished()).isTrue();
        ScoRecord closed = c.sco("i1");
        assertThat(closed.sessionOpen()).as("closed as an abandoned session").isFalse();
        assertThat(closed.totalTimeCs()).isEqualTo(18000);
        assertThat(first.totalTimeCs()).isEqualTo(18000);

        for (boolean terminate : new boolean[] {false, true}) {
            assertThatThrownBy(() -> c.commit("i1", oldTab, 2, terminate, "cmi.location", "p3"))
                    .isInstanceOfSatisfying(PlayerException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("scorm-attempt-finished");
                    });
        }
        assertThat(c.sco("i1")).isEqualTo(closed);
        assertThat(c.runtime().attempt(ALICE, second.id()).finished()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theTerminateThatFinishesTheAttemptMayStillBeReplayed(DataSource ds) {
        LearnerCourses.Course c = course(ds, ScormZips.scorm12("lifecycle12", "Lifecycle 1.2"));
        ScormRuntime.Session s = c.open("i1", false);
        // The adapter sent commit 1, then LMSFinish as 2; 2 arrives first and finishes the attempt.
        c.commit("i1", s, 2, true, "cmi.core.lesson_status", "passed", "cmi.core.session_time", "00:01:00");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isTrue();
        assertThatThrownBy(() -> c.commit("i1", s, 1, false, "cmi.core.lesson_location", "p1"))
                .as("overtaken, merely stale").isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-commit-stale"));
        ScoRecord replay = c.commit("i1", s, 2, true, "cmi.core.lesson_status", "passed",
                "cmi.core.session_time", "00:01:00");
        assertThat(replay.totalTimeCs()).isEqualTo(6000);
    }
}
