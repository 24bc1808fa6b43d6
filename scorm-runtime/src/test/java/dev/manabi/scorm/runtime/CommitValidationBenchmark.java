package dev.manabi.scorm.runtime;

import dev.manabi.scorm.cmi.DataModel;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * SetValue replayed through the data model definitions, status evaluation. Also the issue 11 case: one commit of
 * 8,000 {@code cmi.interactions.N.id} sets (took 10.8 s while every set scanned every stored key), on a model whose
 * limits allow that many interactions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommitValidationBenchmark {

    static final int MANY_INTERACTIONS = 8000;

    private ScoRecord opened;
    private ScormRuntime.Commit commit;
    private ScormRuntime.Commit manyIds;
    private DataModel roomy;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        CommitBenchmark stored = new CommitBenchmark();
        stored.database = "H2";
        stored.setUp();
        opened = stored.opened();
        stored.tearDown();
        commit = new ScormRuntime.Commit(opened.sessionToken(), opened.lastSequence() + 1,
                CommitBenchmark.TYPICAL_COMMIT, false);
        List<ScormRuntime.Assignment> ids = new ArrayList<>();
        for (int i = 0; i < MANY_INTERACTIONS; i++) {
            ids.add(new ScormRuntime.Assignment("cmi.interactions." + i + ".id", "urn:manabi:q" + i));
        }
        manyIds = new ScormRuntime.Commit(opened.sessionToken(), opened.lastSequence() + 1, ids, false);
        DataModel dm = DataModel.scorm2004();
        Map<String, Integer> records = new HashMap<>(dm.limits().records());
        records.put("cmi.interactions", MANY_INTERACTIONS);
        roomy = dm.withLimits(new DataModel.Limits(dm.limits().valueChars(), MANY_INTERACTIONS, records));
    }

    @Benchmark
    public ScoRecord validateAndApply() {
        return ScormRuntime.apply(opened, commit, Instant.EPOCH);
    }

    @Benchmark
    public ScoRecord apply8000InteractionIds() {
        return ScormRuntime.apply(opened, manyIds, Instant.EPOCH, roomy);
    }
}
