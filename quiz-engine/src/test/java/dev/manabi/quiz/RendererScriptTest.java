package dev.manabi.quiz;

import dev.manabi.core.NodeScripts;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/js/renderers-test.mjs} under node: the built-in renderers against a minimal fake DOM (what
 * they report as the learner's response) and the browser's reading of numbers against the cases the server's is
 * tested with ({@code numeric-cases.json}). The browser E2E tests in sample-host cover the
 * real DOM.
 */
class RendererScriptTest {

    @Test
    void renderersReportResponsesAsSpecified() throws Exception {
        NodeScripts.passes("src/test/js/renderers-test.mjs",
                "src/main/resources/META-INF/resources/manabi/assets/quiz/types",
                "src/test/resources/numeric-cases.json");
    }
}
