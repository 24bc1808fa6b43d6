package dev.manabi.core;

import java.util.List;

/**
 * The learning records API's table ({@link RecordsCredentials}); a migration module of its own ({@code records}) so
 * that its versions never collide with the core's.
 */
public final class RecordsMigrations implements MigrationSet {

    @Override
    public String module() {
        return "records";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__records_credentials.sql", "V2__records_creator_tenant.sql");
    }
}
