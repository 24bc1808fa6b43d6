package dev.manabi.scorm.runtime;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Issue 11's bound on commit cost: a commit of 250 interactions (each with id, type, learner_response, result, a
 * correct response, timestamp and description: 1,750 sets) through {@link ScormRuntime#commit} on H2 must apply in
 * under 20 ms. Every commit re-sends the same 250 interactions, as an adapter does that lost its acknowledgement,
 * so the stored values and the rewritten row stay at that size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LargeCommitBenchmark {

    static final List<ScormRuntime.Assignment> INTERACTIONS_250 = CommitBenchmark.interactions(250);

    @Param({"H2"})
    public String database;

    private CommitBenchmark stored;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stored = new CommitBenchmark();
        stored.database = database;
        stored.setUp();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stored.tearDown();
    }

    @Benchmark
    public ScoRecord commit250Interactions() {
        return stored.commit(INTERACTIONS_250);
    }
}
