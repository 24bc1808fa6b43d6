package dev.manabi.core;

import static dev.manabi.core.CourseStandings.PageLanguages.everywhere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CourseStandings.Status;
import dev.manabi.i18n.LocalizedText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CourseStandingsTest {

    private static final LearnerContext AUTHOR = new LearnerContext("author", "Author", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR, Role.LEARNER), null);
    private static final LearnerContext ALICE = new LearnerContext("alice", "Alice", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), null);
    private static final LearnerContext BOB = new LearnerContext("bob", "Bob", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), null);
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path content;

    private CourseStandings standings(CoreFixtures core) {
        CourseStandings s = new CourseStandings();
        s.database = core.database;
        s.catalog = core.catalog;
        return s;
    }

    private static Course course(DataSource ds, Map<String, String> title, Course.Component... parts) {
        Course c = CourseCatalog.Store.create(ds, AUTHOR, new CourseCatalog.Draft(new LocalizedText(title), "ja",
                CourseVisibility.TENANT, Set.of()), T0);
        for (Course.Component p : parts) {
            c = CourseCatalog.Store.addComponent(ds, c.id(), p);
        }
        return c;
    }

    private static void fact(DataSource ds, LearnerContext who, Course c, ProgressFact f, Instant at) {
        ProgressLedger.Store.record(ds, who, c.id(), f, at);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void everyContentKindCountsAndLanguageVariantsAreOnePart(DataSource ds) {
        CoreFixtures core = new CoreFixtures(ds, content);
        Course demo = course(ds, Map.of("ja", "情報セキュリティの基本", "ko", "정보 보안 기초"),
                new Course.Component("scorm", "line-ja", "ja"), new Course.Component("scorm", "line-ko", "ko"),
                new Course.Component("quiz", "q1", null), new Course.Component("book", "b1", null));
        Course untouched = course(ds, Map.of("en", "Research data"), new Course.Component("quiz", "q2", null));
        // A SCO opened (its fact, not yet the package's) in the Korean variant: in progress, resume at part 0.
        fact(ds, ALICE, demo, new ProgressFact("sco", "line-ko/sco1", false, null, null, null), T0.plusSeconds(10));
        var page = standings(core).page(ALICE, everywhere("ko"), null, null, 0, 20);
        assertThat(page.total()).isEqualTo(2);
        var first = page.items().get(0);
        assertThat(first.courseId()).isEqualTo(demo.id());
        assertThat(first.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(first.parts()).isEqualTo(3);
        assertThat(first.partsDone()).isZero();
        assertThat(first.resumePart()).isZero();
        assertThat(first.lastActivity()).isEqualTo(T0.plusSeconds(10));
        assertThat(first.language()).isEqualTo("ko");
        assertThat(page.items().get(1).status()).isEqualTo(Status.NOT_STARTED);
        assertThat(page.items().get(1).resumePart()).isNull();

        fact(ds, ALICE, demo, new ProgressFact("scorm", "line-ko", true, null, null, null), T0.plusSeconds(20));
        fact(ds, ALICE, demo, new ProgressFact("book", "b1", true, null, null, null), T0.plusSeconds(30));
        fact(ds, ALICE, demo, new ProgressFact("quiz", "q1", true, false, 40.0, 100.0), T0.plusSeconds(40));
        var failed = standings(core).page(ALICE, everywhere("ko"), null, null, 0, 20).items().get(0);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.progress()).isEqualTo(1.0);
        assertThat(failed.bestScore()).isEqualTo(40.0);
        assertThat(failed.resumePart()).isEqualTo(1);

        fact(ds, ALICE, demo, new ProgressFact("quiz", "q1", true, true, 90.0, 100.0), T0.plusSeconds(50));
        assertThat(standings(core).page(ALICE, everywhere("ko"), null, null, 0, 20).items().get(0).status())
                .isEqualTo(Status.PASSED);
        // Bob's standing is his own.
        assertThat(standings(core).page(BOB, everywhere("ja"), null, null, 0, 20).items())
                .extracting(CourseStandings.Standing::status).containsOnly(Status.NOT_STARTED);
        assertThat(untouched.id()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void filtersSearchInAnyLanguageAndPages(DataSource ds) {
        CoreFixtures core = new CoreFixtures(ds, content);
        Course security = course(ds, Map.of("ja", "情報セキュリティの基本", "zh-Hant", "資訊安全基礎", "en", "Security basics"),
                new Course.Component("quiz", "q1", null));
        for (int i = 0; i < 25; i++) {
            course(ds, Map.of("en", "Course " + i), new Course.Component("book", "b" + i, null));
        }
        fact(ds, ALICE, security, new ProgressFact("quiz", "q1", true, null, null, null), T0.plusSeconds(5));

        var s = standings(core);
        assertThat(s.page(ALICE, everywhere("ja"), null, "資訊", 0, 20).items()).extracting(CourseStandings.Standing::courseId)
                .containsExactly(security.id());
        assertThat(s.page(ALICE, everywhere("ja"), null, "ＳＥＣＵＲＩＴＹ", 0, 20).total()).isEqualTo(1);
        assertThat(s.page(ALICE, everywhere("ja"), "completed", null, 0, 20).items()).extracting(CourseStandings.Standing::status)
                .containsExactly(Status.COMPLETED);
        var notStarted = s.page(ALICE, everywhere("ja"), "not-started", null, 20, 10);
        assertThat(notStarted.total()).isEqualTo(25);
        assertThat(notStarted.items()).hasSize(5);
        assertThat(notStarted.counts()).containsEntry("all", 26).containsEntry("completed", 1)
                .containsEntry("in-progress", 0).containsEntry("not-started", 25);
        assertThatThrownBy(() -> s.page(ALICE, everywhere("ja"), "done", null, 0, 20)).isInstanceOf(PlayerException.class)
                .hasMessageContaining("status must be");
        assertThatThrownBy(() -> s.page(ALICE, everywhere("ja"), null, null, 0, 101)).isInstanceOf(PlayerException.class);
    }

    @Test
    void anEmptyCourseWithActivityIsInProgress() {
        Course empty = new Course("c", "a", LocalizedText.of("en", "E"), "en", CourseVisibility.TENANT, Set.of(),
                List.of(), "author", T0);
        var s = CourseStandings.standing(empty, List.of(new CourseStandings.TimedFact(
                new ProgressFact("sco", "x/y", true, null, null, null), T0)), "en", null);
        assertThat(s.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(s.progress()).isZero();
    }

    @Test
    void completionRulesDecideTheStatusOfTheCoursesTheyGovern() {
        Course twoTests = new Course("c", "a", LocalizedText.of("en", "Two tests"), "en", CourseVisibility.TENANT,
                Set.of(), List.of(new Course.Component("quiz", "ch1", null), new Course.Component("quiz", "ch2", null)),
                "author", T0);
        // Each chapter test passed by its own threshold...
        List<CourseStandings.TimedFact> bothPassed = List.of(
                new CourseStandings.TimedFact(new ProgressFact("quiz", "ch1", true, true, 6.0, 10.0), T0),
                new CourseStandings.TimedFact(new ProgressFact("quiz", "ch2", true, true, 6.0, 10.0), T0));
        assertThat(CourseStandings.standing(twoTests, bothPassed, "en", null).status()).isEqualTo(Status.PASSED);
        // ...but the course's rule ("together at least 70 points") failed: the rule's verdict is the course's.
        assertThat(CourseStandings.standing(twoTests, bothPassed, "en",
                new CourseOutcomes.Outcome(true, false, 60.0)).status()).isEqualTo(Status.FAILED);
        assertThat(CourseStandings.standing(twoTests, bothPassed, "en",
                new CourseOutcomes.Outcome(true, true, 80.0)).status()).isEqualTo(Status.PASSED);
        assertThat(CourseStandings.standing(twoTests, bothPassed, "en",
                new CourseOutcomes.Outcome(true, null, null)).status()).isEqualTo(Status.COMPLETED);
        // Every part done while the rules are still unmet (a unit needs 80 %): failed, until a retake lifts it.
        assertThat(CourseStandings.standing(twoTests, bothPassed, "en",
                new CourseOutcomes.Outcome(false, null, null)).status()).isEqualTo(Status.FAILED);
        assertThat(CourseStandings.standing(twoTests, bothPassed.subList(0, 1), "en",
                new CourseOutcomes.Outcome(false, null, null)).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void malformedPagingIsA400LikeOutOfRange() {
        assertThat(MyCoursesResource.number(null, 20)).isEqualTo(20);
        assertThat(MyCoursesResource.number(" 40 ", 20)).isEqualTo(40);
        for (String bad : new String[] {"abc", "1e3", "99999999999"}) {
            assertThatThrownBy(() -> MyCoursesResource.number(bad, 0)).isInstanceOfSatisfying(PlayerException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
