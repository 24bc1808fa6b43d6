package dev.manabi.core;

import dev.manabi.api.PlayerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Credentials an institution's admin issues for the institution's own systems (a student information system pulling
 * grades): HTTP Basic key and secret, read-only, valid for the learning records endpoints only and only for that
 * institution's members (README "Learning records"). Key and secret are made, hashed and checked by
 * {@link ApiSecrets}, as the LRS's credentials are; the secret is in the answer to the issuing call only.
 */
@ApplicationScoped
public class RecordsCredentials {

    /** Every records key starts with this, so a host's sign-in can leave such Basic credentials to the SDK. */
    public static final String KEY_PREFIX = "rec-";

    @Inject
    Database database;

    /** Time of issue and revocation; tests replace it. */
    Clock clock = Clock.systemUTC();

    /** A credential as admins see it (never the secret). */
    public record Credential(String id, String tenantId, String key, String label, String createdBy, Instant createdAt,
                             Instant revokedAt) {
    }

    /** A newly issued credential with its secret, shown this once. */
    public record Issued(Credential credential, String secret) {
    }

    /** Whether an {@code Authorization} header presents a records key (not necessarily a valid one). */
    public static boolean presentsRecordsKey(String authorization) {
        return ApiSecrets.basic(authorization).filter(p -> p.key().startsWith(KEY_PREFIX)).isPresent();
    }

    /** The credential a Basic header presents; 401 {@code invalid-credentials} when unknown, wrong or revoked. */
    public Credential authenticate(String authorization) {
        ApiSecrets.Presented presented = ApiSecrets.basic(authorization).orElseThrow(PlayerException::unauthenticated);
        Optional<Store.Row> row = Sql.inTransaction(ds(), c -> Store.byKey(c, presented.key()));
        if (row.isEmpty() || row.get().credential().revokedAt() != null
                || !ApiSecrets.matches(row.get().salt(), row.get().hash(), presented.secret())) {
            throw new PlayerException(401, "invalid-credentials", "Unknown or revoked learning records credentials");
        }
        return row.get().credential();
    }

    /** Issues a credential for {@code tenantId}, created by a member of that institution. */
    public Issued issue(String tenantId, String label, String createdBy) {
        return issue(tenantId, label, tenantId, createdBy);
    }

    /**
     * Issues a credential for {@code tenantId} created by {@code createdBy} of {@code createdByTenant} (a platform
     * admin may issue for another institution; the creator is kept as both: PersonalData.forgetActor).
     */
    public Issued issue(String tenantId, String label, String createdByTenant, String createdBy) {
        String secret = ApiSecrets.random(32);
        String salt = ApiSecrets.random(16);
        Credential c = new Credential(UUID.randomUUID().toString(), tenantId, KEY_PREFIX + ApiSecrets.random(12), label,
                createdBy, clock.instant(), null);
        Sql.inTransaction(ds(), con -> Sql.update(con, "insert into manabi_records_credential (id, tenant_id, api_key,"
                + " secret_salt, secret_hash, label, created_by, created_at, created_by_tenant)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.tenantId(), c.key(), salt,
                ApiSecrets.hash(salt, secret), c.label(), c.createdBy(), Timestamp.from(c.createdAt()),
                createdByTenant));
        return new Issued(c, secret);
    }

    /** The credentials of {@code tenantId}, revoked ones included. */
    public List<Credential> list(String tenantId) {
        return Sql.inTransaction(ds(), c -> Store.list(c, tenantId));
    }

    /** Revokes a credential of {@code tenantId}; 404 when that institution has none with this id. */
    public void revoke(String tenantId, String id) {
        int changed = Sql.inTransaction(ds(), c -> Sql.update(c, "update manabi_records_credential set revoked_at = ?"
                + " where id = ? and tenant_id = ? and revoked_at is null", Timestamp.from(clock.instant()), id, tenantId));
        if (changed == 0 && list(tenantId).stream().noneMatch(c -> c.id().equals(id))) {
            throw PlayerException.notFound("No such credential in this institution");
        }
    }

    private DataSource ds() {
        return database.ready();
    }

    /** SQL of the credential table. */
    static final class Store {

        record Row(Credential credential, String salt, String hash) {
        }

        private static final String COLUMNS = "id, tenant_id, api_key, label, created_by, created_at, revoked_at,"
                + " secret_salt, secret_hash";

        private Store() {
        }

        static Optional<Row> byKey(Connection c, String key) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from manabi_records_credential where api_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(credential(rs), rs.getString(8), rs.getString(9)))
                            : Optional.empty();
                }
            }
        }

        static List<Credential> list(Connection c, String tenantId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from manabi_records_credential where tenant_id = ? order by created_at, api_key")) {
                ps.setString(1, tenantId);
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
            Timestamp revoked = rs.getTimestamp(7);
            return new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getTimestamp(6).toInstant(), revoked == null ? null : revoked.toInstant());
        }
    }
}
