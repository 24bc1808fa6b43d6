package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.ApiSecrets;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.xapi.XapiException;
import dev.manabi.lrs.spi.SessionCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The LRS's own HTTP Basic credentials (xAPI 2.0 Part Three 4.1 "Authentication": key and secret), issued per
 * institution. Secrets are random, shown once and stored as a salted SHA-256 (a fast hash is enough for 32 random
 * bytes; a host seeding a memorable demo secret accepts the weaker protection for it).
 *
 * <p>A verified key/secret pair is remembered for {@link #CACHE_LIFETIME} so that statement ingest does not hit the
 * database for every request; revoking on this server forgets it at once, other servers of a cluster within that time.
 */
@ApplicationScoped
public class LrsCredentials {

    static final Duration CACHE_LIFETIME = Duration.ofSeconds(30);
    /** The account home page of every credential's authority agent (2.0 Part Two 2.4.9). */
    static final String AUTHORITY_HOME_PAGE = SessionCredentials.AUTHORITY_HOME_PAGE;

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    /** Modules issuing session credentials limited to one registration (cmi5 auth-tokens). */
    @Inject
    Instance<SessionCredentials> sessions;

    /** Replaces the CDI session credential beans (tests). */
    List<SessionCredentials> sessionsOverride;

    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    private record Cached(String presentedHash, LrsCaller caller, Instant until) {
    }

    /** What a credential may do (2.0 Part Three 4.1: LRSs decide the scopes; these are Manabi's). */
    public record Scope(boolean read, boolean write, boolean allStatements) {
    }

    /** A credential as admins see it (never the secret). */
    public record Credential(String id, String tenantId, String key, String label, boolean read, boolean write,
                             boolean allStatements, String createdBy, Instant createdAt, Instant revokedAt) {
    }

    /** A newly issued credential with its secret, shown this once. */
    public record Issued(Credential credential, String secret) {
    }

    /** The caller a {@code Authorization: Basic ...} header names; 401 for anything else or a revoked key. */
    public LrsCaller authenticate(String authorization) {
        // ApiSecrets (player-core) parses, makes and checks key/secret pairs for every credential the SDK issues.
        ApiSecrets.Presented presented = ApiSecrets.basic(authorization).orElseThrow(() ->
                new XapiException(401, "unauthenticated", "HTTP Basic credentials (key:secret) of this LRS are required"));
        String key = presented.key();
        String secret = presented.secret();
        Instant now = clock.now();
        Iterable<SessionCredentials> issuers = sessionsOverride != null ? sessionsOverride : sessions;
        if (issuers != null) {
            for (SessionCredentials s : issuers) {
                if (key.startsWith(s.keyPrefix())) {
                    return s.verify(key, secret, now).map(LrsCredentials::caller).orElseThrow(() ->
                            new XapiException(401, "unauthenticated", "Unknown or expired session credentials"));
                }
            }
        }
        Cached cached = verified.get(key);
        if (cached != null && cached.until().isAfter(now) && cached.presentedHash().equals(Digests.sha256(key + ":" + secret))) {
            return cached.caller();
        }
        Store.Row row = Sql.inTransaction(ds(), c -> Store.byKey(c, key)).orElse(null);
        if (row == null || row.credential().revokedAt() != null
                || !ApiSecrets.matches(row.salt(), row.hash(), secret)) {
            throw new XapiException(401, "unauthenticated", "Unknown or revoked LRS credentials");
        }
        LrsCaller caller = caller(row.credential());
        verified.put(key, new Cached(Digests.sha256(key + ":" + secret), caller, now.plus(CACHE_LIFETIME)));
        return caller;
    }

    static LrsCaller caller(Credential c) {
        ObjectNode authority = JsonNodeFactory.instance.objectNode().put("objectType", "Agent").put("name", c.label());
        authority.putObject("account").put("homePage", AUTHORITY_HOME_PAGE).put("name", c.key());
        return new LrsCaller(c.id(), c.tenantId(), c.read(), c.write(), c.allStatements(), authority);
    }

    /**
     * A session credential: reads and (unless the session says otherwise) writes, within its registration and actor
     * only ({@link SessionScope}).
     */
    static LrsCaller caller(SessionCredentials.Session s) {
        ObjectNode authority = JsonNodeFactory.instance.objectNode().put("objectType", "Agent").put("name", s.label());
        authority.putObject("account").put("homePage", AUTHORITY_HOME_PAGE).put("name", s.id());
        return new LrsCaller(s.id(), s.tenantId(), true, s.mayWrite(), true, authority, s);
    }

    /** Issues a new credential for {@code tenantId}, created by a member of that institution. */
    public Issued issue(String tenantId, String label, Scope scope, String createdBy) {
        return issue(tenantId, label, scope, tenantId, createdBy);
    }

    /**
     * Issues a new credential for {@code tenantId} with a random key and secret, created by {@code createdBy} of
     * {@code createdByTenant} (a platform admin may issue for another institution; ids are unique only within one,
     * so the creator is kept as both: PersonalData.forgetActor).
     */
    public Issued issue(String tenantId, String label, Scope scope, String createdByTenant, String createdBy) {
        return issue(tenantId, label, scope, createdByTenant, createdBy, AuditStep.none());
    }

    /** As {@link #issue(String, String, Scope, String, String)}, with the admin's audit entry in its transaction. */
    public Issued issue(String tenantId, String label, Scope scope, String createdByTenant, String createdBy,
                        AuditStep<Credential> audit) {
        String key = "lrs-" + random(12);
        String secret = random(32);
        return new Issued(create(tenantId, key, secret, label, scope, createdByTenant, createdBy, audit), secret);
    }

    /**
     * Makes sure a credential with this key and secret exists (for hosts seeding demo or service credentials); an
     * existing key is left as it is.
     */
    public Credential ensure(String tenantId, String key, String secret, String label, Scope scope) {
        Optional<Store.Row> existing = Sql.inTransaction(ds(), c -> Store.byKey(c, key));
        return existing.map(Store.Row::credential).orElseGet(() -> create(tenantId, key, secret, label, scope, tenantId, "host",
                AuditStep.none()));
    }

    private Credential create(String tenantId, String key, String secret, String label, Scope scope,
                              String createdByTenant, String createdBy, AuditStep<Credential> audit) {
        if (!(scope.read() || scope.write())) {
            throw new XapiException(400, "invalid-scope", "A credential must allow reading, writing or both");
        }
        String salt = random(16);
        Credential c = new Credential(UUID.randomUUID().toString(), tenantId, key, label, scope.read(), scope.write(),
                scope.allStatements(), createdBy, clock.now(), null);
        Sql.inTransaction(ds(), con -> {
            Store.insert(con, c, createdByTenant, salt, hash(salt, secret));
            audit.record(con, c);
            return null;
        });
        return c;
    }

    /** Revokes a credential of {@code tenantId}; 404 when it has none with that id. */
    public void revoke(String tenantId, String id) {
        revoke(tenantId, id, AuditStep.none());
    }

    /** As {@link #revoke(String, String)}, with the admin's audit entry in its transaction (none on a 404). */
    public void revoke(String tenantId, String id, AuditStep<String> audit) {
        String key = Sql.inTransaction(ds(), c -> {
            String revoked = Store.revoke(c, tenantId, id, clock.now());
            if (revoked == null) {
                throw new XapiException(404, "not-found", "No such credential");
            }
            audit.record(c, id);
            return revoked;
        });
        verified.remove(key);
    }

    /** The credentials of {@code tenantId}, or of every tenant for null. */
    public List<Credential> list(String tenantId) {
        return Sql.inTransaction(ds(), c -> Store.list(c, tenantId));
    }

    private DataSource ds() {
        return database.ready();
    }

    private static String random(int bytes) {
        return ApiSecrets.random(bytes);
    }

    static String hash(String salt, String secret) {
        return ApiSecrets.hash(salt, secret);
    }


    /** SQL of the credential table. */
    static final class Store {

        record Row(Credential credential, String salt, String hash) {
        }

        private static final String COLUMNS = "id, tenant_id, api_key, label, can_read, can_write, all_statements,"
                + " created_by, created_at, revoked_at, secret_salt, secret_hash";

        private Store() {
        }

        static void insert(Connection c, Credential cr, String createdByTenant, String salt, String hash)
                throws SQLException {
            Sql.update(c, "insert into manabi_lrs_credential (" + COLUMNS + ", created_by_tenant)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    cr.id(), cr.tenantId(), cr.key(), cr.label(), cr.read(), cr.write(), cr.allStatements(),
                    cr.createdBy(), Timestamp.from(cr.createdAt()), null, salt, hash, createdByTenant);
        }

        static Optional<Row> byKey(Connection c, String key) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from manabi_lrs_credential where api_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(credential(rs), rs.getString(11), rs.getString(12)))
                            : Optional.empty();
                }
            }
        }

        static String revoke(Connection c, String tenantId, String id, Instant now) throws SQLException {
            String key = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "select api_key from manabi_lrs_credential where id = ? and tenant_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        key = rs.getString(1);
                    }
                }
            }
            if (key != null) {
                Sql.update(c, "update manabi_lrs_credential set revoked_at = ? where id = ? and revoked_at is null",
                        Timestamp.from(now), id);
            }
            return key;
        }

        static List<Credential> list(Connection c, String tenantId) throws SQLException {
            String sql = "select " + COLUMNS + " from manabi_lrs_credential"
                    + (tenantId == null ? "" : " where tenant_id = ?") + " order by created_at, api_key";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (tenantId != null) {
                    ps.setString(1, tenantId);
                }
                List<Credential> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(credential(rs));
                    }
                }
                return all;
            }
        }

        private static Credential credential(ResultSet rs) throws SQLException {
            Timestamp revoked = rs.getTimestamp(10);
            return new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                    rs.getBoolean(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                    revoked == null ? null : revoked.toInstant());
        }
    }
}
