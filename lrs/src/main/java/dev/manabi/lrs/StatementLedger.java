package dev.manabi.lrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.SessionStatements;
import dev.manabi.lrs.spi.StatementObserver;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.Statements;
import dev.manabi.xapi.XapiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores and finds statements (xAPI 2.0 Part Three 2.1 "Statement Resource"): idempotent writes by statement id,
 * voiding, attachments by SHA-2, the query parameters, {@code more} cursors and {@code consistentThrough}.
 */
@ApplicationScoped
public class StatementLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(StatementLedger.class.getName());

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    public StatementLedger() {
        // for CDI
    }

    /** A ledger on {@code database}, outside CDI (other modules' tests), without observers. */
    public StatementLedger(Database database, LrsClock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Modules keeping their records in step with stored statements ({@link StatementObserver}); unset in tests. */
    @Inject
    Instance<StatementObserver> observers;

    /** Replaces the CDI observers (tests). */
    List<StatementObserver> observersOverride;

    /** Stored times of writes still in their transaction: nothing before the oldest is still to appear. */
    private final Map<Long, Instant> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    /** An attachment's bytes as received in a multipart request. */
    public record Attachment(String sha2, String contentType, byte[] content) {
    }

    /** The GET parameters, checked (2.0 Part Three 2.1.3). */
    public record Query(AgentIdentity agent, String verb, String activity, String registration,
                        boolean relatedActivities, boolean relatedAgents, Instant since, Instant until, int limit,
                        boolean ascending, long cursor) {
    }

    /** One page of results and the cursor of the next, if any. */
    public record Page(List<ObjectNode> statements, Long next) {
    }

    /** A statement found by id, with the time it was stored, whether it is voided and which credential wrote it. */
    public record Found(ObjectNode statement, Instant stored, boolean voided, String credentialId) {
    }

    /**
     * Stores a batch all or nothing and answers the ids in order. A statement whose id is already stored is skipped
     * when it is the same statement and refused with 409 otherwise (2.0 Part Three 2.1.2).
     */
    public List<String> store(LrsCaller caller, List<ObjectNode> statements, Collection<Attachment> attachments) {
        Set<String> batchIds = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (ObjectNode s : statements) {
            String id = s.has("id") ? s.get("id").asText().toLowerCase(Locale.ROOT) : UUID.randomUUID().toString();
            if (!batchIds.add(id)) {
                throw XapiException.badRequest("duplicate-statement-id", "The batch holds statement " + id + " twice");
            }
            ids.add(id);
        }
        long ticket = writes.incrementAndGet();
        Instant stored = clock.nextStored();
        inFlight.put(ticket, stored);
        List<Runnable> afterCommit = new ArrayList<>();
        List<String> storedIds;
        try {
            storedIds = Sql.inTransaction(ds(), c -> {
                boolean postgres = Store.postgres(c);
                String tenant = caller.tenantId();
                Map<String, Found> known = Store.byIds(c, tenant, ids);
                List<ObjectNode> fresh = new ArrayList<>();
                for (int i = 0; i < statements.size(); i++) {
                    ObjectNode incoming = statements.get(i);
                    String id = ids.get(i);
                    Found existing = known.get(id);
                    if (existing != null) {
                        // A session learns nothing of other registrations, not even that an id is taken there.
                        SessionScope.checkStored(caller, existing.statement());
                        if (!Statements.sameStatement(existing.statement(), incoming)) {
                            throw new XapiException(409, "statement-conflict", "Statement " + id
                                    + " is already stored with different content");
                        }
                        continue;
                    }
                    fresh.add(Statements.complete(incoming, id, stored.atOffset(ZoneOffset.UTC), caller.authority()));
                }
                if (!caller.mayWrite() && !fresh.isEmpty()) {
                    // only a read-only session gets this far (LrsRequestFilter): statements stored before pass
                    throw new XapiException(403, "forbidden", "This credential may not write");
                }
                if (caller.session() != null) {
                    // Issue 14 review A-1: in this transaction, so a target cannot change between check and write.
                    checkTargets(c, caller, fresh);
                }
                SessionStatements rules = caller.session() == null ? null : caller.session().statements();
                if (rules != null && !fresh.isEmpty()) {
                    // The session's rules (cmi5 section 9) see the statements in this transaction, so what they
                    // record (e.g. a session's terminated) commits or rolls back with the statements.
                    rules.beforeStore(c, caller.session(), fresh, stored);
                    afterCommit.add(() -> rules.afterStore(caller.session()));
                }
                // Issue 13 "Forwarding": queued in this transaction, so stored and queued happen together.
                Store.Writer writer = new Store.Writer(c, postgres, caller, stored,
                        ForwardingOutbox.targets(c, tenant));
                for (ObjectNode complete : fresh) {
                    if ("StatementRef".equals(complete.path("object").path("objectType").asText())) {
                        // Its target may be earlier in this very batch: write those first, then this one alone.
                        writer.flush();
                        long seq = writer.add(complete).flush().get(0);
                        Store.copyTargetTerms(c, tenant, seq, complete.path("object").path("id").asText());
                        String voids = voidedTarget(complete);
                        if (voids != null) {
                            Store.voidTarget(c, tenant, voids);
                        }
                    } else {
                        writer.add(complete);
                    }
                }
                writer.flush();
                // xAPI 2.0 Part Two 2.4.4.1: the LRS decides whether a Learning Record Provider may change a
                // definition. A session's content defines only activities new to the institution (issue 14, A-4).
                Store.rememberActivities(c, postgres, tenant, fresh, caller.session() == null);
                // Issue 15 (review 3): the contents these statements declare are locked first, so an erasure
                // running now cannot delete one of them under the statements (Attachments.lock).
                List<String> declared = new ArrayList<>();
                fresh.forEach(s -> declared.addAll(Attachments.declared(s)));
                attachments.forEach(a -> declared.add(a.sha2()));
                Attachments.lock(c, tenant, declared);
                for (Attachment a : attachments) {
                    Store.putAttachment(c, caller.tenantId(), a);
                }
                afterCommit.addAll(observe(c, tenant, fresh));
                return ids;
            });
        } finally {
            inFlight.remove(ticket);
        }
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // The statements are stored; a reaction failing after the commit must not fail the client's write.
                LOG.log(Level.SEVERE, "A statement observer's after-commit work failed", e);
            }
        }
        return storedIds;
    }

    /**
     * The statements a session's fresh statements target ({@code StatementRef}), whether stored before or earlier
     * in this batch, checked by {@link SessionScope#checkTarget}. A target this LRS does not hold is not checked:
     * nothing of it is copied or voided.
     */
    private static void checkTargets(Connection c, LrsCaller caller, List<ObjectNode> fresh) throws SQLException {
        Map<String, ObjectNode> inBatch = new HashMap<>();
        // Every referring statement, not one per target: a voiding one and a plain reference to the same target in
        // one batch are each checked (keyed by target, the later one hid the voiding from the actor check).
        List<ObjectNode> referring = new ArrayList<>();
        Set<String> targets = new LinkedHashSet<>();
        for (ObjectNode s : fresh) {
            inBatch.put(s.get("id").asText(), s);
            if ("StatementRef".equals(s.path("object").path("objectType").asText())) {
                referring.add(s);
                targets.add(targetOf(s));
            }
        }
        if (referring.isEmpty()) {
            return;
        }
        Map<String, Found> stored = Store.byIds(c, caller.tenantId(), new ArrayList<>(targets));
        for (ObjectNode s : referring) {
            String id = targetOf(s);
            ObjectNode target = stored.containsKey(id) ? stored.get(id).statement() : inBatch.get(id);
            if (target != null) {
                SessionScope.checkTarget(caller, target, voidedTarget(s) != null);
            }
        }
    }

    /** The id of the statement a {@code StatementRef} object names, lower case as ids are stored. */
    private static String targetOf(JsonNode statement) {
        return statement.path("object").path("id").asText().toLowerCase(Locale.ROOT);
    }

    /** Shows the newly stored statements to the {@link StatementObserver}s, in the storing transaction. */
    private List<Runnable> observe(Connection c, String tenant, List<ObjectNode> fresh) throws SQLException {
        Iterable<StatementObserver> all = observersOverride != null ? observersOverride : observers;
        List<Runnable> after = new ArrayList<>();
        if (all == null || fresh.isEmpty()) {
            return after;
        }
        List<ObjectNode> view = java.util.Collections.unmodifiableList(fresh);
        for (StatementObserver o : all) {
            Runnable r = o.stored(c, tenant, view);
            if (r != null) {
                after.add(r);
            }
        }
        return after;
    }

    private static String voidedTarget(JsonNode statement) {
        return StatementValidator.VOIDED.equals(statement.path("verb").path("id").asText())
                ? statement.path("object").path("id").asText().toLowerCase(Locale.ROOT) : null;
    }

    /** A statement by id: {@code voided} false finds only statements not voided, true only voided ones. */
    public Optional<Found> find(LrsCaller caller, String id, boolean voided) {
        return Sql.inTransaction(ds(), c -> Store.byId(c, caller.tenantId(), id.toLowerCase(Locale.ROOT)))
                .filter(f -> f.voided() == voided)
                .filter(f -> caller.allStatements() || caller.credentialId().equals(f.credentialId()));
    }

    public Page query(LrsCaller caller, Query q) {
        return Sql.inTransaction(ds(), c -> Store.query(c, caller, q));
    }

    /** The time up to which every statement is visible (2.0 Part Three 2.1.3 X-Experience-API-Consistent-Through). */
    public Instant consistentThrough() {
        Instant oldest = inFlight.values().stream().min(Instant::compareTo).orElse(null);
        Instant now = clock.now();
        return oldest == null ? now : oldest.minusMillis(1);
    }

    /**
     * The contents of {@code sha2s} the caller may read (for a GET with {@code attachments=true}: the sums its
     * returned statements declare). A caller limited to some statements (a session, or a credential reading its own
     * statements only) gets only contents sent within them ({@link Attachments#sentWithin}); others every content
     * of the tenant.
     */
    /**
     * The parts of a multipart answer for {@code statements}: each content in {@code held} once, with the content
     * type the first of the statements declaring it declared (2.0 Part Two 2.4.11 {@code contentType}, per statement;
     * contents are stored once per institution and sum, so the first uploader's part header is not everyone's).
     */
    static List<Attachment> asDeclared(List<? extends JsonNode> statements, Map<String, Attachment> held) {
        Map<String, String> declared = new HashMap<>();
        for (JsonNode s : statements) {
            for (JsonNode a : s.path("attachments")) {
                if (a.hasNonNull("contentType")) {
                    declared.putIfAbsent(a.path("sha2").asText().toLowerCase(Locale.ROOT),
                            a.path("contentType").asText());
                }
            }
        }
        List<Attachment> parts = new ArrayList<>(held.size());
        for (Attachment a : held.values()) {
            parts.add(new Attachment(a.sha2(), declared.getOrDefault(a.sha2().toLowerCase(Locale.ROOT),
                    a.contentType()), a.content()));
        }
        return parts;
    }

    public Map<String, Attachment> attachments(LrsCaller caller, Collection<String> sha2s) {
        return Sql.inTransaction(ds(), c -> Store.attachments(c, caller.tenantId(),
                caller.allStatements() && caller.registration() == null ? sha2s
                        : Attachments.sentWithin(c, Store.postgres(c), caller, sha2s, clock.now())));
    }

    /** The LRS's canonical definition of an activity, or empty when no statement named it. */
    public Optional<ObjectNode> activity(LrsCaller caller, String activityId) {
        return Sql.inTransaction(ds(), c -> Store.activity(c, caller.tenantId(), activityId));
    }

    private DataSource ds() {
        return database.ready();
    }


    /** SQL of the statement tables. */
    static final class Store {

        /** Ids per {@code in (...)} list: well below every database's parameter limit. */
        private static final int IN_LIST = 500;

        /*
         * Every write looks up the ids and activities it is given (2.0 Part Three 2.1.2, 2.2.x). Their keys lead with
         * the id (V5): H2 looks an IN list up only on an index's first column and otherwise scans the tenant's every
         * statement (issue 11's load profile: a drain's cost grew with the size of the LRS). LookupPlansTest.
         */
        static final String BY_IDS = "select statement_id, body, stored, voided, credential_id"
                + " from manabi_lrs_statement where tenant_id = ? and statement_id ?in";
        static final String DEFINITIONS_BY_KEYS = "select activity_key, definition from manabi_lrs_activity"
                + " where tenant_id = ? and activity_key ?in";

        private Store() {
        }

        static boolean postgres(Connection c) throws SQLException {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }

        static Optional<Found> byId(Connection c, String tenantId, String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select body, stored, voided, credential_id"
                    + " from manabi_lrs_statement where tenant_id = ? and statement_id = ?")) {
                ps.setString(1, tenantId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Found(parse(rs.getString(1)), rs.getTimestamp(2).toInstant(),
                            rs.getBoolean(3), rs.getString(4)));
                }
            }
        }

        /** The statements of {@code ids} already stored, by id. */
        static Map<String, Found> byIds(Connection c, String tenantId, List<String> ids) throws SQLException {
            Map<String, Found> found = new HashMap<>();
            selectIn(c, BY_IDS, tenantId, ids, rs -> found.put(rs.getString(1),
                    new Found(parse(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                            rs.getString(5))));
            return found;
        }

        @FunctionalInterface
        interface Row {
            void read(ResultSet rs) throws SQLException;
        }

        /**
         * Runs {@code sql} (its {@code ?in} becomes {@code in (?,...)}) in this transaction for the tenant and every
         * {@link #IN_LIST} values, handing each row to {@code row}. Like the core's {@code Sql.selectIn}, which opens
         * a transaction of its own; this one must see and stay in the write's transaction.
         */
        static void selectIn(Connection c, String sql, String tenantId, List<String> values, Row row)
                throws SQLException {
            for (int from = 0; from < values.size(); from += IN_LIST) {
                List<String> chunk = values.subList(from, Math.min(values.size(), from + IN_LIST));
                try (PreparedStatement ps = c.prepareStatement(sql.replace("?in",
                        "in (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")"))) {
                    ps.setString(1, tenantId);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            row.read(rs);
                        }
                    }
                }
            }
        }

        /**
         * Writes statements with their terms and forwarding outbox rows, a run at a time: one batched insert per
         * table instead of one round trip per statement and row (issue 13 "Performance"). {@link #flush()} answers
         * the run's seq numbers in order.
         */
        static final class Writer {
            private final Connection c;
            private final boolean postgres;
            private final LrsCaller caller;
            private final Instant stored;
            private final List<ForwardingOutbox.Target> forwardTo;
            private final List<ObjectNode> run = new ArrayList<>();

            Writer(Connection c, boolean postgres, LrsCaller caller, Instant stored,
                   List<ForwardingOutbox.Target> forwardTo) {
                this.c = c;
                this.postgres = postgres;
                this.caller = caller;
                this.stored = stored;
                this.forwardTo = forwardTo;
            }

            Writer add(ObjectNode complete) {
                run.add(complete);
                return this;
            }

            List<Long> flush() throws SQLException {
                if (run.isEmpty()) {
                    return List.of();
                }
                Timestamp at = Timestamp.from(stored);
                List<Object[]> rows = new ArrayList<>(run.size());
                for (ObjectNode s : run) {
                    rows.add(new Object[] {caller.tenantId(), s.get("id").asText(), caller.credentialId(),
                            voidedTarget(s), false, at, s.toString()});
                }
                // Only seq and statement_id come back (RETURN_GENERATED_KEYS makes PostgreSQL's driver return every
                // column, the bodies included), matched by id rather than trusting the order of a multi-row insert.
                Map<String, Long> seqById = new HashMap<>();
                insertRows(c, "manabi_lrs_statement (tenant_id, statement_id, credential_id, voids_statement_id,"
                        + " voided, stored, body)", "(?,?,?,?,?,?," + (postgres ? "cast(? as jsonb)" : "?") + ")",
                        rows, new String[] {"seq", "statement_id"}, keys -> seqById.put(keys.getString(2),
                                keys.getLong(1)));
                List<Long> seqs = new ArrayList<>(run.size());
                for (ObjectNode s : run) {
                    Long seq = seqById.get(s.get("id").asText());
                    if (seq == null) {
                        throw new SQLException("The database answered no seq for statement " + s.get("id").asText());
                    }
                    seqs.add(seq);
                }
                List<Object[]> terms = new ArrayList<>(run.size() * 8);
                for (int i = 0; i < run.size(); i++) {
                    for (String[] t : terms(run.get(i))) {
                        terms.add(new Object[] {seqs.get(i), caller.tenantId(), t[0], t[1]});
                    }
                }
                insertRows(c, "manabi_lrs_statement_term (seq, tenant_id, kind, term)", "(?,?,?,?)", terms, null,
                        null);
                List<Object[]> declared = new ArrayList<>();
                for (int i = 0; i < run.size(); i++) {
                    declared.addAll(Attachments.indexRows(caller.tenantId(), seqs.get(i), run.get(i)));
                }
                insertRows(c, Attachments.INDEX_TABLE, Attachments.INDEX_ROW, declared, null, null);
                ForwardingOutbox.enqueue(c, forwardTo, seqs, run, stored);
                run.clear();
                return seqs;
            }
        }

        /** Rows per multi-row insert: 500 × 7 parameters stays far below PostgreSQL's 32,767 and H2's limits. */
        private static final int ROWS_PER_INSERT = 500;

        /**
         * Inserts {@code rows} with one multi-row {@code insert ... values (...),(...)} per {@link #ROWS_PER_INSERT}:
         * one statement for the database to plan and execute instead of one per row (issue 13 "Performance").
         * {@code returning} names the columns handed to {@code keys} for every inserted row, or is null.
         */
        static void insertRows(Connection c, String tableAndColumns, String rowPlaceholders, List<Object[]> rows,
                               String[] returning, Row keys) throws SQLException {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                String sql = "insert into " + tableAndColumns + " values "
                        + String.join(",", java.util.Collections.nCopies(chunk.size(), rowPlaceholders));
                try (PreparedStatement ps = returning == null ? c.prepareStatement(sql)
                        : c.prepareStatement(sql, returning)) {
                    int p = 1;
                    for (Object[] row : chunk) {
                        for (Object v : row) {
                            ps.setObject(p++, v);
                        }
                    }
                    ps.executeUpdate();
                    if (returning != null) {
                        try (ResultSet rs = ps.getGeneratedKeys()) {
                            while (rs.next()) {
                                keys.read(rs);
                            }
                        }
                    }
                }
            }
        }

        /**
         * The (kind, term) rows a statement is found by (see V1__lrs.sql). A primary agent or activity is not
         * repeated as related: {@code related_agents} / {@code related_activities} look at both kinds, which keeps
         * the rows per statement (and the index entries of every write) fewer.
         */
        static List<String[]> terms(JsonNode s) {
            Statements.Involved inv = Statements.involved(s);
            List<String[]> rows = new ArrayList<>(8);
            inv.primaryAgents().forEach(a -> rows.add(new String[] {"A", a}));
            inv.relatedAgents().stream().filter(a -> !inv.primaryAgents().contains(a))
                    .forEach(a -> rows.add(new String[] {"R", a}));
            inv.primaryActivities().forEach(a -> rows.add(new String[] {"C", a}));
            inv.relatedActivities().stream().filter(a -> !inv.primaryActivities().contains(a))
                    .forEach(a -> rows.add(new String[] {"D", a}));
            rows.add(new String[] {"V", s.path("verb").path("id").asText()});
            if (s.path("context").has("registration")) {
                rows.add(new String[] {"G", s.path("context").path("registration").asText().toLowerCase(Locale.ROOT)});
            }
            return rows;
        }

        /** A statement targeting another (StatementRef) is also found by the target's terms. */
        static void copyTargetTerms(Connection c, String tenantId, long seq, String targetId) throws SQLException {
            Sql.update(c, "insert into manabi_lrs_statement_term (seq, tenant_id, kind, term)"
                    + " select ?, t.tenant_id, t.kind, t.term from manabi_lrs_statement_term t"
                    + " join manabi_lrs_statement s on s.seq = t.seq"
                    + " where s.tenant_id = ? and s.statement_id = ?", seq, tenantId, targetId.toLowerCase(Locale.ROOT));
        }

        /** Voids the target unless it is itself a voiding statement (2.0 Part Two 2.4.5 / 2.5: those stay). */
        static void voidTarget(Connection c, String tenantId, String targetId) throws SQLException {
            Sql.update(c, "update manabi_lrs_statement set voided = ? where tenant_id = ? and statement_id = ?"
                    + " and voids_statement_id is null", true, tenantId, targetId);
        }

        static void putAttachment(Connection c, String tenantId, Attachment a) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from manabi_lrs_attachment where tenant_id = ? and sha2 = ?")) {
                Sql.bind(ps, tenantId, a.sha2());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            Sql.update(c, "insert into manabi_lrs_attachment (tenant_id, sha2, content_type, content) values (?,?,?,?)",
                    tenantId, a.sha2(), a.contentType(), a.content());
        }

        static Map<String, Attachment> attachments(Connection c, String tenantId, Collection<String> sha2s)
                throws SQLException {
            Map<String, Attachment> found = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select content_type, content from manabi_lrs_attachment where tenant_id = ? and sha2 = ?")) {
                for (String sha2 : sha2s) {
                    Sql.bind(ps, tenantId, sha2);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.put(sha2, new Attachment(sha2, rs.getString(1), rs.getBytes(2)));
                        }
                    }
                }
            }
            return found;
        }

        static Page query(Connection c, LrsCaller caller, Query q) throws SQLException {
            StringBuilder sql = new StringBuilder("select s.seq, s.body from manabi_lrs_statement s"
                    + " where s.tenant_id = ? and s.voided = ?");
            List<Object> params = new ArrayList<>(List.of(caller.tenantId(), false));
            if (!caller.allStatements()) {
                sql.append(" and s.credential_id = ?");
                params.add(caller.credentialId());
            }
            if (q.agent() != null) {
                term(sql, params, caller, q.relatedAgents() ? "AR" : "A", q.agent().key());
            }
            if (q.verb() != null) {
                term(sql, params, caller, "V", q.verb());
            }
            if (q.activity() != null) {
                term(sql, params, caller, q.relatedActivities() ? "CD" : "C", q.activity());
            }
            if (q.registration() != null) {
                term(sql, params, caller, "G", q.registration().toLowerCase(Locale.ROOT));
            }
            if (q.since() != null) {
                sql.append(" and s.stored > ?");
                params.add(Timestamp.from(q.since()));
            }
            if (q.until() != null) {
                sql.append(" and s.stored <= ?");
                params.add(Timestamp.from(q.until()));
            }
            if (q.cursor() > 0) {
                sql.append(q.ascending() ? " and s.seq > ?" : " and s.seq < ?");
                params.add(q.cursor());
            }
            sql.append(" order by s.seq ").append(q.ascending() ? "asc" : "desc").append(" fetch first ? rows only");
            params.add(q.limit() + 1);
            List<ObjectNode> found = new ArrayList<>();
            long lastSeq = 0;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, params.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (found.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        lastSeq = rs.getLong(1);
                        found.add(parse(rs.getString(2)));
                    }
                }
            }
            return new Page(found, more ? lastSeq : null);
        }

        /** A term of one of {@code kinds} (one letter each, see {@link #terms}). */
        private static void term(StringBuilder sql, List<Object> params, LrsCaller caller, String kinds,
                                 String term) {
            sql.append(" and exists (select 1 from manabi_lrs_statement_term t where t.tenant_id = ? and t.kind")
                    .append(kinds.length() == 1 ? " = ?" : " in (?" + ",?".repeat(kinds.length() - 1) + ")")
                    .append(" and t.term = ? and t.seq = s.seq)");
            params.add(caller.tenantId());
            kinds.chars().forEach(k -> params.add(String.valueOf((char) k)));
            params.add(term);
        }

        /**
         * Keeps the LRS's canonical definition of each activity with a definition in the statement (2.0 Part Three
         * 2.5: the activities resource answers the LRS's canonical version): the newest definition's properties,
         * language maps merged with earlier languages. Without {@code mayRedefine} (a session credential) only
         * activities the tenant has no definition of yet are defined; known ones stay as they are.
         */
        static void rememberActivities(Connection c, boolean postgres, String tenantId, List<ObjectNode> statements,
                                       boolean mayRedefine) throws SQLException {
            List<JsonNode> activities = new ArrayList<>();
            for (ObjectNode s : statements) {
                collectActivities(s, activities);
            }
            activities.removeIf(a -> !a.has("definition"));
            if (activities.isEmpty()) {
                return;
            }
            Map<String, String> ids = new LinkedHashMap<>();
            activities.forEach(a -> ids.putIfAbsent(Digests.sha256(a.get("id").asText()), a.get("id").asText()));
            Map<String, ObjectNode> before = knownDefinitions(c, tenantId, new ArrayList<>(ids.keySet()));
            Map<String, ObjectNode> after = new LinkedHashMap<>();
            for (JsonNode a : activities) {
                String key = Digests.sha256(a.get("id").asText());
                if (!mayRedefine && before.containsKey(key)) {
                    continue;
                }
                ObjectNode definition = after.computeIfAbsent(key, k -> before.containsKey(k)
                        ? before.get(k).deepCopy() : JSON.createObjectNode());
                for (Iterator<Map.Entry<String, JsonNode>> it = a.get("definition").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject() && definition.get(e.getKey()) instanceof ObjectNode old
                            && !"extensions".equals(e.getKey())) {
                        old.setAll((ObjectNode) e.getValue().deepCopy());
                    } else {
                        definition.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
            String cast = postgres ? "cast(? as jsonb)" : "?";
            try (PreparedStatement update = c.prepareStatement("update manabi_lrs_activity set definition = " + cast
                    + " where tenant_id = ? and activity_key = ?");
                 PreparedStatement insert = c.prepareStatement("insert into manabi_lrs_activity (tenant_id,"
                         + " activity_key, activity_id, definition) values (?,?,?," + cast + ")")) {
                for (Map.Entry<String, ObjectNode> e : after.entrySet()) {
                    ObjectNode old = before.get(e.getKey());
                    if (old == null) {
                        Sql.bind(insert, tenantId, e.getKey(), ids.get(e.getKey()), e.getValue().toString());
                        insert.addBatch();
                    } else if (!old.equals(e.getValue())) {
                        Sql.bind(update, e.getValue().toString(), tenantId, e.getKey());
                        update.addBatch();
                    }
                }
                update.executeBatch();
                insert.executeBatch();
            }
        }

        /** The stored definitions of the activities with these keys. */
        private static Map<String, ObjectNode> knownDefinitions(Connection c, String tenantId, List<String> keys)
                throws SQLException {
            Map<String, ObjectNode> found = new HashMap<>();
            selectIn(c, DEFINITIONS_BY_KEYS, tenantId, keys, rs -> found.put(rs.getString(1),
                    parse(rs.getString(2))));
            return found;
        }

        private static void collectActivities(JsonNode s, List<JsonNode> into) {
            JsonNode object = s.path("object");
            String type = object.path("objectType").asText("Activity");
            if ("Activity".equals(type)) {
                into.add(object);
            } else if ("SubStatement".equals(type)) {
                collectActivities(object, into);
            }
            for (JsonNode list : s.path("context").path("contextActivities")) {
                if (list.isArray()) {
                    list.forEach(into::add);
                } else {
                    into.add(list);
                }
            }
        }

        static Optional<ObjectNode> activity(Connection c, String tenantId, String activityId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select definition from manabi_lrs_activity"
                    + " where tenant_id = ? and activity_key = ?")) {
                Sql.bind(ps, tenantId, Digests.sha256(activityId));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ObjectNode a = JSON.createObjectNode().put("objectType", "Activity").put("id", activityId);
                    a.set("definition", parse(rs.getString(1)));
                    return Optional.of(a);
                }
            }
        }

        static ObjectNode parse(String json) {
            try {
                return (ObjectNode) JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored statement is not JSON", e);
            }
        }
    }
}
