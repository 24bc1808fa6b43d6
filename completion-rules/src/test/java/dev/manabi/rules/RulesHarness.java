package dev.manabi.rules;

import dev.manabi.rules.spi.ConditionKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.spi.Problems;
import dev.manabi.api.CourseVisibility;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.CoreTestAccess;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Json;
import dev.manabi.core.StatementOutbox;
import dev.manabi.i18n.LocalizedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The completion rules without a CDI container, as {@link CompletionRules} wires them (completion rules test-jar):
 * the core's real catalog, ledger and outbox SQL on a test database, the condition kinds found as in production
 * (built-in, the given "beans", then {@link java.util.ServiceLoader} services on the test class path), and the
 * events the rules fire handed to a sink (a list, or another module's observer such as the badges').
 */
public final class RulesHarness {

    private final DataSource ds;
    private final StatementOutbox outbox;
    private final AuditLog audit = new AuditLog();
    private final Consumer<Object> events;
    private final RulesEngine engine;
    /** Every event fired, in order (also those handed to the sink). */
    public final List<Object> fired = new CopyOnWriteArrayList<>();
    /** How often a transaction that appended statements committed. */
    public int statementsQueued;

    /**
     * @param events receives every event the rules fire ({@code CompletionRulesSaved}, {@code UnitCompleted},
     *               {@code CourseCompleted}) as CDI observers would
     * @param beans  condition kinds as CDI beans would supply them
     */
    public RulesHarness(DataSource ds, Clock clock, Consumer<Object> events, List<ConditionKind> beans) {
        this.ds = ds;
        this.outbox = CoreFixtures.outbox(ds);
        this.events = events;
        this.engine = new RulesEngine(ds, RulesEngine.kinds(beans), platform(), clock, new ConcurrentHashMap<>());
    }

    public RulesHarness(DataSource ds, Clock clock) {
        this(ds, clock, e -> { }, List.of());
    }

    /** Rules JSON written with single quotes for readability. */
    public static JsonNode json(String singleQuoted) {
        try {
            return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates a course of {@code author}'s institution (visible to its members) with parts written
     * {@code "kind:ref"} ({@code "scorm:line-1"}, {@code "quiz:chapter-1"}); answers its id.
     */
    public String course(LearnerContext author, String... parts) {
        Course c = CoreTestAccess.createCourse(ds, author, new CourseCatalog.Draft(
                new LocalizedText(Map.of("en", "Research data", "ja", "研究データ")), "en", CourseVisibility.TENANT,
                Set.of()));
        for (String part : parts) {
            String[] kindRef = part.split(":", 2);
            CoreTestAccess.addComponent(ds, c.id(), new Course.Component(kindRef[0], kindRef[1], null));
        }
        return c.id();
    }

    public JsonNode put(LearnerContext editor, String courseId, JsonNode rules) {
        return engine.put(editor, courseId, rules);
    }

    public JsonNode get(LearnerContext who, String courseId) {
        return engine.get(who, courseId);
    }

    public CompletionRules.Status status(LearnerContext learner, String courseId) {
        return engine.status(learner, courseId);
    }

    public Map<String, CourseOutcomes.Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
        return engine.outcomes(learner, courseIds);
    }

    /** What {@link RuleOutcomes} answers for {@code CourseOutcomes#completedUnits}. */
    public Set<String> completedUnits(LearnerContext learner, String courseId) {
        return engine.completedUnits(learner, courseId);
    }

    /** The rules' verdicts as the {@code CourseOutcomes} bean {@link RuleOutcomes} gives them to other modules. */
    public CourseOutcomes verdicts() {
        return new CourseOutcomes() {
            @Override
            public Map<String, Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
                return RulesHarness.this.outcomes(learner, courseIds);
            }

            @Override
            public Set<String> completedUnits(LearnerContext learner, String courseId) {
                return RulesHarness.this.completedUnits(learner, courseId);
            }
        };
    }

    /** What {@link CompletionRules} does on {@code ProgressRecorded}. */
    public void evaluate(LearnerContext learner, String courseId) {
        engine.evaluate(learner, courseId);
    }

    /** Records a fact in the ledger as a module would, then evaluates the rules as the event would. */
    public void record(LearnerContext learner, String courseId, ProgressFact fact) {
        CoreTestAccess.record(ds, learner, courseId, fact);
        evaluate(learner, courseId);
    }

    public <T> List<T> fired(Class<T> type) {
        return fired.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The registration of a learner's statements about a course's units and completion. */
    public static UUID courseRegistration(LearnerContext learner, String courseId) {
        return CompletionStatements.courseRegistration(learner, courseId);
    }

    private Platform platform() {
        return new Platform() {
            @Override
            public Optional<Course> course(String courseId) {
                return CoreTestAccess.findCourse(ds, courseId);
            }

            @Override
            public List<ProgressFact> facts(LearnerContext learner, String courseId) {
                return CoreTestAccess.facts(ds, learner, courseId);
            }

            @Override
            public StatementOutbox.Emitter statements(Connection c, LearnerContext learner, Instant at)
                    throws SQLException {
                return outbox.emitter(c, learner, at);
            }

            @Override
            public void statementsQueued() {
                statementsQueued++;
            }

            @Override
            public void audit(Connection c, LearnerContext actor, String action, String targetTenantId,
                              String target, Map<String, ?> detail) throws SQLException {
                audit.record(c, actor, action, targetTenantId, target, detail);
            }

            @Override
            public void fire(Object event) {
                fired.add(event);
                events.accept(event);
            }
        };
    }

    /**
     * A condition kind that holds for everyone: a plug-in that would make every condition of its id hold, if it could
     * take that id (discovery and priority tests of every module).
     */
    public static final class Impostor implements ConditionKind {
        private final String id;

        public Impostor(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void validate(ObjectNode condition, Problems problems) {
        }

        @Override
        public boolean holds(ObjectNode condition, List<ProgressFact> facts) {
            return true;
        }
    }
}
