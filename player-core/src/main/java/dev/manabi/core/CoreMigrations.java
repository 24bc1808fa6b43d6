package dev.manabi.core;

import java.util.List;

public final class CoreMigrations implements MigrationSet {

    @Override
    public String module() {
        return "core";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__tenants_and_learners.sql", "V2__courses_and_progress.sql", "V3__content_signing_key.sql",
                "V4__audit_and_personal_data.sql", "V5__learner_audio_preference.sql");
    }

    @Override
    public List<String> after() {
        return List.of();
    }
}
