package dev.manabi.lrs.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Rules a module applies to the statements a session credential ({@link SessionCredentials}) writes, e.g. the cmi5
 * statement rules (cmi5 section 9; 6.3: the LMS rejects statements that conflict with them). The LRS calls
 * {@link #beforeStore} inside the transaction that stores the statements, on its connection, after the xAPI
 * validation and before anything is written: an exception refuses the whole request (an
 * {@code XapiException} with status 403 and a stable code is answered as the SDK's JSON error) and rolls back
 * whatever the rules recorded; otherwise what they recorded commits with the statements.
 *
 * <p>When a session has rules, they own the registration check too ({@link #checkRequest}): the LRS does not apply
 * its own {@code context.registration} check to the statements of such a session (queries and state documents stay
 * limited to the registration).
 */
public interface SessionStatements {

    /**
     * Checks a write request's statements as sent, before the LRS looks at them (ids, conflicts), for what needs
     * nothing stored, e.g. that each carries the session's registration; an exception refuses the request.
     */
    default void checkRequest(SessionCredentials.Session session, List<ObjectNode> statements) {
    }

    /**
     * Checks {@code statements} (in the order of the request, completed with their ids) for the session and
     * records what they change, on the ledger's transaction {@code c}.
     */
    void beforeStore(Connection c, SessionCredentials.Session session, List<ObjectNode> statements, Instant now)
            throws SQLException;

    /** After the statements committed (e.g. to have statements the rules queued delivered at once). */
    default void afterStore(SessionCredentials.Session session) {
    }
}
