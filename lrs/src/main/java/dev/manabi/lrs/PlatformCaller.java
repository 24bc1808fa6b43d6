package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.StatementOutbox;

/**
 * The player's own caller of the ledger: full power over one institution's statements (write, read all, the
 * player's authority). Internal to the LRS (the outbox drain, {@code PlatformStatements}); content modules never get
 * one: the SPI stores only a statement they already queued in the outbox (issue 14 review).
 */
public final class PlatformCaller {

    private PlatformCaller() {
    }

    /**
     * The authority of every statement the player writes about its learners (2.0 Part Two 2.4.9), whether stored at
     * once or drained from the outbox.
     */
    public static ObjectNode authority() {
        ObjectNode authority = JsonNodeFactory.instance.objectNode();
        authority.put("objectType", "Agent");
        authority.put("name", StatementOutbox.PLATFORM);
        authority.putObject("account").put("homePage", "urn:manabi:player").put("name", "manabi-player");
        return authority;
    }

    /** The caller the player's own statements are stored as, for {@code tenantId}. */
    public static LrsCaller of(String tenantId) {
        return new LrsCaller(null, tenantId, true, true, true, authority());
    }
}
