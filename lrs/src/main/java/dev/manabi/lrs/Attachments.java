package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.xapi.SignedStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per-statement index of attachment declarations ({@code manabi_lrs_statement_attachment}, V7) and the
 * personal-data side of stored attachment contents ({@code manabi_lrs_attachment}, one row per tenant and SHA-2,
 * shared by every statement of the tenant that declares it; see {@link LrsPersonalData}). Which statements declare a
 * content is found by the SHA-2 in their stored body (no index holds it: erasure, anonymization and expiry are rare,
 * and only tenants' statements with that text are parsed), each candidate then confirmed by its parsed
 * {@code attachments}.
 */
final class Attachments {

    private Attachments() {
    }

    /**
     * Takes out of {@code statement} (one of the learner's, {@code theirs}) the attachments that identify the learner:
     * its signature (the JWS payload is the original statement with the learner's actor) and those whose content no
     * statement outside {@code theirs} declares. Answers the SHA-2 sums taken out (their contents may now be unused).
     */
    static List<String> dropIdentifying(Connection c, boolean postgres, String tenantId, ObjectNode statement,
                                        Set<Long> theirs) throws SQLException {
        List<String> dropped = new ArrayList<>();
        JsonNode declared = statement.get("attachments");
        if (declared == null || !declared.isArray()) {
            return dropped;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode a : declared) {
            boolean signature = SignedStatements.USAGE_TYPE.equals(a.path("usageType").asText());
            if (!signature && declaredBy(c, postgres, tenantId, a.path("sha2").asText()).stream()
                    .anyMatch(seq -> !theirs.contains(seq))) {
                kept.add(a);
            } else {
                dropped.add(a.path("sha2").asText());
            }
        }
        if (kept.isEmpty()) {
            statement.remove("attachments");
        } else {
            statement.set("attachments", kept);
        }
        return dropped;
    }

    /** The SHA-2 sums {@code statement} declares in its {@code attachments}. */
    static List<String> declared(JsonNode statement) {
        List<String> sums = new ArrayList<>();
        for (JsonNode a : statement.path("attachments")) {
            if (!a.path("sha2").asText().isEmpty()) {
                sums.add(a.path("sha2").asText());
            }
        }
        return sums;
    }

    /**
     * Deletes those of the tenant's contents {@code sha2s} (sums that statements just erased, expired or rewritten
     * declared) that no stored statement of the tenant declares any more; answers the number deleted.
     */
    static int deleteUnreferenced(Connection c, boolean postgres, String tenantId, Collection<String> sha2s)
            throws SQLException {
        int deleted = 0;
        for (String sha2 : sorted(sha2s)) {
            // Locked before the check: a store declaring this content either committed before (the check below
            // sees its statement) or waits for this transaction and then finds the content gone and stores it.
            if (lock(c, tenantId, List.of(sha2)).isEmpty()) {
                continue;
            }
            if (declaredBy(c, postgres, tenantId, sha2).isEmpty()) {
                deleted += Sql.update(c, "delete from manabi_lrs_attachment where tenant_id = ? and (sha2 = ?"
                        + " or sha2 = ?)", tenantId, sha2, sha2.toLowerCase(Locale.ROOT));
            }
        }
        return deleted;
    }

    /**
     * Deletes every content of the tenant that no stored statement of it declares: also orphans that erasures
     * before this sweep existed left behind. Reads the tenant's statements once per stored content, so it runs on
     * erasure only, not in the daily retention run.
     */
    static int deleteOrphans(Connection c, boolean postgres, String tenantId) throws SQLException {
        List<String> contents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select sha2 from manabi_lrs_attachment where tenant_id = ?")) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contents.add(rs.getString(1));
                }
            }
        }
        return deleteUnreferenced(c, postgres, tenantId, contents);
    }

    /**
     * Locks the tenant's stored contents of {@code sha2s} (case-insensitive hex) until the transaction ends, and
     * answers those stored. A store takes these locks for every content its statements declare before it looks for
     * a content or inserts one; erasure, anonymization and expiry before they check that no statement declares a
     * content and delete it. So a statement another learner stores while a content is being deleted is either seen
     * by the deletion's check (stored first) or finds the content gone and stores the bytes it sent (deleted
     * first): content a stored statement declares is never deleted under it. Locks are taken in sorted order, so a
     * store and a deletion never wait on each other in a cycle.
     */
    static Set<String> lock(Connection c, String tenantId, Collection<String> sha2s) throws SQLException {
        Set<String> stored = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select sha2 from manabi_lrs_attachment where tenant_id = ?"
                + " and (sha2 = ? or sha2 = ?) for update")) {
            for (String sha2 : sorted(sha2s)) {
                Sql.bind(ps, tenantId, sha2, sha2.toLowerCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
        }
        return stored;
    }

    private static Set<String> sorted(Collection<String> sha2s) {
        Set<String> out = new TreeSet<>();
        for (String sha2 : sha2s) {
            if (!sha2.isEmpty()) {
                out.add(sha2);
            }
        }
        return out;
    }

    /** The statements of the tenant whose {@code attachments} declare {@code sha2} (case-insensitive hex). */
    static List<Long> declaredBy(Connection c, boolean postgres, String tenantId, String sha2) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        scan(c, postgres, tenantId, "", List.of(), sha2, (seq, declaration) -> {
            if (!seqs.contains(seq)) {
                seqs.add(seq);
            }
        });
        return seqs;
    }

    /** The backfill step of {@code manabi_lrs_upgrade} for statements stored before V7. */
    static final String INDEX_STEP = "statement-attachment-index";

    /**
     * The rows of {@code manabi_lrs_statement_attachment} for a stored statement: one per declaration, the sum in
     * lower case, the declared content type, and whether it came with its content (no {@code fileUrl}).
     */
    static List<Object[]> indexRows(String tenantId, long seq, JsonNode statement) {
        List<Object[]> rows = new ArrayList<>();
        int item = 0;
        for (JsonNode a : statement.path("attachments")) {
            String sha2 = a.path("sha2").asText();
            if (!sha2.isEmpty()) {
                String type = a.path("contentType").asText("");
                rows.add(new Object[] {seq, item, tenantId, sha2.toLowerCase(Locale.ROOT),
                        type.length() > 255 ? type.substring(0, 255) : type, !a.has("fileUrl")});
            }
            item++;
        }
        return rows;
    }

    static final String INDEX_TABLE = "manabi_lrs_statement_attachment (seq, item_no, tenant_id, sha2, content_type,"
            + " with_content)";
    static final String INDEX_ROW = "(?,?,?,?,?,?)";

    /** Indexes the statement {@code seq} again after its body changed (anonymization drops declarations). */
    static void reindex(Connection c, String tenantId, long seq, JsonNode statement) throws SQLException {
        Sql.update(c, "delete from manabi_lrs_statement_attachment where seq = ?", seq);
        StatementLedger.Store.insertRows(c, INDEX_TABLE, INDEX_ROW, indexRows(tenantId, seq, statement), null, null);
    }

    /**
     * Indexes, once per database, the statements stored before V7 that declare attachments. The step's row is
     * inserted first in the caller's transaction: a second server doing the same waits on it and, when the first
     * commits, finds the step done (its insert fails on the key and is rolled back to a savepoint). Statements stored
     * since V7 are indexed as they are written and skipped here.
     */
    static void ensureIndexed(Connection c, boolean postgres, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from manabi_lrs_upgrade where step = ?")) {
            ps.setString(1, INDEX_STEP);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        Savepoint before = c.setSavepoint();
        try {
            Sql.update(c, "insert into manabi_lrs_upgrade (step, done_at) values (?, ?)", INDEX_STEP,
                    Timestamp.from(now));
        } catch (SQLException doneElsewhere) {
            c.rollback(before);
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.seq, s.tenant_id, s.body from manabi_lrs_statement s"
                + " where " + (postgres ? "cast(s.body as text)" : "s.body") + " like ? and not exists (select 1"
                + " from manabi_lrs_statement_attachment a where a.seq = s.seq)")) {
            ps.setString(1, "%\"attachments\"%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.addAll(indexRows(rs.getString(2), rs.getLong(1), LrsJson.read(rs.getString(3), "statement")));
                }
            }
        }
        StatementLedger.Store.insertRows(c, INDEX_TABLE, INDEX_ROW, rows, null, null);
    }

    /**
     * Those of {@code sha2s} whose contents a caller limited to some statements (a session: its registration's; a
     * credential reading only its own statements: those) may read: a statement it may see declares the sum
     * without a {@code fileUrl}. Such a declaration was only accepted with the content itself as a part of the same
     * request (2.0 Part Three 2.1.1; {@code StatementsResource} refuses it otherwise), so whoever sent it held the
     * bytes. A declaration with a {@code fileUrl} needs no part and proves nothing: naming another learner's sum
     * that way must not fetch their bytes (contents are kept once per tenant and sum; issue 14 review A-2).
     * One indexed query per 500 sums over {@code manabi_lrs_statement_attachment} (V7), not a scan of the
     * statement bodies per sum.
     */
    static Set<String> sentWithin(Connection c, boolean postgres, LrsCaller caller, Collection<String> sha2s,
                                  Instant now) throws SQLException {
        ensureIndexed(c, postgres, now);
        java.util.Map<String, List<String>> asked = new java.util.LinkedHashMap<>();
        for (String sha2 : sha2s) {
            if (!sha2.isEmpty()) {
                asked.computeIfAbsent(sha2.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(sha2);
            }
        }
        Set<String> sent = new LinkedHashSet<>();
        List<String> sums = new ArrayList<>(asked.keySet());
        for (int from = 0; from < sums.size(); from += 500) {
            List<String> chunk = sums.subList(from, Math.min(sums.size(), from + 500));
            StringBuilder sql = new StringBuilder("select distinct a.sha2 from manabi_lrs_statement_attachment a"
                    + " join manabi_lrs_statement s on s.seq = a.seq where a.tenant_id = ? and a.with_content = ?"
                    + " and a.sha2 in (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")");
            List<Object> params = new ArrayList<>(List.of(caller.tenantId(), true));
            params.addAll(chunk);
            if (!caller.allStatements()) {
                sql.append(" and s.credential_id = ?");
                params.add(caller.credentialId());
            }
            if (caller.registration() != null) {
                sql.append(" and exists (select 1 from manabi_lrs_statement_term t where t.tenant_id = ?"
                        + " and t.kind = 'G' and t.term = ? and t.seq = a.seq)");
                params.add(caller.tenantId());
                params.add(caller.registration().toLowerCase(Locale.ROOT));
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, params.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sent.addAll(asked.get(rs.getString(1)));
                    }
                }
            }
        }
        return sent;
    }

    @FunctionalInterface
    private interface Declaration {
        void found(long seq, JsonNode declaration);
    }

    /**
     * Hands every declaration of {@code sha2} (case-insensitive hex) in the tenant's statements matching
     * {@code where} (ANDed, with {@code params}) to {@code found}: the statements whose body holds the text, each
     * confirmed by its parsed {@code attachments}.
     */
    private static void scan(Connection c, boolean postgres, String tenantId, String where, List<Object> params,
                             String sha2, Declaration found) throws SQLException {
        if (sha2.isEmpty()) {
            return;
        }
        String like = "%" + sha2.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (PreparedStatement ps = c.prepareStatement("select seq, body from manabi_lrs_statement where tenant_id = ?"
                + where + " and " + (postgres ? "cast(body as text)" : "body") + " ilike ?")) {
            List<Object> all = new ArrayList<>();
            all.add(tenantId);
            all.addAll(params);
            all.add(like);
            Sql.bind(ps, all.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (JsonNode a : LrsJson.read(rs.getString(2), "statement").path("attachments")) {
                        if (a.path("sha2").asText().equalsIgnoreCase(sha2)) {
                            found.found(rs.getLong(1), a);
                        }
                    }
                }
            }
        }
    }
}
