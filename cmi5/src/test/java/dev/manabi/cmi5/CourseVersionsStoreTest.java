package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A course structure survives the round trip through {@code manabi_cmi5_course_version} on H2 and PostgreSQL. */
class CourseVersionsStoreTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void stores_versions_and_answers_the_latest(DataSource ds) throws Exception {
        CourseStructure s = CourseStructureReader.read(CourseStructureReaderTest.parse(
                CourseStructureReaderTest.course("<block id=\"https://example.com/b\">"
                        + "<title><langstring lang=\"ja\">ブロック</langstring></title>"
                        + "<description><langstring lang=\"ja\">説明</langstring></description>"
                        + CourseStructureReaderTest.au("https://example.com/a", "masteryScore=\"0.75\" moveOn=\"Passed\"",
                        "<url>index.html</url>") + "</block>")), Set.of("index.html"), false).structure();
        Instant t = Instant.parse("2026-12-06T01:00:00Z");
        Sql.inTransaction(ds, c -> {
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("p1", "line", "course", "t1", 1, t), s);
            CourseVersions.Store.insert(c, new PackageFormat.StoredVersion("p2", "line", "course", "t1", 2,
                    t.plusSeconds(60)), s);
            return null;
        });
        CourseVersions.CourseVersion latest = Sql.inTransaction(ds, c -> CourseVersions.Store.latest(c, "line"))
                .orElseThrow();
        assertThat(latest.packageId()).isEqualTo("p2");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.courseIri()).isEqualTo("https://example.com/c");
        assertThat(latest.structure()).isEqualTo(s);
        assertThat(latest.structure().aus().get(0).masteryScore()).isEqualByComparingTo("0.75");
        java.util.Optional<CourseVersions.CourseVersion> first = Sql.inTransaction(ds,
                c -> CourseVersions.Store.byPackage(c, "p1"));
        assertThat(first).map(CourseVersions.CourseVersion::version).contains(1);
    }
}
