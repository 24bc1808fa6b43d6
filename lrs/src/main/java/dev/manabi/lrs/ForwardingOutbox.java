package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.StatementValidator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwarding outbox's SQL. {@link #enqueue} runs inside the transaction that stores the statements (called by
 * {@link StatementLedger}), so a statement is stored together with its deliveries or not at all. The delivery side
 * ({@link ForwardingDelivery}) reads due items per endpoint and records each outcome.
 */
final class ForwardingOutbox {

    /** Pending: waiting for (another) attempt. */
    static final String PENDING = "P";
    /** Dead letter: the attempt limit was reached; only an admin's replay sends it again. */
    static final String DEAD = "X";

    private ForwardingOutbox() {
    }

    /**
     * An endpoint's delivery settings. {@code secret} is the opened Basic secret when read for the delivery (it
     * never leaves the server except to that endpoint), null when read for queueing, which only filters.
     */
    record Target(String id, String tenantId, String url, String key, String secret, String xapiVersion,
                  List<String> verbs, List<String> activityPrefixes, boolean enabled, long jitterSeed) {

        /**
         * Whether the endpoint wants this statement: its verb is listed (when verbs are configured) and its object
         * activity starts with a listed prefix (when prefixes are configured). Voiding statements always go, so a
         * target holding the voided statement learns of it (a target without it accepts the void anyway: 1.0.3
         * 2.4.8 / 2.0 Part Two 2.4.5, "SHOULD NOT reject" a voiding statement for an unknown target).
         */
        boolean wants(JsonNode statement) {
            String verb = statement.path("verb").path("id").asText();
            if (StatementValidator.VOIDED.equals(verb)) {
                return true;
            }
            if (!verbs.isEmpty() && !verbs.contains(verb)) {
                return false;
            }
            if (activityPrefixes.isEmpty()) {
                return true;
            }
            JsonNode object = statement.path("object");
            if ("SubStatement".equals(object.path("objectType").asText())) {
                object = object.path("object");
            }
            if (!"Activity".equals(object.path("objectType").asText("Activity"))) {
                return false;
            }
            String activity = object.path("id").asText();
            return activityPrefixes.stream().anyMatch(activity::startsWith);
        }
    }

    /** An item due for delivery: the outbox row and the statement as stored. */
    record Item(long seq, String actorKey, int attempts, ObjectNode statement) {
    }

    /** The columns {@link #target} reads, in its order. */
    static final String TARGET_COLUMNS = "id, tenant_id, url, api_key, api_secret_sealed, xapi_version, verbs,"
            + " activity_prefixes, enabled, jitter_seed";

    /** Reads a {@link #TARGET_COLUMNS} row; with {@code secrets} the secret is opened, without it left null. */
    static Target target(ResultSet rs, ForwardingSecrets secrets) throws SQLException {
        String id = rs.getString(1);
        return new Target(id, rs.getString(2), rs.getString(3), rs.getString(4),
                secrets == null ? null : secrets.open(id, rs.getString(5)), rs.getString(6), ForwardingEndpoints.split(rs.getString(7)),
                ForwardingEndpoints.split(rs.getString(8)), rs.getBoolean(9), rs.getLong(10));
    }

