package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.StatementOutbox;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.lrs.spi.SessionStatements;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cmi5 statement rules (cmi5 Quartz section 9, "xAPI Statement Data Model") for the statements an AU writes
 * with its session's auth-token. The LRS calls {@link #beforeStore} in the transaction that stores them (its
 * {@code SessionStatements} SPI); a statement that breaks a rule refuses the whole request with 403 and a
 * {@code cmi5-statement-*} code (6.3: "The LMS SHOULD reject statements that conflict with" section 9), and
 * nothing of it is stored. Statements are checked in the order of the request, each against the session as the
 * statements before it left it (9.3 orders by timestamp; an AU sends them in that order).
 *
 * <p>What the statements change is recorded on the same transaction: the session's initialized, passed/failed and
 * terminated (9.3 "within an AU session"), the registration's completed and passed per AU (9.3 "within a
 * Registration"), and the blocks and course that become satisfied (9.3.9, {@link Satisfaction}).
 */
@ApplicationScoped
public class StatementRules implements SessionStatements {

    @Inject
    StatementOutbox outbox;

    @Override
    public void beforeStore(Connection c, SessionCredentials.Session credential, List<ObjectNode> statements,
                            Instant now) throws SQLException {
        Sessions.Session session = Sessions.lock(c, credential.id()).orElseThrow(() ->
                refuse("cmi5-statement-session-unknown", "The session no longer exists"));
        CourseVersions.CourseVersion version = CourseVersions.Store.byPackage(c, session.packageId())
                .orElseThrow(() -> new IllegalStateException("A session's package version is stored"));
        Au au = version.structure().aus().get(session.auIndex());
        String activityId = Satisfaction.auActivity(version.lineId(), au);
        Satisfaction.AuStatus status = Satisfaction.status(c, session.registration(), au.id());
        State state = new State(session.initializedAt(), session.judged(), session.terminatedAt(),
                status.completedAt() != null, status.passedAt() != null);
        for (ObjectNode s : statements) {
            check(s, session, au, activityId, state, now);
        }
        Sessions.record(c, session.sessionId(), state.initializedAt, state.judged, state.terminatedAt, now);
        if (state.judgedScore != null) {
            Sessions.score(c, session.sessionId(), state.judgedScore);
        }
        boolean moved = false;
        if (state.completed && status.completedAt() == null) {
            Satisfaction.mark(c, session.registration(), au.id(), Satisfaction.Column.COMPLETED, now);
            moved = true;
        }
        if (state.passed && status.passedAt() == null) {
            Satisfaction.mark(c, session.registration(), au.id(), Satisfaction.Column.PASSED, now);
            moved = true;
        }
        if (moved) {
            Sessions.Registration registration = Sessions.registrationById(c, session.registration()).orElseThrow();
            // 9.3.9: satisfied statements triggered by an AU session carry that session's id.
            Satisfaction.evaluate(c, LmsStatements.of(outbox, c, registration, now), session.registration(),
                    version, session.sessionId(), now);
        }
    }

    /**
     * 9.6.1: every statement carries the launch's registration; 8.1 actor, 9.2: its actor is the launch's (the
     * same identifier; not a Group). Checked before the LRS compares ids, with cmi5's codes; the LRS's own session
     * scope stands behind them.
     */
    @Override
    public void checkRequest(SessionCredentials.Session session, List<ObjectNode> statements) {
        for (ObjectNode s : statements) {
            if (!session.registration().equalsIgnoreCase(s.path("context").path("registration").asText(""))) {
                throw refuse("cmi5-statement-registration", "context.registration must be the launch's"
                        + " registration (cmi5 9.6.1)");
            }
            if (!AgentIdentity.of(s.get("actor")).equals(Optional.of(session.actor()))
                    || "Group".equals(s.path("actor").path("objectType").asText())) {
                throw refuse("cmi5-statement-actor", "The actor must be the launch's actor (cmi5 8.1 actor, 9.2)");
            }
        }
    }

    @Override
    public void afterStore(SessionCredentials.Session session) {
        outbox.queued();
    }

    /** The session as the statements checked so far leave it. */
    private static final class State {
        Instant initializedAt;
        String judged;
        Instant terminatedAt;
        boolean completed;
        boolean passed;
        /** {@code result.score} of this request's passed/failed (9.5.1), kept with the session (learning records). */
        JsonNode judgedScore;

