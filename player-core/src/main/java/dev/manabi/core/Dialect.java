package dev.manabi.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL dialects the SDK is tested on. */
final class Dialect {

    public static final String POSTGRESQL = "postgresql";
    public static final String H2 = "h2";

    private Dialect() {
    }

    public static String of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("Unsupported database '" + product + "': use PostgreSQL or H2");
    }
}
