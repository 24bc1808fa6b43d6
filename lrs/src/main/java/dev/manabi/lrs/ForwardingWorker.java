package dev.manabi.lrs;

import dev.manabi.api.PlayerException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
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
 * Runs {@link ForwardingDelivery#deliverDue()} every {@code manabi.lrs.forwarding.poll-millis} (default 2 s) from
 * application start: on the server's default {@link ManagedScheduledExecutorService} (Jakarta Concurrency 3.0,
 * section 3.2) when the server offers one, otherwise on one daemon thread of its own that stops with the application.
 * {@code manabi.lrs.forwarding.enabled=false} turns delivery off on this server (the outbox still fills).
 */
@ApplicationScoped
public class ForwardingWorker {

    private static final Logger LOG = Logger.getLogger(ForwardingWorker.class.getName());

    @Inject
    ForwardingDelivery delivery;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.poll-millis", defaultValue = "2000")
    long pollMillis;

    private ScheduledExecutorService own;
    private ScheduledFuture<?> task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!enabled) {
            LOG.info("LRS forwarding delivery is off on this server (manabi.lrs.forwarding.enabled=false)");
            return;
        }
        ScheduledExecutorService executor;
        try {
            executor = (ManagedScheduledExecutorService) new InitialContext()
                    .lookup("java:comp/DefaultManagedScheduledExecutorService");
        } catch (NamingException | RuntimeException | LinkageError none) {
            own = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "manabi-lrs-forwarding");
                t.setDaemon(true);
                return t;
            });
            executor = own;
        }
        task = executor.scheduleWithFixedDelay(this::pass, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            delivery.deliverDue();
        } catch (PlayerException e) {
            // The database is not ready yet or gone for a moment: the next pass tries again; the outbox keeps all.
            LOG.log(Level.FINE, "LRS forwarding pass skipped", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "LRS forwarding pass failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        if (own != null) {
            own.shutdownNow();
        }
    }
}
