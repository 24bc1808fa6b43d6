package dev.manabi.cmi5;

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

/** The stored cmi5 course structures, one per imported package version. */
@ApplicationScoped
public class CourseVersions {

    @Inject
    Database database;

    /**
     * One stored version.
     *
     * @param packageId     the package version id (its files: the content store's {@code packages/<packageId>})
     * @param lineId        the package line: the course component's ref
     * @param courseIri     the course structure's course id (13.1.1)
     */
    public record CourseVersion(String packageId, String lineId, String courseId, String ownerTenantId, int version,
                                String courseIri, CourseStructure structure, Instant importedAt) {
    }

    /** The newest version of the package line {@code lineId}. */
    public Optional<CourseVersion> latest(String lineId) {
        return Sql.inTransaction(database.ready(), c -> Store.latest(c, lineId));
    }

    /** The SQL of {@code manabi_cmi5_course_version}. */
    static final class Store {

        private static final String COLUMNS = "package_id, line_id, course_id, owner_tenant_id, version, course_iri,"
                + " structure, imported_at";

        private Store() {
        }

        static void insert(Connection c, PackageFormat.StoredVersion v, CourseStructure structure)
                throws SQLException {
            String json;
            try {
                json = Json.mapper().writeValueAsString(structure);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A course structure always serializes", e);
            }
            Sql.update(c, "insert into manabi_cmi5_course_version (" + COLUMNS + ") values (?,?,?,?,?,?,"
                    + jsonParameter(c) + ",?)", v.packageId(), v.lineId(), v.courseId(), v.ownerTenantId(),
                    v.version(), structure.course().id(), json, Timestamp.from(v.importedAt()));
        }

        static Optional<CourseVersion> latest(Connection c, String lineId) throws SQLException {
            return one(c, "line_id = ? order by version desc", lineId);
        }

        static Optional<CourseVersion> byPackage(Connection c, String packageId) throws SQLException {
            return one(c, "package_id = ?", packageId);
        }

        private static Optional<CourseVersion> one(Connection c, String where, String value) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                    + " from manabi_cmi5_course_version where " + where)) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    CourseStructure structure;
                    try {
                        structure = Json.mapper().readValue(rs.getString(7), CourseStructure.class);
                    } catch (JsonProcessingException e) {
                        throw new SQLException("Stored cmi5 course structure unreadable", e);
                    }
                    return Optional.of(new CourseVersion(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), structure,
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }

        /** {@code ${json}} is jsonb on PostgreSQL, bound from text with a cast. */
        static String jsonParameter(Connection c) throws SQLException {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? "cast(? as jsonb)" : "?";
        }
    }
}
