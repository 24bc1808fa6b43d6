package dev.manabi.lrs.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * SPI (CDI beans) for modules that keep their own records in step with the statements the LRS stores, e.g. the
 * tincan module's learner standing from statements about a launched package's root activity.
 *
 * <p>Runs <em>in the storing transaction</em>, on its connection, after the statements are written: what the
 * observer writes commits or rolls back with them, so a stored statement is never missed and a refused batch
 * leaves no trace (a hook after commit could lose one to a crash; the forwarding outbox is per external endpoint
 * and delivers with seconds of delay). Observers must be quick (one indexed lookup per registration they care
 * about) and must not call other services that open their own transactions; anything that must see committed
 * data (events, other modules' reactions) goes into the answered {@link Runnable}, which the LRS runs after the
 * commit. Every newly stored statement is seen once, whether it came from a client or from the SDK's outbox; a
 * statement already stored (the same id) is not seen again.
 */
public interface StatementObserver {

    /**
     * Sees the statements just stored for {@code tenantId} (complete: {@code id}, {@code stored}, {@code authority}
     * set), in storing order.
     *
     * @return what to run after the commit, or null for nothing; an exception it throws is logged, not answered
     * @throws SQLException to roll the whole write back (the client gets an error and may retry)
     */
    Runnable stored(Connection c, String tenantId, List<ObjectNode> statements) throws SQLException;
}
