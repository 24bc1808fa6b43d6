package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.LearnerCourses.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the run-time does with the navigation request a SCO sets on Terminate, from two ADL SCORM 2004 4th Edition
 * conformance packages played as their scripts say (github.com/adlnet/SCORM-2004-4ed-Test-Suite,
 * {@code TestCases/CM-09bb.properties} and {@code SX-04a.properties}; their structure rebuilt here, no file of the
 * suite copied): a learner's request pending while the SCO unloads goes first (SN 4th Ed. 5.4), and a SCO that
 * abandons its attempt does not report what it set in that Terminate (SN TB.2.3).
 */
class ScoNavigationRequestsTest {

    @TempDir
    Path content;

    /** A manifest of the suite's shape: one SCO resource, the organization's items and its own sequencing. */
    private static String manifest(String organization, String items, String sequencing) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="LMSTestPackage_%1$s" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="%1$s"><organization identifier="%1$s"><title>%1$s</title>
                    %2$s
                    <imsss:sequencing>%3$s</imsss:sequencing>
                  </organization></organizations>
                  <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html">
                    <file href="index.html"/></resource></resources>
                </manifest>
                """.formatted(organization, items, sequencing);
    }

    private static String item(int n, String sequencing) {
        return "<item identifier=\"activity_" + n + "\" identifierref=\"r\"><title>Activity " + n + "</title>"
                + sequencing + "</item>";
    }

    private static final String CM_09BB = manifest("CM-09bb", item(1, "") + item(2, "") + item(3, "") + item(4, ""),
            "<imsss:controlMode flow=\"true\"/>");

    private static final String SX_04A = manifest("SX-04a", item(1, """
            <imsss:sequencing>
              <imsss:sequencingRules><imsss:preConditionRule>
                <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
                <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>
              <imsss:objectives><imsss:primaryObjective objectiveID="PRIMARYOBJ">
                <imsss:mapInfo targetObjectiveID="gObj-SX04a" writeSatisfiedStatus="true"/>
              </imsss:primaryObjective></imsss:objectives>
            </imsss:sequencing>""") + item(2, "") + item(3, ""), "<imsss:controlMode choice=\"false\" flow=\"true\"/>");

    private LearnerCourses.Course course(String manifest) {
        return LearnerCourses.of(TestDatabases.h2(), content, TestZips.zip().add("imsmanifest.xml", manifest)
                .add("index.html", "<html></html>").bytes());
    }

    /** The delivered SCO terminates, setting these values; {@code learnerNavigation}: the learner's request is next. */
    private static void terminate(LearnerCourses.Course c, String item, boolean learnerNavigation, String... pairs) {
        ScormRuntime.Session s = c.open(item, false);
        List<ScormRuntime.Assignment> sets = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sets.add(new ScormRuntime.Assignment(pairs[i], pairs[i + 1]));
        }
        c.runtime().commit(ALICE, c.attemptId(), item, new ScormRuntime.Commit(s.session(), s.sequence() + 1, sets,
                true, learnerNavigation));
    }

    private static String choose(LearnerCourses.Course c, String item) {
        return c.runtime().navigate(ALICE, c.attemptId(), "choice", item).activity().id();
    }

    /**
     * CM-09bb: Act1V1, the learner chooses Activity 3 in the TOC (Act3V1); activity_3's SCO sets
     * {@code adl.nav.request = exitAll} when it is unloaded, which happens because the learner chose Activity 2: that
     * choice was pending when the SCO terminated, so it is processed and the SCO's exit all is not (SN 5.4): Act2V1,
     * the session goes on. A SCO that asks for exit all on its own (no learner request pending) ends the session.
     */
    @Test
    void cm_09bb_a_pending_toc_choice_goes_before_the_sco_s_exit_all() {
        LearnerCourses.Course c = course(CM_09BB);
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).as("Act1V1")
                .isEqualTo("activity_1");
        terminate(c, "activity_1", true);
        assertThat(choose(c, "activity_3")).as("Act3V1").isEqualTo("activity_3");
        terminate(c, "activity_3", true, "adl.nav.request", "exitAll");
        AttemptRecord afterUnload = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(afterUnload.finished()).as("the SCO's exit all was not carried out").isFalse();
        assertThat(choose(c, "activity_2")).as("Act2V1").isEqualTo("activity_2");

        terminate(c, "activity_2", false, "adl.nav.request", "exitAll");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).as("nothing pending: the SCO's exit all")
                .isTrue();
    }

    /**
     * SX-04a: Act1V1 sets {@code cmi.success_status = "passed"} and {@code adl.nav.request = abandonAll}, then
     * terminates. The attempt is abandoned: what it set in that Terminate is not put into the tracking model, so the
     * "passed" never reaches gObj-SX04a (the learner's: {@code objectivesGlobalToSystem} is true), and in the learner's
     * next attempt activity_1 (skipped when satisfied) is delivered again:
     * Act1V2. (A SCO that had committed "passed" before abandoning keeps it: abandoning rolls nothing back.)
     */
    @Test
    void sx_04a_what_an_abandoning_terminate_sets_is_not_tracked() {
        LearnerCourses.Course c = course(SX_04A);
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).as("Act1V1")
                .isEqualTo("activity_1");
        terminate(c, "activity_1", false, "cmi.success_status", "passed", "adl.nav.request", "abandonAll");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isTrue();

        String relaunched = c.runtime().newAttempt(ALICE, c.pkg().courseId(), c.pkg().lineId()).id();
        assertThat(c.runtime().navigate(ALICE, relaunched, "start", null).activity().id()).as("Act1V2")
                .isEqualTo("activity_1");
    }

    /** The flag as the launcher sends it in the terminating commit's JSON; absent, as every older adapter sends it. */
    @Test
    void theTerminatingCommitCarriesThePendingLearnerNavigation() {
        assertThat(ScormRuntimeResource.parseCommit("{\"session\":\"s\",\"sequence\":2,\"sets\":[],"
                + "\"terminate\":true,\"learnerNavigation\":true}").learnerNavigation()).isTrue();
        assertThat(ScormRuntimeResource.parseCommit("{\"session\":\"s\",\"sequence\":2,\"sets\":[],"
                + "\"terminate\":true}").learnerNavigation()).isFalse();
    }
}
