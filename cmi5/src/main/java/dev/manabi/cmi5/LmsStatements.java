package dev.manabi.cmi5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Tenant;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.Json;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The statements the LMS itself makes about a registration (cmi5 Quartz 9.3.6 abandoned, 9.3.7 waived, 9.3.9
 * satisfied), written into the core's statement outbox on the caller's transaction. Every one carries the cmi5
 * context the spec asks of "cmi5 defined" statements the LMS makes (9.6): the registration (9.6.1), the session id
 * extension (9.6.3.1), the cmi5 category (9.6.2.1), the publisher id as grouping (9.6.2.3) and, with a result
 * holding success or completion, the moveOn category (9.6.2.2). The actor is the registration's agent (8.1).
 */
final class LmsStatements {

    private final StatementOutbox.Emitter emitter;
    private final Sessions.Registration registration;

    private LmsStatements(StatementOutbox.Emitter emitter, Sessions.Registration registration) {
        this.emitter = emitter;
        this.registration = registration;
    }

    /** Statements about {@code registration}'s agent, stamped {@code now}, on the transaction {@code c}. */
    static LmsStatements of(StatementOutbox outbox, Connection c, Sessions.Registration registration, Instant now)
            throws SQLException {
        return new LmsStatements(emitter(outbox, c, registration, now), registration);
    }

    /**
     * The outbox's emitter for statements about the registration's learner (its language, tenant); the caller
     * replaces the actor with the registration's agent.
     */
    static StatementOutbox.Emitter emitter(StatementOutbox outbox, Connection c, Sessions.Registration registration,
                                           Instant now) throws SQLException {
        LearnerContext learner = new LearnerContext(registration.learnerId(), null, null,
                new Tenant(registration.tenantId(), registration.tenantId()), Set.of(), null);
        return outbox.emitter(c, learner, now);
    }

    /** 9.3.6: the AU session ended without terminated; duration per 9.5.4.2. */
    String abandoned(String activityId, Au au, String sessionId, Duration duration) throws SQLException {
        LearnerStatement s = statement(Cmi5Vocabulary.ABANDONED, sessionId);
        auObject(s, activityId, au);
        s.result().put("duration", duration(duration));
        return emitter.append(s);
    }

    /** 9.3.7: the AU is waived for the registration, with a new session id and the reason (9.5.5.2). */
    String waived(String activityId, Au au, String sessionId, String reason) throws SQLException {
        LearnerStatement s = statement(Cmi5Vocabulary.WAIVED, sessionId);
        auObject(s, activityId, au);
        s.result().put("success", true).put("completion", true).putObject("extensions")
                .put(Cmi5Vocabulary.REASON, reason);
        s.contextActivity("category", Cmi5Vocabulary.CATEGORY_MOVE_ON, null);
        return emitter.append(s);
    }

    /**
     * 9.3.9: a block or the course is satisfied. {@code objectId} is the LMS's id (never the publisher's),
     * {@code publisherId} the course structure's id, kept as grouping (9.6.2.3).
     */
    String satisfied(String objectId, String type, String publisherId, Map<String, String> title, String sessionId)
            throws SQLException {
        LearnerStatement s = statement(Cmi5Vocabulary.SATISFIED, sessionId);
        ObjectNode definition = s.activity(objectId, type, null);
        definition.set("name", languageMap(title));
        s.contextActivity("grouping", publisherId, null);
        return emitter.append(s);
    }

    private LearnerStatement statement(Verb verb, String sessionId) {
        LearnerStatement s = emitter.statement(verb, UUID.fromString(registration.registration()),
                registration.courseId());
        if (registration.actor() != null) {
            try {
                s.json().set("actor", Json.mapper().readTree(registration.actor()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored actor is JSON", e);
            }
        }
        s.contextActivity("category", Cmi5Vocabulary.CATEGORY_CMI5, null);
        s.context().with("extensions").put(Cmi5Vocabulary.SESSION_ID, sessionId);
        return s;
    }

    private static void auObject(LearnerStatement s, String activityId, Au au) {
        ObjectNode definition = s.activity(activityId, au.activityType(), null);
        if (au.activityType() == null) {
            definition.remove("type");
        }
        definition.set("name", languageMap(au.title()));
        s.contextActivity("grouping", au.id(), null);
    }

    /** Langstrings as an xAPI language map ({@code und} for a langstring without a language). */
    static ObjectNode languageMap(Map<String, String> langstrings) {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        langstrings.forEach(map::put);
        return map;
    }

    /** An xAPI duration (ISO 8601) to the hundredth of a second. */
    static String duration(Duration d) {
        Duration positive = d.isNegative() ? Duration.ZERO : d;
        BigDecimal seconds = BigDecimal.valueOf(positive.toMillis()).movePointLeft(3)
                .setScale(2, RoundingMode.DOWN).stripTrailingZeros();
        return "PT" + seconds.toPlainString() + "S";
    }
}
