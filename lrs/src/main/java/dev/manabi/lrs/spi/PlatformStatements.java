package dev.manabi.lrs.spi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.StatementOutbox;
import dev.manabi.lrs.LrsCaller;
import dev.manabi.lrs.StatementLedger;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Stores statements the SDK itself writes about a learner in the embedded LRS <em>now</em>, for the few a client
 * must find there the moment a call returns: cmi5's {@code launched}, which must be in the LRS before the AU's
 * first statement (cmi5 section 9.3: the AU's {@code initialized} follows {@code launched}; an AU may query it at
 * once), while the statement outbox drains a fraction of a second later.
 *
 * <p>The statement is first appended to the core's {@link StatementOutbox} on the caller's transaction, as every
 * SDK statement is (durable with what it reports); after the commit the caller stores the very same statement (same
 * id, same content) here. The outbox's drain then finds it stored and lets the row go without storing it twice
 * (2.0 Part Three 2.1.2), so a failure here loses nothing.
 */
@ApplicationScoped
public class PlatformStatements {

    private final StatementValidator validator = new StatementValidator(XapiVersion.V2_0_0);

    @Inject
    StatementLedger ledger;

    public PlatformStatements() {
        // for CDI
    }

    /** Statements stored in {@code ledger}, outside CDI (tests). */
    public PlatformStatements(StatementLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The authority of every statement the player writes about its learners (2.0 Part Two 2.4.9), whether stored
     * here or drained from the outbox.
     */
    public static ObjectNode authority() {
        ObjectNode authority = JsonNodeFactory.instance.objectNode();
        authority.put("objectType", "Agent");
        authority.put("name", StatementOutbox.PLATFORM);
        authority.putObject("account").put("homePage", "urn:manabi:player").put("name", "manabi-player");
        return authority;
    }

    /** The caller the player's own statements are stored as, for {@code tenantId}. */
    public static LrsCaller caller(String tenantId) {
        return new LrsCaller(null, tenantId, true, true, true, authority());
    }

    /**
     * Validates and stores {@code statement} (with its id) for {@code tenantId} in its own transaction, unless it
     * is stored already.
     *
     * @throws XapiException 400 when the statement breaks the data model (a bug of its writer); a database failure
     *                       as its runtime exception
     */
    public void store(String tenantId, ObjectNode statement) {
        validator.validate(statement);
        try {
            ledger.store(caller(tenantId), List.of(statement.deepCopy()), List.of());
        } catch (XapiException refused) {
            throw refused;
        } catch (RuntimeException raced) {
            // The outbox's drain may store the same statement at the same moment (a duplicate key): the second try
            // finds it stored and answers at once.
            ledger.store(caller(tenantId), List.of(statement.deepCopy()), List.of());
        }
    }
}
