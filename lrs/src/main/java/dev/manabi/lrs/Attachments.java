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
import java.util.List;
import java.util.Set;

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
     * statement outside {@code theirs} declares. Answers how many were taken out.
     */
    static int dropIdentifying(Connection c, boolean postgres, String tenantId, ObjectNode statement, Set<Long> theirs)
            throws SQLException {
        JsonNode declared = statement.get("attachments");
        if (declared == null || !declared.isArray()) {
            return 0;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode a : declared) {
            boolean signature = SignedStatements.USAGE_TYPE.equals(a.path("usageType").asText());
            if (!signature && declaredBy(c, postgres, tenantId, a.path("sha2").asText()).stream()
                    .anyMatch(seq -> !theirs.contains(seq))) {
                kept.add(a);
            }
        }
        int dropped = declared.size() - kept.size();
        if (kept.isEmpty()) {
            statement.remove("attachments");
        } else {
            statement.set("attachments", kept);
        }
        return dropped;
    }

    /**
     * Deletes the attachment contents of {@code tenantId} (null: of every tenant) that no stored statement of their
     * tenant declares any more; answers the number deleted.
     */
    static int deleteUnreferenced(Connection c, boolean postgres, String tenantId) throws SQLException {
        List<String[]> contents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select tenant_id, sha2 from manabi_lrs_attachment"
                + (tenantId == null ? "" : " where tenant_id = ?"))) {
            if (tenantId != null) {
                ps.setString(1, tenantId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contents.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        int deleted = 0;
        for (String[] content : contents) {
            if (declaredBy(c, postgres, content[0], content[1]).isEmpty()) {
                deleted += Sql.update(c, "delete from manabi_lrs_attachment where tenant_id = ? and sha2 = ?",
                        content[0], content[1]);
            }
        }
        return deleted;
    }

    /** The statements of the tenant whose {@code attachments} declare {@code sha2} (case-insensitive hex). */
    static List<Long> declaredBy(Connection c, boolean postgres, String tenantId, String sha2) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        if (sha2.isEmpty()) {
            return seqs;
        }
        String like = "%" + sha2.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (PreparedStatement ps = c.prepareStatement("select seq, body from manabi_lrs_statement where tenant_id = ?"
                + " and " + (postgres ? "cast(body as text)" : "body") + " ilike ?")) {
            Sql.bind(ps, tenantId, like);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (JsonNode a : LrsJson.read(rs.getString(2), "statement").path("attachments")) {
                        if (a.path("sha2").asText().equalsIgnoreCase(sha2)) {
                            seqs.add(rs.getLong(1));
                            break;
                        }
                    }
                }
            }
        }
        return seqs;
    }
}
