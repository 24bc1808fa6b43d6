package dev.manabi.scorm.pkg;

import dev.manabi.core.MigrationSet;
import java.util.List;

/**
 * The schema of the SCORM module ({@code META-INF/manabi/db/scorm/}). Both halves of the module (packages and
 * runtime) add their scripts here, in version order; applied scripts are never edited.
 */
public final class ScormMigrations implements MigrationSet {

    @Override
    public String module() {
        return "scorm";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__packages.sql", "V2__sequencing.sql");
    }
}
