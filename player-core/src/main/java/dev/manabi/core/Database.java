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
 * check) tries again, one caller at a time, at most once per {@link #RETRY_INTERVAL} after the end of the last
 * attempt; while a retry runs, other callers get the last reason at once instead of waiting for an unreachable
 * database (only the very first attempt is waited for, so concurrent first uses share its outcome).
 *
 * <p>Callers (the API's 503, the public readiness check) get a stable reason code and a plain message, never the
 * database's or driver's own words: those name hosts, users, schemas and sometimes the password's rejection, and are
 * written to the server log only (OWASP ASVS 4.0 V7.4.1: errors shown to users carry no sensitive data).
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** {@link #notReadyReason()} while no DataSource is bound at the configured name. */
    public static final String NO_DATASOURCE = "no-datasource";
    /** {@link #notReadyReason()} while the DataSource is bound but connecting or migrating fails. */
    public static final String MIGRATION_FAILED = "migration-failed";
    /** {@link #notReadyReason()} before the first attempt. */
    public static final String NOT_MIGRATED_YET = "not-migrated-yet";

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
    /** The last failure in full, for the server log only. */
    private volatile String schemaProblem = "schema not migrated yet";
    private volatile String notReadyReason = NOT_MIGRATED_YET;
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
     * {@code database-not-ready} with a stable reason code (details {@code {"reason"}}: {@link #NO_DATASOURCE},
     * {@link #MIGRATION_FAILED}, {@link #NOT_MIGRATED_YET}) while it cannot be. The cause itself is in the log.
     */
    public DataSource ready() {
        if (!migrated) {
            migrateIfDue();
            if (!migrated) {
                throw new PlayerException(503, "database-not-ready",
                        "The database is not ready yet; try again shortly.", Map.of("reason", notReadyReason));
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
        if (lastAttempt == null) {
            migration.lock(); // the first attempt: concurrent first uses wait for it and share its outcome
        } else if (!migration.tryLock()) {
            // A retry after a failure is running (a database that takes a connection timeout to refuse): this caller
            // answers with the last reason at once instead of queueing for an attempt of its own.
            return;
        }
        try {
            if (migrated) {
                return; // another caller migrated while this one waited for the lock
            }
            // The interval runs from the end of the last attempt, so callers that waited out a slow one do not each
            // make their own (a slow failure would otherwise be repeated once per waiting caller).
            if (lastAttempt != null && clock.instant().isBefore(lastAttempt.plus(RETRY_INTERVAL))) {
                return;
            }
            try {
                int applied = SchemaMigrator.forClassPath(dataSource()).migrate();
                schemaProblem = null;
                notReadyReason = null;
                migrated = true;
                LOG.info("Manabi schema current at '" + jndiName + "' (" + applied + " scripts applied)");
            } catch (SQLException | RuntimeException e) {
                // The database's own words go to the log, once per distinct problem; callers get the code only.
                String problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                if (!problem.equals(schemaProblem)) {
                    // No DataSource yet is expected on some servers (see above): said without a stack trace.
                    LOG.log(Level.WARNING, "Manabi schema migration not possible yet: " + problem,
                            e instanceof PlayerException ? null : e);
                }
                schemaProblem = problem;
                notReadyReason = e instanceof PlayerException p && NO_DATASOURCE.equals(p.code())
                        ? NO_DATASOURCE : MIGRATION_FAILED;
            } finally {
                lastAttempt = clock.instant();
            }
        } finally {
            migration.unlock();
        }
    }

    /** Null when ready; otherwise why not, in full (for the log and tests, never for callers). */
    String schemaProblem() {
        return schemaProblem;
    }

    /** Null when ready; otherwise the stable reason code callers see. */
    String notReadyReason() {
        return notReadyReason;
    }

    String jndiName() {
        return jndiName;
    }
}
