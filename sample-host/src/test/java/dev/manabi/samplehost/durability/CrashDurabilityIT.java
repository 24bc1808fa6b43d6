package dev.manabi.samplehost.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manabi.samplehost.db.EmbeddedPostgresLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Durability under a crash (issue 11): the sample host on PostgreSQL, many learners committing, the server JVM
 * killed with SIGKILL in the middle, restarted on the same database. Every commit acknowledged with 200 must be
 * there, and each learner's stored state must be exactly one commit's, the last acknowledged one or the one in
 * flight at the kill, never a mix (none half-applied).
 *
 * <p>Runs its own server (a copy of the IT server, see {@link LibertyInstance}) and its own PostgreSQL, so killing
 * it does not disturb the other ITs. Counts go to {@code target/durability/crash.md}.
 */
class CrashDurabilityIT {

    private static final int LEARNERS = Integer.getInteger("crash.learners", 60);
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("crash.load-seconds", 90));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static LibertyInstance server;

    @BeforeAll
    static void startServer() throws Exception {
        Path data = Path.of("target/durability/postgres");
        LibertyInstance.deleteTree(data);
        int port = LibertyInstance.freePort();
        postgres = EmbeddedPostgresLauncher.start(port, data);
        Map<String, String> db = new LinkedHashMap<>();
        db.put("manabi.db.driver-jar", "postgresql.jar");
        db.put("manabi.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource");
        db.put("manabi.db.url", EmbeddedPostgresLauncher.url(port));
        db.put("manabi.db.user", EmbeddedPostgresLauncher.DATABASE);
        db.put("manabi.db.password", EmbeddedPostgresLauncher.DATABASE);
        db.put("manabi.demo.learners", Integer.toString(LEARNERS));
        server = LibertyInstance.create("manabi-crash", db);
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** What one learner sent: the highest sequence answered 200, and the one sent but never answered. */
    private static final class Ledger {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
    }

    @Test
    void everyAcknowledgedCommitSurvivesSigkillAndNoneIsHalfApplied() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            // A commit is durable when acknowledged only with these on (PostgreSQL 17 documentation, 19.5.1).
            assertThat(show(st, "synchronous_commit")).isEqualTo("on");
            assertThat(show(st, "fsync")).isEqualTo("on");
        }
        LearnerClient client = new LearnerClient(server.baseUrl());
        LearnerClient.Course course = client.uploadCourse("author", "crash-test");
        List<LearnerClient.Launch> launches = new ArrayList<>();
        for (int i = 1; i <= LEARNERS; i++) {
            String user = "learner-" + i;
            launches.add(client.launch(user, client.signIn(user), course));
        }

        Map<String, Ledger> ledgers = new HashMap<>();
        launches.forEach(l -> ledgers.put(l.user(), new Ledger()));
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService learners = Executors.newFixedThreadPool(LEARNERS);
        for (LearnerClient.Launch l : launches) {
            Ledger ledger = ledgers.get(l.user());
            learners.submit(() -> {
                // Each learner commits 1, 2, 3... one after the other, as its SCO would, until the server is gone.
                for (long n = 1; !killed.get(); n++) {
                    ledger.inFlight.set(n);
                    LearnerClient.Answer a = client.commit(l, n, LearnerClient.values(l.user(), n));
                    if (a.status() == 0) {
                        return null; // never answered: in flight when the server was killed
                    }
                    ledger.inFlight.set(0);
                    if (a.status() != 200) {
                        ledger.refused.incrementAndGet();
                        return null;
                    }
                    ledger.acknowledged.set(n);
                }
                return null;
            });
        }
        // Mid-load: once the learners have committed a few times each (a cold server on a busy machine is slow at
        // first), and at the latest after the load time.
        long loadStart = System.nanoTime();
        long deadline = loadStart + LOAD.toNanos();
        while (System.nanoTime() < deadline && ledgers.values().stream()
                .mapToLong(x -> x.acknowledged.get()).sum() < 5L * LEARNERS) {
            LibertyInstance.sleep(Duration.ofMillis(200));
        }
        long pid = server.pid();
        long loadNanos = System.nanoTime() - loadStart;
        killed.set(true);
        server.kill();
        learners.shutdown();
        assertThat(learners.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

        long acknowledged = ledgers.values().stream().mapToLong(x -> x.acknowledged.get()).sum();
        long inFlight = ledgers.values().stream().filter(x -> x.inFlight.get() > 0).count();
        assertThat(ledgers.values()).allSatisfy(x -> assertThat(x.refused.get()).as("commits refused").isZero());
        assertThat(acknowledged).as("commits acknowledged before the kill").isGreaterThan(LEARNERS);

        server.start();

        // 1. What PostgreSQL holds: each learner's SCO row is exactly one commit's values.
        Map<String, String> attemptOwner = new HashMap<>();
        launches.forEach(l -> attemptOwner.put(l.attemptId(), l.user()));
        Map<String, Long> storedSequence = new HashMap<>();
        long verified = 0;
        long inFlightApplied = 0;
        try (Connection c = postgres.getDatabase(EmbeddedPostgresLauncher.DATABASE, EmbeddedPostgresLauncher.DATABASE)
                .getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select attempt_id, last_sequence, cmi_json from manabi_scorm_sco_attempt")) {
            while (rs.next()) {
                String user = attemptOwner.get(rs.getString(1));
                if (user == null) {
                    continue;
                }
                Ledger ledger = ledgers.get(user);
                long stored = rs.getLong(2);
                JsonNode cmi = JSON.readTree(rs.getString(3));
                assertThat(stored).as(user + ": the stored commit is the last acknowledged one or the one in flight")
                        .isIn(ledger.acknowledged.get(), ledger.inFlight.get() > 0 ? ledger.inFlight.get()
                                : ledger.acknowledged.get());
                LearnerClient.values(user, stored).forEach((element, value) -> assertThat(cmi.path(element).asText())
                        .as(user + ": " + element + " from commit " + stored + " (not half-applied)").isEqualTo(value));
                storedSequence.put(user, stored);
                verified++;
                if (stored > ledger.acknowledged.get()) {
                    inFlightApplied++;
                }
            }
        }
        assertThat(storedSequence).as("a stored SCO state for every learner").hasSize(LEARNERS);
        // ... and each attempt's rolled-up status is its SCO's: the commit and its rollup are one transaction.
        try (Connection c = postgres.getDatabase(EmbeddedPostgresLauncher.DATABASE, EmbeddedPostgresLauncher.DATABASE)
                .getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select a.id, a.score_scaled, s.score_scaled from manabi_scorm_attempt a"
                     + " join manabi_scorm_sco_attempt s on s.attempt_id = a.id")) {
            while (rs.next()) {
                String user = attemptOwner.get(rs.getString(1));
                if (user != null) {
                    assertThat(rs.getDouble(2)).as(user + ": the attempt's score is its SCO's (commit "
                            + storedSequence.get(user) + ")").isEqualTo(rs.getDouble(3));
                }
            }
        }

        // 2. The restarted server gives each learner that state back (resume) and takes the next commit. Sign-ins
        // were HTTP sessions of the killed JVM: the learners sign in again.
        for (LearnerClient.Launch before : launches) {
            long stored = storedSequence.get(before.user());
            LearnerClient.Launch l = new LearnerClient.Launch(before.user(), client.signIn(before.user()),
                    before.attemptId(), before.itemId(), before.session());
            JsonNode session = LearnerClient.json(LearnerClient.require(client.openSession(l.cookie(), l.attemptId(),
                    l.itemId()), 200, "resume of " + l.user()));
            assertThat(session.at("/values/cmi.entry").asText()).isEqualTo("resume");
            assertThat(session.at("/values/cmi.location").asText()).isEqualTo("page-" + stored);
            assertThat(session.at("/values/cmi.suspend_data").asText())
                    .isEqualTo(LearnerClient.values(l.user(), stored).get("cmi.suspend_data"));
            LearnerClient.Launch resumed = new LearnerClient.Launch(l.user(), l.cookie(), l.attemptId(), l.itemId(),
                    session.get("session").asText());
            LearnerClient.require(client.commit(resumed, stored + 1, LearnerClient.values(l.user(), stored + 1)),
                    200, "commit after restart of " + l.user());
        }

        String report = """
                # Crash durability (SIGKILL of the sample host on PostgreSQL)

                | measure | value |
                |---|---|
                | learners committing | %d |
                | load before the kill | %.1f s |
                | server pid killed (SIGKILL) | %d |
                | commits acknowledged with 200 | %d |
                | commits unanswered at the kill (in flight) | %d |
                | in-flight commits found applied | %d |
                | learners verified (stored state = one commit's values, resumed after restart) | %d |
                """.formatted(LEARNERS, loadNanos / 1e9, pid, acknowledged, inFlight, inFlightApplied, verified);
        Files.createDirectories(Path.of("target/durability"));
        Files.writeString(Path.of("target/durability/crash.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static String show(Statement st, String setting) throws Exception {
        try (ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
