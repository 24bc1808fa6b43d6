package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Keeps {@link SequencedNavigationBenchmark} measuring what it says: 200 activities, choices that deliver. */
class SequencedNavigationBenchmarkTest {

    @Test
    void everyBenchmarkedChoiceDeliversAndTheViewListsTheWholeTree() throws IOException {
        SequencedNavigationBenchmark bench = new SequencedNavigationBenchmark();
        bench.setUp();
        try {
            assertThat(bench.choice().activity().id()).isEqualTo("m17s3");
            assertThat(bench.choice().activity().id()).isEqualTo("m1s2");
            ScormRuntimeResource.AttemptView view = bench.view();
            assertThat(view.toc()).hasSize(SequencedNavigationBenchmark.MODULES);
            assertThat(view.toc().stream().mapToInt(m -> m.children().size()).sum()).isEqualTo(180);
        } finally {
            bench.tearDown();
        }
    }
}
