package dev.manabi.core;

import dev.manabi.api.PlayerException;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host's DataSource, found by JNDI name ({@code manabi.datasource}, default {@code jdbc/manabi}), and the state
 * of its schema. Calls made before the schema is in place fail with 503 {@code database-not-ready} rather than
 * half-working.
 *
 * <p>The schema is brought up to date when the DataSource is first usable, not only at start-up: servers bind an
 * application's own DataSources ({@code @DataSourceDefinition} at {@code java:app/...}, Payara's
 * {@code glassfish-resources.xml}) after the start-up event of the library JARs has fired, so a lookup that fails at
 * start-up works a moment later. Until the migration has succeeded, every {@link #ready()} (a request, the readiness
 * check) tries again, one caller at a time under a lock, at most once per {@link #RETRY_INTERVAL}; the callers in
 * between get the last reason at once instead of each waiting for an unreachable database.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** The shortest time between two migration attempts after a failed one. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    @Inject
    @ConfigProperty(name = "manabi.datasource", defaultValue = "jdbc/manabi")
    String jndiName;

    /** Package-private seams for tests: where the DataSource comes from, and the time between attempts. */
    /**
     * How the DataSource is found by name (JNDI in a server): null when nothing usable is bound. A public JDK
     * interface without checked exceptions, so that a server's contextual proxy can call it and passes it through.
     */
    Function<String, DataSource> lookup = Database::jndi;
    Clock clock = Clock.systemUTC();

    private final ReentrantLock migration = new ReentrantLock();
    private volatile DataSource dataSource;
    private volatile boolean migrated;
    private volatile String schemaProblem = "schema not migrated yet";
    private volatile Instant lastAttempt;

    private static DataSource jndi(String name) {
        try {
            return new InitialContext().lookup(name) instanceof DataSource ds ? ds : null;
        } catch (NamingException notBound) {
            return null;
        }
    }

    /** The host's DataSource, whether or not the schema is current; 503 {@code no-datasource} while there is none. */
    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            ds = lookup.apply(jndiName);
            if (ds == null) {
                throw new PlayerException(503, "no-datasource", "No DataSource at JNDI name '" + jndiName
                        + "' (set manabi.datasource or define it in the server or the application)");
            }
            dataSource = ds;
        }
        return ds;
    }

    /**
     * The DataSource once the schema is current, migrating it first if that has not succeeded yet; 503
     * {@code database-not-ready} with the reason (details {@code {"reason"}}) while it cannot be.
     */
    public DataSource ready() {
        if (!migrated) {
            migrateIfDue();
            if (!migrated) {
                String problem = schemaProblem;
                throw new PlayerException(503, "database-not-ready", "The database is not ready: " + problem,
                        Map.of("reason", problem));
            }
        }
        return dataSource;
    }

    /** At application start: one attempt, whose failure is only logged; the first use tries again. */
    void migrateAtStartup() {
        lookInTheApplicationsContext();
        migrateIfDue();
        if (!migrated) {
            LOG.warning("Manabi schema not migrated at start-up (" + schemaProblem + "); it is migrated when the"
                    + " DataSource is first usable, and until then the API answers 503 database-not-ready");
        }
    }

    /**
     * Names in {@code java:app/} and {@code java:comp/} resolve only in a thread that runs the application's code.
     * The readiness check may run in a thread of the server's own (Payara's health service does), where such a lookup
     * fails for ever, so readiness would stay down until some API call happened to migrate. A contextual proxy of the
     * lookup, made here in the application's context (Jakarta Concurrency 3.0 section 3.3.4, the default context
     * service), runs every later lookup in that context, whichever thread calls. Servers without Jakarta Concurrency
     * keep the plain lookup, which then resolves in the caller's context.
     */
    private void lookInTheApplicationsContext() {
        try {
            ContextService context = (ContextService) new InitialContext().lookup("java:comp/DefaultContextService");
            @SuppressWarnings("unchecked")
            Function<String, DataSource> contextual = context.createContextualProxy(lookup, Function.class);
            lookup = contextual;
        } catch (NamingException | RuntimeException | LinkageError noConcurrency) {
            LOG.fine(() -> "No default context service; the DataSource is looked up in the caller's context: "
                    + noConcurrency);
        }
    }

    private void migrateIfDue() {
        migration.lock();
        try {
            if (migrated) {
                return; // another caller migrated while this one waited for the lock
            }
            Instant now = clock.instant();
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(RETRY_INTERVAL))) {
                return;
            }
            lastAttempt = now;
            try {
                int applied = SchemaMigrator.forClassPath(dataSource()).migrate();
                schemaProblem = null;
                migrated = true;
                LOG.info("Manabi schema current at '" + jndiName + "' (" + applied + " scripts applied)");
            } catch (SQLException | RuntimeException e) {
                // A PlayerException's message is already meant for callers; others are the database's own words,
                // which name no server directories.
                String problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                if (!problem.equals(schemaProblem)) {
                    // No DataSource yet is expected on some servers (see above): said without a stack trace.
                    LOG.log(Level.WARNING, "Manabi schema migration not possible yet: " + problem,
                            e instanceof PlayerException ? null : e);
                }
                schemaProblem = problem;
            }
        } finally {
            migration.unlock();
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
