package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.LearnerCourses.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCORM 1.2 {@code adlcp:prerequisites} (CAM 2.3.4, aicc_script) honoured by the run-time on a two-SCO package
 * written here: the second SCO needs the first passed or completed.
 */
class Scorm12PrerequisitesTest {

    @TempDir
    Path content;

    private static String manifest(String prerequisites) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="pre12-%d" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org">
                      <title>Prerequisites</title>
                      <item identifier="lesson" identifierref="r"><title>Lesson</title></item>
                      <item identifier="quiz" identifierref="r"><title>Quiz</title>
                        <adlcp:prerequisites type="aicc_script">%s</adlcp:prerequisites>
                      </item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(System.nanoTime(), prerequisites);
    }

    private LearnerCourses.Course course(String prerequisites) {
        return LearnerCourses.of(TestDatabases.h2(), content, TestZips.zip()
                .add("imsmanifest.xml", manifest(prerequisites)).add("index.html", "<html></html>").bytes());
    }

    /** Imports the package with these prerequisites on the quiz, without starting an attempt. */
    private dev.manabi.scorm.pkg.PackageImporter.Imported importWith(String prerequisites) {
        return importManifest(manifest(prerequisites));
    }

    private dev.manabi.scorm.pkg.PackageImporter.Imported importManifest(String manifest) {
        return new dev.manabi.scorm.pkg.TestPlatform(TestDatabases.h2(), content).importer.importPackage(
                LearnerCourses.AUTHOR, new java.io.ByteArrayInputStream(TestZips.zip()
                        .add("imsmanifest.xml", manifest).add("index.html", "<html></html>").bytes()),
                dev.manabi.scorm.pkg.PackageImporter.Options.defaults());
    }

    private static ScormRuntimeResource.TocItem quiz(LearnerCourses.Course c) {
        ScormRuntimeResource r = new ScormRuntimeResource();
        r.runtime = c.runtime();
        return r.view(c.runtime().attempt(ALICE, c.attemptId())).toc().stream()
                .filter(i -> i.id().equals("quiz")).findFirst().orElseThrow();
    }

    private static void report(LearnerCourses.Course c, String item, String status) {
        ScormRuntime.Session s = c.open(item, false);
        c.commit(item, s, s.sequence() + 1, true, "cmi.core.lesson_status", status);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_sco_whose_prerequisites_are_unmet_is_not_deliverable_until_they_are() {
        LearnerCourses.Course c = course("lesson");
        assertThat(c.pkg().organization().orElseThrow().items().get(1).prerequisites()).isNotNull();
        ScormRuntimeResource.TocItem locked = quiz(c);
        assertThat(locked.choosable()).isFalse();
        assertThat(locked.reason()).isEqualTo("scorm.seq.reason.prerequisites");

        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "choice", "quiz"))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("scorm-nav-refused");
                    assertThat((Map<Object, Object>) e.details()).containsEntry("activity", "quiz")
                            .containsEntry("reason", "scorm.seq.reason.prerequisites");
                });
        assertThatThrownBy(() -> c.open("quiz", false)).as("nor launched directly")
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code())
                        .isEqualTo("scorm-nav-refused"));

        report(c, "lesson", "incomplete");
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "continue", null).activity())
                .as("continue passes over the locked quiz: nothing after the lesson is available").isNull();
        assertThat(quiz(c).choosable()).isFalse();

        report(c, "lesson", "completed");
        assertThat(quiz(c).choosable()).isNotEqualTo(Boolean.FALSE);
        assertThat(quiz(c).reason()).isNull();
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "continue", null).activity().id()).isEqualTo("quiz");
        report(c, "quiz", "passed");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isTrue();
    }

    @Test
    void a_negated_prerequisite_locks_once_the_other_sco_is_passed() {
        LearnerCourses.Course c = course("~lesson");
        assertThat(quiz(c).choosable()).isNotEqualTo(Boolean.FALSE);
        report(c, "lesson", "passed");
        assertThat(quiz(c).choosable()).isFalse();
    }

    @Test
    void opening_the_course_names_the_first_item_whose_prerequisites_are_met() {
        // The quiz's prerequisites left empty (a warning: it has none); the lesson, first in the tree, needs the quiz.
        String manifest = manifest(" ").replace("<title>Lesson</title></item>", "<title>Lesson</title>"
                + "<adlcp:prerequisites type=\"aicc_script\">quiz</adlcp:prerequisites></item>");
        LearnerCourses.Course c = LearnerCourses.of(TestDatabases.h2(), content, TestZips.zip()
                .add("imsmanifest.xml", manifest).add("index.html", "<html></html>").bytes());
        ScormRuntimeResource r = new ScormRuntimeResource();
        r.runtime = c.runtime();
        assertThat(r.view(c.runtime().attempt(ALICE, c.attemptId())).currentItem()).isEqualTo("quiz");
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).isEqualTo("quiz");
        report(c, "quiz", "passed");
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "previous", null).activity().id()).isEqualTo("lesson");
    }

    @Test
    void an_unreadable_expression_is_an_import_warning_and_locks_nothing() {
        var imported = importWith("lesson &amp;");
        assertThat(imported.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("prerequisites-invalid");
            assertThat(p.severity().toString().toLowerCase()).isEqualTo("warning");
            assertThat(p.location()).endsWith("/prerequisites");
        });
        assertThat(imported.pkg().organization().orElseThrow().items().get(1).prerequisites()).isNull();
    }

    @Test
    void a_prerequisite_naming_no_item_is_an_import_warning() {
        var imported = importWith("lesson | ghost");
        assertThat(imported.problems()).filteredOn(p -> p.code().startsWith("prerequisites")).singleElement()
                .satisfies(p -> {
            assertThat(p.code()).isEqualTo("prerequisites-unknown-item");
            assertThat(p.message()).contains("'ghost'");
        });
    }

    @Test
    void a_sco_that_requires_itself_is_an_import_warning_and_stays_playable() {
        var imported = importWith("quiz");
        assertThat(imported.problems()).filteredOn(p -> p.code().startsWith("prerequisites")).singleElement()
                .satisfies(p -> {
            assertThat(p.code()).isEqualTo("prerequisites-cyclic");
            assertThat(p.severity().toString().toLowerCase()).isEqualTo("warning");
            assertThat(p.message()).contains("'quiz'").contains("ignored");
            assertThat(p.location()).endsWith("item[@identifier='quiz']/prerequisites");
        });
        assertThat(imported.pkg().organization().orElseThrow().items().get(1).prerequisites()).isNull();

        LearnerCourses.Course c = course("quiz");
        assertThat(quiz(c).choosable()).isNotEqualTo(Boolean.FALSE);
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "choice", "quiz").activity().id()).isEqualTo("quiz");
    }

    @Test
    void two_scos_that_require_each_other_are_both_flagged_and_both_playable() {
        // The lesson needs the quiz and the quiz needs the lesson: neither could ever be launched first.
        String cyclic = manifest("lesson").replace("<title>Lesson</title></item>", "<title>Lesson</title>"
                + "<adlcp:prerequisites type=\"aicc_script\">quiz</adlcp:prerequisites></item>");
        var imported = importManifest(cyclic);
        assertThat(imported.problems()).filteredOn(p -> p.code().equals("prerequisites-cyclic"))
                .extracting(p -> p.location()).containsExactlyInAnyOrder(
                        "/manifest/organizations/organization[@identifier='org']/item[@identifier='lesson']"
                                + "/prerequisites",
                        "/manifest/organizations/organization[@identifier='org']/item[@identifier='quiz']"
                                + "/prerequisites");
        assertThat(imported.pkg().organization().orElseThrow().items())
                .allSatisfy(i -> assertThat(i.prerequisites()).isNull());
    }

    @Test
    void a_prerequisite_that_only_names_itself_negated_is_kept() {
        // "~quiz" on the quiz: playable until it is passed or completed, then locked; satisfiable, so no warning.
        var imported = importWith("~quiz");
        assertThat(imported.problems()).noneMatch(p -> p.code().startsWith("prerequisites"));
        LearnerCourses.Course c = course("~quiz");
        assertThat(quiz(c).choosable()).isNotEqualTo(Boolean.FALSE);
        report(c, "quiz", "passed");
        assertThat(quiz(c).choosable()).isFalse();
    }
}
