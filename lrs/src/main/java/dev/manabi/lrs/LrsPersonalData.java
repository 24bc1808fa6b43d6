package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import dev.manabi.core.spi.PersonalRows;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded LRS's personal data (README "Personal data"): statements in which the learner is an agent (actor,
 * object or a related agent, found by the statement's query terms, kinds A and R), and the state and agent-profile
 * documents kept for the learner's agent. The learner's agent is the account the statement outbox writes
 * ({@link StatementOutbox#homePage}, {@link StatementOutbox#accountName}).
 *
 * <p>Erasure deletes those statements with their query terms and forwarding-outbox rows, and the documents. The
 * terms and forwarding rows are deleted explicitly: V4 dropped their foreign keys on PostgreSQL, so nothing
 * cascades there. Anonymization keeps the statements but replaces the learner's agent in them (account name: the
 * pseudonym; its display name dropped) and in their terms, and deletes the documents (SCO or AU state, not learning
 * records). Expiry deletes statements stored before the cutoff. Rewriting a stored statement departs from xAPI's
 * immutability (2.0 Part Two 2.2); the operating rules on personal data come first.
 *
 * <p>Attachments ({@code manabi_lrs_attachment}, contents by SHA-2 shared by the tenant's statements): erasure
 * deletes every content no remaining statement of the tenant declares (so also orphans earlier erasures left), expiry
 * the expired statements' contents no remaining statement declares.
 * Anonymization takes out of the learner's statements their signature attachments (2.0 Part Two 2.6: the JWS payload
 * is the original statement, actor and all; a signature over a rewritten statement no longer verifies anyway) and
 * every attachment whose content only the learner's statements declare, then deletes the contents left unreferenced.
 */
@ApplicationScoped
public class LrsPersonalData implements PersonalData {

    private static final String TERMS = "select distinct seq from manabi_lrs_statement_term where tenant_id = ?"
            + " and kind in ('A', 'R') and term = ?";

    @Inject
    StatementOutbox outbox;

    @Override
    public String module() {
        return "lrs";
    }

    /** The stored key of the learner's agent ({@link AgentIdentity#key()}). */
    String agentKey(DataSubject s) {
        return "account=" + outbox.homePage(s.tenant()) + " " + outbox.accountName(s.asLearner());
    }

    @Override
    public JsonNode export(Connection c, DataSubject s) throws SQLException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode statements = out.putArray("statements");
        for (Stored st : statements(c, s.tenant().id(), agentKey(s))) {
            statements.add(st.body());
        }
        out.set("documents", PersonalRows.select(c, "select kind, activity_id, registration, document_id,"
                + " content_type, content, updated from manabi_lrs_document where tenant_id = ? and agent_key = ?"
                + " order by updated", s.tenant().id(), agentKey(s)));
        return out;
    }

    @Override
    public int erase(Connection c, DataSubject s) throws SQLException {
        String key = agentKey(s);
        List<Long> seqs = new ArrayList<>();
        for (Stored st : statements(c, s.tenant().id(), key)) {
            seqs.add(st.seq());
        }
        return deleteStatements(c, seqs) + documents(c, s, key)
                + Attachments.deleteOrphans(c, postgres(c), s.tenant().id());
    }

    @Override
    public int anonymize(Connection c, DataSubject s, String pseudonym) throws SQLException {
        String key = agentKey(s);
        String newKey = AgentIdentity.of(outbox.pseudonymousAgent(s.tenant(), pseudonym)).orElseThrow().key();
        boolean postgres = postgres(c);
        int rows = 0;
        List<Stored> learners = statements(c, s.tenant().id(), key);
        Set<Long> theirs = new HashSet<>();
        learners.forEach(st -> theirs.add(st.seq()));
        List<String> dropped = new ArrayList<>();
        for (Stored st : learners) {
            dropped.addAll(Attachments.dropIdentifying(c, postgres, s.tenant().id(), st.body(), theirs));
            replaceAgent(st.body(), key, pseudonym);
            rows += Sql.update(c, "update manabi_lrs_statement set body = " + (postgres ? "cast(? as jsonb)" : "?")
                    + " where seq = ?", LrsJson.write(st.body()), st.seq());
            Attachments.reindex(c, s.tenant().id(), st.seq(), st.body());
        }
        Sql.update(c, "update manabi_lrs_statement_term set term = ? where tenant_id = ? and kind in ('A', 'R')"
                + " and term = ?", newKey, s.tenant().id(), key);
        // Pending forwards and dead letters stay due (the statements are still forwarded, now pseudonymous) but
        // are keyed by the actor's identity; the last delivery error may quote the old statement, so it goes too.
        rows += Sql.update(c, "update manabi_lrs_forward_item set actor_key = ?, last_error = null where actor_key = ?"
                + " and endpoint_id in (select id from manabi_lrs_forward_endpoint where tenant_id = ?)", newKey, key,
                s.tenant().id());
        return rows + documents(c, s, key) + Attachments.deleteUnreferenced(c, postgres, s.tenant().id(), dropped);
    }

    /**
     * LRS credentials and forwarding endpoints the subject created as an admin keep the pseudonym as creator, in
     * whichever institution they created them (a platform admin creates them for others): matched on the creator's
     * institution and id ({@code created_by_tenant}, {@code created_by}).
     */
    @Override
    public int forgetActor(Connection c, DataSubject s, String pseudonym) throws SQLException {
        return PersonalRows.renameRecordedActor(c, s, pseudonym, "manabi_lrs_credential", "created_by_tenant",
                "created_by")
                + PersonalRows.renameRecordedActor(c, s, pseudonym, "manabi_lrs_forward_endpoint", "created_by_tenant",
                        "created_by");
    }

    @Override
    public int expire(Connection c, Instant cutoff) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        Map<String, List<String>> declaredByTenant = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, tenant_id, body from manabi_lrs_statement"
                + " where stored < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                    declaredByTenant.computeIfAbsent(rs.getString(2), t -> new ArrayList<>())
                            .addAll(Attachments.declared(LrsJson.read(rs.getString(3), "statement")));
                }
            }
        }
        int rows = deleteStatements(c, seqs);
        boolean postgres = postgres(c);
        for (Map.Entry<String, List<String>> tenant : declaredByTenant.entrySet()) {
            rows += Attachments.deleteUnreferenced(c, postgres, tenant.getKey(), tenant.getValue());
        }
        return rows;
    }

    private record Stored(long seq, ObjectNode body) {
    }

    private static List<Stored> statements(Connection c, String tenantId, String key) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, body from manabi_lrs_statement where seq in ("
                + TERMS + ") order by seq")) {
            Sql.bind(ps, tenantId, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getLong(1), (ObjectNode) LrsJson.read(rs.getString(2), "statement")));
                }
            }
        }
        return out;
    }

    /** Statements with their terms and forwarding rows (no foreign key cascades on PostgreSQL since V4). */
    private static int deleteStatements(Connection c, List<Long> seqs) throws SQLException {
        int rows = 0;
        for (long seq : seqs) {
            Sql.update(c, "delete from manabi_lrs_forward_item where statement_seq = ?", seq);
            Sql.update(c, "delete from manabi_lrs_statement_term where seq = ?", seq);
            Sql.update(c, "delete from manabi_lrs_statement_attachment where seq = ?", seq);
            rows += Sql.update(c, "delete from manabi_lrs_statement where seq = ?", seq);
        }
        return rows;
    }

    private static int documents(Connection c, DataSubject s, String key) throws SQLException {
        return Sql.update(c, "delete from manabi_lrs_document where tenant_id = ? and agent_key = ?",
                s.tenant().id(), key);
    }

    /** Every agent object in the statement whose identity is {@code key} gets the pseudonym as its account name. */
    static void replaceAgent(JsonNode node, String key, String pseudonym) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("account") && AgentIdentity.of(object).map(AgentIdentity::key).filter(key::equals)
                    .isPresent()) {
                ((ObjectNode) object.get("account")).put("name", pseudonym);
                object.remove("name");
            }
        }
        for (JsonNode child : node) {
            replaceAgent(child, key, pseudonym);
        }
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

}
