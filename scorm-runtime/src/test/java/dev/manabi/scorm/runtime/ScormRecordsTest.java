package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.TestCorpus;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCORM's learning records (README "Learning records") on H2 and PostgreSQL with a corpus package: the package and
 * each launchable activity are modules; a SCO's run-time status, score and time are its attempt; the course attempt is
 * the package module's; another institution's learner on the same shared course is never read.
 */
class ScormRecordsTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    private static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);
    private static final LearnerContext BOB = TestPlatform.person("bob", "uni-b", Role.LEARNER);

    @TempDir
    Path content;

    static Stream<Named<DataSource>> databases() {
        return TestDatabases.both();
    }

    private static void finish(ScormRuntime runtime, LearnerContext who, AttemptRecord attempt, String sco,
                               String score) {
        ScormRuntime.Session session = runtime.openSession(who, attempt.id(), sco, false);
        runtime.commit(who, attempt.id(), sco, new ScormRuntime.Commit(session.session(), session.sequence() + 1,
                List.of(new ScormRuntime.Assignment("cmi.completion_status", "completed"),
                        new ScormRuntime.Assignment("cmi.success_status", "passed"),
                        new ScormRuntime.Assignment("cmi.score.scaled", score),
                        new ScormRuntime.Assignment("cmi.score.raw", "8"),
                        new ScormRuntime.Assignment("cmi.session_time", "PT1M30S"),
                        new ScormRuntime.Assignment("cmi.exit", "normal")), true));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void scoAttemptsAndTheCourseAttemptOfOneInstitution(DataSource ds) throws IOException {
        TestPlatform platform = new TestPlatform(ds, content);
        ScormPackage pkg;
        try (InputStream in = Files.newInputStream(TestCorpus.file("RuntimeBasicCalls_SCORM20043rdEdition.zip"))) {
            pkg = platform.importer.importPackage(AUTHOR, in, PackageImporter.Options.defaults()).pkg();
        }
        platform.catalog.share(pkg.courseId(), CourseVisibility.GLOBAL, Set.of());
        ScormRecords records = new ScormRecords();
        records.packages = platform.repository;
        records.database = platform.database;

        List<LearningRecords.Module> modules = records.modules(pkg.courseId(), List.of(pkg.lineId()));
        List<String> scos = new ActivityTree(pkg).launchables().stream().map(ActivityTree.Activity::id).toList();
        assertThat(modules.get(0).id()).isEqualTo("scorm:" + pkg.lineId());
        assertThat(modules.get(0).title()).isEqualTo(pkg.title());
        assertThat(modules.subList(1, modules.size())).extracting(LearningRecords.Module::id)
                .containsExactlyElementsOf(scos.stream().map(s -> "scorm:" + pkg.lineId() + ":" + s).toList());

        ScormRuntime runtime = RuntimeFixtures.runtime(platform);
        AttemptRecord alices = runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId());
        finish(runtime, ALICE, alices, scos.get(0), "0.8");
        AttemptRecord bobs = runtime.currentAttempt(BOB, pkg.courseId(), pkg.lineId());
        finish(runtime, BOB, bobs, scos.get(0), "0.3");

        List<LearningRecords.Attempt> attempts = records.attempts(new LearningRecords.Query("uni-a", pkg.courseId(),
                List.of(pkg.lineId()), List.of("alice", "bob"), null, null));
        assertThat(attempts).extracting(LearningRecords.Attempt::learnerId).containsOnly("alice");
        LearningRecords.Attempt sco = attempts.stream()
                .filter(a -> a.moduleId().equals("scorm:" + pkg.lineId() + ":" + scos.get(0))).findFirst().orElseThrow();
        assertThat(sco.number()).isEqualTo(1);
        assertThat(sco.completion()).isEqualTo("completed");
        assertThat(sco.success()).isEqualTo("passed");
        assertThat(sco.scoreScaled()).isEqualTo(0.8);
        assertThat(sco.scoreRaw()).isEqualTo(8.0);
        assertThat(sco.timeSpent()).isEqualTo(Duration.ofSeconds(90));
        assertThat(sco.startedAt()).isNotNull();
        assertThat(sco.endedAt()).as("the session was terminated").isNotNull();
        LearningRecords.Attempt course = attempts.stream()
                .filter(a -> a.moduleId().equals("scorm:" + pkg.lineId())).findFirst().orElseThrow();
        assertThat(course.number()).isEqualTo(1);
        assertThat(course.timeSpent()).isEqualTo(Duration.ofSeconds(90));

        assertThat(records.attempts(new LearningRecords.Query("uni-b", pkg.courseId(), List.of(pkg.lineId()),
                List.of("alice", "bob"), null, null))).extracting(LearningRecords.Attempt::learnerId).containsOnly("bob");
        // A period after every activity holds nothing.
        assertThat(records.attempts(new LearningRecords.Query("uni-a", pkg.courseId(), List.of(pkg.lineId()),
                List.of("alice"), sco.lastActivityAt().plusSeconds(1), null))).isEmpty();
    }
}
