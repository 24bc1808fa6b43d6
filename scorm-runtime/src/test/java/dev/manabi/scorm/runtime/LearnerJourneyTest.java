package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.TestCorpus;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The persistence assertions of the browser E2E (sample host, H2), repeated through the services on H2 and on a real
 * PostgreSQL with real corpus packages: import, launch, leave midway, "restart" (new beans on the same database and
 * content directory: only what was stored survives), resume at the bookmark with the suspend data, finish every SCO
 * in tree order with continue, and the course progress, identical after another restart, then review.
 */
class LearnerJourneyTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    private static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);
    private static final LearnerContext BOB = TestPlatform.person("bob", "uni-b", Role.LEARNER);

    @TempDir
    Path content;

    static Stream<Arguments> journeys() {
        List<Arguments> all = new ArrayList<>();
        for (String zip : List.of("RuntimeBasicCalls_SCORM12.zip", "RuntimeBasicCalls_SCORM20043rdEdition.zip",
                "RuntimeMinimumCalls_SCORM12.zip", "SequencingForcedSequential_SCORM20043rdEdition.zip")) {
            all.add(Arguments.of(zip, Named.of("H2", TestDatabases.h2())));
            all.add(Arguments.of(zip, Named.of("PostgreSQL", TestDatabases.postgres())));
        }
        return all.stream();
    }

    /** What a restarted server has: fresh beans on the stored state. */
    private ScormRuntime restart(DataSource ds) {
        return RuntimeFixtures.runtime(new TestPlatform(ds, content));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("journeys")
    void progressSurvivesLeavingMidwayAndRestarts(String zip, DataSource ds) throws IOException {
        ScormPackage pkg;
        try (InputStream in = Files.newInputStream(TestCorpus.file(zip))) {
            pkg = new TestPlatform(ds, content).importer.importPackage(AUTHOR, in,
                    PackageImporter.Options.defaults()).pkg();
        }
        ScormRuntime runtime = restart(ds);
        AttemptRecord attempt = runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId());
        List<String> scos = new ActivityTree(runtime.packageOf(attempt)).launchables().stream()
                .map(ActivityTree.Activity::id).toList();
        Keys keys = Keys.of(ScoLaunch.model(pkg.edition()));
        ScormRuntime.Session first = runtime.openSession(ALICE, attempt.id(), scos.get(0), false);
        assertThat(first.values()).containsEntry(keys.entry, "ab-initio");
        runtime.commit(ALICE, attempt.id(), scos.get(0), new ScormRuntime.Commit(first.session(),
                first.sequence() + 1, List.of(
                        new ScormRuntime.Assignment(keys.location, "page-3"),
                        new ScormRuntime.Assignment(keys.suspendData, "visited=1,2,3;answers=b"),
                        new ScormRuntime.Assignment(keys.status, "incomplete"),
                        new ScormRuntime.Assignment(keys.exit, "suspend"),
                        new ScormRuntime.Assignment(keys.sessionTime, keys.oneMinute)), true));

        runtime = restart(ds);
        AttemptRecord resumedAttempt = runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId());
        assertThat(resumedAttempt.id()).isEqualTo(attempt.id());
        assertThat(resumedAttempt.currentItem()).isEqualTo(scos.get(0));
        assertThat(runtime.progress(ALICE, pkg.courseId()).completion()).isEqualTo("incomplete");

        for (int i = 0; i < scos.size(); i++) {
            String sco = scos.get(i);
            if (i > 0) {
                assertThat(runtime.navigate(ALICE, attempt.id(), "continue", null).activity().id())
                        .as("continue goes to the next activity in tree order").isEqualTo(sco);
            }
            ScormRuntime.Session s = runtime.openSession(ALICE, attempt.id(), sco, false);
            if (i == 0) {
                assertThat(s.values()).containsEntry(keys.entry, "resume").containsEntry(keys.location, "page-3")
                        .containsEntry(keys.suspendData, "visited=1,2,3;answers=b")
                        .containsEntry(keys.totalTime, keys.oneMinuteTotal);
            }
            runtime.commit(ALICE, attempt.id(), sco, new ScormRuntime.Commit(s.session(), s.sequence() + 1,
                    keys.passedWith85(), true));
        }

        if (!keys.scorm12()) {
            // SCORM 2004: the attempt ends with the sequencing session (SN 4.3), here by Exit All.
            assertThat(runtime.navigate(ALICE, attempt.id(), "exitAll", null).reason()).isEqualTo("ended");
        }
        CourseProgress progress = runtime.progress(ALICE, pkg.courseId());
        assertThat(progress.completion()).isEqualTo("completed");
        assertThat(progress.success()).isEqualTo("passed");
        // The course's score is the root's rollup (SN 4.6): ForcedSequential weighs every child's measure 0
        // (objectiveMeasureWeight="0": "This course doesn't rollup a score").
        assertThat(progress.scoreScaled()).isEqualTo(zip.startsWith("SequencingForcedSequential") ? null : 0.85);
        assertThat(progress.totalTime()).isEqualTo("PT0H" + (1 + scos.size()) + "M0S");
        assertThat(progress.activities()).extracting(CourseProgress.Activity::id).containsExactlyElementsOf(scos);
        assertThat(progress.activities()).allSatisfy(a -> {
            assertThat(a.completion()).isEqualTo("completed");
            assertThat(a.success()).isEqualTo("passed");
            assertThat(a.scoreScaled()).isEqualTo(0.85);
        });

        runtime = restart(ds);
        assertThat(runtime.progress(ALICE, pkg.courseId())).isEqualTo(progress);
        ScormRuntime.Session review = runtime.openSession(ALICE, attempt.id(), scos.get(0), false);
        assertThat(review.review()).as("a finished attempt opens for review").isTrue();
        assertThat(review.values()).containsEntry(keys.location, "page-3");
        ScormRuntime finalRuntime = runtime;
        assertThatThrownBy(() -> finalRuntime.progress(BOB, pkg.courseId()))
                .as("another institution's learner sees nothing of it").isInstanceOf(PlayerException.class);
    }

    /** The data-model names of what this journey sets, in SCORM 1.2 (RTE 3.4) or 2004 (RTE 4.2) terms. */
    private record Keys(boolean scorm12, String entry, String location, String suspendData, String status,
                        String exit, String sessionTime, String totalTime, String oneMinute, String oneMinuteTotal) {

        static Keys of(String model) {
            return DataModel.SCORM_12.equals(model)
                    ? new Keys(true, "cmi.core.entry", "cmi.core.lesson_location", "cmi.suspend_data",
                    "cmi.core.lesson_status", "cmi.core.exit", "cmi.core.session_time", "cmi.core.total_time",
                    "0000:01:00", "0000:01:00.00")
                    : new Keys(false, "cmi.entry", "cmi.location", "cmi.suspend_data", "cmi.completion_status",
                    "cmi.exit", "cmi.session_time", "cmi.total_time", "PT1M", "PT0H1M0S");
        }

        List<ScormRuntime.Assignment> passedWith85() {
            List<ScormRuntime.Assignment> sets = new ArrayList<>();
            if (scorm12) {
                sets.add(new ScormRuntime.Assignment("cmi.core.score.raw", "85"));
                sets.add(new ScormRuntime.Assignment("cmi.core.score.max", "100"));
                sets.add(new ScormRuntime.Assignment("cmi.core.lesson_status", "passed"));
            } else {
                sets.add(new ScormRuntime.Assignment("cmi.score.scaled", "0.85"));
                sets.add(new ScormRuntime.Assignment("cmi.completion_status", "completed"));
                sets.add(new ScormRuntime.Assignment("cmi.success_status", "passed"));
            }
            sets.add(new ScormRuntime.Assignment(exit, ""));
            sets.add(new ScormRuntime.Assignment(sessionTime, oneMinute));
            return sets;
        }
    }
}
