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
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CommitBenchmark.class.getName())
                .include(CommitValidationBenchmark.class.getName())
                .include(LargeCommitBenchmark.class.getName())
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
                .append(".\n\n| benchmark | database | mean | error (99.9%) | per second, one thread |\n")
                .append("|---|---|---|---|---|\n");
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f %s | ± %.1f | %,.0f |%n", name,
                    r.getParams().getParam("database") == null ? "none" : r.getParams().getParam("database"), score.getScore(), score.getScoreUnit(),
                    score.getScoreError(), 1_000_000 / score.getScore()));
        }
        Files.writeString(dir.resolve("report.md"), md);
        System.out.println(md);
    }
}
