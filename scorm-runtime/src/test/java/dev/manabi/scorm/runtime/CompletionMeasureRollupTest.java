package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.LearnerCourses.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import dev.manabi.scorm.seq.model.CompletionThreshold;
import dev.manabi.scorm.seq.state.ActivityState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SCORM 2004 4th Edition {@code adlcp:completionThreshold} (CAM 5.1: completedByMeasure, minProgressMeasure,
 * progressWeight) from the manifest to the sequencer, and the completion measure rollup (SN 4th Ed. RB.1.1 b,
 * RB.1.3) end to end: a module completed by measure over two SCOs weighted 1 : 3 (progressWeight 0.25 and 0.75,
 * the attribute's range being 0-1) that report cmi.progress_measure.
 */
class CompletionMeasureRollupTest {

    @TempDir
    Path content;

    private static final String MANIFEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="measure" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="org">
                <organization identifier="org">
                  <title>Measure</title>
                  <item identifier="module"><title>Module</title>
                    <item identifier="light" identifierref="r"><title>Light</title>
                      <adlcp:completionThreshold progressWeight="0.25"/>
                    </item>
                    <item identifier="heavy" identifierref="r"><title>Heavy</title>
                      <adlcp:completionThreshold progressWeight="0.75"/>
                    </item>
                    <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.5"/>
                    <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
                  </item>
                  <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
                </organization>
              </organizations>
              <resources>
                <resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html">
                  <file href="index.html"/>
                </resource>
              </resources>
            </manifest>
            """;

    private static void progress(LearnerCourses.Course c, String item, String measure) {
        ScormRuntime.Session s = c.open(item, false);
        c.commit(item, s, s.sequence() + 1, true, "cmi.progress_measure", measure);
    }

    private static ActivityState module(LearnerCourses.Course c) {
        AttemptRecord a = c.runtime().attempt(ALICE, c.attemptId());
        return c.runtime().sequencedView(a, c.pkg()).state().activities.get("module");
    }

    @Test
    void the_threshold_reaches_the_sequencer_and_the_module_completes_by_its_weighted_measure() {
        LearnerCourses.Course c = LearnerCourses.of(TestDatabases.h2(), content, TestZips.zip()
                .add("imsmanifest.xml", MANIFEST).add("index.html", "<html></html>").bytes());
        var tree = c.runtime().sequencing(c.pkg()).orElseThrow();
        assertThat(tree.get("module").sequencing().completionThreshold())
                .isEqualTo(new CompletionThreshold(true, 0.5, 1.0));
        assertThat(tree.get("heavy").sequencing().completionThreshold().progressWeight()).isEqualTo(0.75);

        progress(c, "light", "1.0");
        progress(c, "heavy", "0.2");
        // (0.25 * 1.0 + 0.75 * 0.2) / 1.0 = 0.4; equal weights would make it 0.6 and complete the module
        assertThat(module(c).attemptCompletionAmount).isCloseTo(0.4, within(1e-9));
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).status().completion()).isNotEqualTo("completed");

        progress(c, "heavy", "0.6");
        assertThat(module(c).attemptCompletionAmount).isCloseTo(0.7, within(1e-9));
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).status().completion()).isEqualTo("completed");
    }
}
