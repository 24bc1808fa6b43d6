package dev.manabi.scorm.pkg;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.ContentStore;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;

/** The SDK beans the importer needs, wired by hand on a test database and a temporary content directory. */
final class TestPlatform {

    final DataSource dataSource;
    final Path contentRoot;
    final Database database;
    final ContentStore contentStore;
    final CourseCatalog catalog;
    final PackageRepository repository;
    final PackageImporter importer;

    TestPlatform(DataSource dataSource, Path contentRoot) {
        this.dataSource = dataSource;
        this.contentRoot = contentRoot;
        this.database = new Database() {
            @Override
            public DataSource ready() {
                return dataSource;
            }
        };
        this.contentStore = new ContentStore() {
            @Override
            public Path root() {
                return contentRoot;
            }
        };
        this.catalog = new CourseCatalog();
        inject(catalog, "database", database);
        this.repository = new PackageRepository();
        repository.database = database;
        repository.contentStore = contentStore;
        this.importer = new PackageImporter();
        importer.database = database;
        importer.contentStore = contentStore;
        importer.catalog = catalog;
        importer.limitsOverride = ImportLimits.DEFAULTS;
    }

    static LearnerContext person(String id, String tenant, Role... roles) {
        return new LearnerContext(id, id, null, new Tenant(tenant, tenant), Set.of(roles), null);
    }

    /** Sets a package-private field of an SDK bean (what CDI does in the server). */
    static void inject(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
