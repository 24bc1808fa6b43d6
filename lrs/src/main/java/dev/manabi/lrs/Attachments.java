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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The personal-data side of stored attachment contents ({@code manabi_lrs_attachment}, one row per tenant and SHA-2,
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

    /**
     * Those of {@code sha2s} whose contents a caller limited to some statements (a session: its registration's; a
     * credential reading only its own statements: those) may read: a statement it may see declares the sum
     * without a {@code fileUrl}. Such a declaration was only accepted with the content itself as a part of the same
     * request (2.0 Part Three 2.1.1; {@code StatementsResource} refuses it otherwise), so whoever sent it held the
     * bytes. A declaration with a {@code fileUrl} needs no part and proves nothing: naming another learner's sum
     * that way must not fetch their bytes (contents are kept once per tenant and sum; issue 14 review A-2).
     */
    static Set<String> sentWithin(Connection c, boolean postgres, LrsCaller caller, Collection<String> sha2s)
            throws SQLException {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (!caller.allStatements()) {
            where.append(" and credential_id = ?");
            params.add(caller.credentialId());
        }
        if (caller.registration() != null) {
            where.append(" and exists (select 1 from manabi_lrs_statement_term t where t.tenant_id = ?"
                    + " and t.kind = 'G' and t.term = ? and t.seq = manabi_lrs_statement.seq)");
            params.add(caller.tenantId());
            params.add(caller.registration().toLowerCase(Locale.ROOT));
        }
        Set<String> sent = new LinkedHashSet<>();
        for (String sha2 : new LinkedHashSet<>(sha2s)) {
            scan(c, postgres, caller.tenantId(), where.toString(), params, sha2, (seq, declaration) -> {
                if (!declaration.has("fileUrl")) {
                    sent.add(sha2);
                }
            });
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
