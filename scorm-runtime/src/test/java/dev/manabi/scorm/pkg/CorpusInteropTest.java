package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Imports every third-party package of the {@link TestCorpus} and checks what the import made of it. */
class CorpusInteropTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("ann", "a", Role.CONTENT_AUTHOR);

    @TempDir
    static Path content;

    private static TestPlatform platform;

    @BeforeAll
    static void locateCorpus() {
        TestCorpus.directory();
        platform = new TestPlatform(TestDatabases.h2(), content);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("RuntimeBasicCalls_SCORM12.zip", ScormEdition.SCORM_12,
                        "Golf Explained - Run-time Basic Calls", 1, 1),
                Arguments.of("RuntimeMinimumCalls_SCORM12.zip", ScormEdition.SCORM_12,
                        "Golf Explained - Minimum Run-time Calls", 18, 18),
                Arguments.of("ContentPackagingOneFilePerSCO_SCORM12.zip", ScormEdition.SCORM_12,
                        "Golf Explained - CP One File Per SCO", 0, 18),
                Arguments.of("RuntimeBasicCalls_SCORM20043rdEdition.zip", ScormEdition.SCORM_2004_3RD,
                        "Golf Explained - Run-time Basic Calls", 1, 1),
                Arguments.of("RunTimeAdvancedCalls_SCORM20043rdEdition.zip", ScormEdition.SCORM_2004_3RD,
                        "Golf Explained - Run-time Advanced Calls", 1, 1),
                Arguments.of("ContentPackagingSingleSCO_SCORM20042ndEdition.zip", ScormEdition.SCORM_2004_2ND,
                        "Golf Explained - CP Single SCO", 1, 1),
                Arguments.of("SequencingForcedSequential_SCORM20043rdEdition.zip", ScormEdition.SCORM_2004_3RD,
                        "Golf Explained - Sequencing Forced Order", 5, 5),
                Arguments.of("single_au_basic_responsive.zip", ScormEdition.CMI5,
                        "Introduction to Geology - Responsive Style", 0, 0),
                Arguments.of("basic_course.zip", ScormEdition.XAPI, "Basic xAPI Course", 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void importsCorpusPackage(String zip, ScormEdition edition, String title, int scos, int launchables)
            throws IOException {
        Path file = TestCorpus.file(zip);
        PackageImporter.Imported imported;
        try (InputStream in = Files.newInputStream(file)) {
            imported = platform.importer.importPackage(AUTHOR, in, PackageImporter.Options.defaults());
        }
        ScormPackage p = imported.pkg();
        assertThat(imported.problems()).noneMatch(problem -> problem.severity() == Problem.Severity.ERROR);
        assertThat(p.edition()).isEqualTo(edition);
        assertThat(p.title().resolve(Locale.ENGLISH)).isEqualTo(title);
        assertThat(p.scos()).hasSize(scos);
        assertThat(p.launchables()).hasSize(launchables);
        for (Item item : p.launchables()) {
            String path = item.launchHref().replaceAll("[?#].*", "");
            assertThat(platform.repository.contentRoot(p.id()).resolve(Hrefs.decode(path))).isRegularFile();
        }
        assertThat(platform.repository.find(p.id())).contains(p);
        if (zip.startsWith("Sequencing")) {
            assertThat(p.sequencingCollectionXml()).contains("common_seq_rules");
        }
    }
}
