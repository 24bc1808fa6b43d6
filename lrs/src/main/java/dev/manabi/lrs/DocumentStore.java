package dev.manabi.lrs;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.xapi.XapiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The document resources of xAPI 2.0 Part Three 2.2 - 2.7 (state, activity profile, agent profile): opaque
 * documents under a key, with ETags for concurrency (2.0 Part Three 2.1.4 "Concurrency": If-Match /
 * If-None-Match, 412 when they do not hold).
 */
@ApplicationScoped
public class DocumentStore {

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    public DocumentStore() {
        // for CDI
    }

    /** A store on {@code database} with the LRS's clock, outside CDI (tests of modules using the LRS's SPI). */
    public DocumentStore(Database database, LrsClock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Which document resource. */
    public enum Kind {
        STATE, ACTIVITY_PROFILE, AGENT_PROFILE
    }

    /**
     * Where a document lives: its kind, activity, agent (identity key) and registration as applicable, and its id
     * ({@code null} addresses every document of the scope).
     */
    public record Scope(Kind kind, String activityId, String agentKey, String registration) {
        String key(String documentId) {
            return Digests.sha256(kind + "\n" + nz(activityId) + "\n" + nz(agentKey) + "\n" + nz(registration)
                    + "\n" + documentId);
        }
    }

    /** A stored document. */
    public record Document(String id, String contentType, byte[] content, String etag, Instant updated) {
    }

    /** The If-Match / If-None-Match headers of a write. */
    public record Preconditions(String ifMatch, String ifNoneMatch) {
        boolean any() {
            return ifMatch != null || ifNoneMatch != null;
        }
    }

    public Optional<Document> get(String tenantId, Scope scope, String documentId) {
        return Sql.inTransaction(ds(), c -> Store.get(c, tenantId, scope.key(documentId)));
    }

    public List<String> ids(String tenantId, Scope scope, Instant since) {
        return Sql.inTransaction(ds(), c -> Store.ids(c, tenantId, scope, since));
    }

    /**
     * Writes a document: {@code merge} false replaces it (PUT), true merges JSON objects (POST, 2.0 Part Three 2.2:
     * "if the document and the posted content are both JSON objects, the LRS MUST merge them"; otherwise 400).
     * {@code requirePrecondition}: a PUT over an existing document without If-Match / If-None-Match gets 409.
     */
    public Document put(String tenantId, Scope scope, String documentId, String contentType, byte[] content,
                        boolean merge, Preconditions pre, boolean requirePrecondition) {
        return Sql.inTransaction(ds(), c -> write(c, tenantId, scope, documentId, contentType, content, merge, pre,
                requirePrecondition, true));
    }

    /** {@link #put} in its transaction; {@code mayRetry}: retry a concurrently inserted new document. */
    private Document write(Connection c, String tenantId, Scope scope, String documentId, String contentType,
                           byte[] content, boolean merge, Preconditions pre, boolean requirePrecondition,
                           boolean mayRetry) throws SQLException {
        String key = scope.key(documentId);
        Optional<Document> existing = Store.get(c, tenantId, key);
        check(existing, pre);
        if (requirePrecondition && !merge && existing.isPresent() && !pre.any()) {
            throw new XapiException(409, "precondition-required", "The document exists: send If-Match with its"
                    + " ETag (or If-None-Match: *) to change it (2.0 Part Three 2.1.4)");
        }
        String type = contentType;
        byte[] bytes = content;
        if (merge && existing.isPresent()) {
            byte[] merged = DocumentMerge.merge(existing.get(), contentType, content);
            type = existing.get().contentType();
            bytes = merged;
        } else if (merge && LrsMediaTypes.isJson(contentType)) {
            DocumentMerge.requireObject(content);
        }
        Document d = new Document(documentId, type, bytes, Digests.sha1(bytes), clock.now());
        if (existing.isPresent()) {
            Store.update(c, tenantId, key, d);
            return d;
        }
        Savepoint before = c.setSavepoint();
        try {
            Store.insert(c, tenantId, key, scope, d);
            c.releaseSavepoint(before);
            return d;
        } catch (SQLException e) {
            if (!mayRetry || e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // Another request created the document between this one's read and insert (two launches of one AU at
            // once write the same LMS.LaunchData): written again as if it had come second, so preconditions and
            // merge see that document (2.0 Part Three 2.1.4), instead of a database error. The savepoint keeps
            // PostgreSQL's transaction usable after the failed insert.
            c.rollback(before);
            return write(c, tenantId, scope, documentId, contentType, content, merge, pre, requirePrecondition,
                    false);
        }
    }

    /** Deletes one document ({@code documentId}) or, for null, every document of the scope. */
    public void delete(String tenantId, Scope scope, String documentId, Preconditions pre) {
        delete(tenantId, scope, documentId, pre, Set.of());
    }

    /**
     * {@link #delete(String, Scope, String, Preconditions)}; a delete of every document of the scope keeps the
     * documents whose ids are in {@code kept} (a cmi5 session's delete of all its state keeps {@code LMS.LaunchData},
     * section 10).
     */
    public void delete(String tenantId, Scope scope, String documentId, Preconditions pre, Set<String> kept) {
        Sql.inTransaction(ds(), c -> {
            if (documentId == null) {
                Store.deleteAll(c, tenantId, scope, kept);
            } else {
                String key = scope.key(documentId);
                check(Store.get(c, tenantId, key), pre);
                Sql.update(c, "delete from manabi_lrs_document where tenant_id = ? and doc_key = ?", tenantId, key);
            }
            return null;
        });
    }

    private static void check(Optional<Document> existing, Preconditions pre) {
        if (pre.ifMatch() != null && (existing.isEmpty() || !matches(pre.ifMatch(), existing.get().etag()))) {
            throw new XapiException(412, "precondition-failed", "If-Match does not match the document's ETag");
        }
        if (pre.ifNoneMatch() != null && existing.isPresent()
                && (pre.ifNoneMatch().trim().equals("*") || matches(pre.ifNoneMatch(), existing.get().etag()))) {
            throw new XapiException(412, "precondition-failed", "If-None-Match: the document exists");
        }
    }

    /** RFC 9110 section 13.1.1: a list of entity tags, or *. */
    private static boolean matches(String header, String etag) {
        for (String t : header.split(",")) {
            String tag = t.trim();
            if (tag.equals("*") || tag.equals("\"" + etag + "\"") || tag.equals(etag) || tag.equals("W/\"" + etag + "\"")) {
                return true;
            }
        }
        return false;
    }


    private DataSource ds() {
        return database.ready();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** SQL of the document table. */
    static final class Store {

        private Store() {
        }

        static Optional<Document> get(Connection c, String tenantId, String key) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select document_id, content_type, content, etag, updated"
                    + " from manabi_lrs_document where tenant_id = ? and doc_key = ?")) {
                Sql.bind(ps, tenantId, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Document(rs.getString(1), rs.getString(2), rs.getBytes(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant())) : Optional.empty();
                }
            }
        }

        static List<String> ids(Connection c, String tenantId, Scope scope, Instant since) throws SQLException {
            StringBuilder sql = new StringBuilder("select document_id from manabi_lrs_document where tenant_id = ?"
                    + " and kind = ?");
            List<Object> params = new ArrayList<>(List.of(tenantId, scope.kind().name()));
            where(sql, params, scope);
            if (since != null) {
                sql.append(" and updated > ?");
                params.add(Timestamp.from(since));
            }
            sql.append(" order by document_id");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, params.toArray());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        }

