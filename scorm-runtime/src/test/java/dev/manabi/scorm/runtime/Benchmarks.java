package dev.manabi.scorm.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the SCORM run-time benchmarks ({@code ./mvnw -Pbench -pl scorm-runtime -am -DskipTests verify}) and writes
 * to the directory given as the first argument: JMH's JSON results, its console output, and {@code report.md}, a
 * table with the machine it ran on, meant to be pasted into an issue or a release note.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/benchmarks"));
        // An optional second argument runs only the benchmarks whose name matches it (a JMH include regex).
        OptionsBuilder only = new OptionsBuilder();
        if (args.length > 1 && !args[1].isBlank()) {
            only.include(args[1]);
        } else {
            only.include(CommitBenchmark.class.getName()).include(CommitValidationBenchmark.class.getName())
                    .include(LargeCommitBenchmark.class.getName())
                    .include(SequencedNavigationBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(only
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("jmh-result.json").toString())
                .output(dir.resolve("jmh-output.txt").toString())
                .build()).run();
        StringBuilder md = new StringBuilder("# SCORM commit benchmark\n\n")
                .append("CommitBenchmark: a typical commit through the service; CommitValidationBenchmark: its"
                        + " in-memory part, and one commit of 8,000 interaction ids; LargeCommitBenchmark: 250"
                        + " interactions (1,750 sets) through the service (issue 11: < 20 ms).\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), ").append(System.getProperty("os.name"))
                .append(". SequencedNavigationBenchmark: a TOC choice and the attempt view (look-ahead) on a"
                        + " 200-activity SCORM 2004 package (issue 12: < 5 ms), sampled per call.\n\n")
                .append("| benchmark | database | mean | error (99.9%) | per second, one thread | p50 | p99 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            boolean sampled = score.getStatistics().getN() > 0 && r.getParams().getMode().shortLabel().equals("sample");
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f %s | ± %.1f | %,.0f | %s | %s |%n", name,
                    r.getParams().getParam("database") == null ? "none" : r.getParams().getParam("database"), score.getScore(), score.getScoreUnit(),
                    score.getScoreError(), 1_000_000 / score.getScore(),
                    sampled ? String.format(Locale.ROOT, "%.1f", score.getStatistics().getPercentile(50)) : "",
                    sampled ? String.format(Locale.ROOT, "%.1f", score.getStatistics().getPercentile(99)) : ""));
        }
        Files.writeString(dir.resolve("report.md"), md);
        System.out.println(md);
    }
}
