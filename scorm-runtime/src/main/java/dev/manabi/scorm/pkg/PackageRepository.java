package dev.manabi.scorm.pkg;

import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.core.ContentStore;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import dev.manabi.scorm.seq.model.ActivityTree;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Imported packages: their parsed manifests (stored as JSON, never re-parsed) and where their files lie.
 *
 * <p>Files of package {@code P} are at {@code <content root>/packages/P/} and are served at
 * {@code /manabi/content/P/...}. Package versions are immutable: a new upload makes a new version, older versions
 * keep their files and rows so running attempts can finish on them.
 */
@ApplicationScoped
public class PackageRepository {

    private final java.util.Map<String, ActivityTree> sequencingCache =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Package and line ids are generated UUIDs; anything else never names a directory. */
    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    Database database;

    @Inject
    ContentStore contentStore;

    private final Map<String, String> courseOfPackage = new ConcurrentHashMap<>();

    /**
     * Recently used versions. Every SCORM commit needs its package's activity tree, and versions never change once
     * stored, so a cached one is never stale; the bound keeps memory flat with thousands of packages.
     */
    private final Map<String, ScormPackage> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ScormPackage> eldest) {
                    return size() > RECENT_PACKAGES;
                }
            });

    private static final int RECENT_PACKAGES = 256;

    /** A package version by its id. */
    /**
     * The SCORM 2004 sequencing model stored at import for this package version (immutable, so cached), or empty
     * for SCORM 1.2 packages and versions imported before sequencing was stored.
     */
    public Optional<ActivityTree> sequencing(String packageId) {
        ActivityTree cached = sequencingCache.get(packageId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ActivityTree> tree = Store.sequencingJson(database.ready(), packageId)
                .map(json -> SequencingJson.read(json, () -> find(packageId).flatMap(ScormPackage::organization)
                        .map(Organization::objectivesGlobalToSystem).orElse(true)));
        tree.ifPresent(t -> sequencingCache.put(packageId, t));
        return tree;
    }

    public Optional<ScormPackage> find(String packageId) {
        if (packageId == null || !ID.matcher(packageId).matches()) {
            return Optional.empty();
        }
        ScormPackage cached = recent.get(packageId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ScormPackage> found = Store.find(database.ready(), packageId);
        found.ifPresent(p -> recent.put(packageId, p));
        return found;
    }

    /** The newest version of a line (the course component's ref). */
    public Optional<ScormPackage> latestOfLine(String lineId) {
        if (lineId == null || !ID.matcher(lineId).matches()) {
            return Optional.empty();
        }
        return Store.latestOfLine(database.ready(), lineId);
    }

    /**
     * The course a package version belongs to, without reading its tree: what content delivery checks on every
     * file request. The answer never changes for a package id, so it is cached.
     */
    public Optional<String> courseIdOf(String packageId) {
        if (packageId == null || !ID.matcher(packageId).matches()) {
            return Optional.empty();
        }
        String cached = courseOfPackage.get(packageId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> found = Store.courseIdOf(database.ready(), packageId);
        if (found.isPresent() && courseOfPackage.size() < 10_000) {
            courseOfPackage.put(packageId, found.get());
        }
        return found;
    }

    /** Every version of a line, oldest first. */
    public List<ScormPackage> versions(String lineId) {
        return Store.versions(database.ready(), lineId);
    }

    /** The validation warnings recorded when the package was imported (errors are never stored). */
    public List<Problem> problems(String packageId) {
        return Store.problems(database.ready(), packageId);
    }

    /** Latest version of every line owned by {@code tenantId}, or of every line when {@code tenantId} is null. */
    public List<ScormPackage> latestPerLine(String tenantId) {
        return Store.latestPerLine(database.ready(), tenantId);
    }

    /** The directory holding the package's files; 404 for an id that cannot be a package id. */
    public Path contentRoot(String packageId) {
        return contentRoot(contentStore.root(), packageId);
    }

    static Path contentRoot(Path storeRoot, String packageId) {
        if (packageId == null || !ID.matcher(packageId).matches()) {
            throw PlayerException.notFound("No package '" + packageId + "'");
        }
        return storeRoot.resolve("packages").resolve(packageId);
    }

    /** A line: the versions of one package in one course variant. */
    record Line(String id, String ownerTenantId, String manifestIdentifier, String courseId, String language) {
    }

    /** What the importer stores for one new version; {@code sequencing} is null for SCORM 1.2 and cmi5/xAPI. */
    record NewVersion(ScormPackage pkg, List<Problem> problems, int fileCount, long contentBytes,
                      String importedBy, ActivityTree sequencing) {
    }

    static final class Store {

        private static final String SELECT = "select p.id, p.line_id, l.course_id, l.owner_tenant_id,"
                + " l.manifest_identifier, p.version, p.edition, p.title_json, p.tree_json, p.imported_at"
                + " from manabi_scorm_package p join manabi_scorm_line l on l.id = p.line_id";

        private Store() {
        }

        static Optional<ScormPackage> find(DataSource ds, String packageId) {
            return Sql.inTransaction(ds, c -> one(c, SELECT + " where p.id = ?", packageId));
        }

        static Optional<ScormPackage> latestOfLine(DataSource ds, String lineId) {
            return Sql.inTransaction(ds, c -> one(c, SELECT + " where p.line_id = ? order by p.version desc",
                    lineId));
        }

        static List<ScormPackage> versions(DataSource ds, String lineId) {
            return Sql.inTransaction(ds, c -> many(c, SELECT + " where p.line_id = ? order by p.version", lineId));
        }

        static List<ScormPackage> latestPerLine(DataSource ds, String tenantId) {
            String latest = " p.version = (select max(v.version) from manabi_scorm_package v where v.line_id = p.line_id)";
            return Sql.inTransaction(ds, c -> tenantId == null
                    ? many(c, SELECT + " where" + latest + " order by l.created_at, l.id")
                    : many(c, SELECT + " where l.owner_tenant_id = ? and" + latest + " order by l.created_at, l.id",
                    tenantId));
        }

        static Optional<String> courseIdOf(DataSource ds, String packageId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select l.course_id from manabi_scorm_package p"
                        + " join manabi_scorm_line l on l.id = p.line_id where p.id = ?")) {
                    ps.setString(1, packageId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        static List<Problem> problems(DataSource ds, String packageId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select problems_json from manabi_scorm_package where id = ?")) {
                    ps.setString(1, packageId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? TreeJson.readProblems(rs.getString(1)) : List.<Problem>of();
                    }
                }
            });
        }

        /**
         * The line a new upload continues: with a course, the line of that course with the same manifest identifier
         * and language; without, the tenant's oldest line with that manifest identifier.
         */
        static Optional<Line> findLine(Connection c, String tenantId, String manifestIdentifier, String courseId,
                                       String language) throws SQLException {
            String sql = "select id, owner_tenant_id, manifest_identifier, course_id, language from manabi_scorm_line"
                    + " where owner_tenant_id = ? and manifest_identifier = ?"
                    + (courseId == null ? "" : " and course_id = ?") + " order by created_at, id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tenantId);
                ps.setString(2, manifestIdentifier);
                if (courseId != null) {
                    ps.setString(3, courseId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Line> lines = new ArrayList<>();
                    while (rs.next()) {
                        lines.add(new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                    if (courseId == null) {
                        return lines.stream().findFirst();
                    }
                    return lines.stream().filter(l -> language == null ? l.language() == null
                            : language.equalsIgnoreCase(l.language())).findFirst();
                }
            }
        }

        static void insertLine(Connection c, Line line, Timestamp now) throws SQLException {
            Sql.update(c, "insert into manabi_scorm_line (id, owner_tenant_id, manifest_identifier, course_id,"
                    + " language, created_at) values (?, ?, ?, ?, ?, ?)", line.id(), line.ownerTenantId(),
                    line.manifestIdentifier(), line.courseId(), line.language(), now);
        }

        static int nextVersion(Connection c, String lineId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(max(version), 0) from manabi_scorm_package where line_id = ?")) {
                ps.setString(1, lineId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) + 1;
                }
            }
        }

        static void insertVersion(Connection c, NewVersion v) throws SQLException {
            ScormPackage p = v.pkg();
            Sql.update(c, "insert into manabi_scorm_package (id, line_id, version, edition, title_json, tree_json,"
                    + " problems_json, file_count, content_bytes, imported_by, imported_at, sequencing_json)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.lineId(), p.version(),
                    p.edition().name(), TreeJson.write(p.title()),
                    TreeJson.write(new TreeJson.StoredTree(p.defaultOrganization(), p.organizations(),
                            p.sequencingCollectionXml())),
                    TreeJson.write(v.problems()), v.fileCount(), v.contentBytes(), v.importedBy(),
                    Timestamp.from(p.importedAt()), v.sequencing() == null ? null : SequencingJson.write(v.sequencing()));
        }

        static Optional<String> sequencingJson(DataSource ds, String packageId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select sequencing_json from manabi_scorm_package where id = ?")) {
                    ps.setString(1, packageId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        private static Optional<ScormPackage> one(Connection c, String sql, String... params) throws SQLException {
            return many(c, sql, params).stream().findFirst();
        }

        private static List<ScormPackage> many(Connection c, String sql, String... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<ScormPackage> out = new ArrayList<>();
                    while (rs.next()) {
                        TreeJson.StoredTree tree = TreeJson.readTree(rs.getString(9));
                        out.add(new ScormPackage(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), ScormEdition.valueOf(rs.getString(7)),
                                TreeJson.readTitle(rs.getString(8)), tree.defaultOrganization(),
                                tree.organizations(), rs.getTimestamp(10).toInstant(),
                                tree.sequencingCollectionXml()));
                    }
                    return out;
                }
            }
        }
    }
}
