package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who is calling the LRS: the credential a request authenticated with, its institution and what it may do.
 *
 * @param credentialId  the credential's id (statements record which credential wrote them)
 * @param tenantId      the institution whose statements and documents the caller sees
 * @param mayRead       GET requests allowed
 * @param mayWrite      PUT/POST/DELETE requests allowed
 * @param allStatements false: reads see only the statements this credential wrote
 * @param authority     the xAPI authority put on statements it writes (2.0 Part Two 2.4.9)
 * @param registration  null, or the one registration a session credential is limited to ({@link RegistrationScope})
 */
public record LrsCaller(String credentialId, String tenantId, boolean mayRead, boolean mayWrite, boolean allStatements,
                        ObjectNode authority, String registration) {

    /** A caller not limited to a registration. */
    public LrsCaller(String credentialId, String tenantId, boolean mayRead, boolean mayWrite, boolean allStatements,
                     ObjectNode authority) {
        this(credentialId, tenantId, mayRead, mayWrite, allStatements, authority, null);
    }
}
