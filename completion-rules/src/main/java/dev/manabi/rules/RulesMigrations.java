package dev.manabi.rules;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The completion rules' tables ({@code manabi_rules_*}), after the core's. */
public final class RulesMigrations implements MigrationSet {

    @Override
    public String module() {
        return "rules";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__completion_rules_awards.sql", "V2__rules_editor_tenant.sql");
    }
}
