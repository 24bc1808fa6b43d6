package dev.manabi.tincan;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.core.Database;
import dev.manabi.core.Json;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The stored tincan.xml of each imported package version. */
@ApplicationScoped
public class TincanVersions {

    @Inject
    Database database;

    /**
     * One stored version.
     *
     * @param packageId the package version id (its files: the content store's {@code packages/<packageId>})
     * @param lineId    the package line: the course component's ref
     */
    public record TincanVersion(String packageId, String lineId, String courseId, String ownerTenantId, int version,
                                TincanPackage tincan, Instant importedAt) {
    }

    /** The newest version of the package line {@code lineId}. */
    public Optional<TincanVersion> latest(String lineId) {
        return Sql.inTransaction(database.ready(), c -> Store.latest(c, lineId));
    }

    /** The SQL of {@code manabi_tincan_version}. */
    static final class Store {

        private static final String COLUMNS = "package_id, line_id, course_id, owner_tenant_id, version, tincan,"
                + " imported_at";

        private Store() {
        }

        static void insert(Connection c, PackageFormat.StoredVersion v, TincanPackage tincan) throws SQLException {
            String json;
            try {
                json = Json.mapper().writeValueAsString(tincan);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A tincan package always serializes", e);
            }
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            Sql.update(c, "insert into manabi_tincan_version (package_id, line_id, course_id, owner_tenant_id,"
                    + " version, root_activity_id, tincan, imported_at) values (?,?,?,?,?,?,"
                    + (postgres ? "cast(? as jsonb)" : "?") + ",?)", v.packageId(), v.lineId(), v.courseId(),
                    v.ownerTenantId(), v.version(), tincan.rootActivity().id(), json, Timestamp.from(v.importedAt()));
        }

        static Optional<TincanVersion> latest(Connection c, String lineId) throws SQLException {
            return first(c, "line_id = ? order by version desc", lineId);
        }

        static Optional<TincanVersion> byPackage(Connection c, String packageId) throws SQLException {
            return first(c, "package_id = ?", packageId);
        }

        private static Optional<TincanVersion> first(Connection c, String where, String value) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from manabi_tincan_version"
                    + " where " + where)) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    TincanPackage tincan;
                    try {
                        tincan = Json.mapper().readValue(rs.getString(6), TincanPackage.class);
                    } catch (JsonProcessingException e) {
                        throw new SQLException("Stored tincan.xml model unreadable", e);
                    }
                    return Optional.of(new TincanVersion(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), tincan, rs.getTimestamp(7).toInstant()));
                }
            }
        }
    }
}
