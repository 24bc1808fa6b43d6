package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.Course;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.Sql;
import dev.manabi.core.TestZips;
import dev.manabi.i18n.LocalizedText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The {@link PackageFormat} hook: a format of another module reads {@code cmi5.xml} of a zip or of a bare upload,
 * its errors refuse the upload with nothing stored, and what it read is stored on the import's transaction with
 * the course component of its kind. On H2 and PostgreSQL.
 */
class PackageFormatImportTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("ann", "a", Role.CONTENT_AUTHOR);

    @TempDir
    Path content;

    /** Records what it was given; an {@code <error/>} element in the structure is an import error. */
    static final class RecordingFormat implements PackageFormat {
        final List<Boolean> bareCalls = new ArrayList<>();
        final List<StoredVersion> stored = new ArrayList<>();
        final List<Set<String>> files = new ArrayList<>();
        private final String kind;

        RecordingFormat() {
            this("cmi5");
        }

        /** A format of {@code <kind>.xml} with component kind {@code kind} ({@code cmi5}, {@code tincan}). */
        RecordingFormat(String kind) {
            this.kind = kind;
        }

        @Override
        public String structureFile() {
            return kind + ".xml";
        }

        @Override
        public String componentKind() {
            return kind;
        }

        @Override
        public Reading read(Document structure, Set<String> files, boolean bare) {
            bareCalls.add(bare);
            this.files.add(files);
            String id = structure.getDocumentElement().getAttribute("id");
            List<Problem> problems = structure.getElementsByTagName("error").getLength() > 0
                    ? List.of(Problem.error("cmi5-test", "refused", "/")) : List.of();
            return new Reading(id, LocalizedText.untagged("Course " + id), problems, id);
        }

        @Override
        public void store(Connection c, StoredVersion version, Reading reading) {
            assertThat(reading.model()).isEqualTo(version.version() > 0 ? reading.identifier() : null);
            stored.add(version);
        }
    }

    private static byte[] zip(String xml) {
        return TestZips.zip().add("cmi5.xml", xml).add("index.html", "<p>au</p>").bytes();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_zip_and_a_bare_structure_are_read_by_the_format_and_versioned(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        RecordingFormat format = new RecordingFormat();
        p.importer.formatsOverride = List.of(format);

        ScormPackage first = p.importer.importPackage(AUTHOR, new ByteArrayInputStream(
                zip("<courseStructure id=\"https://example.com/c\"/>")), PackageImporter.Options.defaults()).pkg();
        ScormPackage second = p.importer.importStructureFile(AUTHOR, new ByteArrayInputStream(
                "<courseStructure id=\"https://example.com/c\"/>".getBytes(StandardCharsets.UTF_8)),
                PackageImporter.Options.defaults()).pkg();

        assertThat(format.bareCalls).containsExactly(false, true);
        assertThat(format.files.get(0)).containsExactlyInAnyOrder("cmi5.xml", "index.html");
        assertThat(format.files.get(1)).containsExactly("cmi5.xml");
        assertThat(first.edition()).isEqualTo(ScormEdition.CMI5);
        assertThat(second.lineId()).isEqualTo(first.lineId());
        assertThat(second.version()).isEqualTo(2);
        assertThat(format.stored).extracting(PackageFormat.StoredVersion::packageId)
                .containsExactly(first.id(), second.id());
        assertThat(format.stored.get(0).courseId()).isEqualTo(first.courseId());
        Course course = p.catalog.find(first.courseId()).orElseThrow();
        assertThat(course.components()).extracting(Course.Component::kind).containsExactly("cmi5");
        assertThat(course.title().values()).containsValue("Course https://example.com/c");
        assertThat(Files.exists(content.resolve("packages").resolve(second.id()).resolve("cmi5.xml"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void errors_of_the_format_refuse_the_upload_and_store_nothing(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        RecordingFormat format = new RecordingFormat();
        p.importer.formatsOverride = List.of(format);
        PackageRejected refused = catchThrowableOfType(PackageRejected.class, () -> p.importer.importStructureFile(
                AUTHOR, new ByteArrayInputStream("<courseStructure id=\"x\"><error/></courseStructure>"
                        .getBytes(StandardCharsets.UTF_8)), PackageImporter.Options.defaults()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problems()).extracting(Problem::code).containsExactly("cmi5-test");
        assertThat(format.stored).isEmpty();
        long lines = Sql.inTransaction(ds, c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from manabi_scorm_line")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(lines).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_bare_upload_without_a_format_is_refused(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        p.importer.formatsOverride = List.of();
        PackageRejected refused = catchThrowableOfType(PackageRejected.class, () -> p.importer.importStructureFile(
                AUTHOR, new ByteArrayInputStream("<courseStructure/>".getBytes(StandardCharsets.UTF_8)),
                PackageImporter.Options.defaults()));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.problems()).extracting(Problem::code).containsExactly("structure-file-unsupported");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_tincan_zip_is_read_by_the_tincan_format_instead_of_being_stored_unplayable(DataSource ds) {
        TestPlatform p = new TestPlatform(ds, content);
        RecordingFormat cmi5 = new RecordingFormat();
        RecordingFormat tincan = new RecordingFormat("tincan");
        p.importer.formatsOverride = List.of(cmi5, tincan);
        PackageImporter.Imported imported = p.importer.importPackage(AUTHOR, new ByteArrayInputStream(TestZips.zip()
                .add("tincan.xml", "<tincan id=\"https://example.com/t\"/>").add("index.html", "<p>t</p>").bytes()),
                PackageImporter.Options.defaults());
        assertThat(cmi5.files).isEmpty();
        assertThat(tincan.files).containsExactly(Set.of("tincan.xml", "index.html"));
        assertThat(tincan.stored).extracting(PackageFormat.StoredVersion::packageId)
                .containsExactly(imported.pkg().id());
        assertThat(imported.pkg().edition()).isEqualTo(ScormEdition.XAPI);
        assertThat(imported.problems()).extracting(Problem::code).doesNotContain("not-playable");
        assertThat(p.catalog.find(imported.pkg().courseId()).orElseThrow().components())
                .extracting(Course.Component::kind).containsExactly("tincan");
    }
}
