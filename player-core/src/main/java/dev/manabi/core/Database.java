package dev.manabi.core;

import dev.manabi.api.PlayerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host's DataSource, found by JNDI name ({@code manabi.datasource}, default {@code jdbc/manabi}), and the state
 * of its schema. Calls made before the schema is in place fail with 503 rather than half-working.
 */
@ApplicationScoped
public class Database {

    @Inject
    @ConfigProperty(name = "manabi.datasource", defaultValue = "jdbc/manabi")
    String jndiName;

    private volatile DataSource dataSource;
    private volatile String schemaProblem = "schema not migrated yet";

    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            try {
                ds = (DataSource) new InitialContext().lookup(jndiName);
            } catch (NamingException | ClassCastException e) {
                throw new PlayerException(503, "no-datasource", "No DataSource at JNDI name '" + jndiName
                        + "' (set manabi.datasource or define it in the server)");
            }
            dataSource = ds;
        }
        return ds;
    }

    /** The DataSource once the schema is current; 503 otherwise. */
    public DataSource ready() {
        if (schemaProblem != null) {
            throw new PlayerException(503, "database-not-ready", "The database is not ready: " + schemaProblem);
        }
        return dataSource();
    }

    void migrate() {
        try {
            SchemaMigrator.forClassPath(dataSource()).migrate();
            schemaProblem = null;
        } catch (SQLException | RuntimeException e) {
            schemaProblem = e.getMessage();
            throw new IllegalStateException("Manabi schema migration failed: " + e.getMessage(), e);
        }
    }

    /** Null when ready; otherwise why not. */
    String schemaProblem() {
        return schemaProblem;
    }

    String jndiName() {
        return jndiName;
    }
}
