package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.i18n.LocalizedText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogAndProgressTest {

    private static LearnerContext person(String id, String tenant, Role... roles) {
        return new LearnerContext(id, id, null, new Tenant(tenant, tenant), Set.of(roles), null);
    }

    private static final LearnerContext AUTHOR_A = person("author", "a", Role.CONTENT_AUTHOR, Role.LEARNER);
    private static final LearnerContext LEARNER_A = person("alice", "a", Role.LEARNER);
    private static final LearnerContext LEARNER_B = person("bob", "b", Role.LEARNER);
    private static final LearnerContext LEARNER_C = person("carl", "c", Role.LEARNER);

    @Test
    void onlyAdminsPublishToEveryInstitutionWhicheverWayTheCourseIsCreated() {
        CourseCatalog catalog = new CourseCatalog();
        var draft = new CourseCatalog.Draft(LocalizedText.of("en", "Everyone"), "en", CourseVisibility.GLOBAL, Set.of());
        // Refused before the database is touched (the catalog here has none).
        assertThatThrownBy(() -> catalog.create(AUTHOR_A, draft)).isInstanceOf(PlayerException.class)
                .hasMessageContaining("Only admins");
        assertThatThrownBy(() -> catalog.createWithin(null, AUTHOR_A, draft)).isInstanceOf(PlayerException.class);
        CourseCatalog.checkPublishing(person("adm", "a", Role.INSTITUTION_ADMIN), CourseVisibility.GLOBAL, Set.of());
        CourseCatalog.checkPublishing(person("root", "x", Role.PLATFORM_ADMIN), CourseVisibility.GLOBAL, Set.of());
        assertThatThrownBy(() -> CourseCatalog.checkPublishing(AUTHOR_A, CourseVisibility.SHARED, Set.of()))
                .hasMessageContaining("SHARED needs");
        CourseCatalog.checkPublishing(AUTHOR_A, CourseVisibility.SHARED, Set.of("b"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void visibilityFollowsSharing(DataSource ds) {
        var title = new LocalizedText(Map.of("ja", "情報セキュリティ", "en", "Information security"));
        Course course = CourseCatalog.Store.create(ds, AUTHOR_A,
                new CourseCatalog.Draft(title, "ja", CourseVisibility.TENANT, Set.of()), Instant.now());
        assertThat(course.title().values()).containsEntry("ja", "情報セキュリティ");
        assertThat(course.visibleTo(LEARNER_A)).isTrue();
        assertThat(course.visibleTo(LEARNER_B)).isFalse();
        assertThat(CourseCatalog.Store.visibleTo(ds, LEARNER_A)).extracting(Course::id).contains(course.id());
        assertThat(CourseCatalog.Store.visibleTo(ds, LEARNER_B)).extracting(Course::id).doesNotContain(course.id());

        Course shared = CourseCatalog.Store.share(ds, course.id(), CourseVisibility.SHARED, Set.of("b"));
        assertThat(shared.visibleTo(LEARNER_B)).isTrue();
        assertThat(shared.visibleTo(LEARNER_C)).isFalse();
        assertThat(CourseCatalog.Store.visibleTo(ds, LEARNER_B)).extracting(Course::id).contains(course.id());
        assertThat(CourseCatalog.Store.visibleTo(ds, LEARNER_C)).extracting(Course::id).doesNotContain(course.id());
        assertThat(shared.editableBy(LEARNER_B)).isFalse();
        assertThat(shared.editableBy(AUTHOR_A)).isTrue();

        Course global = CourseCatalog.Store.share(ds, course.id(), CourseVisibility.GLOBAL, Set.of());
        assertThat(global.visibleTo(LEARNER_C)).isTrue();
        assertThat(CourseCatalog.Store.visibleTo(ds, LEARNER_C)).extracting(Course::id).contains(course.id());
        assertThat(global.sharedWith()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void componentsKeepTheirOrderAndLanguage(DataSource ds) {
        Course course = CourseCatalog.Store.create(ds, AUTHOR_A, new CourseCatalog.Draft(
                LocalizedText.of("en", "RDM"), "en", CourseVisibility.GLOBAL, Set.of()), Instant.now());
        CourseCatalog.Store.addComponent(ds, course.id(), new Course.Component("scorm", "p-ja", "ja"));
        Course after = CourseCatalog.Store.addComponent(ds, course.id(), new Course.Component("quiz", "q1", null));
        assertThat(after.components()).containsExactly(new Course.Component("scorm", "p-ja", "ja"),
                new Course.Component("quiz", "q1", null));
        assertThat(CourseCatalog.Store.find(ds, course.id())).contains(after);
        Course other = CourseCatalog.Store.create(ds, AUTHOR_A, new CourseCatalog.Draft(
                LocalizedText.of("en", "Other"), "en", CourseVisibility.TENANT, Set.of("b")), Instant.now());
        CourseCatalog.Store.addComponent(ds, other.id(), new Course.Component("quiz", "q1", null));
        assertThat(CourseCatalog.Store.containing(ds, "quiz", "q1")).extracting(Course::id)
                .containsExactly(course.id(), other.id());
        assertThat(CourseCatalog.Store.containing(ds, "scorm", "p-ja")).containsExactly(after);
        assertThat(CourseCatalog.Store.all(ds)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void progressFactsAreReplacedPerPartAndKeptPerTenant(DataSource ds) {
        ProgressLedger ledger = new CoreFixtures(ds, Path.of("target")).ledger;
        ledger.record(LEARNER_A, "c1", new ProgressFact("quiz", "q1", true, false, 5.0, 10.0));
        ledger.record(LEARNER_A, "c1", new ProgressFact("quiz", "q1", true, true, 9.0, 10.0));
        ledger.record(LEARNER_A, "c1", new ProgressFact("video-topic", "t1", false, null, null, null));
        assertThat(ProgressLedger.Store.facts(ds, "a", "alice", "c1")).containsExactly(
                new ProgressFact("quiz", "q1", true, true, 9.0, 10.0),
                new ProgressFact("video-topic", "t1", false, null, null, null));
        assertThat(ProgressLedger.Store.facts(ds, "b", "alice", "c1")).isEmpty();
    }

    /** Several facts of one commit: one transaction (all or none stored), then one event per fact, in order. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void factsRecordedTogetherAreStoredTogether(DataSource ds) {
        CoreFixtures core = new CoreFixtures(ds, Path.of("target"));
        ProgressFact sco = new ProgressFact("sco", "line/sco-1", true, null, 80.0, 100.0);
        ProgressFact unstorable = new ProgressFact("scorm", "x".repeat(200), true, null, 80.0, 100.0);
        assertThatThrownBy(() -> core.ledger.record(LEARNER_A, "c1", List.of(sco, unstorable)))
                .isInstanceOf(RuntimeException.class);
        assertThat(ProgressLedger.Store.facts(ds, "a", "alice", "c1")).isEmpty();
        assertThat(core.events).isEmpty();

        ProgressFact line = new ProgressFact("scorm", "line", true, null, 80.0, 100.0);
        core.ledger.record(LEARNER_A, "c1", List.of(sco, line));
        assertThat(ProgressLedger.Store.facts(ds, "a", "alice", "c1")).containsExactlyInAnyOrder(sco, line);
        assertThat(core.events).extracting(e -> e.fact()).containsExactly(sco, line);
    }
}