        State(Instant initializedAt, String judged, Instant terminatedAt, boolean completed, boolean passed) {
            this.initializedAt = initializedAt;
            this.judged = judged;
            this.terminatedAt = terminatedAt;
            this.completed = completed;
            this.passed = passed;
        }
    }

    private static void check(ObjectNode s, Sessions.Session session, Au au, String activityId, State state,
                              Instant now) {
        String verb = s.path("verb").path("id").asText("");
        JsonNode context = s.path("context");
        // 9.3.6: no statement after the LMS abandoned the session; 9.3.8: none after terminated (the LMS waits
        // "a specified period of time": Manabi's is zero, terminated is the AU's last word, 7.1.2).
        if (session.abandonedAt() != null) {
            throw refuse("cmi5-statement-session-abandoned", "The LMS has abandoned this session (cmi5 9.3.6)");
        }
        if (state.terminatedAt != null) {
            throw refuse("cmi5-statement-after-terminated", "The session has terminated; no statement may follow"
                    + " (cmi5 9.3.8)");
        }
        if (Cmi5Vocabulary.VOIDED.equals(verb)) {
            throw refuse("cmi5-statement-voiding", "An AU may not void statements (cmi5 6.3)");
        }
        if (Cmi5Vocabulary.LMS_VERBS.contains(verb)) {
            throw refuse("cmi5-statement-lms-verb", "Only the LMS states launched, abandoned, waived and satisfied"
                    + " (cmi5 9.3.1, 9.3.6, 9.3.7, 9.3.9)");
        }
        if (!session.sessionId().equals(context.path("extensions").path(Cmi5Vocabulary.SESSION_ID).asText(null))) {
            throw refuse("cmi5-statement-session-id", "The context must carry this session's id in the session id"
                    + " extension (cmi5 9.6.3.1)");
        }
        if (state.initializedAt == null && !Cmi5Vocabulary.INITIALIZED.id().equals(verb)) {
            throw refuse("cmi5-statement-not-initialized", "The first statement of a session must be initialized"
                    + " (cmi5 9.3, 9.3.2, 7.1.1)");
        }
        boolean defined = Cmi5Vocabulary.AU_VERBS.contains(verb);
        if (defined != hasActivity(context, "category", Cmi5Vocabulary.CATEGORY_CMI5)) {
            throw refuse("cmi5-statement-category", defined ? "A cmi5 defined verb needs the cmi5 category activity"
                    + " (cmi5 9.6.2.1, 7.1.3)" : "Only cmi5 defined verbs may carry the cmi5 category activity"
                    + " (cmi5 7.1.3)");
        }
        if (!defined) {
            return; // "cmi5 allowed" (7.1.3): between initialized and terminated, with the session id
        }
        checkDefined(s, verb, session, au, activityId);
        switch (verb.substring(verb.lastIndexOf('/') + 1)) {
            case "initialized" -> {
                if (state.initializedAt != null) {
                    throw refuse("cmi5-statement-duplicate", "initialized was already stated in this session"
                            + " (cmi5 9.3, 9.3.2)");
                }
                state.initializedAt = now;
            }
            case "completed" -> {
                normalMode(session, verb);
                if (state.completed) {
                    throw refuse("cmi5-statement-completed-again", "completed was already stated for this AU in"
                            + " this registration (cmi5 9.3, 9.3.3)");
                }
                state.completed = true;
            }
            case "passed" -> {
                normalMode(session, verb);
                if (state.passed) {
                    throw refuse("cmi5-statement-passed-again", "passed was already stated for this AU in this"
                            + " registration (cmi5 9.3, 9.3.4)");
                }
                judgedOnce(state);
                mastery(s, session, au, true);
                state.judged = "passed";
                state.passed = true;
                state.judgedScore = s.path("result").path("score");
            }
            case "failed" -> {
                normalMode(session, verb);
                if (state.passed) {
                    throw refuse("cmi5-statement-failed-after-passed", "failed may not follow passed in a"
                            + " registration (cmi5 9.3)");
                }
                judgedOnce(state);
                mastery(s, session, au, false);
                state.judged = "failed";
                state.judgedScore = s.path("result").path("score");
            }
            case "terminated" -> state.terminatedAt = now;
            default -> throw new IllegalStateException("AU_VERBS and this switch agree");
        }
    }

