package dev.manabi.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.i18n.LocalizedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The courses of the installation and who may see them. Modules that import content (SCORM packages, quizzes, video
 * books) create courses here or add their content to an existing course as a {@link Course.Component}.
 */
@ApplicationScoped
public class CourseCatalog {

    @Inject
    Database database;

    @Inject
    AuditLog audit;

    /** Time of day for stored dates; tests set their own (the project's rule: time from an injected Clock). */
    Clock clock = Clock.systemUTC();

    /** What an author supplies when creating a course. */
    public record Draft(LocalizedText title, String defaultLanguage, CourseVisibility visibility,
                        Set<String> sharedWith) {
    }

    /**
     * Who may publish how, in one place for every way a course comes to be (REST, SCORM/quiz/book imports, sharing):
     * a course for every institution of the consortium is an admin decision, not an author's; SHARED names at least
     * one institution.
     */
    public static void checkPublishing(LearnerContext publisher, CourseVisibility visibility, Set<String> sharedWith) {
        if (visibility == CourseVisibility.GLOBAL && !publisher.hasRole(Role.PLATFORM_ADMIN)
                && !publisher.hasRole(Role.INSTITUTION_ADMIN)) {
            throw PlayerException.forbidden("Only admins may publish a course to every institution");
        }
        if (visibility == CourseVisibility.SHARED && (sharedWith == null || sharedWith.isEmpty())) {
            throw PlayerException.badRequest("share-list-required", "SHARED needs at least one institution id");
        }
        if (sharedWith != null && sharedWith.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 128)) {
            throw PlayerException.badRequest("bad-tenant-id", "Institution ids must be 1-128 characters");
        }
    }

    public Course create(LearnerContext author, Draft draft) {
        checkPublishing(author, draft.visibility(), draft.sharedWith());
        return Store.create(database.ready(), author, draft, clock.instant());
    }

    /**
     * Creates the course inside the caller's transaction, so an import that fails later leaves no empty course
     * behind. The caller commits or rolls back {@code c}.
     */
    public Course createWithin(Connection c, LearnerContext author, Draft draft) throws SQLException {
        checkPublishing(author, draft.visibility(), draft.sharedWith());
        return Store.insert(c, author, draft, clock.instant());
    }

    public Optional<Course> find(String courseId) {
        return Store.find(database.ready(), courseId);
    }

    /** The course if the learner may see it; 404 otherwise, so existence is not revealed across tenants. */
    public Course requireVisible(String courseId, LearnerContext learner) {
        return find(courseId).filter(c -> c.visibleTo(learner))
                .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
    }

    /** The course if the learner may change it; 404 if invisible, 403 if visible but not theirs. */
    public Course requireEditable(String courseId, LearnerContext learner) {
        Course course = requireVisible(courseId, learner);
        if (!course.editableBy(learner)) {
            throw PlayerException.forbidden("Only authors and admins of the owning institution may change this course");
        }
        return course;
    }

    public List<Course> visibleTo(LearnerContext learner) {
        return Store.visibleTo(database.ready(), learner).stream().filter(c -> c.visibleTo(learner)).toList();
    }

    public Course addComponent(String courseId, Course.Component component) {
        return Store.addComponent(database.ready(), courseId, component);
    }

    /** {@link #addComponent} inside the caller's transaction. */
    public Course addComponentWithin(Connection c, String courseId, Course.Component component) throws SQLException {
        return Store.addComponent(c, courseId, component);
    }

    /** Courses containing a given part, e.g. every course that plays quiz {@code q1}. */
    public List<Course> containing(String kind, String ref) {
        return Store.containing(database.ready(), kind, ref);
    }

    public Course share(String courseId, CourseVisibility visibility, Set<String> sharedWith) {
        return Store.share(database.ready(), courseId, visibility, sharedWith, c -> null);
    }

    /** Changes a course's sharing on request of {@code admin}: audit-logged in the same transaction. */
    public Course share(LearnerContext admin, String courseId, CourseVisibility visibility, Set<String> sharedWith) {
        return Store.share(database.ready(), courseId, visibility, sharedWith, c -> {
            audit.record(c, admin, AuditLog.Action.COURSE_SHARING_CHANGED, Store.load(c, courseId)
                    .map(Course::ownerTenantId).orElse(null), courseId,
                    Map.of("visibility", visibility.name(), "sharedWith", new TreeSet<>(sharedWith)));
            return null;
        });
    }

    static final class Store {

        private static final TypeReference<LinkedHashMap<String, String>> TITLE = new TypeReference<>() { };

        private Store() {
        }

        static Course create(DataSource ds, LearnerContext author, Draft draft, Instant now) {
            return Sql.inTransaction(ds, c -> insert(c, author, draft, now));
        }

        static Course insert(Connection c, LearnerContext author, Draft draft, Instant now) throws SQLException {
            if (draft.title() == null || draft.title().isEmpty()) {
                throw PlayerException.badRequest("title-required", "A course needs a title in at least one language");
            }
            CourseVisibility visibility = draft.visibility() == null ? CourseVisibility.TENANT : draft.visibility();
            String id = UUID.randomUUID().toString();
            LearnerDirectory.Store.ensureTenant(c, author.tenant(), Timestamp.from(now));
            Sql.update(c, "insert into manabi_course (id, owner_tenant_id, title_json, default_language,"
                    + " visibility, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)", id,
                    author.tenant().id(), titleJson(draft.title()), draft.defaultLanguage(), visibility.name(),
                    author.learnerId(), Timestamp.from(now));
            writeShares(c, id, draft.sharedWith());
            return load(c, id).orElseThrow();
        }

        static Course addComponent(DataSource ds, String courseId, Course.Component component) {
            return Sql.inTransaction(ds, c -> addComponent(c, courseId, component));
        }

        static Course addComponent(Connection c, String courseId, Course.Component component) throws SQLException {
            Course course = load(c, courseId).orElseThrow(() -> PlayerException.notFound("No course " + courseId));
            Sql.update(c, "insert into manabi_course_component (course_id, position, kind, ref, language)"
                    + " values (?, ?, ?, ?, ?)", courseId, course.components().size(), component.kind(),
                    component.ref(), component.language());
            return load(c, courseId).orElseThrow();
        }

        static Course share(DataSource ds, String courseId, CourseVisibility visibility, Set<String> sharedWith) {
            return share(ds, courseId, visibility, sharedWith, c -> null);
        }

        /** Changes the sharing and runs {@code alsoInTransaction} (the audit entry) in the same transaction. */
        static Course share(DataSource ds, String courseId, CourseVisibility visibility, Set<String> sharedWith,
                            Sql.Work<?> alsoInTransaction) {
            return Sql.inTransaction(ds, c -> {
                if (Sql.update(c, "update manabi_course set visibility = ? where id = ?", visibility.name(),
                        courseId) == 0) {
                    throw PlayerException.notFound("No course " + courseId);
                }
                Sql.update(c, "delete from manabi_course_share where course_id = ?", courseId);
                writeShares(c, courseId, sharedWith);
                alsoInTransaction.run(c);
                return load(c, courseId).orElseThrow();
            });
        }

        static Optional<Course> find(DataSource ds, String courseId) {
            return Sql.inTransaction(ds, c -> load(c, courseId));
        }

        static List<Course> all(DataSource ds) {
            return Sql.inTransaction(ds, c -> select(c, "1 = 1"));
        }

        /**
         * Filtered in SQL (the same rule as {@link Course#visibleTo}): a consortium holds the courses of 100+
         * institutions, and a catalog request must not read them all to show one institution's.
         */
        static List<Course> visibleTo(DataSource ds, LearnerContext learner) {
            if (learner.hasRole(Role.PLATFORM_ADMIN)) {
                return all(ds);
            }
            String tenant = learner.tenant().id();
            return Sql.inTransaction(ds, c -> select(c, "owner_tenant_id = ? or visibility = 'GLOBAL' or (visibility"
                    + " = 'SHARED' and id in (select course_id from manabi_course_share where tenant_id = ?))",
                    tenant, tenant));
        }

        static List<Course> containing(DataSource ds, String kind, String ref) {
            return Sql.inTransaction(ds, c -> select(c, "id in (select course_id from manabi_course_component"
                    + " where kind = ? and ref = ?)", kind, ref));
        }

        private static void writeShares(Connection c, String courseId, Set<String> tenants) throws SQLException {
            for (String tenant : tenants == null ? Set.<String>of() : new TreeSet<>(tenants)) {
                if (tenant != null && !tenant.isBlank()) {
                    Sql.update(c, "insert into manabi_course_share (course_id, tenant_id) values (?, ?)",
                            courseId, tenant);
                }
            }
        }

        private static Optional<Course> load(Connection c, String id) throws SQLException {
            return select(c, "id = ?", id).stream().findFirst();
        }

        /**
         * The courses matching {@code where} (a condition on manabi_course), in creation order, with their shares
         * and parts: three queries whatever the number of courses.
         */
        private static List<Course> select(Connection c, String where, Object... params) throws SQLException {
            Map<String, Set<String>> shares = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select course_id, tenant_id from manabi_course_share"
                    + " where course_id in (select id from manabi_course where " + where + ")")) {
                Sql.bind(ps, params);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        shares.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
                    }
                }
            }
            Map<String, List<Course.Component>> parts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select course_id, kind, ref, language from"
                    + " manabi_course_component where course_id in (select id from manabi_course where " + where
                    + ") order by course_id, position")) {
                Sql.bind(ps, params);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        parts.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                .add(new Course.Component(r.getString(2), r.getString(3), r.getString(4)));
                    }
                }
            }
            List<Course> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, owner_tenant_id, title_json, default_language,"
                    + " visibility, created_by, created_at from manabi_course where " + where
                    + " order by created_at, id")) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        out.add(new Course(id, rs.getString(2), parseTitle(rs.getString(3)), rs.getString(4),
                                CourseVisibility.valueOf(rs.getString(5)), shares.getOrDefault(id, Set.of()),
                                parts.getOrDefault(id, List.of()), rs.getString(6), rs.getTimestamp(7).toInstant()));
                    }
                }
            }
            return out;
        }

        static String titleJson(LocalizedText title) {
            try {
                return Json.mapper().writeValueAsString(title.values());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static LocalizedText parseTitle(String json) {
            try {
                Map<String, String> values = Json.mapper().readValue(json, TITLE);
                return new LocalizedText(values);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt course title " + json, e);
            }
        }
    }
}
