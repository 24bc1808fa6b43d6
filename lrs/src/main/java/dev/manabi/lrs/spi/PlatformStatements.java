package dev.manabi.lrs.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.StatementOutbox;
import dev.manabi.lrs.PlatformCaller;
import dev.manabi.lrs.StatementLedger;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Stores statements the SDK itself writes about a learner in the embedded LRS <em>now</em>, for the few a client
 * must find there the moment a call returns: cmi5's {@code launched}, which must be in the LRS before the AU's
 * first statement (cmi5 section 9.3: the AU's {@code initialized} follows {@code launched}; an AU may query it at
 * once), while the statement outbox drains a fraction of a second later.
 *
 * <p>The statement is first appended to the core's {@link StatementOutbox} on the caller's transaction, as every
 * SDK statement is (durable with what it reports); after the commit the caller stores the very same statement (same
 * id, same content) here. The outbox's drain then finds it stored and lets the row go without storing it twice
 * (2.0 Part Three 2.1.2), so a failure here loses nothing. The SPI offers only that: it reads the statement from the
 * outbox by id, so a content module stores nothing it did not queue, and never holds the player's full-power
 * caller ({@code PlatformCaller}, internal to the LRS).
 */
@ApplicationScoped
public class PlatformStatements {

    private final StatementValidator validator = new StatementValidator(XapiVersion.V2_0_0);

    @Inject
    StatementLedger ledger;

    @Inject
    StatementOutbox outbox;

    public PlatformStatements() {
        // for CDI
    }

    /** Statements of {@code outbox} stored in {@code ledger}, outside CDI (tests). */
    public PlatformStatements(StatementLedger ledger, StatementOutbox outbox) {
        this.ledger = ledger;
        this.outbox = outbox;
    }

    /**
     * Stores the statement {@code statementId} that the caller appended to the outbox for {@code tenantId} (and
     * committed) in its own transaction, exactly as queued, unless it is stored already. Only a queued statement: a
     * content module cannot store anything else with the player's authority.
     *
     * @return true when it was still in the outbox (now stored); false when the drain took it already or no such
     *         statement was queued for the institution
     * @throws XapiException 400 when the statement breaks the data model (a bug of its writer); a database failure
     *                       as its runtime exception
     */
    public boolean storeQueued(String tenantId, String statementId) {
        Optional<StatementOutbox.Queued> queued = outbox.pendingStatement(tenantId, statementId);
        if (queued.isEmpty()) {
            return false;
        }
        ObjectNode statement = queued.get().statement();
        validator.validate(statement);
        try {
            ledger.store(PlatformCaller.of(tenantId), List.of(statement.deepCopy()), List.of());
        } catch (XapiException refused) {
            throw refused;
        } catch (RuntimeException raced) {
            // The outbox's drain may store the same statement at the same moment (a duplicate key): the second try
            // finds it stored and answers at once.
            ledger.store(PlatformCaller.of(tenantId), List.of(statement.deepCopy()), List.of());
        }
        return true;
    }
}
