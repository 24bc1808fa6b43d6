package dev.manabi.scorm.runtime;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.core.TestZips;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** One learner's attempt on an imported package, driven through {@link ScormRuntime} as the browser would. */
final class LearnerCourses {

    private LearnerCourses() {
    }

    static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);

    /** SCORM 2004 4th Edition, two SCOs; the first shares the bucket {@code urn:notes} (adl.data). */
    private static final String MANIFEST_2004 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="lifecycle" version="1"
                xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="org">
                <organization identifier="org">
                  <title>Lifecycle</title>
                  <item identifier="i1" identifierref="r1"><title>One</title>
                    <adlcp:data><adlcp:map targetID="urn:notes" readSharedData="true" writeSharedData="true"/></adlcp:data>
                  </item>
                  <item identifier="i2" identifierref="r1"><title>Two</title></item>
                </organization>
              </organizations>
              <resources>
                <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
                  <file href="index.html"/>
                </resource>
              </resources>
            </manifest>
            """;

    record Course(TestPlatform platform, ScormRuntime runtime, ScormPackage pkg, String attemptId) {

        ScormRuntime.Session open(String item, boolean browse) {
            return runtime.openSession(ALICE, attemptId, item, browse);
        }

        ScoRecord commit(String item, ScormRuntime.Session s, long sequence, boolean terminate, String... pairs) {
            List<ScormRuntime.Assignment> sets = new ArrayList<>();
            for (int i = 0; i < pairs.length; i += 2) {
                sets.add(new ScormRuntime.Assignment(pairs[i], pairs[i + 1]));
            }
            return runtime.commit(ALICE, attemptId, item, new ScormRuntime.Commit(s.session(), sequence, sets,
                    terminate));
        }

        CourseProgress progress() {
            return runtime.progress(ALICE, pkg.courseId());
        }

        ScoRecord sco(String item) {
            return ScormRuntime.Store.sco(platform.dataSource, attemptId, item).orElseThrow();
        }

        CourseProgress.Activity activity(String item) {
            return progress().activities().stream().filter(x -> x.id().equals(item)).findFirst().orElseThrow();
        }
    }

    static Course of(DataSource ds, Path content, byte[] zip) {
        TestPlatform platform = new TestPlatform(ds, content);
        ScormPackage pkg = platform.importer.importPackage(AUTHOR, new ByteArrayInputStream(zip),
                PackageImporter.Options.defaults()).pkg();
        ScormRuntime runtime = RuntimeFixtures.runtime(platform);
        return new Course(platform, runtime, pkg, runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId()).id());
    }

    static Course twoSco2004(DataSource ds, Path content) {
        return of(ds, content, TestZips.zip().add("imsmanifest.xml", MANIFEST_2004).add("index.html", "<html></html>")
                .bytes());
    }
}
