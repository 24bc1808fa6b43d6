package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A SCO session from launch to its end through the services, on H2 and on a real PostgreSQL: terminate replays,
 * abandoned sessions, time, credit and finished attempts.
 */
class SessionLifecycleTest {

    private static final LearnerContext AUTHOR = TestPlatform.person("author", "uni-a", Role.CONTENT_AUTHOR);
    private static final LearnerContext ALICE = TestPlatform.person("alice", "uni-a", Role.LEARNER);

    @TempDir
    Path content;

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

    private record Course(ScormRuntime runtime, ScormPackage pkg, String attemptId) {

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
    }

    private Course course(DataSource ds, byte[] zip) {
        TestPlatform platform = new TestPlatform(ds, content);
        ScormPackage pkg = platform.importer.importPackage(AUTHOR, new ByteArrayInputStream(zip),
                PackageImporter.Options.defaults()).pkg();
        ScormRuntime runtime = RuntimeFixtures.runtime(platform);
        return new Course(runtime, pkg, runtime.currentAttempt(ALICE, pkg.courseId(), pkg.lineId()).id());
    }

    private Course course2004(DataSource ds) {
        return course(ds, TestZips.zip().add("imsmanifest.xml", MANIFEST_2004).add("index.html", "<html></html>")
                .bytes());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aReplayedTerminateIsAcknowledgedAndAppliedOnce(DataSource ds) {
        Course c = course2004(ds);
        ScormRuntime.Session s = c.open("i1", false);
        ScoRecord first = c.commit("i1", s, 1, true, "cmi.session_time", "PT1M", "cmi.exit", "suspend");
        assertThat(first.sessionOpen()).isFalse();

        // The response was lost: the adapter sends the very same terminate again.
        ScoRecord replay = c.commit("i1", s, 1, true, "cmi.session_time", "PT1M", "cmi.exit", "suspend");
        assertThat(replay.lastSequence()).isEqualTo(1);
        assertThat(replay.totalTimeCs()).as("session time counted once").isEqualTo(6000);
        assertThat(replay.cmi()).containsEntry("cmi.total_time", "PT0H1M0S");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H1M0S");

        assertThatThrownBy(() -> c.commit("i1", s, 1, false, "cmi.location", "x"))
                .as("only the terminating commit is replayable").isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-commit-stale"));
        assertThatThrownBy(() -> c.commit("i1", s, 2, false, "cmi.location", "x"))
                .isInstanceOfSatisfying(PlayerException.class,
                        e -> assertThat(e.code()).isEqualTo("scorm-session-closed"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void courseTimeNeverGoesBackWhenAScoAttemptRestarts(DataSource ds) {
        Course c = course2004(ds);
        ScormRuntime.Session s = c.open("i1", false);
        c.commit("i1", s, 1, true, "cmi.completion_status", "completed", "cmi.exit", "normal",
                "cmi.session_time", "PT10M");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H10M0S");

        // A normal exit ends the SCO attempt: the next one starts with cmi.total_time zero (SCORM 2004 RTE 4.2.26)...
        ScormRuntime.Session again = c.open("i1", false);
        assertThat(again.values()).containsEntry("cmi.entry", "ab-initio").containsEntry("cmi.total_time",
                "PT0H0M0S");
        // ...but the learner's time in the course stays.
        assertThat(c.progress().totalTime()).isEqualTo("PT0H10M0S");
        ScoRecord second = c.commit("i1", again, again.sequence() + 1, true, "cmi.session_time", "PT5M");
        assertThat(second.cmi()).containsEntry("cmi.total_time", "PT0H5M0S");
        assertThat(second.learnerTimeCs()).isEqualTo(90000);
        assertThat(c.progress().totalTime()).isEqualTo("PT0H15M0S");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAbandonedSessionKeepsTheSharedDataItWrote(DataSource ds) {
        Course c = course2004(ds);
        ScormRuntime.Session first = c.open("i1", false);
        c.commit("i1", first, 1, true, "adl.data.0.store", "old", "cmi.exit", "suspend");

        // The tab is closed after a periodic save: no Terminate ever arrives.
        ScormRuntime.Session s = c.open("i1", false);
        assertThat(s.values()).containsEntry("adl.data.0.store", "old");
        c.commit("i1", s, s.sequence() + 1, false, "adl.data.0.store", "new", "cmi.exit", "suspend",
                "cmi.session_time", "PT1M");

        ScormRuntime.Session next = c.open("i1", false);
        assertThat(next.values()).containsEntry("cmi.entry", "resume").containsEntry("adl.data.0.store", "new");
        assertThat(ScormRuntime.Store.sharedData(ds, ALICE)).containsEntry("urn:notes", "new");
        assertThat(c.progress().totalTime()).isEqualTo("PT0H1M0S");
    }
}
