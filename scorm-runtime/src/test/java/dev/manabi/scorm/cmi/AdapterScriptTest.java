package dev.manabi.scorm.cmi;

import dev.manabi.core.NodeScripts;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/js/adapter-test.mjs} under node: the browser's cmi-model.js against the same spec cases as
 * {@link DataModelCasesTest}, scorm-adapter.js's state machine and commit protocol, and scorm-transport.js's
 * keepalive limits (see NodeScripts for when it may be skipped).
 */
class AdapterScriptTest {

    @Test
    void browserModelAndAdapterBehaveAsSpecified() throws Exception {
        NodeScripts.passes("src/test/js/adapter-test.mjs",
                "src/main/resources/META-INF/resources/manabi/assets/scorm",
                "src/main/resources/dev/manabi/scorm/cmi",
                "src/test/resources/dev/manabi/scorm/cmi/cases.json");
    }
}
