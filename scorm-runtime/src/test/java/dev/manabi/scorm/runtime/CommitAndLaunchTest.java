package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.RuntimeFixtures.alice;
import static dev.manabi.scorm.runtime.RuntimeFixtures.sco;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import dev.manabi.scorm.pkg.AdlData;
import dev.manabi.scorm.pkg.ScormEdition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of the run-time: commit sequencing and validation, launch values, status, navigation. */
class CommitAndLaunchTest {

    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private static final ActivityTree.RequestValidity NO_TREE = ActivityTree.RequestValidity.of(false, false);

    private static ScoRecord open2004(Map<String, String> cmi, long sequence) {
        return new ScoRecord("a1", "sco1", "2004", cmi, "session-1", true, sequence, 1, null,
                ScoStatus.NOT_ATTEMPTED, null, 0, 0, NOW);
    }

    private static ScormRuntime.Commit commit(String session, long seq, boolean terminate, String... pairs) {
        List<ScormRuntime.Assignment> sets = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.add(new ScormRuntime.Assignment(pairs[i], pairs[i + 1]));
        }
        return new ScormRuntime.Commit(session, seq, sets, terminate);
    }

    @Test
    void appliesValidCommitsInOrder() {
        ScoRecord r = ScormRuntime.apply(open2004(Map.of(), 3), commit("session-1", 4, false,
                "cmi.location", "p1", "cmi.location", "p2", "cmi.score.scaled", "0.9",
                "cmi.completion_status", "completed", "cmi.success_status", "passed"), NOW);
        assertThat(r.cmi()).containsEntry("cmi.location", "p2");
        assertThat(r.lastSequence()).isEqualTo(4);
        assertThat(r.status()).isEqualTo(new ScoStatus("completed", "passed", 0.9));
        assertThat(r.sessionOpen()).isTrue();
    }

    @Test
    void eachCommitReportsTheLatestScoreWhileCompletionNeverGoesBack() {
        // The SCO row's score is what the attempt's rollup and the course list show: the commit's, not the first one
        // ever stored (found by CrashDurabilityIT once the SCORM 2004 attempt score came from the sequencer).
        ScoRecord first = ScormRuntime.apply(open2004(Map.of(), 3), commit("session-1", 4, false,
                "cmi.score.scaled", "0.2", "cmi.completion_status", "completed"), NOW);
        ScoRecord second = ScormRuntime.apply(first, commit("session-1", 5, false, "cmi.score.scaled", "0.7",
                "cmi.completion_status", "incomplete"), NOW);
        assertThat(second.status().scoreScaled()).isEqualTo(0.7);
        assertThat(second.status().completion()).isEqualTo("completed");
    }

    @Test
    void refusesStaleAndReplayedSequences() {
        ScoRecord r = open2004(Map.of("cmi.location", "p1"), 7);
        for (long seq : new long[] {7, 6, 0}) {
            assertThatThrownBy(() -> ScormRuntime.apply(r, commit("session-1", seq, false, "cmi.location", "x"), NOW))
                    .isInstanceOfSatisfying(PlayerException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("scorm-commit-stale");
                    });
        }
    }

    @Test
    void refusesAnOlderTabsSession() {
        assertThatThrownBy(() -> ScormRuntime.apply(open2004(Map.of(), 0),
                commit("session-from-other-tab", 1, false, "cmi.location", "x"), NOW))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-session-superseded"));
    }

    @Test
    void refusesCommitsAfterTerminate() {
        ScoRecord done = ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, true), NOW);
        assertThat(done.sessionOpen()).isFalse();
        assertThatThrownBy(() -> ScormRuntime.apply(done, commit("session-1", 2, false, "cmi.location", "x"), NOW))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-session-closed"));
    }

    @Test
    void invalidValueRejectsTheWholeCommitWithTheScormCode() {
        assertThatThrownBy(() -> ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, false,
                "cmi.location", "ok", "cmi.score.scaled", "7", "cmi.learner_id", "mallory"), NOW))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("scorm-invalid-value");
                    @SuppressWarnings("unchecked")
                    List<ScormRuntime.Rejected> rejected = (List<ScormRuntime.Rejected>) e.details();
                    assertThat(rejected).extracting(ScormRuntime.Rejected::error).containsExactly(407, 404);
                });
    }

    @Test
    void aRefusedValueIsNotEchoedInFull() {
        String huge = "x".repeat(300_000);
        List<String> pairs = new java.util.ArrayList<>(List.of("cmi.suspend_data", huge, "cmi.bogus." + huge, "1"));
        for (int i = 0; i < 30; i++) {
            pairs.addAll(List.of("cmi.score.scaled", "7"));
        }
        assertThatThrownBy(() -> ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, false,
                pairs.toArray(String[]::new)), NOW))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("refused 32 value(s) (the first 20 listed)");
                    @SuppressWarnings("unchecked")
                    List<ScormRuntime.Rejected> rejected = (List<ScormRuntime.Rejected>) e.details();
                    assertThat(rejected).hasSize(ScormRuntime.REJECTED_LISTED);
                    assertThat(rejected.get(0).error()).as("longer than valueChars").isEqualTo(351);
                    assertThat(rejected.get(0).value()).hasSizeLessThan(250).startsWith("xxx")
                            .endsWith("(300000 characters)");
                    assertThat(rejected.get(1).error()).isEqualTo(401);
                    assertThat(rejected.get(1).element()).hasSizeLessThan(250).endsWith("(300010 characters)");
                    assertThat(rejected.get(2).value()).isEqualTo("7");
                });
    }

    @Test
    void aCommitWithMoreSetsThanAllowedIsRefusedWhole() {
        var dm = dev.manabi.scorm.cmi.DataModel.scorm2004();
        var three = dm.withLimits(new dev.manabi.scorm.cmi.DataModel.Limits(dm.limits().valueChars(), 3,
                dm.limits().records()));
        ScoRecord r = open2004(Map.of(), 0);
        assertThat(ScormRuntime.apply(r, commit("session-1", 1, false, "cmi.location", "1", "cmi.location", "2",
                "cmi.location", "3"), NOW, three).cmi()).containsEntry("cmi.location", "3");
        assertThatThrownBy(() -> ScormRuntime.apply(r, commit("session-1", 1, false, "cmi.location", "1",
                "cmi.location", "2", "cmi.location", "3", "cmi.location", "4"), NOW, three))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("scorm-commit-too-large");
                });
    }

    @Test
    void aCommitOfThousandsOfInteractionsAppliesUpToTheCollectionLimit() {
        List<String> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pairs.addAll(List.of("cmi.interactions." + i + ".id", "q" + i, "cmi.objectives." + i + ".id", "o" + i));
        }
        ScoRecord r = ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, false,
                pairs.toArray(String[]::new)), NOW);
        assertThat(r.cmi()).containsEntry("cmi.interactions.999.id", "q999").containsEntry("cmi.objectives.999.id",
                "o999");
        assertThatThrownBy(() -> ScormRuntime.apply(r, commit("session-1", 2, false,
                "cmi.interactions.1000.id", "q1000"), NOW))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    @SuppressWarnings("unchecked")
                    List<ScormRuntime.Rejected> rejected = (List<ScormRuntime.Rejected>) e.details();
                    assertThat(rejected).extracting(ScormRuntime.Rejected::error).containsExactly(351);
                });
        assertThatThrownBy(() -> ScormRuntime.apply(r, commit("session-1", 2, false,
                "cmi.objectives.5.id", "o5", "cmi.objectives.3.id", "o7"), NOW))
                .as("objective ids stay unique (and immutable)").isInstanceOf(PlayerException.class);
    }

    @Test
    void aCompletionThresholdWithoutProgressMeasureLeavesCompletionUnknown() {
        // SCORM 2004 RTE 4.2.4.1: the SCO's own completion_status does not count once the manifest sets a threshold.
        ScoRecord r = ScormRuntime.apply(open2004(Map.of("cmi.completion_threshold", "0.8"), 0),
                commit("session-1", 1, false, "cmi.completion_status", "completed"), NOW);
        assertThat(r.status().completion()).isEqualTo("unknown");
        ScoRecord measured = ScormRuntime.apply(r, commit("session-1", 2, false, "cmi.progress_measure", "0.8"), NOW);
        assertThat(measured.status().completion()).isEqualTo("completed");
    }

    @Test
    void terminateAccumulatesSessionTime2004() {
        ScoRecord r = new ScoRecord("a1", "sco1", "2004", Map.of("cmi.total_time", "PT1H0M0S"), "s", true, 0, 2,
                null, ScoStatus.NOT_ATTEMPTED, null, 360000, 360000, NOW);
        ScoRecord done = ScormRuntime.apply(r, commit("s", 1, true, "cmi.session_time", "PT30M1.5S",
                "cmi.exit", "suspend"), NOW);
        assertThat(done.totalTimeCs()).isEqualTo(360000 + 180150);
        assertThat(done.cmi()).containsEntry("cmi.total_time", "PT1H30M1.5S");
        assertThat(done.exitValue()).isEqualTo("suspend");
    }

    @Test
    void aHugeSessionTimeTheDataModelAcceptsIsCountedWithoutFailingTheTerminate() {
        // RTE 4.2.26: total_time is the sum of session times; a session_time of any size valid per RTE 4.1.1.4
        // must not make Terminate fail (the adapter would retry it forever) nor wrap around.
        ScoRecord r = new ScoRecord("a1", "sco1", "2004", Map.of(), "s", true, 0, 2, null,
                ScoStatus.NOT_ATTEMPTED, null, 360000, 360000, NOW);
        ScoRecord done = ScormRuntime.apply(r, commit("s", 1, true, "cmi.session_time", "P99999999999999999999Y"),
                NOW);
        assertThat(done.totalTimeCs()).isEqualTo(dev.manabi.scorm.cmi.Durations.MAX);
        assertThat(done.learnerTimeCs()).isEqualTo(dev.manabi.scorm.cmi.Durations.MAX);
        ScoRecord big = new ScoRecord("a1", "sco1", "2004", Map.of(), "s", true, 0, 2, null,
                ScoStatus.NOT_ATTEMPTED, null, Long.MAX_VALUE - 10, Long.MAX_VALUE - 10, NOW);
        assertThat(ScormRuntime.apply(big, commit("s", 1, true, "cmi.session_time", "PT1H"), NOW).totalTimeCs())
                .isEqualTo(dev.manabi.scorm.cmi.Durations.MAX);
    }

    @Test
    void terminateAccumulatesSessionTimeAndAppliesMasteryScore12() {
        ScoRecord r = new ScoRecord("a1", "sco1", "1.2", Map.of("cmi.core.credit", "credit",
                "cmi.core.lesson_mode", "normal", "cmi.student_data.mastery_score", "80"), "s", true, 0, 1, null,
                ScoStatus.NOT_ATTEMPTED, null, 6000, 6000, NOW);
        ScoRecord done = ScormRuntime.apply(r, commit("s", 1, true, "cmi.core.lesson_status", "completed",
                "cmi.core.score.raw", "85", "cmi.core.session_time", "00:01:00"), NOW);
        assertThat(done.cmi()).containsEntry("cmi.core.lesson_status", "passed")
                .containsEntry("cmi.core.total_time", "0000:02:00.00");
        assertThat(done.status()).isEqualTo(new ScoStatus("completed", "passed", 0.85));
    }

    @Test
    void aLanguageVariantContinuesAtTheActivityOfTheVariantUsedLast() {
        ActivityTree english = new ActivityTree(RuntimeFixtures.pkg(ScormEdition.SCORM_12,
                RuntimeFixtures.cluster("golf", true, sco("intro", "intro.html"), sco("rules", "rules.html"))));
        AttemptRecord japanese = new AttemptRecord("a-ja", "uni-a", "alice", "course-1", "line-ja", "pkg-ja", 1,
                false, "rules", ScoStatus.NOT_ATTEMPTED, 0, NOW, NOW, null);
        assertThat(ScormRuntime.continuedItem(english, Optional.of(japanese))).contains("rules");
        AttemptRecord elsewhere = new AttemptRecord("a-ko", "uni-a", "alice", "course-1", "line-ko", "pkg-ko", 1,
                false, "kapitel-9", ScoStatus.NOT_ATTEMPTED, 0, NOW, NOW, null);
        assertThat(ScormRuntime.continuedItem(english, Optional.of(elsewhere)))
                .as("identifiers differ: start at the beginning").isEmpty();
        AttemptRecord onCluster = new AttemptRecord("a-zh", "uni-a", "alice", "course-1", "line-zh", "pkg-zh", 1,
                false, "golf", ScoStatus.NOT_ATTEMPTED, 0, NOW, NOW, null);
        assertThat(ScormRuntime.continuedItem(english, Optional.of(onCluster))).as("not launchable").isEmpty();
        assertThat(ScormRuntime.continuedItem(english, Optional.empty())).isEmpty();
    }

    @Test
    void statusNeverGoesBackWithinAnAttempt() {
        ScoStatus best = new ScoStatus("completed", "passed", 0.9);
        assertThat(new ScoStatus("incomplete", "unknown", null).atLeast(best)).isEqualTo(best);
        assertThat(new ScoStatus("completed", "passed", 0.5).atLeast(best).scoreScaled()).isEqualTo(0.5);
        ScoStatus delivered = new ScoStatus("unknown", "unknown", null);
        assertThat(delivered.atLeast(ScoStatus.NOT_ATTEMPTED)).as("a delivered 2004 SCO has been attempted")
                .isEqualTo(delivered);
        assertThat(ScoStatus.NOT_ATTEMPTED.atLeast(delivered)).isEqualTo(delivered);
    }

    @Test
    void rollsUpCourseStatus() {
        ScoStatus done = new ScoStatus("completed", "passed", 1.0);
        ScoStatus half = new ScoStatus("incomplete", "unknown", 0.5);
        assertThat(ScoStatus.rollup(List.of(done, done))).isEqualTo(new ScoStatus("completed", "passed", 1.0));
        assertThat(ScoStatus.rollup(List.of(done, half))).isEqualTo(new ScoStatus("incomplete", "passed", 0.75));
        assertThat(ScoStatus.rollup(List.of(ScoStatus.NOT_ATTEMPTED, ScoStatus.NOT_ATTEMPTED)).completion())
                .isEqualTo("not attempted");
        assertThat(ScoStatus.rollup(List.of(done, new ScoStatus("completed", "failed", 0.2))).success())
                .isEqualTo("failed");
    }

    @Test
    void launch2004FromTheManifestAndTheLearner() {
        String seq = "<imsss:sequencing xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\"><imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARY\""
                + " satisfiedByMeasure=\"true\"><imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>"
                + "</imsss:primaryObjective><imsss:objective objectiveID=\"obj_a\"/></imsss:objectives>"
                + "</imsss:sequencing>";
        var item = sco("sco1", null, 0.75, 0.7, seq, List.of(new AdlData("urn:notes", "true", "true"),
                new AdlData("urn:secret", "false", "true")));
        // The objective ids come from the sequencing model read once at import, not from the item's XML at launch.
        var model = dev.manabi.scorm.pkg.SequencingReader.read(RuntimeFixtures.pkg(ScormEdition.SCORM_2004_4TH, item),
                new java.util.ArrayList<>());
        assertThat(ScoLaunch.declaredObjectives(java.util.Optional.of(model), "sco1")).containsExactly("PRIMARY", "obj_a");
        assertThat(ScoLaunch.declaredObjectives(java.util.Optional.empty(), "sco1")).isEmpty();
        ScoLaunch.Prepared p = ScoLaunch.prepare(ScormEdition.SCORM_2004_4TH, item, alice(), null, null, 0,
                "normal", Map.of("urn:notes", "hello"), ActivityTree.RequestValidity.of(true, false),
                ScoLaunch.declaredObjectives(java.util.Optional.of(model), "sco1"));
        assertThat(p.entry()).isEqualTo("ab-initio");
        assertThat(p.values().asMap()).containsEntry("cmi.learner_id", "alice")
                .containsEntry("cmi.learner_name", "Alice Example").containsEntry("cmi.credit", "credit")
                .containsEntry("cmi.completion_threshold", "0.75").containsEntry("cmi.scaled_passing_score", "0.7")
                .containsEntry("cmi.launch_data", "launch-sco1").containsEntry("cmi.time_limit_action", "exit,message")
                .containsEntry("cmi.objectives.0.id", "PRIMARY").containsEntry("cmi.objectives.1.id", "obj_a")
                .containsEntry("adl.data.0.id", "urn:notes").containsEntry("adl.data.0.store", "hello")
                .containsEntry("adl.data.1.store#access", "wo")
                .containsEntry("adl.nav.request_valid.continue", "true");
        var dm = dev.manabi.scorm.cmi.DataModel.scorm2004();
        assertThat(dm.getValue(p.values(), "adl.data.1.store").error()).isEqualTo(405);
        assertThat(dm.getValue(p.values(), "cmi.objectives._count").value()).isEqualTo("2");
    }

    @Test
    void resumeOnlyAfterSuspend2004() {
        var item = sco("sco1", "sco1/index.html");
        Map<String, String> stored = Map.of("cmi.location", "p5", "cmi.suspend_data", "abc", "cmi.exit", "suspend");
        ScoLaunch.Prepared resumed = ScoLaunch.prepare(ScormEdition.SCORM_2004_3RD, item, alice(), stored,
                "suspend", 12000, "normal", Map.of(), NO_TREE, List.of());
        assertThat(resumed.entry()).isEqualTo("resume");
        assertThat(resumed.values().asMap()).containsEntry("cmi.location", "p5")
                .containsEntry("cmi.total_time", "PT0H2M0S").doesNotContainKey("cmi.exit");
        ScoLaunch.Prepared fresh = ScoLaunch.prepare(ScormEdition.SCORM_2004_3RD, item, alice(), stored, "normal",
                12000, "normal", Map.of(), NO_TREE, List.of());
        assertThat(fresh.entry()).isEqualTo("ab-initio");
        assertThat(fresh.newScoAttempt()).isTrue();
        assertThat(fresh.values().asMap()).doesNotContainKey("cmi.location").containsEntry("cmi.total_time",
                "PT0H0M0S");
    }

    @Test
    void suspendAllSuspendsTheScoSoItResumesWithItsData() {
        // SCORM 2004 RTE 4.4.1 adl.nav.request suspendAll without cmi.exit = suspend: the activity is suspended
        // (SN Suspend All), the next launch resumes it (RTE 4.2.8 cmi.entry "resume").
        ScoRecord done = ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, true,
                "cmi.location", "p7", "cmi.suspend_data", "state", "adl.nav.request", "suspendAll"), NOW);
        assertThat(done.exitValue()).isEqualTo("suspend");
        ScoLaunch.Prepared resumed = ScoLaunch.prepare(ScormEdition.SCORM_2004_4TH, sco("sco1", "sco1/index.html"),
                alice(), done.cmi(), done.exitValue(), done.totalTimeCs(), "normal", Map.of(), NO_TREE, List.of());
        assertThat(resumed.entry()).isEqualTo("resume");
        assertThat(resumed.values().asMap()).containsEntry("cmi.location", "p7")
                .containsEntry("cmi.suspend_data", "state").doesNotContainKey("adl.nav.request");
        ScoRecord exited = ScormRuntime.apply(open2004(Map.of(), 0), commit("session-1", 1, true,
                "cmi.location", "p7", "adl.nav.request", "exitAll"), NOW);
        assertThat(exited.exitValue()).as("exitAll ends the SCO attempt as a normal exit does").isNull();
    }

    @Test
    void launch12KeepsDataAndSetsEntry() {
        var item = sco("sco1", 80.0, null, null, null, List.of());
        Map<String, String> stored = Map.of("cmi.core.lesson_location", "page3", "cmi.core.exit", "suspend");
        ScoLaunch.Prepared resumed = ScoLaunch.prepare(ScormEdition.SCORM_12, item, alice(), stored, "suspend",
                100, "normal", Map.of(), NO_TREE, List.of());
        assertThat(resumed.values().asMap()).containsEntry("cmi.core.entry", "resume")
                .containsEntry("cmi.core.lesson_location", "page3").containsEntry("cmi.student_data.mastery_score",
                "80").containsEntry("cmi.core.total_time", "0000:00:01.00").doesNotContainKey("cmi.core.exit");
        ScoLaunch.Prepared again = ScoLaunch.prepare(ScormEdition.SCORM_12, item, alice(), stored, "", 100,
                "review", Map.of(), NO_TREE, List.of());
        assertThat(again.values().asMap()).containsEntry("cmi.core.entry", "").containsEntry("cmi.core.credit",
                "no-credit").containsEntry("cmi.core.lesson_mode", "review");
    }

    @Test
    void navigatesInTreeOrder() {
        var pkg = RuntimeFixtures.pkg(ScormEdition.SCORM_12, RuntimeFixtures.cluster("m1", true,
                sco("a", "a.html"), sco("b", "b.html")), RuntimeFixtures.cluster("m2", false, sco("c", "c.html")));
        ActivityTree tree = new ActivityTree(pkg);
        assertThat(tree.launchables()).extracting(ActivityTree.Activity::id).containsExactly("a", "b", "c");
        assertThat(tree.navigate("start", null, null).activity().id()).isEqualTo("a");
        assertThat(tree.navigate("continue", "a", null).activity().id()).isEqualTo("b");
        assertThat(tree.navigate("continue", "b", null).activity().id()).isEqualTo("c");
        assertThat(tree.navigate("continue", "c", null).reason()).isEqualTo("end");
        assertThat(tree.navigate("previous", "a", null).reason()).isEqualTo("start");
        assertThat(tree.navigate("choice", "a", "b").activity().id()).isEqualTo("b");
        assertThat(tree.navigate("choice", "a", "m1").reason()).isEqualTo("invalid-target");
        ActivityTree withHidden = new ActivityTree(RuntimeFixtures.pkg(ScormEdition.SCORM_2004_4TH,
                sco("a", "a.html"), RuntimeFixtures.hiddenSco("h", "h.html")));
        assertThat(withHidden.navigate("choice", "a", "h").reason()).as("hidden from choice")
                .isEqualTo("invalid-target");
        assertThat(withHidden.navigate("jump", "a", "h").activity().id()).as("a {target=h}jump reaches it")
                .isEqualTo("h");
        assertThat(tree.canPrevious("a")).isFalse();
        assertThat(ScormRuntimeResource.toc(tree.roots(), Map.of(), null)).extracting(ScormRuntimeResource.TocItem::id)
                .containsExactly("m1");
    }

    @Test
    void requestValidityComesFromTheActivityTree() {
        // SCORM 2004 RTE 4.4.2: the server owns the tree, so choice and jump validity are known at launch.
        var pkg = RuntimeFixtures.pkg(ScormEdition.SCORM_2004_4TH, sco("a", "a.html"),
                RuntimeFixtures.hiddenSco("h", "h.html"), RuntimeFixtures.cluster("m", true, sco("b", "b.html")));
        ActivityTree tree = new ActivityTree(pkg);
        ScoLaunch.Prepared p = ScoLaunch.prepare(ScormEdition.SCORM_2004_4TH, sco("a", "a.html"), alice(), null,
                null, 0, "normal", Map.of(), tree.validity("a"), List.of());
        var dm = dev.manabi.scorm.cmi.DataModel.scorm2004();
        String valid = "adl.nav.request_valid.";
        assertThat(List.of("choice.{target=a}", "choice.{target=b}", "choice.{target=h}", "choice.{target=m}",
                "choice.{target=nowhere}", "jump.{target=h}", "jump.{target=m}", "continue", "previous").stream()
                .map(e -> dm.getValue(p.values(), valid + e).value()))
                .containsExactly("true", "true", "false", "false", "false", "true", "false", "true", "false");
        assertThat(ScoLaunch.persisted(p.values()).keySet()).as("decided again at every launch, never stored")
                .noneMatch(k -> k.startsWith(valid)).contains("cmi.learner_id");
    }

    @Test
    void encodesLaunchPaths() {
        assertThat(ScormRuntime.encodePath("shared/launch page.html?x=1 2")).isEqualTo("shared/launch%20page.html?x=1 2");
        assertThat(ScormRuntime.encodePath("日本/a.html")).isEqualTo("%E6%97%A5%E6%9C%AC/a.html");
        assertThat(ScormRuntime.scoRef("line", "x".repeat(200))).hasSizeLessThanOrEqualTo(128);
    }
}
