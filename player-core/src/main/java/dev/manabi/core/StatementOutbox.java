package dev.manabi.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The durable statement outbox (issue 13, "Statements for what learners do"): content modules write xAPI statements
 * about a learner into {@code manabi_statement_outbox} on the SAME connection, in the same transaction, as the
 * progress they report, so a crash keeps both or neither. The LRS module (if the host deploys it) takes the rows in
 * {@code seq} order into the tenant's statements and deletes them; statement ids are generated here and stored with
 * the row, so a row delivered twice (crash between storing and deleting) is stored once.
 *
 * <p>Arrows point one way: content modules call this SPI of the core, the {@code lrs} module drains it through
 * {@link #pending}, {@link #delivered}, {@link #refused} and {@link #whenQueued}; the core knows nothing of either.
 *
 * <p>Actor: an account {@code {homePage: the tenant's home page, name: the learner's account name}}, never the mail
 * address (issue 13; statements may be forwarded to external LRSs). The account name is the learner id, except when
 * the id looks like a mail address (contains {@code @}, as a Shibboleth ePPN often does) or equals the learner's
 * mail: then {@code h:} and the hex HMAC-SHA256 of the tenant id and learner id under the installation's actor key
 * ({@code manabi.xapi.actor-key}, else a key generated once and kept in {@code manabi_setting}, like the content
 * signing key), stable for the installation and not reversible without the key.
 *
 * <p>Home page: an IRL (xAPI 2.0 Part Two 2.4.2.4, account.homePage): {@code manabi.xapi.home-page.<tenant id>}
 * when configured; else {@code https://<tenant id>/} when the tenant id is a DNS name (hosts use the institution's
 * domain or SAML scope); else {@code <manabi.xapi.home-page-base>tenants/<tenant id>/} under the portal's base URL
 * when configured; else {@code https://manabi.invalid/tenants/<tenant id>/} (a reserved, never resolving domain,
 * RFC 2606): stable as long as the tenant id is.
 */
@ApplicationScoped
public class StatementOutbox {

    /** {@code context.platform} of every statement the SDK writes. */
    public static final String PLATFORM = "Manabi Player";

    private static final Logger LOG = Logger.getLogger(StatementOutbox.class.getName());
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final int REASON_CHARS = 1000;
    /** {@code manabi_setting} name of the generated actor key. */
    static final String ACTOR_KEY_SETTING = "xapi.actor-key";
    /** The configuration property of the actor key. */
    static final String ACTOR_KEY_PROPERTY = "manabi.xapi.actor-key";
    static final String HASHED_PREFIX = "h:";
    private static final String FALLBACK_HOME_PAGE_BASE = "https://manabi.invalid/";

    @Inject
    Database database;

    /** MicroProfile Config for the tenants' home pages; null in tests: the derived ones. */
    @Inject
    Config config;

    /** Time of the generated actor key's and its fingerprint's {@code created_at}; tests set their own. */
    Clock clock = Clock.systemUTC();

    private volatile Runnable wake = () -> { };
    private volatile boolean drained;
    private volatile String mode;
    private volatile byte[] actorKey;

    /** A statement waiting in the outbox. */
    public record Queued(long seq, String tenantId, String statementId, ObjectNode statement) {
    }

    /**
     * Starts writing statements about {@code learner} on {@code c}, the connection (and transaction) of the
     * progress they report. Reads the learner's remembered UI language on {@code c} for {@code context.language}.
     */
    public Emitter emitter(Connection c, LearnerContext learner, Instant at) throws SQLException {
        return new Emitter(c, learner, at, language(c, learner));
    }

    /**
     * Says statements were committed: the LRS drains the outbox now rather than at its next poll. Call after the
     * transaction that appended them committed (before, the drain would not see them yet).
     */
    public void queued() {
        try {
            wake.run();
        } catch (RuntimeException e) {
            // The poll delivers them anyway; the learner's request must not fail for it.
            LOG.log(Level.WARNING, "Could not wake the statement outbox's drain", e);
        }
    }

    /** The drain to run when statements were queued (the LRS registers it at start-up). */
    public void whenQueued(Runnable drain) {
        wake = drain == null ? () -> { } : drain;
        drained = drain != null;
    }

    /**
     * Whether statements are written at all: {@code manabi.xapi.statements} is {@code on}, {@code off} or
     * {@code auto} (the default: when something drains the outbox on this server, i.e. the {@code lrs} module is
     * deployed; a host without it would only fill the table). Without configuration (tests): on.
     */
    boolean writing() {
        String m = mode;
        if (m == null) {
            m = config == null ? "on" : config.getOptionalValue("manabi.xapi.statements", String.class)
                    .map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("auto");
            if (!m.equals("on") && !m.equals("off") && !m.equals("auto")) {
                LOG.warning("manabi.xapi.statements must be on, off or auto, was '" + m + "'; using auto");
                m = "auto";
            }
            mode = m;
        }
        return m.equals("on") || (m.equals("auto") && drained);
    }

    /** The oldest statements not yet delivered nor refused, in the order they were written. */
    public List<Queued> pending(int limit) {
        return Sql.inTransaction(database.ready(), c -> Store.pending(c, limit));
    }

    /** The LRS holds these rows' statements: they leave the outbox. */
    /**
     * The statement {@code statementId} of {@code tenantId} while it waits in the outbox (not yet delivered, not
     * refused); empty once the drain took it, or when it was never queued for that institution.
     */
    public Optional<Queued> pendingStatement(String tenantId, String statementId) {
        return Sql.inTransaction(database.ready(), c -> Store.pendingStatement(c, tenantId, statementId));
    }

    public void delivered(Collection<Long> seqs) {
        if (!seqs.isEmpty()) {
            Sql.inTransaction(database.ready(), c -> Store.delete(c, seqs));
        }
    }

    /** The LRS refuses this row's statement for good: kept with the reason, no longer pending. */
    public void refused(long seq, String reason) {
        Sql.inTransaction(database.ready(), c -> Sql.update(c, "update manabi_statement_outbox set refused = ?,"
                + " reason = ? where seq = ?", true, reason == null ? null
                : reason.substring(0, Math.min(reason.length(), REASON_CHARS)), seq));
    }

    /** The account home page of a tenant's learners (see the class comment). */
    public String homePage(Tenant tenant) {
        Optional<String> configured = config == null ? Optional.empty()
                : config.getOptionalValue("manabi.xapi.home-page." + tenant.id(), String.class);
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().trim();
        }
        String id = tenant.id().toLowerCase(Locale.ROOT);
        if (DNS_NAME.matcher(id).matches()) {
            return "https://" + id + "/";
        }
        String base = config == null ? FALLBACK_HOME_PAGE_BASE
                : config.getOptionalValue("manabi.xapi.home-page-base", String.class).map(String::trim)
                        .filter(b -> !b.isEmpty()).orElse(FALLBACK_HOME_PAGE_BASE);
        return base + (base.endsWith("/") ? "" : "/") + "tenants/" + LearnerStatement.segment(tenant.id()) + "/";
    }

    /**
     * The agent that stands for an anonymized learner (README "Personal data"): an account of the tenant's
     * {@link #homePage} named by the pseudonym, without a display name. The LRS writes it into the learner's
     * statements and cmi5 into their registrations, so anonymized statements and registrations still match.
     */
    public ObjectNode pseudonymousAgent(Tenant tenant, String pseudonym) {
        ObjectNode agent = JsonNodeFactory.instance.objectNode().put("objectType", "Agent");
        agent.putObject("account").put("homePage", homePage(tenant)).put("name", pseudonym);
        return agent;
    }

    /**
     * The learner's {@code account.name}: the learner id, or its keyed hash when the id is or looks like a mail
     * address (see the class comment).
     */
    public String accountName(LearnerContext learner) {
        String id = learner.learnerId();
        if (!id.contains("@") && (learner.mail() == null || !id.equalsIgnoreCase(learner.mail()))) {
            return id;
        }
        return HASHED_PREFIX + Pseudonyms.keyedHash(actorKey(), learner.tenant().id(), id);
    }

    /** The actor key ({@link HmacKey}); throws {@link HmacKey.Misconfigured} as {@link Pseudonyms#key()}. */
    byte[] actorKey() {
        byte[] k = actorKey;
        if (k == null) {
            Optional<String> configured = config == null ? Optional.empty()
                    : config.getOptionalValue(ACTOR_KEY_PROPERTY, String.class).filter(v -> !v.isBlank());
            k = HmacKey.resolve(configured, ACTOR_KEY_PROPERTY, database.ready(), ACTOR_KEY_SETTING, clock.instant());
            actorKey = k;
        }
        return k;
    }

    /** The learner's explicit UI language choice, else the host's locale, else none. */
    private static String language(Connection c, LearnerContext learner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select ui_language from manabi_learner where tenant_id = ? and learner_id = ?")) {
            ps.setString(1, learner.tenant().id());
            ps.setString(2, learner.learnerId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return rs.getString(1);
                }
            }
        }
        return learner.locale().map(Locale::toLanguageTag).filter(t -> !t.equals("und")).orElse(null);
    }

    /** Writes statements about one learner on one connection; see {@link #emitter}. */
    public final class Emitter {

        private final Connection connection;
        private final LearnerContext learner;
        private final Instant at;
        private final String language;
        private int appended;

        private Emitter(Connection connection, LearnerContext learner, Instant at, String language) {
            this.connection = connection;
            this.learner = learner;
            this.at = at;
            this.language = language;
        }

        /**
         * A statement with the actor, verb, timestamp and the shared context: registration, the learner's language,
         * platform, and the course as grouping (null courseId: none).
         */
        public LearnerStatement statement(Verb verb, UUID registration, String courseId) {
            ObjectNode actor = JsonNodeFactory.instance.objectNode();
            actor.put("objectType", "Agent");
            ObjectNode account = actor.putObject("account");
            account.put("homePage", homePage(learner.tenant()));
            account.put("name", accountName(learner));
            LearnerStatement s = new LearnerStatement(actor, verb, at);
            ObjectNode context = s.context();
            if (registration != null) {
                context.put("registration", registration.toString());
            }
            context.put("platform", PLATFORM);
            if (language != null) {
                context.put("language", language);
            }
            if (courseId != null) {
                s.contextActivity("grouping", LearnerStatement.courseActivity(courseId), LearnerStatement.COURSE_TYPE);
            }
            return s;
        }

        /**
         * Puts the statement into the outbox with a new UUID as its id, on the emitter's connection; answers the id,
         * or null when statements are not written ({@link #writing()}).
         */
        public String append(LearnerStatement statement) throws SQLException {
            if (!writing()) {
                return null;
            }
            String id = UUID.randomUUID().toString();
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("id", id);
            json.setAll(statement.json());
            Store.insert(connection, learner.tenant().id(), id, json.toString(), at);
            appended++;
            return id;
        }

        /** How many statements this emitter appended. */
        public int appended() {
            return appended;
        }
    }

    /** SQL of the outbox table. */
    static final class Store {

        private Store() {
        }

        static void insert(Connection c, String tenantId, String statementId, String body, Instant at)
                throws SQLException {
            Sql.update(c, "insert into manabi_statement_outbox (tenant_id, statement_id, body, queued_at, refused)"
                    + " values (?, ?, ?, ?, ?)", tenantId, statementId, body, Timestamp.from(at), false);
        }

        static List<Queued> pending(Connection c, int limit) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select seq, tenant_id, statement_id, body from"
                    + " manabi_statement_outbox where refused = ? order by seq")) {
                ps.setBoolean(1, false);
                ps.setMaxRows(limit);
                List<Queued> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), parse(rs.getString(4))));
                    }
                }
                return out;
            }
        }

        static Optional<Queued> pendingStatement(Connection c, String tenantId, String statementId)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select seq, tenant_id, statement_id, body from"
                    + " manabi_statement_outbox where statement_id = ? and tenant_id = ? and refused = ?")) {
                Sql.bind(ps, statementId, tenantId, false);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Queued(rs.getLong(1), rs.getString(2), rs.getString(3),
                            parse(rs.getString(4)))) : Optional.empty();
                }
            }
        }

        static int delete(Connection c, Collection<Long> seqs) throws SQLException {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("delete from manabi_statement_outbox where seq = ?")) {
                for (long seq : seqs) {
                    ps.setLong(1, seq);
                    ps.addBatch();
                }
                for (int r : ps.executeBatch()) {
                    n += Math.max(r, 0);
                }
            }
            return n;
        }

        private static ObjectNode parse(String body) {
            try {
                return (ObjectNode) Json.mapper().readTree(body.getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException | ClassCastException e) {
                throw new IllegalStateException("Unreadable statement in the outbox", e);
            }
        }
    }
}
