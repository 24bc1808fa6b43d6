package dev.manabi.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiVersion;
import java.util.List;
import javax.sql.DataSource;

/**
 * The statements waiting in the outbox of a test database, each checked by the {@code xapi} module's validator for
 * xAPI 2.0 and 1.0.3 (a statement the LRS would refuse fails the test). Modules using it add {@code manabi-xapi} as a
 * test dependency.
 */
public final class TestStatements {

    private TestStatements() {
    }

    /** Every pending statement in outbox order, validated. */
    public static List<ObjectNode> queued(DataSource ds) {
        List<ObjectNode> out = Sql.inTransaction(ds, c -> StatementOutbox.Store.pending(c, Integer.MAX_VALUE))
                .stream().map(StatementOutbox.Queued::statement).toList();
        for (ObjectNode s : out) {
            new StatementValidator(XapiVersion.V2_0_0).validate(s.deepCopy());
            new StatementValidator(XapiVersion.V1_0_3).validate(s.deepCopy());
        }
        return out;
    }

    /** The verb ids of the pending statements, in order. */
    public static List<String> verbs(DataSource ds) {
        return queued(ds).stream().map(s -> s.path("verb").path("id").asText()
                .replaceFirst("^.*/", "")).toList();
    }
}
