package dev.manabi.badges;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The badge tables; listed in {@code META-INF/services/dev.manabi.core.MigrationSet}. */
public final class BadgeMigrations implements MigrationSet {

    @Override
    public String module() {
        return "badges";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__badges.sql", "V2__ob3_keys_and_status.sql",
                "V3__status_tombstones.sql", "V4__withdrawn_badges.sql",
                "V5__revoker_tenant.sql");
    }
}
