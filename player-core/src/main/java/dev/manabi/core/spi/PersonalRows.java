package dev.manabi.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The common SQL of {@link PersonalData} implementations: rows as export JSON (one object per row,
 * column names in lower case, timestamps as ISO-8601 instants, text as strings, bytes as Base64; columns named in
 * {@code omit}, such as session token hashes, left out), and deleting or renaming a learner's rows of tables keyed by
 * {@code tenant_id} and {@code learner_id}. Table and column names are the module's constants, never input.
 */
public final class PersonalRows {

    private PersonalRows() {
    }

    /** The rows {@code sql} selects with {@code params}, as an array of objects. */
    public static ArrayNode select(Connection c, String sql, Set<String> omit, Object... params) throws SQLException {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    ObjectNode row = rows.addObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                        if (!omit.contains(name)) {
                            row.set(name, value(rs.getObject(i)));
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** {@link #select} without omitted columns. */
    public static ArrayNode select(Connection c, String sql, Object... params) throws SQLException {
        return select(c, sql, Set.of(), params);
    }

    /** The rows of {@code table} (a table with {@code tenant_id} and {@code learner_id}) about the subject. */
    public static ArrayNode ofLearner(Connection c, String table, DataSubject s, Set<String> omit)
            throws SQLException {
        return select(c, "select * from " + table + " where tenant_id = ? and learner_id = ?", omit,
                s.tenant().id(), s.learnerId());
    }

    /** Deletes the subject's rows of each of {@code tables} (with {@code tenant_id} and {@code learner_id}). */
    public static int deleteLearnerRows(Connection c, DataSubject s, String... tables) throws SQLException {
        int rows = 0;
        for (String table : tables) {
            rows += update(c, "delete from " + table + " where tenant_id = ? and learner_id = ?",
                    s.tenant().id(), s.learnerId());
        }
        return rows;
    }

    /** Replaces the subject's learner id by {@code pseudonym} in each of {@code tables}. */
    public static int renameLearnerRows(Connection c, DataSubject s, String pseudonym, String... tables)
            throws SQLException {
        int rows = 0;
        for (String table : tables) {
            rows += update(c, "update " + table + " set learner_id = ? where tenant_id = ? and learner_id = ?",
                    pseudonym, s.tenant().id(), s.learnerId());
        }
        return rows;
    }

    /**
     * Replaces the subject's id by {@code pseudonym} in {@code byColumn} of {@code table}'s rows whose
     * {@code tenantColumn} is the subject's institution ({@link PersonalData#forgetActor}). {@code tenantColumn} may
     * be an SQL expression over the row, such as a subquery to the parent that holds the tenant.
     */
    public static int renameActor(Connection c, DataSubject s, String pseudonym, String table, String tenantColumn,
                                  String byColumn) throws SQLException {
        return update(c, "update " + table + " set " + byColumn + " = ? where " + tenantColumn + " = ? and "
                + byColumn + " = ?", pseudonym, s.tenant().id(), s.learnerId());
    }

    /**
     * Replaces the subject's id by {@code pseudonym} in {@code byColumn} of {@code table}'s rows that record the
     * actor's institution in {@code byTenantColumn} ({@link PersonalData#forgetActor}). Use this wherever an actor may
     * act on another institution's rows (an issuing institution's admin, a platform admin): ids are unique only
     * within an institution, so matching on the row's institution would miss the actor and could rename a namesake.
     */
    public static int renameRecordedActor(Connection c, DataSubject s, String pseudonym, String table,
                                          String byTenantColumn, String byColumn) throws SQLException {
        return update(c, "update " + table + " set " + byColumn + " = ? where " + byTenantColumn + " = ? and "
                + byColumn + " = ?", pseudonym, s.tenant().id(), s.learnerId());
    }

    /**
     * An SQL condition on the row aliased {@code alias} (with {@code tenant_id} and {@code learner_id}): its learner
     * has no account any more (deleted for inactivity, anonymized under a pseudonym, or never known to the core).
     * For what belongs to its holder while the account lives, e.g. an issued badge (badges/README.md "Personal
     * data"), which record expiry must not take from an active learner.
     */
    public static String withoutAccount(String alias) {
        return "not exists (select 1 from manabi_learner acct where acct.tenant_id = " + alias + ".tenant_id"
                + " and acct.learner_id = " + alias + ".learner_id)";
    }

    /** Deletes the rows of {@code table} whose {@code timeColumn} is before {@code cutoff}. */
    public static int deleteBefore(Connection c, String table, String timeColumn, java.time.Instant cutoff)
            throws SQLException {
        return update(c, "delete from " + table + " where " + timeColumn + " < ?", Timestamp.from(cutoff));
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static JsonNode value(Object v) throws SQLException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        } else if (v instanceof Timestamp ts) {
            return f.textNode(ts.toInstant().toString());
        } else if (v instanceof java.time.temporal.TemporalAccessor t) {
            return f.textNode(t.toString());
        } else if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return f.numberNode(((Number) v).longValue());
        } else if (v instanceof Number n) {
            return f.numberNode(n.doubleValue());
        } else if (v instanceof Clob clob) {
            try (Reader r = clob.getCharacterStream()) {
                StringWriter w = new StringWriter();
                r.transferTo(w);
                return f.textNode(w.toString());
            } catch (IOException e) {
                throw new SQLException("Could not read a text column", e);
            }
        } else if (v instanceof Blob blob) {
            return f.textNode(Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length())));
        } else if (v instanceof byte[] bytes) {
            return f.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        return f.textNode(v.toString());
    }
}
