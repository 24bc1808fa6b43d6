package dev.manabi.scorm.pkg;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.ContentStore;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The SCORM beans wired by hand on the core's {@link CoreFixtures} (a test database and a temporary content
 * directory), for the tests of the package and run-time packages. A second instance on the same database and
 * directory is what a server restart leaves: nothing but what was stored.
 */
public final class TestPlatform {

    public final CoreFixtures core;
    public final DataSource dataSource;
    public final Path contentRoot;
    public final Database database;
    public final ContentStore contentStore;
    public final CourseCatalog catalog;
    public final PackageRepository repository;
    public final PackageImporter importer;

    public TestPlatform(DataSource dataSource, Path contentRoot) {
        this.core = new CoreFixtures(dataSource, contentRoot);
        this.dataSource = dataSource;
        this.contentRoot = contentRoot;
        this.database = core.database;
        this.contentStore = core.contentStore;
        this.catalog = core.catalog;
        this.repository = new PackageRepository();
        repository.database = database;
        repository.contentStore = contentStore;
        this.importer = new PackageImporter();
        importer.database = database;
        importer.contentStore = contentStore;
        importer.catalog = catalog;
        importer.limitsOverride = ImportLimits.DEFAULTS;
    }

    public static LearnerContext person(String id, String tenant, Role... roles) {
        return new LearnerContext(id, id, null, new Tenant(tenant, tenant), Set.of(roles), null);
    }
}
