package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The core's package-private SQL (the same code its CDI beans run) for modules' tests that run without a CDI
 * container (quiz engine, completion rules). Core test-jar only; it shares the core's package name to reach the
 * nested Store classes.
 */
public final class CoreTestAccess {

    private CoreTestAccess() {
    }

    public static Course createCourse(DataSource ds, LearnerContext author, CourseCatalog.Draft draft) {
        return CourseCatalog.Store.create(ds, author, draft, Instant.now());
    }

    public static Optional<Course> findCourse(DataSource ds, String id) {
        return CourseCatalog.Store.find(ds, id);
    }

    public static Course addComponent(DataSource ds, String courseId, Course.Component component) {
        return CourseCatalog.Store.addComponent(ds, courseId, component);
    }

    public static List<Course> allCourses(DataSource ds) {
        return CourseCatalog.Store.all(ds);
    }

    public static void record(DataSource ds, LearnerContext learner, String courseId, ProgressFact fact) {
        ProgressLedger.Store.record(ds, learner, courseId, fact, Instant.now());
    }

    public static List<ProgressFact> facts(DataSource ds, LearnerContext learner, String courseId) {
        return ProgressLedger.Store.facts(ds, learner.tenant().id(), learner.learnerId(), courseId);
    }

    public static void remember(DataSource ds, LearnerContext learner) {
        LearnerDirectory.Store.remember(ds, learner, Instant.now());
    }
}
