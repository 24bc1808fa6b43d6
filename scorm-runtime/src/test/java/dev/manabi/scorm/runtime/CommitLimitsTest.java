package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.ScormZips;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured limits through the service: refused commits store nothing and do not echo what they carried. */
class CommitLimitsTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    private static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);

    @TempDir
    Path content;

    @Test
    void refusedCommitsStoreNothingAndTheNextOneApplies() {
        TestPlatform platform = new TestPlatform(TestDatabases.h2(), content);
        ScormPackage pkg = platform.importer.importPackage(AUTHOR,
                new ByteArrayInputStream(ScormZips.scorm2004("limits", "Limits")),
                PackageImporter.Options.defaults()).pkg();
        ScormRuntime runtime = RuntimeFixtures.runtime(platform);
        runtime.config = RuntimeLimitsTest.config(Map.of("manabi.scorm.max-sets-per-commit", "5",
                "manabi.scorm.max-interactions", "2", "manabi.scorm.max-value-chars", "1000"));
        String attempt = runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId()).id();
        ScormRuntime.Session s = runtime.openSession(ALICE, attempt, "i1", false);

        List<ScormRuntime.Assignment> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new ScormRuntime.Assignment("cmi.location", "p" + i));
        }
        assertThat(catchThrowable(() -> runtime.commit(ALICE, attempt, "i1",
                new ScormRuntime.Commit(s.session(), 1, six, false)))).isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.status() + " " + e.code()).isEqualTo("413 scorm-commit-too-large"));

        String huge = "y".repeat(5000);
        assertThat(catchThrowable(() -> runtime.commit(ALICE, attempt, "i1", new ScormRuntime.Commit(s.session(), 1,
                List.of(new ScormRuntime.Assignment("cmi.interactions.0.id", "a"),
                        new ScormRuntime.Assignment("cmi.interactions.1.id", "b"),
                        new ScormRuntime.Assignment("cmi.interactions.2.id", "c"),
                        new ScormRuntime.Assignment("cmi.suspend_data", huge)), false))))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.details().toString()).doesNotContain(huge).contains("(5000 characters)");
                    @SuppressWarnings("unchecked")
                    List<ScormRuntime.Rejected> rejected = (List<ScormRuntime.Rejected>) e.details();
                    assertThat(rejected).extracting(ScormRuntime.Rejected::index, ScormRuntime.Rejected::error)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 351),
                                    org.assertj.core.groups.Tuple.tuple(3, 351));
                });
        ScoRecord stored = runtime.scos(runtime.attempt(ALICE, attempt)).get(0);
        assertThat(stored.lastSequence()).as("nothing applied").isZero();
        assertThat(stored.cmi()).doesNotContainKey("cmi.interactions.0.id");

        ScoRecord ok = runtime.commit(ALICE, attempt, "i1", new ScormRuntime.Commit(s.session(), 1,
                List.of(new ScormRuntime.Assignment("cmi.interactions.0.id", "a"),
                        new ScormRuntime.Assignment("cmi.suspend_data", "y".repeat(1000))), false));
        assertThat(ok.lastSequence()).isEqualTo(1);
        assertThat(runtime.scos(runtime.attempt(ALICE, attempt)).get(0).cmi())
                .containsEntry("cmi.interactions.0.id", "a");
        assertThat(runtime.dataModel("2004").json()).contains("\"setsPerCommit\":5");
    }

    @Test
    void aCommitBodyIsReadOnlyUpToTheConfiguredBytes() {
        ScormRuntime runtime = new ScormRuntime();
        assertThat(runtime.maxCommitBytes()).isEqualTo(16L * 1024 * 1024);
        runtime.config = RuntimeLimitsTest.config(Map.of("manabi.scorm.max-commit-bytes", "100"));
        assertThat(runtime.maxCommitBytes()).isEqualTo(100);

        String fits = "{\"session\":\"" + "s".repeat(100 - 14) + "\"}";
        assertThat(fits).hasSize(100);
        assertThat(ScormRuntimeResource.readCommit(stream(fits), 100)).isEqualTo(fits);
        // One byte more is refused, and the stream is not read to its end (a client could send gigabytes).
        java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return served.incrementAndGet() > 1_000_000 ? -1 : 'x';
            }
        };
        assertThat(catchThrowable(() -> ScormRuntimeResource.readCommit(endless, 100)))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.status() + " " + e.code()).isEqualTo("413 scorm-commit-too-large"));
        assertThat(served.get()).isLessThanOrEqualTo(101);
        assertThat(ScormRuntimeResource.readCommit(null, 100)).isEmpty();
    }

    private static java.io.InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
