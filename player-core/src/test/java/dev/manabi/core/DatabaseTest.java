package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The schema is migrated when the DataSource is first usable: a server that binds the application's DataSource only
 * after start-up (Payara with {@code @DataSourceDefinition} or {@code glassfish-resources.xml}) gets a working API a
 * moment later instead of 503 for good.
 */
class DatabaseTest {

    private final AtomicReference<DataSource> bound = new AtomicReference<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final ContentCapabilitiesTest.MutableClock clock =
            new ContentCapabilitiesTest.MutableClock(Instant.parse("2026-12-05T09:00:00Z"));

    private Database database() {
        Database database = new Database();
        database.jndiName = "java:app/jdbc/late";
        database.lookup = name -> {
            lookups.incrementAndGet();
            return bound.get(); // null: not bound yet
        };
        database.clock = clock;
        return database;
    }

    private static DataSource emptyH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static int appliedScripts(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from manabi_schema_history")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void migrationSucceedsWhenTheDataSourceAppearsAfterStartUp() throws Exception {
        Database database = database();
        database.migrateAtStartup();

        assertThatThrownBy(database::ready).isInstanceOfSatisfying(PlayerException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("database-not-ready");
            assertThat(e.details()).isEqualTo(Map.of("reason", Database.NO_DATASOURCE));
        });
        assertThat(database.schemaProblem()).as("the full reason, for the log")
                .contains("No DataSource at JNDI name 'java:app/jdbc/late'");
        var readiness = readiness(database);
        assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(readiness.getData().orElseThrow()).containsEntry("reason", Database.NO_DATASOURCE);

        DataSource late = emptyH2();
        bound.set(late);
        clock.now = clock.now.plus(Database.RETRY_INTERVAL);

        assertThat(database.ready()).isSameAs(late);
        assertThat(appliedScripts(late)).isGreaterThan(0);
        assertThat(readiness(database).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void failedAttemptsAreRetriedAtMostOncePerIntervalAndAnswerTheLastReasonMeanwhile() {
        Database database = database();
        database.migrateAtStartup();
        int afterStartup = lookups.get();

        bound.set(emptyH2());
        assertThatThrownBy(database::ready).as("within the retry interval: the last reason, no new lookup")
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.details())
                        .isEqualTo(Map.of("reason", Database.NO_DATASOURCE)));
        assertThat(lookups.get()).isEqualTo(afterStartup);

        clock.now = clock.now.plus(Database.RETRY_INTERVAL);
        assertThat(database.ready()).isNotNull();
        assertThat(lookups.get()).isEqualTo(afterStartup + 1);
        database.ready();
        assertThat(lookups.get()).as("once migrated, no more attempts").isEqualTo(afterStartup + 1);
    }

    @Test
    void concurrentFirstUsesMigrateOnceUnderTheLock() throws Exception {
        Database database = database();
        DataSource late = emptyH2();
        bound.set(late);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DataSource>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(database::ready);
            }
            for (Future<DataSource> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isSameAs(late);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lookups.get()).isEqualTo(1);
        int scripts = appliedScripts(late);
        assertThat(new SchemaMigrator(late, List.of()).migrate()).isZero();
        assertThat(SchemaMigrator.forClassPath(late).migrate()).as("everything applied once").isZero();
        assertThat(appliedScripts(late)).isEqualTo(scripts);
    }

    /**
     * A database that takes long to refuse (a connection timeout): while one caller retries, the others answer 503
     * with the last reason at once rather than queueing behind it and then each making an attempt of their own.
     */
    @Test
    void whileARetryRunsOtherCallersAnswerAtOnceWithTheLastReason() throws Exception {
        Database database = database();
        assertThatThrownBy(database::ready).isInstanceOf(PlayerException.class); // first attempt: nothing bound
        clock.now = clock.now.plus(Database.RETRY_INTERVAL);
        java.util.concurrent.CountDownLatch inLookup = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        database.lookup = name -> {
            lookups.incrementAndGet();
            inLookup.countDown();
            try {
                release.await(); // the slow database: refuses only when the test says so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<DataSource> retrying = pool.submit(database::ready);
            assertThat(inLookup.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            List<Future<DataSource>> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(pool.submit(database::ready));
            }
            for (Future<DataSource> other : others) {
                // Answered although the retry still hangs: without the fix these would wait for the lock for ever.
                assertThatThrownBy(() -> other.get(30, java.util.concurrent.TimeUnit.SECONDS))
                        .hasCauseInstanceOf(PlayerException.class);
            }
            release.countDown();
            assertThatThrownBy(() -> retrying.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PlayerException.class);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(lookups.get()).as("one lookup by the first attempt, one by the retry").isEqualTo(2);
        // Right after the slow retry ended, callers do not start another one: the interval runs from its end.
        assertThatThrownBy(database::ready).isInstanceOf(PlayerException.class);
        assertThat(lookups.get()).isEqualTo(2);
    }

    /**
     * A database that refuses the connection: its words (host, user, the password's rejection) reach the server log
     * but neither the API's 503 nor the public readiness check, which say a stable code and a plain sentence.
     */
    @Test
    void theDatabasesOwnErrorTextReachesTheLogButNotTheCaller() {
        String secret = "FATAL: password authentication failed for user \"manabi_prod\" at db-7.internal.example:5432";
        bound.set((DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new java.sql.SQLException(secret, "28P01");
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Database.class.getName());
        log.addHandler(capture);
        try {
            Database database = database();
            database.migrateAtStartup();

            assertThatThrownBy(database::ready).isInstanceOfSatisfying(PlayerException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("database-not-ready");
                assertThat(e.getMessage()).isEqualTo("The database is not ready yet; try again shortly.");
                assertThat(e.details()).isEqualTo(Map.of("reason", Database.MIGRATION_FAILED));
            });
            var health = readiness(database);
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.getData().orElseThrow()).containsEntry("reason", Database.MIGRATION_FAILED);
            assertThat(health.getData().orElseThrow().values()).allSatisfy(v -> assertThat(String.valueOf(v))
                    .doesNotContain("manabi_prod").doesNotContain("internal.example"));
            assertThat(logged).anySatisfy(m -> assertThat(m).contains(secret));
        } finally {
            log.removeHandler(capture);
        }
    }

    /** MicroProfile Health's API needs a server's response builder; this is the plain one its javadoc describes. */
    static final class Responses extends HealthCheckResponseBuilder {
        private String name;
        private final Map<String, Object> data = new LinkedHashMap<>();
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
        }
    }

    private static HealthCheckResponse readiness(Database database) {
        HealthCheckResponse.setResponseProvider(Responses::new);
        var check = new ReadinessChecks.DatabaseReady();
        check.database = database;
        return check.call();
    }
}
