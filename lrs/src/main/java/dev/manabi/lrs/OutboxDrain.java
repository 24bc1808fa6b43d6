package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.StatementOutbox;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes the statements content modules wrote into the core's {@link StatementOutbox} into each tenant's statements
 * ({@link StatementLedger}): in outbox order, at least once (rows leave the outbox only after the ledger committed
 * them), idempotent by statement id (a row delivered again is recognised as the same statement and not stored twice,
 * 2.0 Part Three 2.1.2). Every statement is checked by the {@link StatementValidator} like any client's; one the
 * validator refuses is marked refused in the outbox with the reason and no longer holds up the rows after it.
 *
 * <p>Driven by a worker: the server's default {@code ManagedScheduledExecutorService} when it has one (Jakarta
 * Concurrency), else one daemon thread this module owns; it polls every {@code manabi.xapi.outbox.poll-seconds}
 * (default 5) and drains soon after {@link StatementOutbox#queued()} says a transaction with statements committed:
 * {@code manabi.xapi.outbox.drain-delay-millis} later (default 200), so the statements of every commit in that window
 * enter the ledger in one write. Under load that is the difference between one ledger transaction per learner commit
 * and one per window (the load profile of issue 11 found the drain costing as much server CPU as the commits); a
 * statement reaches the LRS a fraction of a second later. 0 drains at once.
 * In a cluster every server drains: a row two servers take at once is stored once (statement id).
 */
@ApplicationScoped
public class OutboxDrain {

    private static final Logger LOG = Logger.getLogger(OutboxDrain.class.getName());
    static final int BATCH = 100;
    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";

    /** The authority of statements the player itself writes about its learners (2.0 Part Two 2.4.9). */
    static final ObjectNode AUTHORITY = PlatformCaller.authority();

    @Inject
    StatementOutbox outbox;

    @Inject
    StatementLedger ledger;

    @Inject
    @ConfigProperty(name = "manabi.xapi.outbox.poll-seconds", defaultValue = "5")
    long pollSeconds;

    @Inject
    @ConfigProperty(name = "manabi.xapi.outbox.drain-delay-millis", defaultValue = "200")
    long drainDelayMillis;

    private final ReentrantLock draining = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final StatementValidator validator = new StatementValidator(XapiVersion.V2_0_0);
    volatile ScheduledExecutorService executor; // package-private: tests hand it their own
    private volatile boolean ownExecutor;
    private volatile ScheduledFuture<?> polling;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ScheduledExecutorService managed = managedExecutor();
        if (managed != null) {
            executor = managed;
        } else {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "manabi-statement-outbox");
                t.setDaemon(true);
                return t;
            });
            ownExecutor = true;
        }
        long every = Math.max(1, pollSeconds);
        polling = executor.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.SECONDS);
        outbox.whenQueued(this::requestDrain);
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
        outbox.whenQueued(null);
        if (polling != null) {
            polling.cancel(false);
        }
        if (ownExecutor && executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Drains on the worker after the drain delay; requests arriving while one waits are folded into it (one ledger
     * write for all of them). A request arriving while a drain runs schedules the next one.
     */
    void requestDrain() {
        ScheduledExecutorService e = executor;
        if (e != null && requested.compareAndSet(false, true)) {
            Runnable drainNow = () -> {
                requested.set(false);
                drainQuietly();
            };
            if (drainDelayMillis > 0) {
                e.schedule(drainNow, drainDelayMillis, TimeUnit.MILLISECONDS);
            } else {
                e.execute(drainNow);
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // Database not ready or failing: the rows stay and the next poll tries again.
            LOG.log(Level.WARNING, "Statement outbox not drained now; the next poll tries again", e);
        }
    }

    /** Moves every pending statement into the ledger, one drain at a time; answers how many were delivered. */
    public int drain() {
        draining.lock();
        try {
            int delivered = 0;
            while (true) {
                List<StatementOutbox.Queued> batch = outbox.pending(BATCH);
                if (batch.isEmpty()) {
                    return delivered;
                }
                int from = 0;
                while (from < batch.size()) {
                    // Runs of one tenant in outbox order: each run is one ledger write.
                    String tenant = batch.get(from).tenantId();
                    int to = from;
                    while (to < batch.size() && batch.get(to).tenantId().equals(tenant)) {
                        to++;
                    }
                    delivered += deliver(tenant, batch.subList(from, to));
                    from = to;
                }
                if (batch.size() < BATCH) {
                    return delivered;
                }
            }
        } finally {
            draining.unlock();
        }
    }

    private int deliver(String tenantId, List<StatementOutbox.Queued> run) {
        LrsCaller caller = PlatformCaller.of(tenantId);
        try {
            List<ObjectNode> statements = new ArrayList<>();
            for (StatementOutbox.Queued q : run) {
                validator.validate(q.statement());
                statements.add(q.statement().deepCopy());
            }
            ledger.store(caller, statements, List.of());
            outbox.delivered(run.stream().map(StatementOutbox.Queued::seq).toList());
            return run.size();
        } catch (RuntimeException failedInBatch) {
            // Find the one refused (all or nothing per ledger write): one by one, in order.
            int delivered = 0;
            for (StatementOutbox.Queued q : run) {
                if (deliverOne(caller, tenantId, q)) {
                    delivered++;
                }
            }
            return delivered;
        }
    }

    /**
     * One statement into the ledger; a statement the LRS refuses (4xx) or cannot store even when tried again alone
     * (a value its columns do not hold, a constraint) is marked refused with the reason, so one bad row never blocks
     * every statement behind it. Only when marking it fails too is the database itself unavailable: then the drain
     * stops and the next poll tries again.
     */
    private boolean deliverOne(LrsCaller caller, String tenantId, StatementOutbox.Queued q) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                validator.validate(q.statement());
                ledger.store(caller, List.of(q.statement().deepCopy()), List.of());
                outbox.delivered(List.of(q.seq()));
                return true;
            } catch (XapiException refused) {
                if (refused.status() < 500) {
                    LOG.warning("Statement " + q.statementId() + " of tenant " + tenantId + " refused by the LRS: "
                            + refused.getMessage());
                    outbox.refused(q.seq(), refused.getMessage());
                    return false;
                }
                last = refused;
            } catch (RuntimeException failed) {
                last = failed; // tried once more: a passing failure (a lock timeout) goes through the second time
            }
        }
        LOG.log(Level.WARNING, "Statement " + q.statementId() + " of tenant " + tenantId + " could not be stored",
                last);
        outbox.refused(q.seq(), "not stored: " + last.getMessage());
        return false;
    }
}
