package dev.manabi.core;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the retention job ({@link PersonalDataRules#run}) every {@code manabi.privacy.run-every-hours} (24), the first
 * time {@code manabi.privacy.first-run-minutes} (60) after start-up, on the server's default
 * {@code ManagedScheduledExecutorService} (Jakarta Concurrency) when it has one, else on a daemon thread of its own
 * (as the lrs module's outbox drain). {@code manabi.privacy.retention-job=off} leaves it to platform admins
 * ({@code POST /manabi/api/admin/retention/run}). Every server of a cluster runs it: a run finds what another
 * already did done.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    PersonalDataRules rules;

    @Inject
    @ConfigProperty(name = "manabi.privacy.retention-job", defaultValue = "on")
    String enabled;

    @Inject
    @ConfigProperty(name = "manabi.privacy.run-every-hours", defaultValue = "24")
    long everyHours;

    @Inject
    @ConfigProperty(name = "manabi.privacy.first-run-minutes", defaultValue = "60")
    long firstRunMinutes;

    private volatile ScheduledExecutorService executor;
    private volatile boolean ownExecutor;
    private volatile ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if ("off".equalsIgnoreCase(enabled.trim())) {
            LOG.info("Manabi personal data: the daily retention job is off (manabi.privacy.retention-job)");
            return;
        }
        ScheduledExecutorService managed = managedExecutor();
        if (managed != null) {
            executor = managed;
        } else {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "manabi-retention");
                t.setDaemon(true);
                return t;
            });
            ownExecutor = true;
        }
        schedule = executor.scheduleAtFixedRate(this::runQuietly, TimeUnit.MINUTES.toMillis(
                Math.max(0, firstRunMinutes)), TimeUnit.HOURS.toMillis(Math.max(1, everyHours)),
                TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService managedExecutor() {
        try {
            Object found = new InitialContext().lookup(MANAGED_EXECUTOR);
            return found instanceof ScheduledExecutorService s ? s : null;
        } catch (NamingException | RuntimeException noConcurrency) {
            return null;
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        if (ownExecutor && executor != null) {
            executor.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            rules.run(null);
        } catch (RuntimeException e) {
            // The next day's run tries again; a thrown exception would cancel the schedule for good.
            LOG.log(Level.SEVERE, "Manabi personal data: the retention run failed", e);
        }
    }
}
