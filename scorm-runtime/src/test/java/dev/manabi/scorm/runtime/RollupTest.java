package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.ScormZips;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a commit writes besides the SCO's values: progress facts and the attempt's status, only when they change. */
class RollupTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    private static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);

    @TempDir
    Path content;

    @Test
    void aCommitThatChangesNoStatusRecordsNoProgress() {
        TestPlatform platform = new TestPlatform(TestDatabases.h2(), content);
        ScormPackage pkg = platform.importer.importPackage(AUTHOR,
                new ByteArrayInputStream(ScormZips.scorm2004("rollup", "Rollup")),
                PackageImporter.Options.defaults()).pkg();
        ScormRuntime runtime = RuntimeFixtures.runtime(platform);
        List<ProgressRecorded> events = platform.core.events;
        String attempt = runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId()).id();
        ScormRuntime.Session s = runtime.openSession(ALICE, attempt, "i1", false);

        assertThat(events).as("opening the SCO starts the part").isNotEmpty();
        AttemptRecord opened = runtime.attempt(ALICE, attempt);

        events.clear();
        commit(runtime, attempt, s, 1, "cmi.completion_status", "incomplete");
        commit(runtime, attempt, s, 2, "cmi.location", "page-2");
        commit(runtime, attempt, s, 3, "cmi.suspend_data", "x=1");
        assertThat(events).as("status as before, bookmark and suspend data change no progress").isEmpty();
        assertThat(runtime.attempt(ALICE, attempt).updatedAt()).isEqualTo(opened.updatedAt());

        commit(runtime, attempt, s, 4, "cmi.score.scaled", "0.9");
        commit(runtime, attempt, s, 5, "cmi.success_status", "passed");
        assertThat(events).extracting(ProgressRecorded::fact).extracting(ProgressFact::kind, ProgressFact::passed,
                ProgressFact::score).containsExactly(tuple("sco", null, 90.0), tuple("scorm", null, 90.0),
                tuple("sco", true, 90.0), tuple("scorm", true, 90.0));
        assertThat(runtime.attempt(ALICE, attempt).status()).isEqualTo(new ScoStatus("incomplete", "passed", 0.9));
    }

    private static void commit(ScormRuntime runtime, String attempt, ScormRuntime.Session s, long sequence,
                               String element, String value) {
        runtime.commit(ALICE, attempt, "i1", new ScormRuntime.Commit(s.session(), sequence,
                List.of(new ScormRuntime.Assignment(element, value)), false));
    }
}
