package dev.manabi.lrs;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The LRS tables; listed in {@code META-INF/services/dev.manabi.core.MigrationSet}. */
public final class LrsMigrations implements MigrationSet {

    @Override
    public String module() {
        return "lrs";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__lrs.sql", "V2__lrs_forwarding.sql", "V3__lrs_forwarding_secret_sealed.sql",
                "V4__lrs_write_path.sql", "V5__lrs_lookup_keys.sql",
                "V6__lrs_creator_tenant.sql", "V7__lrs_statement_attachment.sql");
    }
}
