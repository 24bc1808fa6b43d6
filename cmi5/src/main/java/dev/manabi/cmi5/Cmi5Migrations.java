package dev.manabi.cmi5;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The cmi5 tables; listed in {@code META-INF/services/dev.manabi.core.MigrationSet}. */
public final class Cmi5Migrations implements MigrationSet {

    @Override
    public String module() {
        return "cmi5";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__cmi5.sql", "V2__cmi5_statement_rules.sql",
                "V3__cmi5_session_mastery_score.sql", "V4__cmi5_progress.sql", "V5__cmi5_launch_lock.sql",
                "V6__cmi5_session_score.sql");
    }
}
