package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.Course;
import dev.manabi.core.Sql;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import, versioning and persistence end to end below HTTP, on H2 and PostgreSQL. */
class PackageImportTest {

    private static final LearnerContext AUTHOR_A = TestPlatform.person("ann", "a", Role.CONTENT_AUTHOR);
    private static final LearnerContext AUTHOR_B = TestPlatform.person("ben", "b", Role.CONTENT_AUTHOR);
    private static final LearnerContext LEARNER_A = TestPlatform.person("alice", "a", Role.LEARNER);
    private static final LearnerContext LEARNER_B = TestPlatform.person("bob", "b", Role.LEARNER);
    private static final LearnerContext LEARNER_C = TestPlatform.person("carl", "c", Role.LEARNER);

    @TempDir
    Path content;

    private static PackageImporter.Imported upload(TestPlatform p, LearnerContext who, byte[] zip,
                                                   PackageImporter.Options options) {
        return p.importer.importPackage(who, new ByteArrayInputStream(zip), options);
    }

    private static long rows(DataSource ds, String table) {
        return Sql.inTransaction(ds, c -> {
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private long filesUnder(String dir) throws IOException {
        Path p = content.resolve(dir);
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void importCreatesACourseAndStoresTheTree(DataSource ds) throws IOException {
        TestPlatform p = new TestPlatform(ds, content);
        PackageImporter.Imported imported = upload(p, AUTHOR_A, ScormZips.scorm12("com.example.golf", "Golf"),
                PackageImporter.Options.defaults());
        ScormPackage pkg = imported.pkg();
        assertThat(imported.problems()).isEmpty();
        assertThat(pkg.version()).isEqualTo(1);
        assertThat(pkg.edition()).isEqualTo(ScormEdition.SCORM_12);
        assertThat(pkg.ownerTenantId()).isEqualTo("a");

        Course course = p.catalog.find(pkg.courseId()).orElseThrow();
        assertThat(course.title().values()).containsEntry("x-none", "Golf");
        assertThat(course.visibility()).isEqualTo(CourseVisibility.TENANT);
        assertThat(course.components()).containsExactly(new Course.Component("scorm", pkg.lineId(), null));
        assertThat(course.visibleTo(LEARNER_A)).isTrue();
        assertThat(course.visibleTo(LEARNER_B)).isFalse();

        ScormPackage read = p.repository.find(pkg.id()).orElseThrow();
        assertThat(read).isEqualTo(pkg);
        assertThat(read.scos()).singleElement().satisfies(i -> {
            assertThat(i.launchHref()).isEqualTo("index.html");
            assertThat(i.masteryScore()).isEqualTo(80.0);
        });
        assertThat(p.repository.latestOfLine(pkg.lineId())).contains(pkg);
        assertThat(p.repository.courseIdOf(pkg.id())).contains(pkg.courseId());
        assertThat(p.repository.contentRoot(pkg.id()).resolve("index.html")).hasContent("<html>hi</html>");
        assertThat(filesUnder("staging")).isZero();
    }

    @Test
    void aPackageZippedOnJapaneseWindowsKeepsItsFileNames() {
        TestPlatform p = new TestPlatform(TestDatabases.h2(), content);
        String manifest = ScormZips.scorm12Manifest("jp.sjis", "情報セキュリティ")
                .replace("href=\"index.html\"", "href=\"教材/はじめに.html\"");
        byte[] zip = TestZips.zip().add("imsmanifest.xml", manifest).add("教材/はじめに.html", "<p>はじめに</p>")
                .bytes(Charset.forName("windows-31j"));
        PackageImporter.Imported imported = upload(p, AUTHOR_A, zip, PackageImporter.Options.defaults());
        assertThat(imported.problems()).extracting(Problem::code).containsExactly("legacy-name-encoding");
        assertThat(imported.pkg().scos()).singleElement()
                .satisfies(i -> assertThat(Hrefs.decode(i.launchHref())).isEqualTo("教材/はじめに.html"));
        assertThat(p.repository.contentRoot(imported.pkg().id()).resolve("教材/はじめに.html"))
                .hasContent("<p>はじめに</p>");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void reimportMakesANewVersionAndKeepsTheOldOne(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        ScormPackage v1 = upload(p, AUTHOR_A, ScormZips.scorm12("com.example.golf", "Golf"),
                PackageImporter.Options.defaults()).pkg();
        ScormPackage v2 = upload(p, AUTHOR_A, ScormZips.scorm12("com.example.golf", "Golf 2"),
                PackageImporter.Options.defaults()).pkg();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.lineId()).isEqualTo(v1.lineId());
        assertThat(v2.courseId()).isEqualTo(v1.courseId());
        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(p.repository.latestOfLine(v1.lineId())).map(ScormPackage::id).contains(v2.id());
        assertThat(p.repository.find(v1.id())).isPresent();
        assertThat(p.repository.contentRoot(v1.id())).isDirectory();
        assertThat(p.repository.versions(v1.lineId())).extracting(ScormPackage::version).containsExactly(1, 2);
        assertThat(p.catalog.find(v1.courseId()).orElseThrow().components()).hasSize(1);

        // the same identifier in another tenant is another package
        ScormPackage other = upload(p, AUTHOR_B, ScormZips.scorm12("com.example.golf", "Golf"),
                PackageImporter.Options.defaults()).pkg();
        assertThat(other.version()).isEqualTo(1);
        assertThat(other.lineId()).isNotEqualTo(v1.lineId());
        assertThat(p.repository.latestPerLine("a")).extracting(ScormPackage::id).containsExactly(v2.id());
        assertThat(p.repository.latestPerLine(null)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void languageVariantsJoinAnExistingCourse(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        ScormPackage en = upload(p, AUTHOR_A, ScormZips.scorm12("rdm", "RDM"),
                new PackageImporter.Options(null, "en", CourseVisibility.SHARED, Set.of("b"))).pkg();
        ScormPackage ja = upload(p, AUTHOR_A, ScormZips.scorm12("rdm", "研究データ管理"),
                new PackageImporter.Options(en.courseId(), "ja", null, Set.of())).pkg();
        assertThat(ja.courseId()).isEqualTo(en.courseId());
        assertThat(ja.lineId()).isNotEqualTo(en.lineId());
        Course course = p.catalog.find(en.courseId()).orElseThrow();
        assertThat(course.components()).containsExactly(new Course.Component("scorm", en.lineId(), "en"),
                new Course.Component("scorm", ja.lineId(), "ja"));
        assertThat(course.defaultLanguage()).isEqualTo("en");
        assertThat(course.visibleTo(LEARNER_B)).isTrue();
        assertThat(course.visibleTo(LEARNER_C)).isFalse();

        ScormPackage ja2 = upload(p, AUTHOR_A, ScormZips.scorm12("rdm", "研究データ管理 2"),
                new PackageImporter.Options(en.courseId(), "ja", null, Set.of())).pkg();
        assertThat(ja2.lineId()).isEqualTo(ja.lineId());
        assertThat(ja2.version()).isEqualTo(2);

        // another tenant's author may not add to the course; it is not even visible to them (404)
        Throwable denied = catchThrowable(() -> upload(p, TestPlatform.person("x", "c", Role.CONTENT_AUTHOR),
                ScormZips.scorm12("rdm", "x"), new PackageImporter.Options(en.courseId(), "ko", null, Set.of())));
        assertThat(denied).isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void rejectedPackagesLeaveNothingBehind(DataSource ds) throws IOException {
        TestPlatform p = new TestPlatform(ds, content);
        byte[] broken = TestZips.zip().add("imsmanifest.xml", ScormZips.scorm12Manifest("m", "T")).bytes();
        Throwable t = catchThrowable(() -> upload(p, AUTHOR_A, broken, PackageImporter.Options.defaults()));
        assertThat(t).isInstanceOfSatisfying(PackageRejected.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.problems()).extracting(Problem::code).contains("launch-file-missing");
        });
        byte[] slip = TestZips.zip().add("../x", "1").bytes();
        assertThat(catchThrowable(() -> upload(p, AUTHOR_A, slip, PackageImporter.Options.defaults())))
                .isInstanceOfSatisfying(PackageRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problems()).extracting(Problem::code).containsExactly("zip-slip");
                });
        assertThat(rows(ds, "manabi_scorm_package")).isZero();
        assertThat(rows(ds, "manabi_scorm_line")).isZero();
        assertThat(rows(ds, "manabi_course")).isZero();
        assertThat(filesUnder("staging")).isZero();
        assertThat(filesUnder("packages")).isZero();
    }

    @org.junit.jupiter.api.Test
    void uploadsOverTheLimitStopEarly() {
        ImportLimits tiny = new ImportLimits(1000, 5_000_000, 50, 100, 64 * 1024, 1_000_000, 256);
        assertThat(catchThrowable(() -> PackageImporter.receive(new ByteArrayInputStream(new byte[5000]),
                content.resolve("u.zip"), tiny))).isInstanceOfSatisfying(PackageRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.problems().get(0).code()).isEqualTo("upload-too-large");
                });
        assertThat(catchThrowable(() -> PackageImporter.receive(new ByteArrayInputStream(new byte[0]),
                content.resolve("v.zip"), tiny))).isInstanceOfSatisfying(PackageRejected.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo("upload-empty"));
    }

    @org.junit.jupiter.api.Test
    void staleStagingDirectoriesAreRemoved() throws IOException {
        Path staging = Files.createDirectories(content.resolve("staging"));
        Path old = Files.createDirectories(staging.resolve("old"));
        Files.writeString(old.resolve("upload.zip"), "x");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                .minus(java.time.Duration.ofDays(2))));
        Path fresh = Files.createDirectories(staging.resolve("fresh"));
        PackageImporter.removeStaleStaging(staging);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void warningsAreStoredAndReturned(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        byte[] zip = TestZips.zip().add("imsmanifest.xml", ScormZips.scorm12Manifest("w", "W")
                .replace("<file href=\"index.html\"/>", "<file href=\"index.html\"/><file href=\"gone.css\"/>"))
                .add("index.html", "x").bytes();
        PackageImporter.Imported imported = upload(p, AUTHOR_A, zip, PackageImporter.Options.defaults());
        assertThat(imported.problems()).extracting(Problem::code).containsExactly("file-missing");
        assertThat(p.repository.problems(imported.pkg().id())).isEqualTo(imported.problems());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void onlyAuthorsImportAndOnlyAdminsPublishGlobally(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        assertThat(catchThrowable(() -> upload(p, LEARNER_A, ScormZips.scorm12("m", "T"),
                PackageImporter.Options.defaults()))).isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.status()).isEqualTo(403));
        assertThat(catchThrowable(() -> upload(p, AUTHOR_A, ScormZips.scorm12("m", "T"),
                new PackageImporter.Options(null, null, CourseVisibility.GLOBAL, Set.of()))))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(403));
        LearnerContext admin = TestPlatform.person("root", "a", Role.PLATFORM_ADMIN);
        ScormPackage global = upload(p, admin, ScormZips.scorm12("m", "T"),
                new PackageImporter.Options(null, null, CourseVisibility.GLOBAL, Set.of())).pkg();
        assertThat(p.catalog.find(global.courseId()).orElseThrow().visibleTo(LEARNER_C)).isTrue();
        assertThat(List.of(global.edition())).containsExactly(ScormEdition.SCORM_12);
    }
}
