package dev.manabi.samplehost.durability;

import dev.manabi.samplehost.db.EmbeddedPostgresLauncher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The 500-learner load measure of issue 11, a report and not a timed test: {@code load.learners} learners (500)
 * each commit every {@code load.interval-seconds} (5 s) to the sample host, first while their attempts are being
 * created ({@code load.ramp-seconds}, learners start evenly spread over it: get the attempt, open the SCO session,
 * then commit), then warm for {@code load.warm-seconds}. On H2 and on PostgreSQL ({@code load.databases}), each on
 * its own server made from the IT server ({@link LibertyInstance}), only on localhost.
 *
 * <p>Run by {@code ./mvnw -B -ntp -pl sample-host -am verify -Pload} (README, "Benchmarks"); writes
 * {@code sample-host/target/benchmarks/load.md}. Latency is measured from sending the request to the complete
 * answer; requests are sent when due, not when the previous answer came (no coordinated omission), except that a
 * learner's next commit waits for its previous one, as the adapter's do.
 */
class LoadBenchmark {

    private static final int LEARNERS = Integer.getInteger("load.learners", 500);
    private static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("load.interval-seconds", 5));
    private static final Duration RAMP = Duration.ofSeconds(Long.getLong("load.ramp-seconds", 50));
    private static final Duration WARM = Duration.ofSeconds(Long.getLong("load.warm-seconds", 90));
    private static final List<String> DATABASES = List.of(System.getProperty("load.databases", "h2,postgresql")
            .split(","));

    /** {@code load.jfr=true}: the server runs with a flight recording, {@code target/benchmarks/load-<db>.jfr}. */
    private static final boolean JFR = Boolean.getBoolean("load.jfr");

    /** What the database did meanwhile ({@link PostgresProfile}), by database, for the report. */
    private static final Map<String, String> PROFILES = new LinkedHashMap<>();

    /** One request: what, in which phase, its status (0: no answer) and latency. */
    record Sample(String kind, String phase, int status, long nanos) {
    }

    @Test
    void learnersCommittingEveryFewSeconds() throws Exception {
        Map<String, List<Sample>> results = new LinkedHashMap<>();
        for (String db : DATABASES) {
            results.put(db, run(db.trim()));
        }
        Path out = Path.of("target/benchmarks/load.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report(results), StandardCharsets.UTF_8);
        System.out.println(Files.readString(out));
    }

    private static List<Sample> run(String db) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("manabi.demo.learners", Integer.toString(LEARNERS));
        EmbeddedPostgres postgres = null;
        if (db.equals("postgresql")) {
            Path data = Path.of("target/benchmarks/postgres");
            LibertyInstance.deleteTree(data);
            int port = LibertyInstance.freePort();
            postgres = EmbeddedPostgresLauncher.start(port, data, PostgresProfile.SETTINGS);
            properties.put("manabi.db.driver-jar", "postgresql.jar");
            properties.put("manabi.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource");
            properties.put("manabi.db.url", EmbeddedPostgresLauncher.url(port));
            properties.put("manabi.db.user", EmbeddedPostgresLauncher.DATABASE);
            properties.put("manabi.db.password", EmbeddedPostgresLauncher.DATABASE);
        } else if (!db.equals("h2")) {
            throw new IllegalArgumentException("load.databases: h2 or postgresql, not " + db);
        }
        try (LibertyInstance server = LibertyInstance.create("manabi-load-" + db, properties)) {
            if (JFR) {
                // A CPU profile of the server: where its time goes when the commits queue up. The JVM does not
                // create the directory (without it the server does not start).
                Path recording = Path.of("target/benchmarks/load-" + db + ".jfr").toAbsolutePath();
                Files.createDirectories(recording.getParent());
                server.jvmOptions(List.of("-XX:StartFlightRecording=settings=profile,filename=" + recording));
            }
            server.start();
            Duration cpuBefore = server.cpuTime();
            List<Sample> samples;
            StringBuilder profile = new StringBuilder();
            if (postgres == null) {
                samples = drive(new LearnerClient(server.baseUrl()), server);
            } else {
                try (PostgresProfile pg = new PostgresProfile(postgres.getPort())) {
                    samples = drive(new LearnerClient(server.baseUrl()), server);
                    profile.append(pg.report());
                }
            }
            long requests = samples.size();
            Duration cpu = server.cpuTime().minus(cpuBefore);
            long warmCommits = samples.stream().filter(x -> x.phase().equals("warm") && x.kind().equals("commit"))
                    .count();
            PROFILES.put(db, ("\nServer JVM CPU: %.1f s for %d requests (sign-ins and upload included); in the warm"
                    + " phase %.1f s for %d commits: **%.1f ms of server CPU per commit**.\n").formatted(
                    cpu.toMillis() / 1000.0, requests, warmCpu.toMillis() / 1000.0, warmCommits,
                    warmCpu.toMillis() / (double) Math.max(1, warmCommits)) + profile);
            if (JFR) {
                server.stop(); // writes the recording
            }
            return samples;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The server's CPU time during the warm phase of the last run. */
    private static volatile Duration warmCpu = Duration.ZERO;

    private static List<Sample> drive(LearnerClient client, LibertyInstance server) throws Exception {
        LearnerClient.Course course = client.uploadCourse("author", "load-test");
        // Sign-ins first, unmeasured: the portal's password check is not the run-time's cost.
        String[] cookies = new String[LEARNERS];
        ExecutorService signIns = Executors.newFixedThreadPool(4);
        for (int i = 0; i < LEARNERS; i++) {
            int n = i;
            signIns.submit(() -> cookies[n] = client.signIn("learner-" + (n + 1)));
        }
        signIns.shutdown();
        if (!signIns.awaitTermination(10, TimeUnit.MINUTES) || Arrays.asList(cookies).contains(null)) {
            throw new IllegalStateException("not every learner could sign in");
        }

        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        ExecutorService senders = Executors.newCachedThreadPool();
        long start = System.nanoTime();
        long rampEnd = start + RAMP.toNanos();
        long end = rampEnd + WARM.toNanos();
        CountDownLatch done = new CountDownLatch(LEARNERS);
        for (int i = 0; i < LEARNERS; i++) {
            String user = "learner-" + (i + 1);
            String cookie = cookies[i];
            long due = start + RAMP.toNanos() * i / LEARNERS;
            clock.schedule(() -> senders.submit(() -> {
                LearnerClient.Launch launch = launch(client, user, cookie, course, samples, rampEnd);
                if (launch == null) {
                    done.countDown();
                } else {
                    commitLoop(client, launch, 1, System.nanoTime() + INTERVAL.toNanos(), samples, rampEnd, end,
                            clock, done);
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        Duration[] cpuAtWarm = new Duration[1];
        clock.schedule(() -> cpuAtWarm[0] = server.cpuTime(), rampEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
        clock.schedule(() -> warmCpu = server.cpuTime().minus(cpuAtWarm[0]), end - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        if (!done.await(RAMP.plus(WARM).plusMinutes(5).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("learners did not finish");
        }
        clock.shutdown(); // lets the warm phase's CPU reading (due at its end) run
        clock.awaitTermination(30, TimeUnit.SECONDS);
        senders.shutdownNow();
        return new ArrayList<>(samples);
    }

    private static LearnerClient.Launch launch(LearnerClient client, String user, String cookie,
                                               LearnerClient.Course course, Queue<Sample> samples, long rampEnd) {
        String phase = phase(System.nanoTime(), rampEnd);
        LearnerClient.Answer attempt = client.attempt(cookie, course);
        samples.add(new Sample("attempt (created)", phase, attempt.status(), attempt.nanos()));
        if (attempt.status() != 200) {
            return null;
        }
        var a = LearnerClient.json(attempt);
        LearnerClient.Answer session = client.openSession(cookie, a.get("attemptId").asText(),
                a.get("currentItem").asText());
        samples.add(new Sample("session open", phase, session.status(), session.nanos()));
        if (session.status() != 200) {
            return null;
        }
        return new LearnerClient.Launch(user, cookie, a.get("attemptId").asText(), a.get("currentItem").asText(),
                LearnerClient.json(session).get("session").asText());
    }

    /** Commit {@code n} at {@code due}, then the next one an interval later, until the run ends. */
    private static void commitLoop(LearnerClient client, LearnerClient.Launch l, long n, long due,
                                   Queue<Sample> samples, long rampEnd, long end, ScheduledExecutorService clock,
                                   CountDownLatch done) {
        if (due >= end) {
            done.countDown();
            return;
        }
        clock.schedule(() -> {
            String phase = phase(System.nanoTime(), rampEnd);
            client.commitAsync(l, n, LearnerClient.values(l.user(), n)).thenAccept(a -> {
                samples.add(new Sample("commit", phase, a.status(), a.nanos()));
                commitLoop(client, l, n + 1, Math.max(due + INTERVAL.toNanos(), System.nanoTime()), samples, rampEnd,
                        end, clock, done);
            });
        }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private static String phase(long now, long rampEnd) {
        return now < rampEnd ? "while attempts are created" : "warm";
    }

    static String report(Map<String, List<Sample>> results) {
        StringBuilder md = new StringBuilder("# SCORM commit load on the sample host\n\n");
        md.append("%d learners, each committing every %d s (6 values, ~0.5 KB); %d s while the learners start"
                .formatted(LEARNERS, INTERVAL.toSeconds(), RAMP.toSeconds()))
                .append(" (attempt created, session opened, then commits), then %d s warm. %s, %d cores, %s.\n\n"
                        .formatted(WARM.toSeconds(), Instant.now(), Runtime.getRuntime().availableProcessors(),
                                "client and server on one machine"));
        md.append("| database | phase | request | count | errors | p50 ms | p95 ms | p99 ms | max ms |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((db, samples) -> {
            Map<String, List<Sample>> groups = new LinkedHashMap<>();
            for (String phase : List.of("while attempts are created", "warm")) {
                for (String kind : List.of("attempt (created)", "session open", "commit")) {
                    groups.put(phase + "\u0000" + kind, new ArrayList<>());
                }
            }
            samples.forEach(s -> groups.get(s.phase() + "\u0000" + s.kind()).add(s));
            groups.forEach((key, list) -> {
                if (list.isEmpty()) {
                    return;
                }
                String[] pk = key.split("\u0000");
                long[] ms = list.stream().mapToLong(Sample::nanos).sorted().toArray();
                long errors = list.stream().filter(s -> s.status() != 200).count();
                md.append("| %s | %s | %s | %d | %d | %s | %s | %s | %s |\n".formatted(db, pk[0], pk[1], ms.length,
                        errors, millis(percentile(ms, 50)), millis(percentile(ms, 95)), millis(percentile(ms, 99)),
                        millis(ms[ms.length - 1])));
            });
        });
        PROFILES.forEach((db, profile) -> md.append("\n## ").append(db).append('\n').append(profile));
        return md.toString();
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
