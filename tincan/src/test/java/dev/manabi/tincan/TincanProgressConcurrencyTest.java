package dev.manabi.tincan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.LockWaits;
import dev.manabi.core.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two requests of one registration's content stored at once (second review of issue 14): each transaction derives
 * the standing from what it reads of the registration, so the second must read it after the first committed, or
 * it writes back a standing without the first's result (a lost score here). On H2 and PostgreSQL.
 */
class TincanProgressConcurrencyTest {

    @TempDir
    Path content;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void two_requests_of_one_registration_stored_at_once_both_count(DataSource ds) throws Exception {
        TincanLaunchTest.Fixture f = TincanLaunchTest.fixture(ds, content);
        TincanLauncher.Launch launch = f.launcher().launch(TincanLaunchTest.LEARNER, f.courseId(),
                TincanLaunchTest.SITE);
        ObjectNode scored = TincanLaunchTest.statement(launch, "scored", TincanLaunchTest.ROOT_ID,
                "{\"score\":{\"raw\":50,\"max\":100}}");
        ObjectNode completed = TincanLaunchTest.statement(launch, "completed", TincanLaunchTest.ROOT_ID, null);

        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            f.progress().stored(first, "a", List.of(scored)); // stored, not yet committed
            Future<?> second = thread.submit(() -> Sql.inTransaction(ds, c -> f.progress().stored(c, "a",
                    List.of(completed))));
            LockWaits.awaitOne(ds);
            first.commit();
            second.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }

        assertThat(f.core().ledger.facts(TincanLaunchTest.LEARNER, f.courseId())).containsExactly(
                new ProgressFact("tincan", "line-1", true, null, 50.0, 100.0));
    }
}
