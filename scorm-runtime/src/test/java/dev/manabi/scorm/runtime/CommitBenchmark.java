package dev.manabi.scorm.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.ScormZips;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one SCORM Commit costs on the server, the request every SCO sends every few seconds to minutes: a typical
 * SCORM 2004 commit (bookmark, 2 KB suspend data, progress, score, session time and three interactions) through
 * {@link ScormRuntime#commit} — session and sequence checks, re-validation against the data model, the optimistic
 * update of the stored values, status rollup and the progress facts — on H2 (embedded default) and PostgreSQL.
 * {@link CommitValidationBenchmark} measures the in-memory part alone. Run by {@link Benchmarks};
 * {@code CommitBenchmarkTest} keeps both working.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommitBenchmark {

    static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    static final LearnerContext LEARNER = TestPlatform.person("learner-1", "uni-a", Role.LEARNER);

    /** A commit as content authoring tools send it: everything set since the last one, in call order. */
    static final List<ScormRuntime.Assignment> TYPICAL_COMMIT = typicalCommit();

    @Param({"H2", "PostgreSQL"})
    public String database;

    private HikariDataSource dataSource;
    private Path content;
    private ScormRuntime runtime;
    private String attemptId;
    private ScormRuntime.Session session;
    private ScoRecord opened;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // Pooled like the server's DataSource: a new PostgreSQL connection per query would cost a backend process.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(database.equals("PostgreSQL") ? TestDatabases.postgres() : TestDatabases.h2());
        pool.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(pool);
        content = Files.createTempDirectory("manabi-bench");
        TestPlatform platform = new TestPlatform(dataSource, content);
        ScormPackage pkg = platform.importer.importPackage(AUTHOR,
                new ByteArrayInputStream(ScormZips.scorm2004("bench.commit", "Benchmark")),
                PackageImporter.Options.defaults()).pkg();
        runtime = RuntimeFixtures.runtime(platform);
        attemptId = runtime.currentAttempt(LEARNER, pkg.courseId(), pkg.lineId()).id();
        session = runtime.openSession(LEARNER, attemptId, "i1", false);
        sequence = session.sequence();
        opened = runtime.scos(runtime.attempt(LEARNER, attemptId)).get(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        dataSource.close();
        try (Stream<Path> files = Files.walk(content)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The whole commit through the service and the database. */
    @Benchmark
    public ScoRecord commit() {
        return commit(TYPICAL_COMMIT);
    }

    /** A commit of {@code sets} through the service, with the session's next sequence number. */
    ScoRecord commit(List<ScormRuntime.Assignment> sets) {
        sequence++;
        return runtime.commit(LEARNER, attemptId, "i1",
                new ScormRuntime.Commit(session.session(), sequence, sets, false));
    }

    /** The SCO's stored record right after its session opened: the input of an in-memory commit. */
    ScoRecord opened() {
        return opened;
    }

    static List<ScormRuntime.Assignment> typicalCommit() {
        List<ScormRuntime.Assignment> sets = new ArrayList<>();
        sets.add(new ScormRuntime.Assignment("cmi.location", "chapter-3/page-12"));
        sets.add(new ScormRuntime.Assignment("cmi.suspend_data", "v=1;".repeat(512)));
        sets.add(new ScormRuntime.Assignment("cmi.progress_measure", "0.6"));
        sets.add(new ScormRuntime.Assignment("cmi.completion_status", "incomplete"));
        sets.add(new ScormRuntime.Assignment("cmi.score.raw", "42"));
        sets.add(new ScormRuntime.Assignment("cmi.score.max", "60"));
        sets.add(new ScormRuntime.Assignment("cmi.score.scaled", "0.7"));
        for (int i = 0; i < 3; i++) {
            String n = "cmi.interactions." + i + ".";
            sets.add(new ScormRuntime.Assignment(n + "id", "urn:manabi:q" + i));
            sets.add(new ScormRuntime.Assignment(n + "type", "choice"));
            sets.add(new ScormRuntime.Assignment(n + "learner_response", "b[,]c"));
            sets.add(new ScormRuntime.Assignment(n + "result", i == 1 ? "incorrect" : "correct"));
            sets.add(new ScormRuntime.Assignment(n + "latency", "PT12S"));
        }
        sets.add(new ScormRuntime.Assignment("cmi.session_time", "PT4M30S"));
        return List.copyOf(sets);
    }

    /**
     * A quiz SCO reporting {@code count} interactions at once, each with id, type, learner_response, result, a
     * correct response, timestamp and description (7 sets each), as some authoring tools do on their results page.
     */
    static List<ScormRuntime.Assignment> interactions(int count) {
        List<ScormRuntime.Assignment> sets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = "cmi.interactions." + i + ".";
            sets.add(new ScormRuntime.Assignment(n + "id", "urn:manabi:quiz:question-" + i));
            sets.add(new ScormRuntime.Assignment(n + "type", "choice"));
            sets.add(new ScormRuntime.Assignment(n + "learner_response", "b[,]d"));
            sets.add(new ScormRuntime.Assignment(n + "result", i % 3 == 0 ? "incorrect" : "correct"));
            sets.add(new ScormRuntime.Assignment(n + "correct_responses.0.pattern", "b[,]d"));
            sets.add(new ScormRuntime.Assignment(n + "timestamp", "2026-02-01T10:15:30"));
            sets.add(new ScormRuntime.Assignment(n + "description",
                    "{lang=ja}問題 " + i + ": 正しいものをすべて選びなさい"));
        }
        return List.copyOf(sets);
    }
}
