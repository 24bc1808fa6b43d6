package dev.manabi.tincan;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The tincan tables; listed in {@code META-INF/services/dev.manabi.core.MigrationSet}. */
public final class TincanMigrations implements MigrationSet {

    @Override
    public String module() {
        return "tincan";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__tincan.sql", "V2__tincan_credential_actor.sql", "V3__tincan_credential_package.sql");
    }
}
