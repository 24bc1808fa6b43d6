package dev.manabi.scorm.seq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the benchmark honest: its tree has 200 activities and its requests really deliver. */
class NavigationBenchmarkTest {

    @Test
    void the_benchmark_measures_real_deliveries_on_200_activities() {
        NavigationBenchmark b = new NavigationBenchmark();
        b.prepare();
        assertThat(NavigationBenchmark.tree200().activities()).hasSize(200);
        b.fresh();
        assertThat(b.continueRequest().delivered()).isTrue();
        b.fresh();
        assertThat(b.choiceRequest().deliver()).isEqualTo("m17s3");
        b.fresh();
        LookAhead lookAhead = b.lookAhead();
        assertThat(lookAhead.activities()).hasSize(200);
        assertThat(lookAhead.activities()).filteredOn(LookAhead.ActivityAvailability::choiceValid).isNotEmpty();
        assertThat(b.lookAheadStraightforward()).as("both look-aheads answer the same").isEqualTo(lookAhead);
    }
}
