package dev.manabi.rules;

import dev.manabi.rules.spi.ConditionKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.core.Course;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.Json;
import dev.manabi.core.ProgressLedger;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.Plugins;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Completion rules in the host's CDI container: the condition kinds (built-in, CDI beans, then
 * {@link java.util.ServiceLoader} services; see {@link ConditionKind}), evaluation on every {@link ProgressRecorded}
 * of any module, and the entry point for hosts that set rules from code (demo data). Everything else goes through
 * {@code /manabi/api/courses/{courseId}/completion-rules}.
 */
@ApplicationScoped
public class CompletionRules {

    private static final Logger LOG = Logger.getLogger(CompletionRules.class.getName());

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    ProgressLedger ledger;

    @Inject
    Event<Object> events;

    @Inject
    StatementOutbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    @Any
    Instance<ConditionKind> conditionBeans;

    /**
     * A learner's standing under a course's rules (the {@code /status} answer).
     *
     * @param units     each unit of the rules: whether it is complete for the learner
     * @param completed whether the course was awarded as complete
     * @param passed    whether the course was awarded as passed
     * @param score     the score the course's pass rule measured when it was awarded, or null
     */
    public record Status(String courseId, Map<String, Boolean> units, boolean completed, boolean passed,
                         Double score) {
    }

    /** Time of awards and of stored rules; a test may set another. */
    Clock clock = Clock.systemUTC();

    private volatile Plugins<ConditionKind> kinds;
    private final QuizEraRules quizEraRules = new QuizEraRules(Clock.systemUTC());
    private final ConcurrentMap<String, RulesEngine.Parsed> parsed = new ConcurrentHashMap<>();

    /**
     * Replaces a course's completion rules (JSON, README "Rules JSON") as an editor of the course would.
     *
     * @throws PlayerException 400 {@code invalid-completion-rules} with every problem's JSON path in
     *                         {@code details.problems}; nothing is stored then. 404 for a course the editor cannot
     *                         see, 403 for one they may not edit.
     */
    public void putRules(LearnerContext editor, String courseId, String json) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw PlayerException.badRequest("malformed-json", "The completion rules are not valid JSON: "
                    + e.getOriginalMessage());
        }
        engine().put(editor, courseId, tree);
    }

    /** The ids of every installed condition kind (built-in, CDI and ServiceLoader), sorted. */
    public List<String> conditionKindIds() {
        return kinds().ids();
    }

    /** Completion rules follow every recorded progress fact, whichever module recorded it. */
    void onProgress(@Observes ProgressRecorded recorded) {
        try {
            engine().evaluate(recorded.learner(), recorded.courseId());
        } catch (RuntimeException e) {
            // The fact is stored already; a rule failure must not fail the learner's request that recorded it.
            LOG.log(Level.SEVERE, "Completion rules of course " + recorded.courseId() + " failed", e);
        }
    }

    /**
     * At start-up, after the core's migration (a later priority than its observer): says which condition kinds are
     * installed or in conflict, and copies rules the quiz engine stored before this module if the database is usable
     * already (otherwise the first use of the rules does).
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 100) @Initialized(ApplicationScoped.class)
                 Object ignored) {
        // Collected here, in the application's thread, so services of the application's class loader (the thread
        // context's) are found; a first use from a server thread (a readiness check) might not see them.
        // Nothing here may stop the host's application from starting: a failure is logged, and the first use of
        // the rules tries again (and fails there, for that request only).
        try {
            Plugins<ConditionKind> k = kinds();
            LOG.info(() -> "Completion condition kinds: " + k.ids());
        } catch (RuntimeException | java.util.ServiceConfigurationError broken) {
            LOG.log(Level.SEVERE, "Completion condition kinds could not be collected", broken);
        }
        DataSource ds;
        try {
            ds = database.ready();
        } catch (RuntimeException notReady) {
            return; // the core's readiness says why; engine() copies on first use
        }
        quizEraRules.copyOnce(ds);
    }

    RulesEngine engine() {
        DataSource ds = database.ready();
        quizEraRules.copyOnce(ds);
        return new RulesEngine(ds, kinds(), platform(), clock, parsed);
    }

    /** Condition kind ids claimed by several classes at the same priority, none of them used (readiness). */
    Map<String, List<String>> conditionKindConflicts() {
        return kinds().conflicts();
    }

    /** Whether copying the quiz engine's earlier rules failed and is still to be retried (readiness). */
    boolean quizEraRulesFailed() {
        try {
            quizEraRules.copyOnce(database.ready());
        } catch (PlayerException notReady) {
            return false; // nothing to copy into yet; the core's database check is down
        }
        return quizEraRules.failed();
    }

    private Plugins<ConditionKind> kinds() {
        Plugins<ConditionKind> k = kinds;
        if (k == null) {
            k = RulesEngine.kinds(conditionBeans);
            kinds = k;
        }
        return k;
    }

    private Platform platform() {
        return new Platform() {
            @Override
            public Optional<Course> course(String courseId) {
                return catalog.find(courseId);
            }

            @Override
            public List<ProgressFact> facts(LearnerContext learner, String courseId) {
                return ledger.facts(learner, courseId);
            }

            @Override
            public StatementOutbox.Emitter statements(Connection c, LearnerContext learner, Instant at)
                    throws SQLException {
                return outbox.emitter(c, learner, at);
            }

            @Override
            public void statementsQueued() {
                outbox.queued();
            }

            @Override
            public void audit(Connection c, LearnerContext actor, String action, String targetTenantId,
                              String target, Map<String, ?> detail) throws SQLException {
                audit.record(c, actor, action, targetTenantId, target, detail);
            }

            @Override
            public void fire(Object event) {
                events.fire(event);
            }
        };
    }
}
