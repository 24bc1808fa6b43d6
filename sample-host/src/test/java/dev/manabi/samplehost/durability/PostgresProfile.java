package dev.manabi.samplehost.durability;

import dev.manabi.samplehost.db.EmbeddedPostgresLauncher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the database did during a {@link LoadBenchmark} run on PostgreSQL, for its report: the statements that cost
 * the most ({@code pg_stat_statements}: calls, mean and total time), what the active backends were waiting for
 * (sampled from {@code pg_stat_activity} every 50 ms: lock waits, WAL flushes, I/O, or running) and the transactions
 * and WAL syncs per second ({@code pg_stat_database}, {@code pg_stat_wal}).
 */
final class PostgresProfile implements AutoCloseable {

    /** The server settings a profiled run needs (read at start-up only). */
    static final Map<String, String> SETTINGS = Map.of("shared_preload_libraries", "pg_stat_statements",
            "pg_stat_statements.track", "all");

    private final int port;
    private final Map<String, AtomicInteger> waits = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;
    private long startNanos;
    private long commitsAtStart;
    private long syncsAtStart;

    /** Resets the counters of the server at {@code port} and starts sampling its backends. */
    PostgresProfile(int port) throws SQLException {
        this.port = port;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
            commitsAtStart = commits(st);
            syncsAtStart = walSyncs(st);
        }
        startNanos = System.nanoTime();
        sampler = new Thread(this::sample, "pg-wait-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private Connection connect() throws SQLException {
        return EmbeddedPostgresLauncher.connect(port, EmbeddedPostgresLauncher.DATABASE);
    }

    private void sample() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            while (running) {
                try (ResultSet rs = st.executeQuery("select coalesce(wait_event_type, 'CPU') || ' ' || coalesce("
                        + "wait_event, 'running') from pg_stat_activity where datname = '"
                        + EmbeddedPostgresLauncher.DATABASE + "' and state = 'active' and pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        waits.computeIfAbsent(rs.getString(1), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                samples.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (SQLException | InterruptedException e) {
            waits.computeIfAbsent("(sampling stopped: " + e.getMessage() + ")", k -> new AtomicInteger());
        }
    }

    private static long commits(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select xact_commit from pg_stat_database where datname = '"
                + EmbeddedPostgresLauncher.DATABASE + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long walSyncs(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select wal_sync from pg_stat_wal")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Stops sampling; the profile as Markdown. */
    String report() throws SQLException {
        running = false;
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder md = new StringBuilder();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            md.append("\nPostgreSQL profile: %.0f transactions/s, %.0f WAL syncs/s over %.0f s.\n\n".formatted(
                    (commits(st) - commitsAtStart) / seconds, (walSyncs(st) - syncsAtStart) / seconds, seconds));
            md.append("| calls | mean ms | max ms | total s | statement |\n|---:|---:|---:|---:|---|\n");
            try (ResultSet rs = st.executeQuery("select calls, mean_exec_time, max_exec_time, total_exec_time, query"
                    + " from pg_stat_statements where dbid = (select oid from pg_database where datname = '"
                    + EmbeddedPostgresLauncher.DATABASE + "') order by total_exec_time desc limit 15")) {
                while (rs.next()) {
                    String q = rs.getString(5).replaceAll("\\s+", " ").replace("|", "\\|");
                    md.append("| %d | %.2f | %.1f | %.1f | `%s` |\n".formatted(rs.getLong(1), rs.getDouble(2),
                            rs.getDouble(3), rs.getDouble(4) / 1000, q.length() > 140 ? q.substring(0, 140) + "…" : q));
                }
            }
        }
        md.append("\nActive backends by wait (%d samples, 50 ms apart; `CPU running`: not waiting):\n\n"
                .formatted(samples.get()));
        md.append("| wait | backends seen | per sample |\n|---|---:|---:|\n");
        Map<Integer, String> sorted = new TreeMap<>((a, b) -> b - a);
        waits.forEach((k, v) -> sorted.merge(v.get(), k, (x, y) -> x + ", " + y));
        sorted.forEach((n, k) -> md.append("| %s | %d | %.2f |\n".formatted(k, n, n / (double) Math.max(1,
                samples.get()))));
        return md.toString();
    }

    @Override
    public void close() {
        running = false;
    }
}
