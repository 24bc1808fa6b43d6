package dev.manabi.quiz;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import java.util.List;
import java.util.Optional;

/**
 * What the quiz engine uses of the SDK platform (catalog, progress ledger, CDI events). An interface so the engine's
 * logic runs in tests on plain DataSources without a CDI container; {@link QuizEngine} supplies the real one.
 */
interface Platform {

    Optional<Course> course(String courseId);

    Course createCourse(LearnerContext author, CourseCatalog.Draft draft);

    Course addComponent(String courseId, Course.Component component);

    List<Course> coursesContaining(String kind, String ref);

    /** Stores a progress fact; the real ledger fires {@code ProgressRecorded}, which evaluates completion rules. */
    void record(LearnerContext learner, String courseId, ProgressFact fact);

    List<ProgressFact> facts(LearnerContext learner, String courseId);

    /** Fires a CDI event (QuizSubmitted, QuizPassed, UnitCompleted, CourseCompleted). */
    void fire(Object event);
}
