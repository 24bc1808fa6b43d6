package dev.manabi.scorm.cmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/js/adapter-test.mjs} under node: the browser's cmi-model.js against the same spec cases as
 * {@link DataModelCasesTest}, scorm-adapter.js's state machine and commit protocol, and scorm-transport.js's
 * keepalive limits. Skipped without node.
 */
class AdapterScriptTest {

    @Test
    void browserModelAndAdapterBehaveAsSpecified() throws Exception {
        File node = new File("/usr/bin/node");
        Assumptions.assumeTrue(node.canExecute(), "node is not installed; the adapter script test is skipped");
        Path module = Path.of("").toAbsolutePath();
        Process p = new ProcessBuilder(node.getPath(), module.resolve("src/test/js/adapter-test.mjs").toString(),
                module.resolve("src/main/resources/META-INF/resources/manabi/assets/scorm").toString(),
                module.resolve("src/main/resources/dev/manabi/scorm/cmi").toString(),
                module.resolve("src/test/resources/dev/manabi/scorm/cmi/cases.json").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains(" checks, 0 failures");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
