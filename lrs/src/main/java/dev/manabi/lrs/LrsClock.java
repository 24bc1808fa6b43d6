package dev.manabi.lrs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The LRS's time (stored timestamps, credential cache, document updates), from a {@link Clock} tests can replace.
 * {@link #nextStored()} never goes backwards on this server, so statement order by arrival and by stored agree.
 */
@ApplicationScoped
public class LrsClock {

    private Clock clock = Clock.systemUTC();
    private Instant lastStored = Instant.EPOCH;

    public LrsClock() {
    }

    LrsClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** A stored time at millisecond precision, never before the previous one. */
    synchronized Instant nextStored() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!now.isAfter(lastStored)) {
            now = lastStored;
        }
        lastStored = now;
        return now;
    }
}
