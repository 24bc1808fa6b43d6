package dev.manabi.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies every module's pending schema scripts, each version in its own transaction, recording them in
 * {@code manabi_schema_history}. Safe when several servers start at once: the history's primary key lets only one
 * of them record a version, the others roll back and see it applied.
 *
 * <p>Each applied script's SHA-256 is recorded; a script edited after it was applied (its change would never reach
 * databases that already ran it, so they would silently differ from new installations) stops the migration with
 * the script's name. Rows from before checksums were kept adopt the current script's checksum.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private final DataSource dataSource;
    private final List<MigrationSet> sets;

    public SchemaMigrator(DataSource dataSource, List<MigrationSet> sets) {
        this.dataSource = dataSource;
        this.sets = ordered(sets);
    }

    /** All sets on the SDK's class path. */
    public static SchemaMigrator forClassPath(DataSource dataSource) {
        List<MigrationSet> sets = new ArrayList<>();
        ServiceLoader.load(MigrationSet.class, SchemaMigrator.class.getClassLoader()).forEach(sets::add);
        return new SchemaMigrator(dataSource, sets);
    }

    /** @return how many scripts were applied */
    public int migrate() throws SQLException {
        int applied = 0;
        try (Connection c = dataSource.getConnection()) {
            String dialect = Dialect.of(c);
            createHistory(c);
            for (MigrationSet set : sets) {
                Map<Integer, String> done = appliedVersions(c, set.module());
                int previous = 0;
                for (String script : set.scripts()) {
                    Matcher m = SCRIPT.matcher(script);
                    if (!m.matches()) {
                        throw new IllegalStateException("Bad migration name " + set.module() + "/" + script);
                    }
                    int version = Integer.parseInt(m.group(1));
                    if (version <= previous) {
                        throw new IllegalStateException("Migrations of " + set.module() + " must be listed in"
                                + " increasing version order without repeats: " + script);
                    }
                    previous = version;
                    String raw = read(set.module(), script, dialect);
                    if (done.containsKey(version)) {
                        verify(c, set.module(), version, script, done.get(version), checksum(raw));
                    } else if (apply(c, dialect, set.module(), version, script, raw)) {
                        applied++;
                    }
                }
            }
        }
        return applied;
    }

    private static void verify(Connection c, String module, int version, String script, String recorded,
                               String current) throws SQLException {
        if (recorded == null) {
            try (PreparedStatement ps = c.prepareStatement("update manabi_schema_history set checksum = ?"
                    + " where module = ? and version = ? and checksum is null")) {
                ps.setString(1, current);
                ps.setString(2, module);
                ps.setInt(3, version);
                ps.executeUpdate();
            }
        } else if (!recorded.equals(current)) {
            throw new IllegalStateException("Migration " + module + "/" + script + " was changed after it was applied"
                    + " to this database; restore it and put the change in a new version");
        }
    }

    static String checksum(String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean apply(Connection c, String dialect, String module, int version, String script, String raw)
            throws SQLException {
        String sql = withTypes(raw, dialect);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String statement : statements(sql)) {
                st.execute(statement);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into manabi_schema_history (module, version, script, applied_at, checksum)"
                            + " values (?, ?, ?, ?, ?)")) {
                ps.setString(1, module);
                ps.setInt(2, version);
                ps.setString(3, script);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.setString(5, checksum(raw));
                ps.executeUpdate();
            }
            c.commit();
            LOG.info(() -> "Applied schema " + module + " " + script);
            return true;
        } catch (SQLException e) {
            c.rollback();
            if (appliedVersions(c, module).containsKey(version)) {
                return false; // another server applied it meanwhile
            }
            throw new SQLException("Migration " + module + "/" + script + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void createHistory(Connection c) throws SQLException {
        if (!tableExists(c, "manabi_schema_history")) {
            try (Statement st = c.createStatement()) {
                st.execute("create table manabi_schema_history (module varchar(64) not null, version integer not null,"
                        + " script varchar(200) not null, applied_at timestamp not null, checksum varchar(64),"
                        + " primary key (module, version))");
            } catch (SQLException raced) {
                if (!tableExists(c, "manabi_schema_history")) {
                    throw raced;
                }
            }
        }
        if (!columnExists(c, "manabi_schema_history", "checksum")) {
            // Histories written before checksums were recorded.
            try (Statement st = c.createStatement()) {
                st.execute("alter table manabi_schema_history add column checksum varchar(64)");
            } catch (SQLException raced) {
                if (!columnExists(c, "manabi_schema_history", "checksum")) {
                    throw raced;
                }
            }
        }
    }

    private static boolean columnExists(Connection c, String table, String column) throws SQLException {
        for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
            for (String col : List.of(column, column.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getColumns(null, null, t, col)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<Integer, String> appliedVersions(Connection c, String module) throws SQLException {
        Map<Integer, String> versions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select version, checksum from manabi_schema_history where module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return versions;
    }

    private static String read(String module, String script, String dialect) {
        String base = "/META-INF/manabi/db/" + module + "/";
        String specific = base + script.replace(".sql", "." + dialect + ".sql");
        for (String path : List.of(specific, base + script)) {
            try (InputStream in = SchemaMigrator.class.getResourceAsStream(path)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + path, e);
            }
        }
        throw new IllegalStateException("Missing migration script " + base + script);
    }

    /**
     * Replaces the type placeholders scripts may use where the dialects disagree, so one script serves both:
     * {@code ${text}} is unbounded character data ({@code clob} on H2, {@code text} on PostgreSQL),
     * {@code ${json}} a JSON document ({@code clob} on H2, {@code jsonb} on PostgreSQL: bind it with
     * {@code cast(? as jsonb)} there) and {@code ${bytes}} unbounded binary data ({@code blob} / {@code bytea}).
     */
    static String withTypes(String sql, String dialect) {
        boolean pg = Dialect.POSTGRESQL.equals(dialect);
        return sql.replace("${text}", pg ? "text" : "clob").replace("${json}", pg ? "jsonb" : "clob")
                .replace("${bytes}", pg ? "bytea" : "blob");
    }

    /** Splits on ';' at line ends; scripts keep one statement per ';'-terminated block and no procedural code. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /** Orders sets so every module comes after the modules it names in {@link MigrationSet#after()}. */
    static List<MigrationSet> ordered(List<MigrationSet> sets) {
        Map<String, MigrationSet> byName = new LinkedHashMap<>();
        sets.stream().sorted((a, b) -> a.module().compareTo(b.module())).forEach(s -> byName.put(s.module(), s));
        List<MigrationSet> out = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (MigrationSet s : byName.values()) {
            visit(s, byName, visiting, out);
        }
        return out;
    }

    private static void visit(MigrationSet s, Map<String, MigrationSet> byName, Set<String> visiting,
                              List<MigrationSet> out) {
        if (out.contains(s)) {
            return;
        }
        if (!visiting.add(s.module())) {
            throw new IllegalStateException("Migration order cycle at " + s.module());
        }
        for (String dep : s.after()) {
            MigrationSet d = byName.get(dep);
            if (d == null) {
                throw new IllegalStateException(s.module() + " migrates after missing module " + dep);
            }
            visit(d, byName, visiting, out);
        }
        out.add(s);
    }
}
