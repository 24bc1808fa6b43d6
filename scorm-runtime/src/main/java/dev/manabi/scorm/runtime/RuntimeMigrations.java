package dev.manabi.scorm.runtime;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** Tables of the SCORM run-time (attempts, SCO data, shared data): {@code META-INF/manabi/db/scorm_runtime/}. */
public final class RuntimeMigrations implements MigrationSet {

    @Override
    public String module() {
        return "scorm_runtime";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__attempts.sql", "V2__learner_time.sql", "V3__sequencing_state.sql",
                "V4__xapi_sco_attempt.sql");
    }

    @Override
    public List<String> after() {
        return List.of("core", "scorm");
    }
}
