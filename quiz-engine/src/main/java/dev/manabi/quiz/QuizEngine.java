package dev.manabi.quiz;

import dev.manabi.core.spi.Plugins;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.ProgressLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The quiz engine in the host's CDI container: question types (CDI beans plus
 * {@link java.util.ServiceLoader} services), the catalog, the progress ledger and events. Hosts use it to import
 * quizzes from code (e.g. demo data); everything else goes through the REST API under {@code /manabi/api/quizzes}.
 */
@ApplicationScoped
public class QuizEngine {

    /** The component and progress-fact kind of quizzes. */
    public static final String KIND = "quiz";

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
    @Any
    Instance<QuestionType> typeBeans;

    private volatile Plugins<QuestionType> types;
    private final ConcurrentMap<String, QuizDefinition> definitions = new ConcurrentHashMap<>();

    /** Where an imported quiz was stored. */
    public record ImportResult(String quizId, int version, String courseId, boolean courseCreated) {
    }

    /**
     * Validates and stores a quiz definition (JSON, see the README) as a content author would import it.
     *
     * @param author   a content author or platform admin
     * @param json     the definition
     * @param courseId an existing course the author may edit, or null to create a course titled like the quiz
     *                 (re-imports keep their courses)
     * @throws dev.manabi.api.PlayerException 400 {@code invalid-quiz} with every problem's JSON path in
     *                                        {@code details.problems}; nothing is stored then
     */
    public ImportResult importQuiz(LearnerContext author, String json, String courseId) {
        JsonNode tree = QuizService.readJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        Views.Imported imported = service().importQuiz(author, tree, courseId);
        return new ImportResult(imported.quizId(), imported.version(), imported.courseId(), imported.courseCreated());
    }

    /** The ids of every installed question type (built-in, CDI and ServiceLoader). */
    public List<String> questionTypeIds() {
        return types().ids();
    }

    /** Question type ids claimed by several classes at the same priority, none of them used (readiness). */
    Map<String, List<String>> questionTypeConflicts() {
        return types().conflicts();
    }

    QuizService service() {
        return new QuizService(database.ready(), types(), platform(), Clock.systemUTC(), definitions);
    }

    /** The question types by id: the built-ins first, then CDI beans, then ServiceLoader services. */
    static Plugins<QuestionType> questionTypes(Iterable<? extends QuestionType> beans) {
        return Plugins.of(QuestionType::id, List.of(new SingleChoice(), new MultipleChoice(), new TrueFalse(),
                new NumericAnswer(), new ShortText(), new Ordering(), new Matching()), beans, QuestionType.class);
    }

    private Plugins<QuestionType> types() {
        Plugins<QuestionType> r = types;
        if (r == null) {
            r = QuizEngine.questionTypes(typeBeans);
            types = r;
        }
        return r;
    }

    private Platform platform() {
        return new Platform() {
            @Override
            public Optional<Course> course(String courseId) {
                return catalog.find(courseId);
            }

            @Override
            public Course createCourse(Connection c, LearnerContext author, CourseCatalog.Draft draft)
                    throws SQLException {
                return catalog.createWithin(c, author, draft);
            }

            @Override
            public Course addComponent(Connection c, String courseId, Course.Component component)
                    throws SQLException {
                return catalog.addComponentWithin(c, courseId, component);
            }

            @Override
            public List<Course> coursesContaining(String kind, String ref) {
                return catalog.containing(kind, ref);
            }

            @Override
            public void record(LearnerContext learner, String courseId, ProgressFact fact) {
                ledger.record(learner, courseId, fact);
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
            public void fire(Object event) {
                events.fire(event);
            }
        };
    }
}
