package dev.manabi.book;

import dev.manabi.core.MigrationSet;
import java.util.List;

/** The book tables; listed in {@code META-INF/services/dev.manabi.core.MigrationSet}. */
public final class BookMigrations implements MigrationSet {

    @Override
    public String module() {
        return "book";
    }

    @Override
    public List<String> scripts() {
        return List.of("V1__books.sql");
    }
}
