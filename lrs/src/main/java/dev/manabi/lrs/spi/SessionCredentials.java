package dev.manabi.lrs.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * SPI (CDI beans) for modules that hand out short-lived LRS credentials limited to one registration, e.g. the cmi5
 * module's auth-token (cmi5 section 8.2: "MUST be limited to the duration of the session"). The credential is
 * presented as HTTP Basic {@code key:secret}; a key starting with {@link #keyPrefix()} is verified by this bean
 * only, so ordinary LRS keys never reach it. The LRS then lets the caller read and write statements and state
 * documents of that registration only (403 otherwise).
 */
public interface SessionCredentials {

    /** The prefix of every key this bean issues, e.g. {@code cmi5-}; must not collide with {@code lrs-}. */
    String keyPrefix();

    /** The session a presented key and secret belong to, if it is valid at {@code now}; empty otherwise (401). */
    Optional<Session> verify(String key, String secret, Instant now);

    /**
     * A verified session credential.
     *
     * @param id           unique per session, at most 36 characters (a UUID; recorded as the credential of the
     *                     statements it writes)
     * @param tenantId     the institution whose LRS data the session may touch
     * @param registration the one registration (UUID) its statements and state documents must carry
     * @param label        a name for the authority agent, e.g. {@code cmi5 session}
     * @param mayWrite     false: the session may still read, but writes are refused with 403 (e.g. a cmi5 session
     *                     after its {@code terminated} statement)
     * @param statements   rules the statements it writes must keep, checked in the ledger's transaction; or null
     */
    record Session(String id, String tenantId, String registration, String label, boolean mayWrite,
                   SessionStatements statements) {

        /** A session that may write, without statement rules. */
        public Session(String id, String tenantId, String registration, String label) {
            this(id, tenantId, registration, label, true, null);
        }
    }
}