    /** 9.4, 9.5, 9.6.2 for "cmi5 defined" statements. */
    private static void checkDefined(ObjectNode s, String verb, Sessions.Session session, Au au, String activityId) {
        if (!activityId.equals(s.path("object").path("id").asText(null))) {
            throw refuse("cmi5-statement-object", "The object of a cmi5 defined statement is the AU: the launch's"
                    + " activityId (cmi5 9.4)");
        }
        JsonNode context = s.path("context");
        if (!hasActivity(context, "grouping", au.id())) {
            throw refuse("cmi5-statement-context-template", "The context must keep the context template's"
                    + " publisher id grouping activity (cmi5 9.6.2, 9.6.2.3, 10 contextTemplate)");
        }
        JsonNode result = s.path("result");
        boolean passed = verb.equals(Cmi5Vocabulary.PASSED.id());
        boolean failed = verb.equals(Cmi5Vocabulary.FAILED.id());
        boolean completed = verb.equals(Cmi5Vocabulary.COMPLETED.id());
        if (result.has("score") && !passed && !failed) {
            throw refuse("cmi5-statement-result-score", "Only passed and failed may carry a score (cmi5 9.5.1)");
        }
        if (passed || failed ? !result.path("success").isBoolean() || result.path("success").asBoolean() != passed
                : result.has("success")) {
            throw refuse("cmi5-statement-result-success", "result.success must be true in passed, false in failed"
                    + " and absent otherwise (cmi5 9.5.2)");
        }
        if (completed ? !result.path("completion").isBoolean() || !result.path("completion").asBoolean()
                : result.has("completion")) {
            throw refuse("cmi5-statement-result-completion", "result.completion must be true in completed and"
                    + " absent otherwise (cmi5 9.5.3)");
        }
        if ((passed || failed || completed || verb.equals(Cmi5Vocabulary.TERMINATED.id()))
                && !result.hasNonNull("duration")) {
            throw refuse("cmi5-statement-duration", "completed, passed, failed and terminated must carry"
                    + " result.duration (cmi5 9.5.4.1)");
        }
        boolean moveOnResult = result.has("success") || result.has("completion");
        if (moveOnResult != hasActivity(context, "category", Cmi5Vocabulary.CATEGORY_MOVE_ON)) {
            throw refuse("cmi5-statement-moveon-category", "The moveOn category activity belongs exactly in"
                    + " statements whose result has success or completion (cmi5 9.6.2.2)");
        }
    }

    /** Section 10 launchMode: Browse and Review sessions record nothing completion-related. */
    private static void normalMode(Sessions.Session session, String verb) {
        if (session.launchMode() != LaunchMode.Normal) {
            throw refuse("cmi5-statement-launch-mode", "A " + session.launchMode() + " session may not state "
                    + verb.substring(verb.lastIndexOf('/') + 1) + " (cmi5 10 launchMode)");
        }
    }

    /** 9.3: "More than one of the set of {Passed, Failed} verbs MUST NOT be used" in a session. */
    private static void judgedOnce(State state) {
        if (state.judged != null) {
            throw refuse("cmi5-statement-judged-twice", "This session already stated " + state.judged
                    + " (cmi5 9.3)");
        }
    }

    /** 9.3.4, 9.3.5, 9.5.1: a scaled score in passed reaches the masteryScore; in failed it stays below. */
    private static void mastery(ObjectNode s, Sessions.Session session, Au au, boolean passed) {
        JsonNode scaled = s.path("result").path("score").path("scaled");
        // Section 10: the masteryScore of this session's LMS.LaunchData, which "MAY be different than the one in
        // the course structure" and is what the AU was told; the structure's only for sessions launched before it
        // was kept (their launch data carried the structure's).
        BigDecimal masteryScore = session.launchDataKept() ? session.masteryScore() : au.masteryScore();
        if (masteryScore == null || !scaled.isNumber()) {
            return;
        }
        boolean reaches = scaled.decimalValue().compareTo(masteryScore) >= 0;
        if (reaches != passed) {
            throw refuse("cmi5-statement-mastery", (passed ? "passed needs a scaled score of at least "
                    : "failed needs a scaled score below ") + masteryScore.stripTrailingZeros().toPlainString()
                    + ", the masteryScore (cmi5 9.3.4, 9.3.5, 9.5.1)");
        }
    }

    private static boolean hasActivity(JsonNode context, String list, String id) {
        for (JsonNode a : context.path("contextActivities").path(list)) {
            if (id.equals(a.path("id").asText(null))) {
                return true;
            }
        }
        // xAPI allows a single object instead of an array; the LRS stores arrays, but the check sees the request.
        return id.equals(context.path("contextActivities").path(list).path("id").asText(null));
    }

    static XapiException refuse(String code, String message) {
        return new XapiException(403, code, message);
    }
}
