package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Keeps the commit benchmarks measuring what they claim: accepted commits, not errors. */
class CommitBenchmarkTest {

    @Test
    void everyBenchmarkedCommitIsAcceptedAndStored() throws IOException {
        CommitBenchmark bench = new CommitBenchmark();
        bench.database = "H2";
        bench.setUp();
        try {
            assertThat(bench.commit().lastSequence()).isEqualTo(1);
            ScoRecord second = bench.commit();
            assertThat(second.lastSequence()).isEqualTo(2);
            assertThat(second.cmi()).containsEntry("cmi.location", "chapter-3/page-12")
                    .containsEntry("cmi.interactions.2.result", "correct").containsKey("cmi.suspend_data");
            assertThat(second.status()).isEqualTo(new ScoStatus("incomplete", "unknown", 0.7));
        } finally {
            bench.tearDown();
        }
        CommitValidationBenchmark inMemory = new CommitValidationBenchmark();
        inMemory.setUp();
        assertThat(inMemory.validateAndApply().cmi()).containsEntry("cmi.progress_measure", "0.6");
        assertThat(inMemory.apply8000InteractionIds().cmi()).containsEntry("cmi.interactions.7999.id",
                "urn:manabi:q7999").hasSizeGreaterThan(CommitValidationBenchmark.MANY_INTERACTIONS);
    }

    @Test
    void theLargeCommitStoresItsTwoHundredFiftyInteractionsEveryTime() throws IOException {
        LargeCommitBenchmark bench = new LargeCommitBenchmark();
        bench.database = "H2";
        bench.setUp();
        try {
            assertThat(LargeCommitBenchmark.INTERACTIONS_250).hasSize(1750);
            bench.commit250Interactions();
            ScoRecord again = bench.commit250Interactions();
            assertThat(again.lastSequence()).isEqualTo(2);
            assertThat(again.cmi()).containsEntry("cmi.interactions.249.correct_responses.0.pattern", "b[,]d")
                    .containsEntry("cmi.interactions.249.description",
                            "{lang=ja}問題 249: 正しいものをすべて選びなさい")
                    .doesNotContainKey("cmi.interactions.250.id");
        } finally {
            bench.tearDown();
        }
    }
}
