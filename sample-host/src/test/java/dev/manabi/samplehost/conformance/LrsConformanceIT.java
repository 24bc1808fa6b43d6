package dev.manabi.samplehost.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ADL LRS conformance test suite ({@code ../shared/conformance/lrs-conformance-test-suite}, MIT) against the
 * sample host's LRS, for xAPI 2.0.0 and 1.0.3, as the demo credential {@code lrs-a}. The suite is copied under
 * {@code target/lrs-conformance} (never into the project) and {@code npm install}ed there once. Fails when fewer than
 * {@value #REQUIRED_SHARE} of a version's tests pass; writes {@code target/conformance/lrs.md} with the counts and
 * the titles of the failing tests.
 *
 * <p>Skipped when the suite or Node is missing, unless {@code -Dinterop.required=true} (CI).
 */
class LrsConformanceIT {

    static final double REQUIRED_SHARE = 0.99;
    private static final Pattern SUMMARY = Pattern.compile(
            "\\{\"total\":(\\d+),\"passed\":(\\d+),\"failed\":(\\d+),\"version\":\"([^\"]+)\"}");
    private static final Pattern LOG_FILE = Pattern.compile("Full run log written to (\\S+\\.log)");
    private static final Map<String, String> REPORT = new LinkedHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"2.0.0", "1.0.3"})
    void the_suite_passes(String version) throws Exception {
        Path suite = preparedSuite();
        String endpoint = System.getProperty("manabi.baseUrl", "http://localhost:9081") + "/manabi/xapi";
        Process run = new ProcessBuilder(node(), "bin/console_runner.js", "-e", endpoint, "-a", "-u", "lrs-a", "-p",
                "manabi-demo", "-x", version).directory(suite.toFile()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(15, TimeUnit.MINUTES)).isTrue();
        Matcher summary = SUMMARY.matcher(output);
        String last = null;
        while (summary.find()) {
            last = summary.group();
        }
        assertThat(last).as("the suite's summary line in:\n" + tail(output)).isNotNull();
        Matcher m = SUMMARY.matcher(last);
        assertThat(m.matches()).isTrue();
        int total = Integer.parseInt(m.group(1));
        int passed = Integer.parseInt(m.group(2));
        int failed = Integer.parseInt(m.group(3));
        List<String> failures = new ArrayList<>();
        Matcher log = LOG_FILE.matcher(output);
        if (log.find()) {
            failures = failingTitles(Path.of(log.group(1)));
        }
        double share = total == 0 ? 0 : (double) passed / total;
        StringBuilder section = new StringBuilder("## xAPI " + version + "\n\n")
                .append(String.format("%d of %d passed (%.2f %%), %d failed%n%n", passed, total, share * 100, failed));
        failures.forEach(f -> section.append("- ").append(f).append('\n'));
        REPORT.put(version, section.toString());
        assertThat(passed + failed).as("every test ran").isEqualTo(total);
        assertThat(share).as("share of passed tests for " + version + "; failing: " + failures)
                .isGreaterThanOrEqualTo(REQUIRED_SHARE);
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (REPORT.isEmpty()) {
            return;
        }
        Path report = Path.of("target", "conformance", "lrs.md");
        Files.createDirectories(report.getParent());
        StringBuilder text = new StringBuilder("# ADL LRS conformance test suite against the sample host\n\n"
                + "Run by LrsConformanceIT (credential lrs-a, University A). Required: "
                + (int) (REQUIRED_SHARE * 100) + " % per version.\n\n");
        REPORT.values().forEach(s -> text.append(s).append('\n'));
        Files.writeString(report, text.toString());
    }

    /** The titles of failed tests in the suite's JSON run log. */
    private static List<String> failingTitles(Path log) throws IOException {
        List<String> titles = new ArrayList<>();
        collect(new ObjectMapper().readTree(log.toFile()).path("log"), "", titles);
        return titles;
    }

    private static void collect(JsonNode node, String parent, List<String> into) {
        String title = node.path("title").asText(node.path("name").asText(""));
        JsonNode tests = node.path("tests");
        if (tests.isArray() && !tests.isEmpty()) {
            tests.forEach(t -> collect(t, title, into));
        } else if ("failed".equals(node.path("status").asText())) {
            into.add((parent.isEmpty() ? "" : parent + " > ") + title);
        }
    }

    private static Path preparedSuite() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("manabi.conformance.dir", "../shared/conformance"))
                .resolve("lrs-conformance-test-suite");
        if (!Files.isDirectory(source) || node() == null) {
            if (Boolean.getBoolean("interop.required")) {
                throw new IllegalStateException("interop.required but no conformance suite at " + source.toAbsolutePath()
                        + " or no node on this machine");
            }
            Assumptions.abort("No LRS conformance suite at " + source.toAbsolutePath() + " or no node; skipped");
        }
        Path copy = Path.of("target", "lrs-conformance").toAbsolutePath();
        if (!Files.isDirectory(copy.resolve("node_modules"))) {
            copyTree(source, copy);
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
                    .directory(copy.toFile()).redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("npm install of the conformance suite failed:\n" + tail(output));
            }
        }
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName().toString();
                if (!dir.equals(from) && (name.equals("node_modules") || name.equals("logs") || name.equals(".git"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String node() {
        for (String candidate : new String[] {"/usr/bin/node", "/usr/local/bin/node"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String tail(String output) {
        return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
    }
}