        private static void where(StringBuilder sql, List<Object> params, Scope scope) {
            for (String[] col : new String[][] {{"activity_id", scope.activityId()}, {"agent_key", scope.agentKey()},
                    {"registration", scope.registration()}}) {
                if (col[1] == null) {
                    sql.append(" and ").append(col[0]).append(" is null");
                } else {
                    sql.append(" and ").append(col[0]).append(" = ?");
                    params.add(col[1]);
                }
            }
        }

        static void insert(Connection c, String tenantId, String key, Scope scope, Document d) throws SQLException {
            Sql.update(c, "insert into manabi_lrs_document (tenant_id, doc_key, kind, activity_id, agent_key,"
                            + " registration, document_id, content_type, content, etag, updated)"
                            + " values (?,?,?,?,?,?,?,?,?,?,?)", tenantId, key, scope.kind().name(), scope.activityId(),
                    scope.agentKey(), scope.registration(), d.id(), d.contentType(), d.content(), d.etag(),
                    Timestamp.from(d.updated()));
        }

        static void update(Connection c, String tenantId, String key, Document d) throws SQLException {
            Sql.update(c, "update manabi_lrs_document set content_type = ?, content = ?, etag = ?, updated = ?"
                            + " where tenant_id = ? and doc_key = ?", d.contentType(), d.content(), d.etag(),
                    Timestamp.from(d.updated()), tenantId, key);
        }

        static void deleteAll(Connection c, String tenantId, Scope scope, Set<String> kept) throws SQLException {
            StringBuilder sql = new StringBuilder("delete from manabi_lrs_document where tenant_id = ? and kind = ?");
            List<Object> params = new ArrayList<>(List.of(tenantId, scope.kind().name()));
            where(sql, params, scope);
            for (String id : kept) {
                sql.append(" and document_id <> ?");
                params.add(id);
            }
            Sql.update(c, sql.toString(), params.toArray());
        }
    }
}