    /** The enabled endpoints of a tenant (read once per stored batch), without their secrets. */
    static List<Target> targets(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + TARGET_COLUMNS + " from manabi_lrs_forward_endpoint"
                + " where tenant_id = ? and enabled = ?")) {
            Sql.bind(ps, tenantId, true);
            List<Target> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(target(rs, null));
                }
            }
            return all;
        }
    }

    /** The learner a statement is about, for ordering: its actor's identity (an anonymous group: its members). */
    static String actorKey(JsonNode statement) {
        JsonNode actor = statement.path("actor");
        return AgentIdentity.of(actor).map(AgentIdentity::key)
                .orElseGet(() -> "group=" + Digests.sha256(actor.path("member").toString()));
    }

    /** Queues just-stored statements (with their seq numbers) for every target that wants them, due at once. */
    static void enqueue(Connection c, List<Target> targets, List<Long> seqs, List<? extends JsonNode> statements,
                        Instant now) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        Timestamp due = Timestamp.from(now);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String actor = null;
            for (Target t : targets) {
                if (t.wants(statement)) {
                    actor = actor == null ? cut(actorKey(statement)) : actor;
                    rows.add(new Object[] {t.id(), seqs.get(i), actor, PENDING, 0, due});
                }
            }
        }
        StatementLedger.Store.insertRows(c, "manabi_lrs_forward_item (endpoint_id, statement_seq, actor_key, state,"
                + " attempts, next_attempt)", "(?,?,?,?,?,?)", rows, null, null);
    }

    private static String cut(String key) {
        // Identifiers are bounded by the validator, but an account name may be long: order by a digest then.
        return key.length() <= 1024 ? key : "sha256=" + Digests.sha256(key);
    }

    /** Endpoints (enabled) with at least one item due at {@code now}. */
    static List<String> endpointsWithDueItems(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select e.id from manabi_lrs_forward_endpoint e"
                + " where e.enabled = ? and exists (select 1 from manabi_lrs_forward_item i"
                + " where i.endpoint_id = e.id and i.state = 'P' and i.next_attempt <= ?) order by e.id")) {
            Sql.bind(ps, true, Timestamp.from(now));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /**
     * The next batch for an endpoint, oldest first: items due now whose learner has no earlier pending item still
     * waiting for its retry. That keeps each learner's statements in order while other learners' go on.
     */
    static List<Item> due(Connection c, String endpointId, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select i.seq, i.actor_key, i.attempts, s.body"
                + " from manabi_lrs_forward_item i join manabi_lrs_statement s on s.seq = i.statement_seq"
                + " where i.endpoint_id = ? and i.state = 'P' and i.next_attempt <= ?"
                + " and not exists (select 1 from manabi_lrs_forward_item w where w.endpoint_id = i.endpoint_id"
                + " and w.actor_key = i.actor_key and w.state = 'P' and w.seq < i.seq and w.next_attempt > ?)"
                + " order by i.seq fetch first ? rows only")) {
            Timestamp t = Timestamp.from(now);
            Sql.bind(ps, endpointId, t, t, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            StatementLedger.Store.parse(rs.getString(4))));
                }
            }
            return items;
        }
    }

    static void delivered(Connection c, List<Item> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from manabi_lrs_forward_item where seq = ?")) {
            for (Item i : items) {
                ps.setLong(1, i.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records a failed attempt: due again at {@code retryAt}, or a dead letter when {@code retryAt} is null. */
    static void failed(Connection c, Item item, String error, Instant retryAt, Instant now) throws SQLException {
        String e = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (retryAt == null) {
            Sql.update(c, "update manabi_lrs_forward_item set state = 'X', attempts = ?, last_error = ?,"
                    + " failed_at = ? where seq = ?", item.attempts() + 1, e, Timestamp.from(now), item.seq());
        } else {
            Sql.update(c, "update manabi_lrs_forward_item set attempts = ?, last_error = ?, next_attempt = ?"
                    + " where seq = ?", item.attempts() + 1, e, Timestamp.from(retryAt), item.seq());
        }
    }

    /**
     * Takes the endpoint's delivery lease for this server until {@code until} (one server delivers an endpoint at a
     * time, which keeps the per-learner order in a cluster); false when another server holds it.
     */
    static boolean lease(Connection c, String endpointId, String owner, Instant now, Instant until)
            throws SQLException {
        return Sql.update(c, "update manabi_lrs_forward_endpoint set lease_owner = ?, lease_until = ? where id = ?"
                        + " and (lease_until is null or lease_until < ? or lease_owner = ?)", owner,
                Timestamp.from(until), endpointId, Timestamp.from(now), owner) == 1;
    }

    static void release(Connection c, String endpointId, String owner) throws SQLException {
        Sql.update(c, "update manabi_lrs_forward_endpoint set lease_owner = null, lease_until = null"
                + " where id = ? and lease_owner = ?", endpointId, owner);
    }
}
