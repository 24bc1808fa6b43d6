package dev.manabi.core;

import dev.manabi.api.PlayerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Small JDBC helpers: one transaction per unit of work, rolled back on any failure. */
public final class Sql {

    private static final Logger LOG = Logger.getLogger(Sql.class.getName());

    private Sql() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public static <T> T inTransaction(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "Database failure", e);
            throw new PlayerException(503, "database-error", "The database could not complete the request");
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /**
     * An insert that answers {@code 409 concurrent-change} when a concurrent request inserted the same key first
     * (SQLSTATE class 23, integrity constraint violation), so the caller's transaction rolls back cleanly.
     */
    public static void insertOrConflict(Connection c, String sql, Object... params) throws SQLException {
        try {
            update(c, sql, params);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw PlayerException.conflict("concurrent-change", "Someone else made the same change at the"
                        + " same moment; reload and try again");
            }
            throw e;
        }
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Most values bound in one {@code in (...)} list, well below every supported database's parameter limit. */
    static final int IN_CHUNK = 500;

    /**
     * Runs {@code sql}, whose {@code ?in} stands for {@code in (?, ?, ...)}, once per chunk of {@code values}, in one
     * transaction: {@code leading} parameters first, then the chunk. Bulk lookups stay a fixed number of queries
     * without building unbounded statements.
     */
    public static void selectIn(DataSource ds, String sql, List<?> leading, Collection<String> values, Row row) {
        List<String> all = List.copyOf(values);
        if (all.isEmpty()) {
            return;
        }
        inTransaction(ds, c -> {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                String marks = "in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql.replace("?in", marks))) {
                    int i = 1;
                    for (Object value : leading) {
                        ps.setObject(i++, value);
                    }
                    for (String value : chunk) {
                        ps.setString(i++, value);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            row.read(rs);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Sets {@code params} as the statement's parameters 1..n. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
