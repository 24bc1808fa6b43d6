package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import java.util.List;
import java.util.Set;

/**
 * What a caller with a session credential ({@link LrsCaller#session()}, the {@code SessionCredentials} SPI: a cmi5
 * auth-token, a tincan {@code auth}) may touch: one registration and one actor, the launch's (cmi5 section 8.2: the
 * token is limited to the session; xAPI 1.0.3 Communication 4.2: the {@code state} and {@code profile} scopes are
 * "limited to Activities and Actors associated with the current token"). Callers without a session are not limited
 * here. Every refusal is 403 with one of the codes {@code session-registration}, {@code session-actor},
 * {@code session-activity}, {@code session-read-only} (lrs README, "Session credentials"). A session that names its
 * activities (tincan: the package's) is also limited to them for statements and state documents.
 *
 * <table>
 * <caption>What a session credential may do</caption>
 * <tr><th>resource</th><th>read</th><th>write / delete</th></tr>
 * <tr><td>statements</td><td>its registration's; attachment contents sent within it</td><td>its registration, its
 * actor; StatementRefs to its registration's statements, voiding only its actor's (checked by the ledger)</td></tr>
 * <tr><td>activities/state</td><td>its registration and actor</td><td>the same, except the LMS's state ids (a delete
 * of all keeps them)</td></tr>
 * <tr><td>agents/profile</td><td>its actor's</td><td>its actor's, when the session says so</td></tr>
 * <tr><td>agents</td><td>its actor</td><td>-</td></tr>
 * <tr><td>activities/profile</td><td>any</td><td>only the session's {@code profileActivities} (cmi5: the AU's
 * own activity, section 12)</td></tr>
 * <tr><td>activities</td><td>any</td><td>-</td></tr>
 * </table>
 */
final class SessionScope {

    private SessionScope() {
    }

    /**
     * Every statement written must carry the session's registration and have its actor as actor. A session with
     * statement rules ({@code SessionStatements#checkRequest}) checks them first with its own codes; these checks
     * stand behind them for every session.
     */
    static void checkWrite(LrsCaller caller, List<ObjectNode> statements) {
        SessionCredentials.Session session = caller.session();
        if (session == null) {
            return;
        }
        if (session.statements() != null) {
            session.statements().checkRequest(session, statements);
        }
        for (ObjectNode s : statements) {
            if (!session.registration().equalsIgnoreCase(s.path("context").path("registration").asText(""))) {
                throw registration();
            }
            // A Group actor, or an agent other than the launch's, is not the learner this credential was given for.
            if (!isOwnActor(session, s)) {
                throw actor("Statements written with this session credential must have the launch's actor as actor");
            }
            if (session.activities() != null && !aboutOwnActivity(session, s.path("object"))) {
                throw activity("Statements written with this session credential are about the launched package's"
                        + " activities only");
            }
        }
    }

    /**
     * The object of a statement a session limited to activities writes: one of its activities, or a SubStatement
     * whose object is (2.0 Part Two 2.4.4.3: the SubStatement's own object), or a StatementRef (checked against the
     * registration by the ledger). Agents and Groups as objects are not the package's to record.
     */
    private static boolean aboutOwnActivity(SessionCredentials.Session session, JsonNode object) {
        return switch (object.path("objectType").asText("Activity")) {
            case "Activity" -> session.activities().contains(object.path("id").asText(null));
            case "SubStatement" -> aboutOwnActivity(session, object.path("object"))
                    && !"SubStatement".equals(object.path("object").path("objectType").asText());
            case "StatementRef" -> true;
            default -> false;
        };
    }

    /**
     * A statement a session's new statement targets ({@code StatementRef}, 2.0 Part Two 2.4.4.3) must be of the
     * session's registration: a reference copies the target's query terms to the session's statement. A voiding
     * statement must also target the session's own actor's statement: voiding hides the target for good (2.0 Part
     * Two 2.4.5, a voiding statement cannot be voided), so one learner's launch credential must never void another's
     * records (issue 14 review A-1). Called by the ledger in its transaction; statement rules that refuse voiding
     * altogether (cmi5 section 6.3) have refused before.
     */
    static void checkTarget(LrsCaller caller, JsonNode target, boolean voiding) {
        SessionCredentials.Session session = caller.session();
        if (session == null) {
            return;
        }
        if (!sees(caller, target)) {
            throw registration();
        }
        if (voiding && !isOwnActor(session, target)) {
            throw actor("A session credential voids only its own learner's statements");
        }
    }

    /**
     * A statement already stored under the id a session sends: another registration's is refused as such, before
     * the ledger compares it (a 409 would tell the session that the id is taken there; review A-7).
     */
    static void checkStored(LrsCaller caller, JsonNode existing) {
        if (caller.session() != null && !sees(caller, existing)) {
            throw registration();
        }
    }

