package dev.manabi.lrs;

import dev.manabi.api.PlayerException;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An institution's external LRSs (issue 13 "Forwarding"): where its statements are sent, with which Basic
 * credentials and xAPI version, and which of them (verbs and/or activity-id prefixes). Also the dead-letter list of
 * each endpoint and its replay. Every method is scoped to one tenant: an endpoint of another institution is "not
 * found", never "forbidden", so ids do not leak across institutions.
 */
@ApplicationScoped
public class ForwardingEndpoints {

    /** The xAPI versions a target can speak; the header sent is this value (2.0 Part Three 1.3, 1.0.3 6.2). */
    public static final Set<String> VERSIONS = Set.of("1.0.3", "2.0.0");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_FILTER_ENTRIES = 100;

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    @Inject
    ForwardingSecrets secrets;

    /** Whether endpoints may be on loopback/private/link-local addresses ({@link ForwardingAddresses}). */
    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "manabi.lrs.forwarding.allow-internal-addresses",
            defaultValue = "false")
    boolean allowInternal;

    /**
     * What an admin configures. {@code secret} null or blank on an update keeps the stored one; {@code enabled} null
     * means enabled.
     */
    public record Settings(String label, String url, String key, String secret, String xapiVersion,
                           List<String> verbs, List<String> activityPrefixes, Boolean enabled) {
    }

    /** An endpoint as admins see it: never the secret, only whether one is set; with its outbox counts. */
    public record Endpoint(String id, String tenantId, String label, String url, String key, boolean secretSet,
                           String xapiVersion, List<String> verbs, List<String> activityPrefixes, boolean enabled,
                           String createdBy, Instant createdAt, long pending, long deadLetters) {
    }

    /** A statement that could not be delivered within the attempt limit. */
    public record DeadLetter(long id, String statementId, String verb, String actor, int attempts, String lastError,
                             Instant failedAt) {
    }

    /** Creates an endpoint of {@code tenantId}, created by a member of that institution. */
    public Endpoint create(String tenantId, Settings s, String createdBy) {
        return create(tenantId, s, tenantId, createdBy);
    }

    /**
     * Creates an endpoint of {@code tenantId} created by {@code createdBy} of {@code createdByTenant} (a platform
     * admin may create one for another institution; the creator is kept as both: PersonalData.forgetActor).
     */
    public Endpoint create(String tenantId, Settings s, String createdByTenant, String createdBy) {
        return create(tenantId, s, createdByTenant, createdBy, AuditStep.none());
    }

    /** As {@link #create(String, Settings, String, String)}, with the admin's audit entry in its transaction. */
    public Endpoint create(String tenantId, Settings s, String createdByTenant, String createdBy,
                           AuditStep<Endpoint> audit) {
        Settings checked = check(s, true);
        String id = UUID.randomUUID().toString();
        Instant now = clock.now();
        String sealed = secrets.seal(id, checked.secret());
        return Sql.inTransaction(ds(), c -> {
            Sql.update(c, "insert into manabi_lrs_forward_endpoint (id, tenant_id, label,"
                        + " url, api_key, api_secret_sealed, xapi_version, verbs, activity_prefixes, enabled, jitter_seed,"
                        + " created_by, created_at, created_by_tenant) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    id, tenantId, checked.label(), checked.url(), checked.key(), sealed, checked.xapiVersion(),
                    lines(checked.verbs()), lines(checked.activityPrefixes()), checked.enabled(), RANDOM.nextLong(),
                    createdBy, Timestamp.from(now), createdByTenant);
            return audited(c, tenantId, id, audit);
        });
    }

    /** The endpoint as stored on {@code c}, handed to the audit step there. */
    private static Endpoint audited(Connection c, String tenantId, String id, AuditStep<Endpoint> audit)
            throws SQLException {
        Endpoint e = list(c, tenantId).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(ForwardingEndpoints::notFound);
        audit.record(c, e);
        return e;
    }

    /** Changes an endpoint; a blank secret keeps the stored one. 404 when the tenant has no such endpoint. */
    public Endpoint update(String tenantId, String id, Settings s) {
        return update(tenantId, id, s, AuditStep.none());
    }

    /** As {@link #update(String, String, Settings)}, with the admin's audit entry in its transaction. */
    public Endpoint update(String tenantId, String id, Settings s, AuditStep<Endpoint> audit) {
        Settings checked = check(s, false);
        String sealed = checked.secret() == null ? null : secrets.seal(id, checked.secret());
        return Sql.inTransaction(ds(), c -> {
            int changed = Sql.update(c, "update manabi_lrs_forward_endpoint set label = ?,"
                        + " url = ?, api_key = ?, api_secret_sealed = coalesce(?, api_secret_sealed),"
                        + " xapi_version = ?, verbs = ?, activity_prefixes = ?, enabled = ? where id = ? and tenant_id = ?",
                    checked.label(), checked.url(), checked.key(), sealed, checked.xapiVersion(),
                    lines(checked.verbs()), lines(checked.activityPrefixes()), checked.enabled(), id, tenantId);
            if (changed == 0) {
                throw notFound();
            }
            return audited(c, tenantId, id, audit);
        });
    }

    /** Removes an endpoint with its outbox and dead letters. */
    public void delete(String tenantId, String id) {
        delete(tenantId, id, AuditStep.none());
    }

    /** As {@link #delete(String, String)}, with the admin's audit entry in its transaction (none on a 404). */
    public void delete(String tenantId, String id, AuditStep<String> audit) {
        Sql.inTransaction(ds(), c -> {
            Sql.update(c, "delete from manabi_lrs_forward_item where endpoint_id in (select id from"
                    + " manabi_lrs_forward_endpoint where id = ? and tenant_id = ?)", id, tenantId);
            if (Sql.update(c, "delete from manabi_lrs_forward_endpoint where id = ? and tenant_id = ?", id,
                    tenantId) == 0) {
                throw notFound();
            }
            audit.record(c, id);
            return null;
        });
    }

    public Endpoint get(String tenantId, String id) {
        return list(tenantId).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(ForwardingEndpoints::notFound);
    }

    /** The endpoints of {@code tenantId}, or of every tenant for null. */
    public List<Endpoint> list(String tenantId) {
        return Sql.inTransaction(ds(), c -> list(c, tenantId));
    }

    private static List<Endpoint> list(Connection c, String tenantId) throws SQLException {
        String sql = "select e.id, e.tenant_id, e.label, e.url, e.api_key, e.xapi_version, e.verbs,"
                + " e.activity_prefixes, e.enabled, e.created_by, e.created_at,"
                + " case when e.api_secret_sealed is null and e.api_secret is null then 0 else 1 end,"
                + " (select count(*) from manabi_lrs_forward_item i where i.endpoint_id = e.id and i.state = 'P'),"
                + " (select count(*) from manabi_lrs_forward_item i where i.endpoint_id = e.id and i.state = 'X')"
                + " from manabi_lrs_forward_endpoint e" + (tenantId == null ? "" : " where e.tenant_id = ?")
                + " order by e.created_at, e.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (tenantId != null) {
                ps.setString(1, tenantId);
            }
            List<Endpoint> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Endpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(12) == 1, rs.getString(6), split(rs.getString(7)),
                            split(rs.getString(8)), rs.getBoolean(9), rs.getString(10),
                            rs.getTimestamp(11).toInstant(), rs.getLong(13), rs.getLong(14)));
                }
            }
            return all;
        }
    }

    /** The endpoint's dead letters, oldest first. */
    public List<DeadLetter> deadLetters(String tenantId, String endpointId) {
        get(tenantId, endpointId);
        return Sql.inTransaction(ds(), c -> {
            try (PreparedStatement ps = c.prepareStatement("select i.seq, s.statement_id, s.body, i.attempts,"
                    + " i.last_error, i.failed_at from manabi_lrs_forward_item i"
                    + " join manabi_lrs_statement s on s.seq = i.statement_seq"
                    + " where i.endpoint_id = ? and i.state = 'X' order by i.seq")) {
                ps.setString(1, endpointId);
                List<DeadLetter> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var body = StatementLedger.Store.parse(rs.getString(3));
                        Timestamp failed = rs.getTimestamp(6);
                        all.add(new DeadLetter(rs.getLong(1), rs.getString(2), body.path("verb").path("id").asText(),
                                ForwardingOutbox.actorKey(body), rs.getInt(4), rs.getString(5),
                                failed == null ? null : failed.toInstant()));
                    }
                }
                return all;
            }
        });
    }

    /**
     * Puts dead letters back in the outbox, due now with a fresh attempt count: all of the endpoint's, or only
     * {@code ids}. Answers how many were replayed. They keep their place by arrival, so a learner's replayed
     * statements go before that learner's later ones still waiting.
     */
    public int replay(String tenantId, String endpointId, List<Long> ids) {
        return replay(tenantId, endpointId, ids, AuditStep.none());
    }

    /** As {@link #replay(String, String, List)}, with the admin's audit entry (the number) in its transaction. */
    public int replay(String tenantId, String endpointId, List<Long> ids, AuditStep<Integer> audit) {
        get(tenantId, endpointId);
        Timestamp now = Timestamp.from(clock.now());
        return Sql.inTransaction(ds(), c -> {
            int n = 0;
            if (ids == null || ids.isEmpty()) {
                n = Sql.update(c, "update manabi_lrs_forward_item set state = 'P', attempts = 0, next_attempt = ?,"
                        + " failed_at = null where endpoint_id = ? and state = 'X'", now, endpointId);
            } else {
                for (Long id : ids) {
                    n += Sql.update(c, "update manabi_lrs_forward_item set state = 'P', attempts = 0,"
                            + " next_attempt = ?, failed_at = null where endpoint_id = ? and state = 'X' and seq = ?",
                            now, endpointId, id);
                }
            }
            audit.record(c, n);
            return n;
        });
    }

    private DataSource ds() {
        return database.ready();
    }

    static PlayerException notFound() {
        return PlayerException.notFound("No such forwarding endpoint in this institution");
    }

    /** Checks and normalizes the settings; 400 with a stable code for anything unusable. */
    private Settings check(Settings s, boolean creating) {
        if (s == null) {
            throw PlayerException.badRequest("invalid-forwarding", "A JSON object with the endpoint's settings");
        }
        String label = s.label() == null || s.label().isBlank() ? null : s.label().strip();
        if (label == null || label.length() > 200) {
            throw PlayerException.badRequest("invalid-label", "A label of 1-200 characters names the endpoint");
        }
        String url = s.url() == null ? "" : s.url().strip();
        if (!absoluteHttp(url) || url.length() > 2048) {
            throw PlayerException.badRequest("invalid-forwarding-url",
                    "The endpoint is the external LRS's absolute http(s) base URL, e.g. https://lrs.example.org/xapi/");
        }
        if (!url.endsWith("/")) {
            url = url + "/";
        }
        if (!allowInternal) {
            java.util.Optional<String> internal = ForwardingAddresses.internal(URI.create(url).getHost());
            if (internal.isPresent()) {
                throw PlayerException.badRequest("forwarding-url-internal", "An external LRS cannot be on this"
                        + " server's own network (" + internal.get() + "); the operator may allow it with"
                        + " manabi.lrs.forwarding.allow-internal-addresses");
            }
        }
        if (s.key() == null || s.key().isBlank() || s.key().length() > 512 || s.key().contains(":")) {
            throw PlayerException.badRequest("invalid-forwarding-key",
                    "The external LRS's Basic key is required (up to 512 characters, no ':')");
        }
        String secret = s.secret() == null || s.secret().isEmpty() ? null : s.secret();
        if ((creating && secret == null) || (secret != null && secret.length() > 512)) {
            throw PlayerException.badRequest("invalid-forwarding-secret",
                    "The external LRS's Basic secret is required when creating (up to 512 characters)");
        }
        String version = s.xapiVersion() == null || s.xapiVersion().isBlank() ? "2.0.0" : s.xapiVersion().strip();
        if (!VERSIONS.contains(version)) {
            throw PlayerException.badRequest("invalid-xapi-version", "The xAPI version is 1.0.3 or 2.0.0");
        }
        return new Settings(label, url, s.key(), secret, version, iris(s.verbs(), "verbs"),
                iris(s.activityPrefixes(), "activityPrefixes"), s.enabled() == null || s.enabled());
    }

    private static List<String> iris(List<String> values, String name) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_FILTER_ENTRIES) {
            throw PlayerException.badRequest("invalid-forwarding-filter",
                    "At most " + MAX_FILTER_ENTRIES + " entries in '" + name + "'");
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String t = v == null ? "" : v.strip();
            if (t.isEmpty() || t.length() > 1024 || t.contains("\n") || !absolute(t)) {
                throw PlayerException.badRequest("invalid-forwarding-filter",
                        "Each entry of '" + name + "' is an absolute IRI (or an IRI prefix with a scheme)");
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static boolean absolute(String iri) {
        try {
            return new URI(iri.replace(" ", "%20")).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean absoluteHttp(String url) {
        try {
            URI u = new URI(url);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null && u.getRawQuery() == null && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String lines(List<String> values) {
        return values.isEmpty() ? null : String.join("\n", values);
    }

    static List<String> split(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : List.copyOf(Arrays.asList(lines.split("\n")));
    }

    /**
     * Reads an endpoint's delivery settings with its secret opened (for the delivery only);
     * {@link ForwardingSecrets.Unreadable} when the sealed secret does not open.
     */
    static Optional<ForwardingOutbox.Target> target(Connection c, String id, ForwardingSecrets secrets)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + ForwardingOutbox.TARGET_COLUMNS
                + " from manabi_lrs_forward_endpoint where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ForwardingOutbox.target(rs, secrets)) : Optional.empty();
            }
        }
    }
}
