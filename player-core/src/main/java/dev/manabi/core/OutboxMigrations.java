package dev.manabi.core;

import java.util.List;

/**
 * The statement outbox's table ({@link StatementOutbox}); a migration module of its own ({@code outbox}) so that its
 * versions never collide with the core's.
 */
public final class OutboxMigrations implements MigrationSet {

    @Override
    public String module() {
        return "outbox";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__statement_outbox.sql");
    }
}
