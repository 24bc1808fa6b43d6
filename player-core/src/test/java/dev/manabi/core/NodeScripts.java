package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a module's browser-script test under Node ({@code src/test/js/*.mjs}). The scripts tally their checks with
 * the shared {@code checks.mjs} (imported from {@code process.env.MANABI_CHECKS}), which prints
 * {@code "<n> checks, <f> failures"}. Skipped without Node on a developer machine; with {@code -De2e.required=true}
 * (CI, whose {@code .ci/run} installs nodejs) a missing Node fails, so browser code is never left untested quietly.
 */
public final class NodeScripts {

    private static final File NODE = new File("/usr/bin/node");

    private NodeScripts() {
    }

    /** Runs {@code script} with {@code args} (both relative to the module folder) and asserts it reports no failure. */
    public static void passes(String script, String... args) throws Exception {
        if (!NODE.canExecute() && Boolean.getBoolean("e2e.required")) {
            throw new IllegalStateException("e2e.required=true but /usr/bin/node is missing (apt-get install nodejs)");
        }
        Assumptions.assumeTrue(NODE.canExecute(), "node is not installed; " + script + " is skipped");
        Path module = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(NODE.getPath(), module.resolve(script).toString()));
        for (String arg : args) {
            command.add(module.resolve(arg).toString());
        }
        Path checks = Files.createTempFile("manabi-checks", ".mjs");
        try (InputStream in = NodeScripts.class.getResourceAsStream("checks.mjs")) {
            Files.copy(in, checks, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MANABI_CHECKS", checks.toUri().toString());
        String out;
        try {
            Process p = builder.start();
            // Read before waiting: a script that prints more than the pipe holds would otherwise never finish.
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        } finally {
            Files.deleteIfExists(checks);
        }
        assertThat(out).contains(" checks, 0 failures");
    }
}
