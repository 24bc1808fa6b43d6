package dev.manabi.scorm.runtime;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory part of {@link CommitBenchmark}'s commit, without any database: session and sequence checks, every
 * SetValue replayed through the data model definitions, status evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommitValidationBenchmark {

    private ScoRecord opened;
    private ScormRuntime.Commit commit;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CommitBenchmark stored = new CommitBenchmark();
        stored.database = "H2";
        stored.setUp();
        opened = stored.opened();
        stored.tearDown();
        commit = new ScormRuntime.Commit(opened.sessionToken(), opened.lastSequence() + 1,
                CommitBenchmark.TYPICAL_COMMIT, false);
    }

    @Benchmark
    public ScoRecord validateAndApply() {
        return ScormRuntime.apply(opened, commit, Instant.EPOCH);
    }
}
