package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.XapiException;
import java.util.List;

/**
 * What a caller limited to one registration ({@link LrsCaller#registration()}, a session credential of the
 * {@code SessionCredentials} SPI, e.g. a cmi5 auth-token) may touch: statements whose context registration is
 * that one, and state documents of that registration (cmi5 section 8.2: the token is limited to the session).
 * Everything else is 403. Callers without a registration are not limited.
 */
final class RegistrationScope {

    private RegistrationScope() {
    }

    /**
     * Every statement written must carry the caller's registration; a session with statement rules
     * ({@code SessionStatements#checkRequest}) checks it itself, before the ledger sees the statements.
     */
    static void checkWrite(LrsCaller caller, List<ObjectNode> statements) {
        if (caller.session() != null && caller.session().statements() != null) {
            // the session's statement rules check the registration, with their own codes
            caller.session().statements().checkRequest(caller.session(), statements);
            return;
        }
        if (caller.registration() == null) {
            return;
        }
        for (ObjectNode s : statements) {
            if (!caller.registration().equalsIgnoreCase(s.path("context").path("registration").asText(""))) {
                throw forbidden();
            }
        }
    }

    /** The registration a statement query is limited to: the caller's, or the one asked for otherwise. */
    static String queryRegistration(LrsCaller caller, String requested) {
        if (caller.registration() == null) {
            return requested;
        }
        if (requested != null && !requested.equalsIgnoreCase(caller.registration())) {
            throw forbidden();
        }
        return caller.registration();
    }

    /** True when the caller may see this stored statement. */
    static boolean sees(LrsCaller caller, JsonNode statement) {
        return caller.registration() == null || caller.registration().equalsIgnoreCase(
                statement.path("context").path("registration").asText(""));
    }

    /** State documents only of the caller's registration; profiles and activities are not registration-bound. */
    static void checkDocument(LrsCaller caller, DocumentStore.Scope scope) {
        if (caller.registration() != null && scope.kind() == DocumentStore.Kind.STATE
                && !caller.registration().equalsIgnoreCase(String.valueOf(scope.registration()))) {
            throw forbidden();
        }
    }

    private static XapiException forbidden() {
        return new XapiException(403, "forbidden", "This session credential is limited to its own registration");
    }
}
