package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@link LrsBenchmark} working in the normal test run: tiny sizes on both databases, no timing asserted. The
 * harness itself fails when a measured query finds nothing, so a broken load or query shows up here.
 */
class LrsBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void loads_queries_ingests_and_writes_the_report() throws Exception {
        Path report = LrsBenchmark.run(dir, 1_000, 100, 5, List.of("postgresql", "h2"));
        String md = Files.readString(report);
        assertThat(md).contains("| PostgreSQL | GET statements?registration=", "| H2 (file) | GET statements?agent=&verb=",
                "| PostgreSQL | ingest, batches of 50, 4 client threads, 1 forwarding endpoint |",
                "| H2 (file) | ingest, one by one, 1 client thread |", "fsync=");
    }
}
