package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.LearnerCourses.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.pkg.TestCorpus;
import dev.manabi.scorm.pkg.TestPlatform;
import dev.manabi.scorm.seq.state.SequencingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run-time wired to the sequencer, on the corpus package SequencingForcedSequential (golf: five SCOs in order,
 * each disabled until the previous one's objective is satisfied, the last one a quiz): every delivery decision comes
 * from the sequencer, the TOC from its look-ahead, the course status from the root's rollup, and the attempt ends
 * with the sequencing session.
 */
class SequencedRuntimeTest {

    private static final String ZIP = "SequencingForcedSequential_SCORM20043rdEdition.zip";
    private static final List<String> SCOS = List.of("playing_item", "etuqiette_item", "handicapping_item",
            "havingfun_item", "assessment_item");

    @TempDir
    Path content;

    private LearnerCourses.Course course(DataSource ds) throws IOException {
        return LearnerCourses.of(ds, content, Files.readAllBytes(TestCorpus.file(ZIP)));
    }

    private static ScormRuntimeResource resource(ScormRuntime runtime) {
        ScormRuntimeResource r = new ScormRuntimeResource();
        r.runtime = runtime;
        return r;
    }

    private static ScormRuntimeResource.TocItem tocItem(ScormRuntimeResource.AttemptView view, String id) {
        return view.toc().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    /** Plays the delivered SCO: reports the values, terminates with the navigation request (or none). */
    private static ScoRecord play(LearnerCourses.Course c, String item, String navRequest, String... pairs) {
        ScormRuntime.Session s = c.open(item, false);
        List<String> all = new ArrayList<>(List.of(pairs));
        all.addAll(List.of("cmi.session_time", "PT1M"));
        if (navRequest != null) {
            all.addAll(List.of("adl.nav.request", navRequest));
        }
        return c.commit(item, s, s.sequence() + 1, true, all.toArray(String[]::new));
    }

    private static String[] passed() {
        return new String[] {"cmi.completion_status", "completed", "cmi.success_status", "passed"};
    }

    @Test
    void theQuizIsNotChoosableAtTheStartAndTheTocSaysWhy() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        ScormRuntimeResource.AttemptView view = resource(c.runtime()).view(c.runtime().attempt(ALICE, c.attemptId()));
        assertThat(view.sequencing()).as("a sequenced attempt").isNotNull();
        assertThat(view.sequencing().continueValid()).as("the session has not begun: nothing to continue").isFalse();
        ScormRuntimeResource.TocItem quiz = tocItem(view, "assessment_item");
        assertThat(quiz.choosable()).isFalse();
        assertThat(quiz.reason()).isEqualTo("scorm.seq.reason.disabled");
        assertThat(quiz.sn()).isNotNull();
        assertThat(tocItem(view, "playing_item").choosable()).isTrue();

        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "choice", "assessment_item"))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("scorm-nav-refused");
                    assertThat(((Map<?, ?>) e.details()).get("reason")).isEqualTo("scorm.seq.reason.disabled");
                });
        assertThatThrownBy(() -> c.open("assessment_item", false))
                .as("launching another activity than the current one is a choice request for it")
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code())
                        .isEqualTo("scorm-nav-refused"));
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).currentItem()).as("the refusal changed nothing")
                .isNull();
        assertThat(resource(c.runtime()).view(c.runtime().attempt(ALICE, c.attemptId())).currentItem())
                .as("opening the course would deliver Start's activity").isEqualTo("playing_item");
    }

    @Test
    void failingTheQuizFailsTheCourseAndExitAllEndsTheAttempt() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id())
                .isEqualTo("playing_item");
        for (String sco : SCOS.subList(0, 4)) {
            play(c, sco, "continue", passed());
            assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isFalse();
        }
        AttemptRecord atQuiz = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(atQuiz.currentItem()).as("continue requested on Terminate was carried out by the server")
                .isEqualTo("assessment_item");
        assertThat(atQuiz.status().completion()).as("all SCOs but the quiz are done: not complete")
                .isNotEqualTo("completed");

        play(c, "assessment_item", null, "cmi.completion_status", "completed", "cmi.success_status", "failed",
                "cmi.score.scaled", "0.4");
        assertThat(c.progress().success()).isEqualTo("failed");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished())
                .as("the attempt goes on until the sequencing session ends").isFalse();

        ActivityTree.Delivery end = c.runtime().navigate(ALICE, c.attemptId(), "exitAll", null);
        assertThat(end.activity()).isNull();
        assertThat(end.reason()).isEqualTo("ended");
        AttemptRecord finished = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(finished.finished()).isTrue();
        assertThat(c.progress().success()).isEqualTo("failed");
        assertThat(c.open("playing_item", false).review()).isTrue();
    }

    @Test
    void passingTheQuizPassesTheCourseAndContinuePastTheEndEndsTheAttempt() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        for (String sco : SCOS) {
            if (!sco.equals(SCOS.get(0))) {
                assertThat(c.runtime().navigate(ALICE, c.attemptId(), "continue", null).activity().id())
                        .isEqualTo(sco);
            }
            play(c, sco, null, passed());
        }
        CourseProgress progress = c.progress();
        assertThat(progress.completion()).isEqualTo("completed");
        assertThat(progress.success()).isEqualTo("passed");
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "continue", null).reason()).isEqualTo("ended");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isTrue();
    }

    @Test
    void suspendAllKeepsTheAttemptAndResumeAllContinuesItAfterARestart() throws IOException {
        DataSource ds = TestDatabases.h2();
        LearnerCourses.Course c = course(ds);
        play(c, "playing_item", "continue", passed());
        ScormRuntime.Session etiquette = c.open("etuqiette_item", false);
        c.commit("etuqiette_item", etiquette, etiquette.sequence() + 1, true, "cmi.location", "page-2",
                "cmi.completion_status", "incomplete", "adl.nav.request", "suspendAll");
        AttemptRecord suspended = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(suspended.finished()).isFalse();
        ScormRuntimeResource.AttemptView view = resource(c.runtime()).view(suspended);
        assertThat(view.sequencing().suspended()).isTrue();
        assertThat(view.currentItem()).as("what opening the course delivers: Resume All").isEqualTo("etuqiette_item");

        ScormRuntime restarted = RuntimeFixtures.runtime(new TestPlatform(ds, content));
        assertThat(restarted.navigate(ALICE, c.attemptId(), "start", null).activity().id())
                .as("Resume All delivers the suspended activity").isEqualTo("etuqiette_item");
        ScormRuntime.Session resumed = restarted.openSession(ALICE, c.attemptId(), "etuqiette_item", false);
        assertThat(resumed.values()).containsEntry("cmi.entry", "resume").containsEntry("cmi.location", "page-2");
    }

    @Test
    void aReloadMidCourseDeliversTheCurrentActivityAgain() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        play(c, "playing_item", "continue", passed());
        c.open("etuqiette_item", false); // the tab is closed without Terminate
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id())
                .isEqualTo("etuqiette_item");
        assertThat(c.open("etuqiette_item", false).values()).containsEntry("cmi.mode", "normal");
    }

    @Test
    void aRefusedRequestOfTheScoIsKeptForThePlayerAndChangesNothing() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        play(c, "playing_item", "previous", passed());
        ScormRuntimeResource.AttemptView view = resource(c.runtime()).view(c.runtime().attempt(ALICE,
                c.attemptId()));
        assertThat(view.currentItem()).isEqualTo("playing_item");
        assertThat(view.sequencing().refusedSn()).isNotNull();
        assertThat(view.sequencing().refusedReason()).isEqualTo("scorm.seq.reason.start");
        assertThat(tocItem(view, "etuqiette_item").choosable()).as("the reported satisfaction was kept").isTrue();
    }

    @Test
    void requestValidityAndLaunchObjectivesComeFromTheSequencer() throws IOException {
        LearnerCourses.Course c = course(TestDatabases.h2());
        Map<String, String> first = c.open("playing_item", false).values();
        assertThat(first).as("Etiquette stays disabled until Playing is satisfied: continue would deliver nothing")
                .containsEntry("adl.nav.request_valid.continue", "false")
                .containsEntry("adl.nav.request_valid.previous", "false")
                .containsEntry("adl.nav.request_valid.choice.{target=playing_item}", "true")
                .doesNotContainKey("adl.nav.request_valid.choice.{target=etuqiette_item}")
                .containsEntry("adl.nav.request_valid.choice.{target}", "false");
        ScormRuntime.Session playing = c.open("playing_item", false);
        c.commit("playing_item", playing, playing.sequence() + 1, false, passed());
        assertThat(resource(c.runtime()).view(c.runtime().attempt(ALICE, c.attemptId())).sequencing()
                .continueValid()).as("a commit reports at once: the look-ahead sees it before Terminate").isTrue();
        c.commit("playing_item", playing, playing.sequence() + 2, true, "adl.nav.request", "continue");

        Map<String, String> etiquette = c.open("etuqiette_item", false).values();
        int n = 0;
        while (!"previous_sco_satisfied".equals(etiquette.get("cmi.objectives." + n + ".id"))) {
            assertThat(etiquette).containsKey("cmi.objectives." + n + ".id");
            n++;
        }
        assertThat(etiquette).as("the objective reads Playing's global objective (RTE 4.2.17)")
                .containsEntry("cmi.objectives." + n + ".success_status", "passed");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theStateRoundTripsWithItsSeed(DataSource ds) throws IOException {
        LearnerCourses.Course c = course(ds);
        play(c, "playing_item", "continue", passed());
        SequencingState state = c.runtime().sequencedView(c.runtime().attempt(ALICE, c.attemptId()), c.pkg())
                .state();
        String json = SequencedAttempt.Store.write(state);
        assertThat(state.currentActivity).isEqualTo("etuqiette_item");
        assertThat(state.activity("playing_item").attemptCount).isEqualTo(1);
        ScormRuntime restarted = RuntimeFixtures.runtime(new TestPlatform(ds, content));
        SequencingState again = restarted.sequencedView(restarted.attempt(ALICE, c.attemptId()), c.pkg()).state();
        assertThat(SequencedAttempt.Store.write(again)).isEqualTo(json);
        assertThat(again.activity("playing_item").progressRecordedInParentAttempt)
                .as("the parent attempt its completion belongs to (useCurrentAttemptProgressInfo) is kept")
                .isEqualTo(state.activity("playing_item").progressRecordedInParentAttempt).isPositive();
        assertThat(again.seed).isEqualTo(state.seed);
    }

    /**
     * A commit that changes nothing the sequencer tracks (location, suspend data) leaves the stored state and the
     * learner's global objectives as they are (issue 11: the state was rewritten on every commit); one that does
     * change them writes them.
     */
    @Test
    void aCommitThatChangesNoTrackingLeavesTheStateRowsAlone() throws Exception {
        DataSource ds = TestDatabases.h2();
        LearnerCourses.Course c = course(ds);
        ScormRuntime.Session s = c.open("playing_item", false);
        c.runtime().clock = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T10:00:00Z"),
                java.time.ZoneOffset.UTC);
        c.commit("playing_item", s, s.sequence() + 1, false, "cmi.location", "page-1");
        java.sql.Timestamp first = updatedAt(ds, "manabi_scorm_seq_state", c.attemptId());
        c.runtime().clock = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T10:05:00Z"),
                java.time.ZoneOffset.UTC);
        c.commit("playing_item", s, s.sequence() + 2, false, "cmi.location", "page-2", "cmi.suspend_data", "x");
        assertThat(updatedAt(ds, "manabi_scorm_seq_state", c.attemptId())).as("nothing tracked changed")
                .isEqualTo(first);
        c.commit("playing_item", s, s.sequence() + 3, false, passed());
        assertThat(updatedAt(ds, "manabi_scorm_seq_state", c.attemptId())).as("the objective was satisfied")
                .isAfter(first);
        assertThat(c.runtime().attempt(ALICE, c.attemptId())).isNotNull();
    }

    private static java.sql.Timestamp updatedAt(DataSource ds, String table, String attemptId) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "select updated_at from " + table + " where attempt_id = ?")) {
            ps.setString(1, attemptId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a stored sequencing state").isTrue();
                return rs.getTimestamp(1);
            }
        }
    }
}
