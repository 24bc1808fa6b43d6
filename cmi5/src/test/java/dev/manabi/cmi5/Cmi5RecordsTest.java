package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.i18n.LocalizedText;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cmi5's learning records (README "Learning records") on H2 and PostgreSQL: the AUs of the latest structure are the
 * modules, each launch session of a learner's registration an attempt on its AU, numbered in launch order, read for
 * one institution only.
 */
class Cmi5RecordsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    private static final LearnerContext AUTHOR = new LearnerContext("ann", "Ann", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR), null);
    private static final String AU1 = "https://example.com/geology/au1";
    private static final String AU2 = "https://example.com/geology/au2";

    @TempDir
    Path content;

    /** A registration of {@code learner} in {@code tenant}, and one session per AU index, a minute apart. */
    private static void launched(DataSource ds, String tenant, String learner, String courseId, int... auIndexes) {
        Sql.inTransaction(ds, c -> {
            String registration = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                    + " created_at) values (?, ?, ?, ?, ?)", registration, tenant, learner, courseId, Timestamp.from(T0));
            for (int i = 0; i < auIndexes.length; i++) {
                Instant at = T0.plus(Duration.ofMinutes(i));
                Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index,"
                        + " launch_mode, fetch_key_hash, fetched_at, expires_at, launched_at) values (?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?)", UUID.randomUUID().toString(), registration, "pkg-1", auIndexes[i], "Normal",
                        UUID.randomUUID().toString(), Timestamp.from(at.plusSeconds(5)),
                        Timestamp.from(at.plus(Duration.ofHours(8))), Timestamp.from(at));
            }
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void eachLaunchSessionIsOneAttemptOnItsAu(DataSource ds) throws Exception {
        CoreFixtures core = new CoreFixtures(ds, content);
        CourseStructure structure = CourseStructureReader.read(CourseStructureReaderTest.parse(
                CourseStructureReaderTest.course(CourseStructureReaderTest.au(AU1, "", "<url>index.html</url>")
                        + CourseStructureReaderTest.au(AU2, "", "<url>two.html</url>"))), Set.of("index.html",
                "two.html"), false).structure();
        String courseId = Sql.inTransaction(ds, c -> {
            Course course = core.catalog.createWithin(c, AUTHOR, new CourseCatalog.Draft(
                    LocalizedText.untagged("Geology"), "en", CourseVisibility.TENANT, Set.of()));
            core.catalog.addComponentWithin(c, course.id(), new Course.Component("cmi5", "line-1", null));
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("pkg-1", "line-1", course.id(), "a", 1,
                    T0), structure);
            return course.id();
        });
        Cmi5Records records = new Cmi5Records();
        records.versions = new CourseVersions();
        records.versions.database = core.database;
        records.database = core.database;

        assertThat(records.modules(courseId, List.of("line-1", "no-such-line")))
                .extracting(LearningRecords.Module::id, LearningRecords.Module::ref)
                .containsExactly(tuple("cmi5:line-1:" + AU1, "line-1"), tuple("cmi5:line-1:" + AU2, "line-1"));

        launched(ds, "a", "alice", courseId, 0, 1, 0);
        launched(ds, "b", "bob", courseId, 0);

        List<LearningRecords.Attempt> alice = records.attempts(new LearningRecords.Query("a", courseId,
                List.of("line-1"), List.of("alice", "bob"), null, null));
        assertThat(alice).extracting(LearningRecords.Attempt::learnerId, LearningRecords.Attempt::moduleId,
                        LearningRecords.Attempt::number, LearningRecords.Attempt::startedAt,
                        LearningRecords.Attempt::lastActivityAt, LearningRecords.Attempt::completion)
                .containsExactly(
                        tuple("alice", "cmi5:line-1:" + AU1, 1, T0, T0.plusSeconds(5), "unknown"),
                        tuple("alice", "cmi5:line-1:" + AU2, 1, T0.plusSeconds(60), T0.plusSeconds(65), "unknown"),
                        tuple("alice", "cmi5:line-1:" + AU1, 2, T0.plusSeconds(120), T0.plusSeconds(125), "unknown"));
        assertThat(records.attempts(new LearningRecords.Query("b", courseId, List.of("line-1"),
                List.of("alice", "bob"), null, null))).extracting(LearningRecords.Attempt::learnerId)
                .containsExactly("bob");
        // The period keeps the numbering: the second session on AU1 is still attempt 2.
        assertThat(records.attempts(new LearningRecords.Query("a", courseId, List.of("line-1"), List.of("alice"),
                T0.plusSeconds(100), null))).extracting(LearningRecords.Attempt::number).containsExactly(2);
    }
}
