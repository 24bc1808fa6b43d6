package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.PlayerException;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.TestStatements;
import dev.manabi.core.TestZips;
import dev.manabi.scorm.pkg.ScormZips;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCORM 1.2 and 2004 sessions produce the ADL xAPI SCORM Profile's statements, once per real change, in the
 * transactions of the launch and the commits (every one checked by the xapi validator, TestStatements).
 */
class ScormStatementsTest {

    @TempDir
    Path content;

    private static String verb(JsonNode s) {
        return s.path("verb").path("id").asText().replace("http://adlnet.gov/expapi/verbs/", "");
    }

    private static List<String> verbs(List<ObjectNode> statements) {
        return statements.stream().map(ScormStatementsTest::verb).toList();
    }

    private static ObjectNode only(List<ObjectNode> statements, String verb) {
        List<ObjectNode> found = statements.stream().filter(s -> verb(s).equals(verb)).toList();
        assertThat(found).as(verb).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aScorm12SessionFollowsTheProfile(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.of(ds, content, ScormZips.scorm12("golf12", "Golf"));
        String sco = "urn:manabi:scorm/" + c.pkg().lineId() + "/i1";
        String registration = LearnerStatement.registration(c.attemptId()).toString();

        ScormRuntime.Session s = c.open("i1", false);
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized");

        c.commit("i1", s, 1, false, "cmi.interactions.0.id", "q1", "cmi.interactions.0.type", "choice",
                "cmi.interactions.0.correct_responses.0.pattern", "a,b", "cmi.interactions.0.student_response", "a,b",
                "cmi.interactions.0.result", "correct");
        c.commit("i1", s, 2, true, "cmi.core.lesson_status", "incomplete", "cmi.core.session_time", "00:01:30",
                "cmi.core.exit", "suspend");
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized", "responded", "suspended");

        // The suspended attempt resumes; the SCO reports its score and passes (80 is the mastery score).
        ScormRuntime.Session again = c.open("i1", false);
        c.commit("i1", again, again.sequence() + 1, true, "cmi.core.score.raw", "90", "cmi.core.score.max", "100",
                "cmi.core.score.min", "0", "cmi.core.lesson_status", "passed", "cmi.core.exit", "");
        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(verbs(all)).containsExactly("initialized", "responded", "suspended", "resumed", "scored",
                "completed", "passed", "terminated");

        ObjectNode responded = only(all, "responded");
        assertThat(responded.at("/object/id").asText()).isEqualTo(sco + "/interactions/q1");
        assertThat(responded.at("/object/definition/type").asText())
                .isEqualTo("http://adlnet.gov/expapi/activities/cmi.interaction");
        assertThat(responded.at("/object/definition/interactionType").asText()).isEqualTo("choice");
        assertThat(responded.at("/object/definition/correctResponsesPattern/0").asText()).isEqualTo("a[,]b");
        assertThat(responded.at("/result/response").asText()).isEqualTo("a[,]b");
        assertThat(responded.at("/result/success").asBoolean()).isTrue();
        assertThat(responded.at("/context/contextActivities/parent/0/id").asText()).isEqualTo(sco);

        ObjectNode passed = only(all, "passed");
        assertThat(passed.at("/object/id").asText()).isEqualTo(sco);
        assertThat(passed.at("/object/definition/type").asText())
                .isEqualTo("http://adlnet.gov/expapi/activities/lesson");
        assertThat(passed.at("/object/definition/name/und").asText()).isEqualTo("Lesson 1");
        assertThat(passed.at("/result/success").asBoolean()).isTrue();
        assertThat(passed.at("/result/score/raw").asDouble()).isEqualTo(90.0);
        assertThat(passed.at("/result/score/scaled").asDouble()).isEqualTo(0.9);
        assertThat(passed.at("/context/registration").asText()).isEqualTo(registration);
        assertThat(passed.at("/context/contextActivities/grouping/0/id").asText())
                .isEqualTo("urn:manabi:course/" + c.pkg().courseId());
        assertThat(passed.at("/context/contextActivities/category/0/id").asText())
                .isEqualTo("https://w3id.org/xapi/scorm");
        assertThat(only(all, "suspended").at("/result/duration").asText()).isEqualTo("PT0H1M30S");
        assertThat(all).allSatisfy(x -> assertThat(x.at("/actor/account/name").asText()).isEqualTo("alice"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aScorm2004SessionFollowsTheProfileAndStatesEachChangeOnce(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.twoSco2004(ds, content);
        ScormRuntime.Session s = c.open("i1", false);
        c.commit("i1", s, 1, false, "cmi.completion_status", "completed", "cmi.interactions.0.id", "tf-1",
                "cmi.interactions.0.type", "true-false", "cmi.interactions.0.learner_response", "true",
                "cmi.interactions.0.correct_responses.0.pattern", "false", "cmi.interactions.0.result", "incorrect",
                "cmi.interactions.0.description", "Is the sky green?");
        // Same values again plus a bookmark: no change worth a statement.
        c.commit("i1", s, 2, false, "cmi.completion_status", "completed", "cmi.location", "page-3");
        c.commit("i1", s, 3, true, "cmi.success_status", "failed", "cmi.score.scaled", "0.4",
                "cmi.session_time", "PT2M", "cmi.exit", "normal");

        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(verbs(all)).containsExactly("initialized", "responded", "completed", "scored", "failed",
                "terminated");
        ObjectNode responded = only(all, "responded");
        assertThat(responded.at("/object/definition/interactionType").asText()).isEqualTo("true-false");
        assertThat(responded.at("/object/definition/correctResponsesPattern/0").asText()).isEqualTo("false");
        assertThat(responded.at("/object/definition/description/und").asText()).isEqualTo("Is the sky green?");
        assertThat(responded.at("/result/response").asText()).isEqualTo("true");
        assertThat(responded.at("/result/success").asBoolean()).isFalse();
        ObjectNode failed = only(all, "failed");
        assertThat(failed.at("/result/success").asBoolean()).isFalse();
        assertThat(failed.at("/result/score/scaled").asDouble()).isEqualTo(0.4);
        assertThat(only(all, "scored").at("/result/score/scaled").asDouble()).isEqualTo(0.4);
        assertThat(only(all, "terminated").at("/result/duration").asText()).isEqualTo("PT0H2M0S");
        assertThat(all).extracting(x -> x.at("/context/registration").asText()).containsOnly(
                LearnerStatement.registration(c.attemptId()).toString());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRefusedCommitWritesNoStatementAndBrowseModeCreditsNothing(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.twoSco2004(ds, content);
        ScormRuntime.Session s = c.open("i1", false);
        assertThatThrownBy(() -> c.commit("i1", s, 1, false, "cmi.completion_status", "completed",
                "cmi.score.scaled", "7")).isInstanceOf(PlayerException.class);
        assertThatThrownBy(() -> c.commit("i1", s, 0, false, "cmi.completion_status", "completed"))
                .isInstanceOf(PlayerException.class);
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized");

        ScormRuntime.Session browse = c.open("i2", true);
        c.commit("i2", browse, browse.sequence() + 1, true, "cmi.completion_status", "completed",
                "cmi.exit", "normal");
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized", "initialized", "terminated");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAbandonedSessionIsTerminatedWhenTheScoIsLaunchedAgain(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.twoSco2004(ds, content);
        ScormRuntime.Session s = c.open("i1", false);
        c.commit("i1", s, 1, false, "cmi.session_time", "PT30S", "cmi.exit", "suspend");
        c.open("i1", false);
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized", "suspended", "resumed");
    }

    private static String grouping(JsonNode s, int n, String field) {
        return s.at("/context/contextActivities/grouping/" + n + "/" + field).asText();
    }

    private static String attemptOf(JsonNode s) {
        assertThat(grouping(s, 1, "definition/type")).isEqualTo("http://adlnet.gov/expapi/activities/attempt");
        return grouping(s, 1, "id");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void everyStatementIsGroupedByCourseAndScoAttemptAndTerminatedCarriesTheOverallResult(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.twoSco2004(ds, content);
        String sco = "urn:manabi:scorm/" + c.pkg().lineId() + "/i1";
        ScormRuntime.Session s = c.open("i1", false);
        c.commit("i1", s, 1, false, "cmi.interactions.0.id", "q1", "cmi.interactions.0.type", "true-false",
                "cmi.interactions.0.learner_response", "true");
        c.commit("i1", s, 2, true, "cmi.exit", "suspend", "cmi.completion_status", "incomplete");
        ScormRuntime.Session resumed = c.open("i1", false);
        c.commit("i1", resumed, resumed.sequence() + 1, true, "cmi.completion_status", "completed",
                "cmi.success_status", "passed", "cmi.score.scaled", "0.9", "cmi.score.raw", "45",
                "cmi.score.min", "0", "cmi.score.max", "50", "cmi.exit", "normal");
        // A normal exit ended the SCO attempt: the next launch starts a new one (cmi.entry ab-initio).
        c.open("i1", false);

        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(verbs(all)).containsExactly("initialized", "responded", "suspended", "resumed", "scored",
                "completed", "passed", "terminated", "initialized");
        assertThat(all).allSatisfy(x -> assertThat(grouping(x, 0, "id"))
                .isEqualTo("urn:manabi:course/" + c.pkg().courseId()));
        String first = attemptOf(all.get(0));
        assertThat(first).startsWith(sco + "?attemptId=");
        // Kept on resume, for the SCO's own statements and its interactions alike.
        assertThat(all.subList(0, 8)).allSatisfy(x -> assertThat(attemptOf(x)).isEqualTo(first));
        assertThat(attemptOf(all.get(8))).startsWith(sco + "?attemptId=").isNotEqualTo(first);

        ObjectNode suspended = only(all, "suspended");
        assertThat(suspended.at("/result/completion").asBoolean(true)).isFalse();
        assertThat(suspended.at("/result/success").isMissingNode()).isTrue();
        ObjectNode terminated = only(all, "terminated");
        assertThat(terminated.at("/result/completion").asBoolean()).isTrue();
        assertThat(terminated.at("/result/success").asBoolean()).isTrue();
        assertThat(terminated.at("/result/score/scaled").asDouble()).isEqualTo(0.9);
        assertThat(terminated.at("/result/score/raw").asDouble()).isEqualTo(45.0);
        assertThat(terminated.at("/result/score/max").asDouble()).isEqualTo(50.0);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aNewAttemptStatesWhatClosingTheAbandonedSessionChanged(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.of(ds, content, ScormZips.scorm12("golf12", "Golf"));
        ScormRuntime.Session s = c.open("i1", false);
        // A bookmark but no lesson_status, and the tab closed without LMSFinish.
        c.commit("i1", s, 1, false, "cmi.core.lesson_location", "page-2");
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized");

        c.runtime().newAttempt(LearnerCourses.ALICE, c.pkg().courseId(), c.pkg().lineId());

        // The LMS's Terminate judged the status (SCORM 1.2 RTE 3.4.4: not set at LMSFinish, the LMS sets it
        // completed), so the statements state it as the SCO's own LMSFinish would have.
        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(verbs(all)).containsExactly("initialized", "completed", "terminated");
        assertThat(only(all, "terminated").at("/result/completion").asBoolean()).isTrue();
        assertThat(all.subList(1, 3)).allSatisfy(x -> assertThat(x.at("/context/registration").asText())
                .isEqualTo(LearnerStatement.registration(c.attemptId()).toString()));
    }

    private static final String ASSET_2004 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="assets" version="1"
                xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="org">
                <organization identifier="org">
                  <title>Assets</title>
                  <item identifier="i1" identifierref="r1"><title>Reading</title></item>
                </organization>
              </organizations>
              <resources>
                <resource identifier="r1" type="webcontent" adlcp:scormType="asset" href="index.html">
                  <file href="index.html"/>
                </resource>
              </resources>
            </manifest>
            """;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAssetCreditedAsCompletedAtLaunchIsStatedCompleted(DataSource ds) {
        LearnerCourses.Course c = LearnerCourses.of(ds, content, TestZips.zip().add("imsmanifest.xml", ASSET_2004)
                .add("index.html", "<html></html>").bytes());
        c.open("i1", false);
        List<ObjectNode> all = TestStatements.queued(ds);
        assertThat(verbs(all)).containsExactly("initialized", "completed");
        assertThat(only(all, "completed").at("/result/completion").asBoolean()).isTrue();
        // Launched again: already completed, nothing new to state.
        c.open("i1", false);
        assertThat(verbs(TestStatements.queued(ds))).containsExactly("initialized", "completed", "initialized");
    }

    @Test
    void scorm12ResponsesAreWrittenInXapiSyntax() {
        assertThat(ScormStatements.xapiResponse("matching", "1.a,2.b", true)).isEqualTo("1[.]a[,]2[.]b");
        assertThat(ScormStatements.xapiResponse("true-false", "t", true)).isEqualTo("true");
        assertThat(ScormStatements.xapiResponse("true-false", "0", true)).isEqualTo("false");
        assertThat(ScormStatements.xapiResponse("sequencing", "c,a,b", true)).isEqualTo("c[,]a[,]b");
        assertThat(ScormStatements.xapiResponse("choice", "a[,]b", false)).isEqualTo("a[,]b");
        assertThat(ScormStatements.changedInteractions(Map.of("cmi.interactions.0.id", "x"),
                Map.of("cmi.interactions.0.id", "x", "cmi.interactions.1.id", "y"))).containsExactly(1);
    }
}
