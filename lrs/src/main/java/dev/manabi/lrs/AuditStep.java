package dev.manabi.lrs;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The audit entry of an admin action on LRS credentials or forwarding endpoints, written on the connection of the
 * action's own transaction (issue 15, review 3; README "Personal data"): the action and its entry commit together or
 * not at all, so a failing action leaves no entry and a succeeding one never goes unrecorded.
 *
 * @param <T> what the action did (the credential issued, the endpoint changed, the number of letters replayed)
 */
@FunctionalInterface
public interface AuditStep<T> {

    void record(Connection c, T done) throws SQLException;

    /** For callers that are no admin action (host seeding, tests of the store alone). */
    static <T> AuditStep<T> none() {
        return (c, done) -> {
        };
    }
}
