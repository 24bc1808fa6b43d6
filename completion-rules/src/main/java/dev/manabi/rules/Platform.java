package dev.manabi.rules;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.StatementOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rules use of the SDK platform (catalog, progress ledger, statement outbox, CDI events). An interface so
 * the rules run in tests on plain DataSources without a CDI container; {@link CompletionRules} supplies the real one.
 */
interface Platform {

    Optional<Course> course(String courseId);

    /** The learner's latest progress facts in the course, from every module. */
    List<ProgressFact> facts(LearnerContext learner, String courseId);

    /** Writes xAPI statements about {@code learner} into the outbox on the caller's transaction {@code c}. */
    StatementOutbox.Emitter statements(Connection c, LearnerContext learner, Instant at) throws SQLException;

    /** After a transaction that appended statements committed: the LRS takes them now. */
    void statementsQueued();

    /** Writes an audit entry (the core's {@code AuditLog}) on the caller's transaction {@code c}. */
    void audit(Connection c, LearnerContext actor, String action, String targetTenantId, String target,
               Map<String, ?> detail) throws SQLException;

    /** Fires a CDI event (CompletionRulesSaved, UnitCompleted, CourseCompleted). */
    void fire(Object event);
}
