package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.lrs.spi.SessionCredentials;

/**
 * Who is calling the LRS: the credential a request authenticated with, its institution and what it may do.
 *
 * @param credentialId  the credential's id (statements record which credential wrote them)
 * @param tenantId      the institution whose statements and documents the caller sees
 * @param mayRead       GET requests allowed
 * @param mayWrite      PUT/POST/DELETE requests allowed
 * @param allStatements false: reads see only the statements this credential wrote
 * @param authority     the xAPI authority put on statements it writes (2.0 Part Two 2.4.9)
 * @param session       null, or the session credential the caller presented: it limits the caller to one
 *                      registration and actor ({@link SessionScope}); its statement rules, if any, are applied by
 *                      {@link StatementLedger#store}
 */
public record LrsCaller(String credentialId, String tenantId, boolean mayRead, boolean mayWrite, boolean allStatements,
                        ObjectNode authority, SessionCredentials.Session session) {

    /** A caller without a session credential. */
    public LrsCaller(String credentialId, String tenantId, boolean mayRead, boolean mayWrite, boolean allStatements,
                     ObjectNode authority) {
        this(credentialId, tenantId, mayRead, mayWrite, allStatements, authority, null);
    }

    /** The one registration a session credential is limited to, or null for other callers. */
    public String registration() {
        return session == null ? null : session.registration();
    }
}
