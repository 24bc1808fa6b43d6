package dev.manabi.quiz;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.StatementOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the quiz engine uses of the SDK platform (catalog, progress ledger, CDI events). An interface so the engine's
 * logic runs in tests on plain DataSources without a CDI container; {@link QuizEngine} supplies the real one.
 */
interface Platform {

    Optional<Course> course(String courseId);

    /** Creates a course inside the caller's transaction {@code c}, so that it rolls back with the import. */
    Course createCourse(Connection c, LearnerContext author, CourseCatalog.Draft draft) throws SQLException;

    /** Adds a part to a course inside the caller's transaction {@code c}. */
    Course addComponent(Connection c, String courseId, Course.Component component) throws SQLException;

    List<Course> coursesContaining(String kind, String ref);

    /** Stores a progress fact; the real ledger fires {@code ProgressRecorded}, which evaluates completion rules. */
    void record(LearnerContext learner, String courseId, ProgressFact fact);

    List<ProgressFact> facts(LearnerContext learner, String courseId);

    /**
     * Writes xAPI statements about {@code learner} into the statement outbox on the caller's transaction {@code c}
     * (see {@code StatementOutbox#emitter}).
     */
    StatementOutbox.Emitter statements(Connection c, LearnerContext learner, Instant at) throws SQLException;

    /** After a transaction that appended statements committed: the LRS takes them now. */
    void statementsQueued();

    /** Fires a CDI event (QuizSubmitted, QuizPassed, UnitCompleted, CourseCompleted). */
    void fire(Object event);
}
