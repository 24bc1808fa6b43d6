package dev.manabi.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** Concurrency tests on {@link TestDatabases#both}: waiting until one transaction waits for another's lock. */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * Returns once a transaction of the database waits for a lock another holds (H2: a session with a blocker,
     * PostgreSQL: a backend waiting on a lock), or after 10 s. Committing the holder at once then keeps the wait far
     * below H2's default lock timeout of one second.
     */
    public static void awaitOne(DataSource ds) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = ds.getConnection()) {
            String sql = c.getMetaData().getDatabaseProductName().equals("H2")
                    ? "select count(*) from information_schema.sessions where blocker_id is not null"
                    : "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and datname = current_database()";
            while (System.nanoTime() < until) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }
}
