package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/js/renderers-test.mjs} under node: the built-in renderers against a minimal fake DOM (what
 * they report as the learner's response) and the browser's reading of numbers against the cases the server's is
 * tested with ({@code numeric-cases.json}). Skipped without node; the browser E2E tests in sample-host cover the
 * real DOM.
 */
class RendererScriptTest {

    @Test
    void renderersReportResponsesAsSpecified() throws Exception {
        File node = new File("/usr/bin/node");
        Assumptions.assumeTrue(node.canExecute(), "node is not installed; the renderer script test is skipped");
        Path module = Path.of("").toAbsolutePath();
        Process p = new ProcessBuilder(node.getPath(), module.resolve("src/test/js/renderers-test.mjs").toString(),
                module.resolve("src/main/resources/META-INF/resources/manabi/assets/quiz/types").toString(),
                module.resolve("src/test/resources/numeric-cases.json").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains(" checks, 0 failures");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
