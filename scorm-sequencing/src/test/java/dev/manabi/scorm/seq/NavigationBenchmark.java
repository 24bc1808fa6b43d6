package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A navigation request (OP.1 with termination, rollup to the root, flow and delivery) and a full look-ahead on a
 * 200-activity tree: 1 root, 19 clusters with rollup rules and objective maps, 180 SCOs with pre-condition rules.
 * Target (issue 12): a navigation request under 5 ms on the project machine. {@code main} writes the report.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NavigationBenchmark {

    static ActivityTree tree200() {
        List<ActivityDefinition> modules = new ArrayList<>();
        for (int m = 0; m < 19; m++) {
            List<ActivityDefinition> scos = new ArrayList<>();
            for (int s = 0; s < (m < 9 ? 10 : 9); s++) {
                String id = "m" + m + "s" + s;
                scos.add(Seq.leaf(id, Seq.seq().setByContent().primary(id, Seq.readWrite("g." + id))
                        .pre(RuleAction.SKIP, Seq.on(id, ConditionType.SATISFIED, false))
                        .pre(RuleAction.DISABLED, Seq.cond(ConditionType.ATTEMPT_LIMIT_EXCEEDED))));
            }
            modules.add(Seq.cluster("m" + m, Seq.seq().flow()
                    .rollupRule(ChildActivitySet.ALL, RollupAction.SATISFIED, ConditionType.SATISFIED)
                    .rollupRule(ChildActivitySet.ANY, RollupAction.NOT_SATISFIED, ConditionType.OBJECTIVE_STATUS_KNOWN),
                    scos.toArray(ActivityDefinition[]::new)));
        }
        return Seq.tree(Seq.cluster("root", Seq.seq().flow(), modules.toArray(ActivityDefinition[]::new)));
    }

    private ActivityTree tree;
    private SequencingState midCourse;
    private Sequencer sequencer;
    private SequencingState state;
    private GlobalObjectives sequencerGlobals;
    private final GlobalObjectives globals = new GlobalObjectives();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Setup(Level.Trial)
    public void prepare() {
        tree = tree200();
        midCourse = Sequencer.newState(tree, 1);
        Sequencer s = new Sequencer(tree, midCourse, globals, clock);
        s.navigate(NavigationRequest.of(Type.START));
        for (int i = 0; i < 95; i++) {
            s.report(s.currentActivity(), new RteResults("completed", i % 3 == 0 ? "failed" : "passed", 0.5, null,
                    null, null, null, null, List.of()));
            s.navigate(NavigationRequest.of(Type.CONTINUE));
        }
    }

    @Setup(Level.Invocation)
    public void fresh() {
        state = midCourse.copy();
        sequencerGlobals = globals.copy();
        sequencer = new Sequencer(tree, state, sequencerGlobals, clock);
    }

    /** A SCO in the middle of the course reports and the learner presses Continue. */
    @Benchmark
    public Outcome continueRequest() {
        return sequencer.navigate(NavigationRequest.of(Type.CONTINUE));
    }

    /** A TOC choice far ahead in the tree. */
    @Benchmark
    public Outcome choiceRequest() {
        return sequencer.navigate(NavigationRequest.choice("m17s3"));
    }

    /** The look-ahead for the TOC and adl.nav.request_valid: every activity's choice simulated. */
    @Benchmark
    public LookAhead lookAhead() {
        return sequencer.lookAhead();
    }

    /**
     * The same look-ahead with nothing shared (each request through OP.1 on its own overlay, as before
     * {@link RequestSimulation}): the "before" of the report, measured in the same run.
     */
    @Benchmark
    public LookAhead lookAheadStraightforward() {
        return StraightforwardLookAhead.of(tree, state, sequencerGlobals, clock);
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/benchmarks"));
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(NavigationBenchmark.class.getName())
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("jmh-result.json").toString())
                .output(dir.resolve("jmh-output.txt").toString())
                .build()).run();
        StringBuilder md = new StringBuilder("# SCORM 2004 sequencing benchmark (200-activity tree)\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(". Target: a navigation")
                .append(" request under 5 ms. Sampled per call (JMH SampleTime).\n\n")
                .append("| benchmark | mean | p50 | p99 | unit |\n|---|---|---|---|---|\n");
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            var stats = score.getStatistics();
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s |%n",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), score.getScore(), stats.getPercentile(50),
                    stats.getPercentile(99), score.getScoreUnit()));
        }
        Files.writeString(dir.resolve("report.md"), md);
        System.out.println(md);
    }
}
