package dev.manabi.quiz;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.CoreTestAccess;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.StatementOutbox;
import dev.manabi.rules.RulesHarness;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The platform as the CDI wiring provides it, minus CDI: the core's real SQL for catalog and ledger, events collected
 * in a list, and completion rules evaluated on every recorded fact like {@code CompletionRules} does on
 * {@code ProgressRecorded}.
 */
final class TestPlatform implements Platform {

    final DataSource ds;
    final List<Object> events = new ArrayList<>();
    final StatementOutbox outbox;
    int statementsQueued;
    final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
    RulesHarness rules;

    TestPlatform(DataSource ds) {
        this.ds = ds;
        this.outbox = CoreFixtures.outbox(ds);
    }

    static LearnerContext person(String id, String tenant, Role... roles) {
        return new LearnerContext(id, id, null, new Tenant(tenant, "University " + tenant), Set.of(roles), null);
    }

    QuizService quizzes() {
        return new QuizService(ds, QuizEngine.questionTypes(List.of()), this, clock);
    }

    /** The completion rules (with the quiz condition, found as a service), firing into {@link #events}. */
    RulesHarness rules() {
        if (rules == null) {
            rules = new RulesHarness(ds, clock, events::add, List.of());
        }
        return rules;
    }

    <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public Optional<Course> course(String courseId) {
        return CoreTestAccess.findCourse(ds, courseId);
    }

    /** A course made outside any import, for tests that need one. */
    Course createCourse(LearnerContext author, CourseCatalog.Draft draft) {
        return CoreTestAccess.createCourse(ds, author, draft);
    }

    /** When set, the next course creation fails as a database failure would (then the flag clears). */
    boolean failNextCourseCreation;

    @Override
    public Course createCourse(Connection c, LearnerContext author, CourseCatalog.Draft draft) throws SQLException {
        if (failNextCourseCreation) {
            failNextCourseCreation = false;
            throw new SQLException("simulated failure while creating the course");
        }
        return new CourseCatalog().createWithin(c, author, draft);
    }

    @Override
    public Course addComponent(Connection c, String courseId, Course.Component component) throws SQLException {
        return new CourseCatalog().addComponentWithin(c, courseId, component);
    }

    @Override
    public List<Course> coursesContaining(String kind, String ref) {
        return CoreTestAccess.allCourses(ds).stream().filter(c -> c.components().stream()
                .anyMatch(p -> p.kind().equals(kind) && p.ref().equals(ref))).toList();
    }

    @Override
    public void record(LearnerContext learner, String courseId, ProgressFact fact) {
        CoreTestAccess.record(ds, learner, courseId, fact);
        events.add(fact);
        rules().evaluate(learner, courseId);
    }

    @Override
    public List<ProgressFact> facts(LearnerContext learner, String courseId) {
        return CoreTestAccess.facts(ds, learner, courseId);
    }

    @Override
    public StatementOutbox.Emitter statements(Connection c, LearnerContext learner, Instant at) throws SQLException {
        return outbox.emitter(c, learner, at);
    }

    @Override
    public void statementsQueued() {
        statementsQueued++;
    }

    @Override
    public void fire(Object event) {
        events.add(event);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