    /** The statement's actor is the session's learner, as an Agent (not a Group). */
    private static boolean isOwnActor(SessionCredentials.Session session, JsonNode statement) {
        return AgentIdentity.of(statement.get("actor")).map(session.actor()::equals).orElse(false)
                && !"Group".equals(statement.path("actor").path("objectType").asText());
    }

    /**
     * The registration a statement query is limited to: the caller's (a query naming another is refused), or the
     * one asked for when the caller has no session. The other parameters (agent, verb, activity...) only narrow a
     * query further: every filter is joined to the registration's.
     */
    static String queryRegistration(LrsCaller caller, String requested) {
        if (caller.registration() == null) {
            return requested;
        }
        if (requested != null && !requested.equalsIgnoreCase(caller.registration())) {
            throw registration();
        }
        return caller.registration();
    }

    /**
     * True when the caller may see this stored statement: its own registration's, not one that only matched a
     * query through the statement it targets (2.0 Part Three 2.1.3 "Filter Conditions for StatementRefs").
     */
    static boolean sees(LrsCaller caller, JsonNode statement) {
        return caller.registration() == null || caller.registration().equalsIgnoreCase(
                statement.path("context").path("registration").asText(""));
    }

    /**
     * A document request: state documents of the session's registration and actor, the LMS's ones read only (a
     * delete of all of them keeps those); agent profiles of its actor, written only when the session
     * says so; activity profiles read only.
     *
     * @param documentId the stateId / profileId, or null for a list or a delete of all
     */
    static void checkDocument(LrsCaller caller, DocumentStore.Scope scope, String documentId, boolean writing) {
        SessionCredentials.Session session = caller.session();
        if (session == null) {
            return;
        }
        switch (scope.kind()) {
            case STATE -> {
                if (!session.registration().equalsIgnoreCase(String.valueOf(scope.registration()))) {
                    throw registration();
                }
                ownActor(session, scope.agentKey());
                if (session.activities() != null && !session.activities().contains(scope.activityId())) {
                    throw activity("This session credential keeps state for the launched package's activities only");
                }
                if (writing && documentId != null && session.lmsStateIds().contains(documentId)) {
                    // cmi5 section 10: "The AU MUST NOT modify or delete the LMS.LaunchData State document". A
                    // delete of all the documents deletes the others and keeps it ({@link #keptStateIds}).
                    throw readOnly("State document " + documentId + " belongs to the LMS: this session credential"
                            + " only reads it");
                }
            }
            case AGENT_PROFILE -> {
                ownActor(session, scope.agentKey());
                if (writing && !session.writesAgentProfile()) {
                    // cmi5 section 11: the LMS "may choose to ignore or override Learner Preference changes
                    // requested by the AU by returning a 403 Forbidden response".
                    throw readOnly("This session credential reads its learner's agent profile; the LMS writes it");
                }
            }
            case ACTIVITY_PROFILE -> {
                if (writing && !session.profileActivities().contains(scope.activityId())) {
                    // Shared by every learner of the activity: one learner's token must not change what others read,
                    // except the launched activity's own profile where the content's standard grants it (cmi5
                    // section 12: "The AU MAY use the Activity Profile API").
                    throw readOnly("Activity profiles are shared by all learners; this session credential writes"
                            + " only its own activity's (" + String.join(", ", session.profileActivities()) + ")");
                }
            }
        }
    }

    /**
     * The state documents a delete of all the documents of a scope keeps: the LMS's own ones (cmi5 section 10
     * protects only {@code LMS.LaunchData}, so every other document of the scope is the AU's to delete), for a
     * session caller; none for others.
     */
    static Set<String> keptStateIds(LrsCaller caller, DocumentStore.Scope scope) {
        return caller.session() == null || scope.kind() != DocumentStore.Kind.STATE ? Set.of()
                : caller.session().lmsStateIds();
    }

    /** The {@code agents} resource (2.0 Part Three 2.4): only for the session's own actor. */
    static void checkAgent(LrsCaller caller, AgentIdentity agent) {
        if (caller.session() != null) {
            ownActor(caller.session(), agent.key());
        }
    }

    private static void ownActor(SessionCredentials.Session session, String agentKey) {
        if (!session.actor().key().equals(agentKey)) {
            throw actor("This session credential is limited to its own learner's documents");
        }
    }

    private static XapiException registration() {
        return new XapiException(403, "session-registration", "This session credential is limited to its own"
                + " registration");
    }

    private static XapiException activity(String message) {
        return new XapiException(403, "session-activity", message);
    }

    private static XapiException actor(String message) {
        return new XapiException(403, "session-actor", message);
    }

    private static XapiException readOnly(String message) {
        return new XapiException(403, "session-read-only", message);
    }
}
