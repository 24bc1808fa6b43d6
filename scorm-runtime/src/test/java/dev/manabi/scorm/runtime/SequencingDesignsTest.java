package dev.manabi.scorm.runtime;

import static dev.manabi.scorm.runtime.LearnerCourses.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import dev.manabi.scorm.pkg.TestPlatform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golf sequencing designs of issue 12, each as a small package of our own (manifests written here), played through
 * the run-time as the player drives it: post-test lock, pre/post test with test-out (and a course failed when both
 * tests are), random test form with an attempt limit, forced sequential, remediation, children of an invisible
 * wrapper in the TOC, hiddenFromChoice, and the last asset of an asset-only package. The sequencer's own unit tests check the processes; these check that the
 * run-time asks it for every decision and stores what it decides.
 */
class SequencingDesignsTest {

    @TempDir
    Path content;

    private static String manifest(String orgSequencing, String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="design-%d" version="1"
                    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
                    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
                    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
                    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org" adlseq:objectivesGlobalToSystem="false">
                      <title>Design</title>
                      %s
                      %s
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(System.nanoTime(), items, orgSequencing);
    }

    /** A leaf SCO item whose primary objective writes (or reads) the global objective {@code global}. */
    private static String sco(String id, String sequencing) {
        return "<item identifier=\"" + id + "\" identifierref=\"r\"><title>" + id + "</title>" + sequencing
                + "</item>";
    }

    private static String writes(String objective, String global) {
        return "<imsss:objectives><imsss:primaryObjective objectiveID=\"" + objective + "\"><imsss:mapInfo"
                + " targetObjectiveID=\"" + global + "\" readSatisfiedStatus=\"false\" writeSatisfiedStatus=\"true\"/>"
                + "</imsss:primaryObjective></imsss:objectives>";
    }

    /** A precondition rule: {@code action} when the objective reading {@code global} is satisfied or not. */
    private static String when(String global, boolean satisfied, String action) {
        String op = satisfied ? "" : " operator=\"not\"";
        return "<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions conditionCombination=\"any\">"
                + "<imsss:ruleCondition referencedObjective=\"needed\"" + op + " condition=\"satisfied\"/>"
                + (satisfied ? "" : "<imsss:ruleCondition referencedObjective=\"needed\" operator=\"not\""
                + " condition=\"objectiveStatusKnown\"/>")
                + "</imsss:ruleConditions><imsss:ruleAction action=\"" + action + "\"/></imsss:preConditionRule>"
                + "</imsss:sequencingRules>";
    }

    private static String reads(String global) {
        return "<imsss:objective objectiveID=\"needed\"><imsss:mapInfo targetObjectiveID=\"" + global + "\""
                + " readSatisfiedStatus=\"true\" writeSatisfiedStatus=\"false\"/></imsss:objective>";
    }

    private static final String FLOW = "<imsss:sequencing><imsss:controlMode choice=\"true\" flow=\"true\"/>"
            + "</imsss:sequencing>";

    private LearnerCourses.Course course(DataSource ds, String manifest) {
        return LearnerCourses.of(ds, content, TestZips.zip().add("imsmanifest.xml", manifest)
                .add("index.html", "<html></html>").bytes());
    }

    private static void finish(LearnerCourses.Course c, String item, String success, String nav) {
        ScormRuntime.Session s = c.open(item, false);
        List<String> sets = new ArrayList<>(List.of("cmi.completion_status", "completed", "cmi.success_status",
                success));
        if (nav != null) {
            sets.addAll(List.of("adl.nav.request", nav));
        }
        c.commit(item, s, s.sequence() + 1, true, sets.toArray(String[]::new));
    }

    private static String current(LearnerCourses.Course c) {
        return c.runtime().attempt(ALICE, c.attemptId()).currentItem();
    }

    private static ScormRuntimeResource.AttemptView view(LearnerCourses.Course c) {
        ScormRuntimeResource r = new ScormRuntimeResource();
        r.runtime = c.runtime();
        return r.view(c.runtime().attempt(ALICE, c.attemptId()));
    }

    private static ScormRuntimeResource.TocItem toc(List<ScormRuntimeResource.TocItem> items, String id) {
        for (ScormRuntimeResource.TocItem i : items) {
            if (i.id().equals(id)) {
                return i;
            }
            ScormRuntimeResource.TocItem found = toc(i.children(), id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void postTestLockOpensOnceTheLessonIsSatisfied() {
        LearnerCourses.Course c = course(TestDatabases.h2(), manifest(FLOW,
                sco("lesson", "<imsss:sequencing>" + writes("lesson_obj", "g.lesson") + "</imsss:sequencing>")
                + sco("posttest", "<imsss:sequencing>" + when("g.lesson", false, "disabled")
                        + "<imsss:objectives><imsss:primaryObjective objectiveID=\"post\"/>" + reads("g.lesson")
                        + "</imsss:objectives></imsss:sequencing>")));
        assertThat(toc(view(c).toc(), "posttest").choosable()).isFalse();
        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "choice", "posttest"))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code())
                        .isEqualTo("scorm-nav-refused"));
        finish(c, "lesson", "failed", "continue");
        assertThat(current(c)).as("a failed lesson keeps the post-test locked").isEqualTo("lesson");
        assertThat(view(c).sequencing().refusedReason()).isEqualTo("scorm.seq.reason.disabled");

        finish(c, "lesson", "passed", "continue");
        assertThat(current(c)).isEqualTo("posttest");
        finish(c, "posttest", "passed", "exitAll");
        AttemptRecord done = c.runtime().attempt(ALICE, c.attemptId());
        assertThat(done.finished()).isTrue();
        assertThat(done.status().success()).isEqualTo("passed");
    }

    @Test
    void aPassedPreTestTestsOutOfTheContent() {
        String design = manifest(FLOW,
                sco("pretest", "<imsss:sequencing>" + writes("pre_obj", "g.pre") + "</imsss:sequencing>")
                + sco("content", "<imsss:sequencing>" + when("g.pre", true, "skip")
                        + "<imsss:objectives><imsss:primaryObjective objectiveID=\"c\"/>" + reads("g.pre")
                        + "</imsss:objectives></imsss:sequencing>")
                + sco("posttest", ""));
        LearnerCourses.Course passing = course(TestDatabases.h2(), design);
        finish(passing, "pretest", "passed", "continue");
        assertThat(current(passing)).as("the content is skipped").isEqualTo("posttest");

        LearnerCourses.Course failing = course(TestDatabases.h2(), design);
        finish(failing, "pretest", "failed", "continue");
        assertThat(current(failing)).as("a failed pre-test leads into the content").isEqualTo("content");
    }

    @Test
    void aRandomTestFormIsChosenOnceAndItsAttemptLimitHolds() {
        DataSource ds = TestDatabases.h2();
        StringBuilder forms = new StringBuilder();
        for (String f : List.of("form_a", "form_b", "form_c", "form_d")) {
            forms.append(sco(f, ""));
        }
        LearnerCourses.Course c = course(ds, manifest(FLOW, "<item identifier=\"test\"><title>Test</title>" + forms
                + "<imsss:sequencing><imsss:controlMode choice=\"true\" flow=\"true\"/>"
                + "<imsss:limitConditions attemptLimit=\"1\"/>"
                + "<imsss:randomizationControls randomizationTiming=\"onEachNewAttempt\" selectCount=\"1\""
                + " selectionTiming=\"onEachNewAttempt\"/></imsss:sequencing></item>" + sco("after", "")));
        ScormRuntimeResource.TocItem test = toc(view(c).toc(), "test");
        assertThat(test.children()).as("one form of four is offered").hasSize(1);
        String form = test.children().get(0).id();
        assertThat(toc(view(c).toc(), "test").children().get(0).id()).as("a reload never reshuffles")
                .isEqualTo(form);
        ScormRuntime restarted = RuntimeFixtures.runtime(new TestPlatform(ds, content));
        ScormRuntimeResource r = new ScormRuntimeResource();
        r.runtime = restarted;
        assertThat(toc(r.view(restarted.attempt(ALICE, c.attemptId())).toc(), "test").children().get(0).id())
                .as("nor does a restart").isEqualTo(form);

        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).isEqualTo(form);
        finish(c, form, "failed", "continue");
        assertThat(current(c)).isEqualTo("after");
        assertThat(toc(view(c).toc(), form).choosable()).isFalse();
        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "choice", "test"))
                .as("the test's one attempt is used up").isInstanceOf(PlayerException.class);
    }

    @Test
    void forcedSequentialDeliversInOrderOnly() {
        LearnerCourses.Course c = course(TestDatabases.h2(), manifest("<imsss:sequencing><imsss:controlMode"
                + " choice=\"false\" flow=\"true\" forwardOnly=\"true\"/></imsss:sequencing>",
                sco("one", "") + sco("two", "<adlnav:presentation><adlnav:navigationInterface>"
                        + "<adlnav:hideLMSUI>previous</adlnav:hideLMSUI><adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI>"
                        + "</adlnav:navigationInterface></adlnav:presentation>") + sco("three", "")));
        assertThat(toc(view(c).toc(), "two").choosable()).isFalse();
        assertThat(toc(view(c).toc(), "two").reason()).isEqualTo("scorm.seq.reason.choiceOff");
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).isEqualTo("one");
        finish(c, "one", "passed", "continue");
        assertThat(current(c)).isEqualTo("two");
        assertThat(view(c).sequencing().previousValid()).as("forward only").isFalse();
        assertThat(view(c).sequencing().hideLmsUi()).as("adlnav:hideLMSUI of the current activity")
                .containsExactly("previous", "suspendAll");
        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "previous", null))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    /** An objective of the post-test that writes the global {@code global} (its SCO reports it in cmi.objectives). */
    private static String writesObjective(String objective, String global) {
        return "<imsss:objective objectiveID=\"" + objective + "\"><imsss:mapInfo targetObjectiveID=\"" + global
                + "\" readSatisfiedStatus=\"false\" writeSatisfiedStatus=\"true\"/></imsss:objective>";
    }

    /** A lesson skipped (SN UP.2 skip) while the objective it teaches, {@code global}, is satisfied. */
    private static String lesson(String id, String global) {
        return sco(id, "<imsss:sequencing>" + when(global, true, "skip") + "<imsss:objectives>"
                + "<imsss:primaryObjective objectiveID=\"" + id + "_obj\"/>" + reads(global)
                + "</imsss:objectives></imsss:sequencing>");
    }

    /** The {@code cmi.objectives.n} prefix of the objective {@code id} as the launch gave it to the SCO. */
    private static String objective(ScormRuntime.Session s, String id) {
        return s.values().entrySet().stream()
                .filter(e -> e.getKey().matches("cmi\\.objectives\\.\\d+\\.id") && e.getValue().equals(id))
                .map(e -> e.getKey().substring(0, e.getKey().length() - ".id".length())).findFirst()
                .orElseThrow(() -> new AssertionError("objective " + id + " not given at launch: " + s.values()));
    }

    /**
     * Remediation: a failed post-test's post-condition rule ({@code previous}, SN TB.2.2) sends the learner back,
     * and flow skips the lessons whose objectives the test found satisfied, so the learner lands on the content
     * whose objective failed.
     */
    @Test
    void aFailedPostTestSendsTheLearnerBackToTheLessonWhoseObjectiveFailed() {
        String design = manifest(FLOW, lesson("lesson1", "g.obj1") + lesson("lesson2", "g.obj2")
                + sco("posttest", "<imsss:sequencing><imsss:sequencingRules><imsss:postConditionRule>"
                        + "<imsss:ruleConditions><imsss:ruleCondition operator=\"not\" condition=\"satisfied\"/>"
                        + "</imsss:ruleConditions><imsss:ruleAction action=\"previous\"/></imsss:postConditionRule>"
                        + "</imsss:sequencingRules><imsss:objectives><imsss:primaryObjective objectiveID=\"post\"/>"
                        + writesObjective("o1", "g.obj1") + writesObjective("o2", "g.obj2")
                        + "</imsss:objectives></imsss:sequencing>"));
        for (String failed : List.of("lesson1", "lesson2")) {
            LearnerCourses.Course c = course(TestDatabases.h2(), design);
            c.runtime().navigate(ALICE, c.attemptId(), "start", null);
            finish(c, "lesson1", "unknown", "continue");
            finish(c, "lesson2", "unknown", "continue");
            assertThat(current(c)).isEqualTo("posttest");
            ScormRuntime.Session s = c.open("posttest", false);
            // The launch lists the activity's objectives (RTE 4.2.17); the SCO reports on them by index.
            String o1 = objective(s, "o1");
            String o2 = objective(s, "o2");
            c.commit("posttest", s, s.sequence() + 1, true, "cmi.completion_status", "completed",
                    "cmi.success_status", "failed",
                    o1 + ".success_status", failed.equals("lesson1") ? "failed" : "passed",
                    o2 + ".success_status", failed.equals("lesson2") ? "failed" : "passed",
                    "adl.nav.request", "continue");
            assertThat(current(c)).as("back to the lesson whose objective failed").isEqualTo(failed);
            assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).isFalse();
        }
    }

    /**
     * Selection and randomization (SN SR.2 reorderChildren): the TOC lists a cluster's children in the order the
     * sequencer stored for the attempt, never the manifest's, and keeps it across views.
     */
    @Test
    void theTocListsRandomizedChildrenInTheStoredOrder() {
        StringBuilder items = new StringBuilder();
        List<String> manifestOrder = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            manifestOrder.add("page" + i);
            items.append(sco("page" + i, ""));
        }
        LearnerCourses.Course c = course(TestDatabases.h2(), manifest(FLOW, "<item identifier=\"pool\"><title>Pool"
                + "</title>" + items + "<imsss:sequencing><imsss:controlMode choice=\"true\" flow=\"true\"/>"
                + "<imsss:randomizationControls reorderChildren=\"true\" randomizationTiming=\"once\"/>"
                + "</imsss:sequencing></item>"));
        List<String> toc = toc(view(c).toc(), "pool").children().stream().map(ScormRuntimeResource.TocItem::id)
                .toList();
        AttemptRecord a = c.runtime().attempt(ALICE, c.attemptId());
        List<String> stored = c.runtime().sequencedView(a, c.pkg()).state().activities.get("pool").availableChildren;
        assertThat(stored).containsExactlyInAnyOrderElementsOf(manifestOrder)
                .as("8 children shuffled: the manifest order comes back 1 time in 40,320").isNotEqualTo(manifestOrder);
        assertThat(toc).isEqualTo(stored);
        assertThat(toc(view(c).toc(), "pool").children().stream().map(ScormRuntimeResource.TocItem::id).toList())
                .as("a reload shows the same order").isEqualTo(stored);
    }

    /**
     * Pre/post test where only the post-test decides (the pre-test does not count in rollup): failing both tests
     * fails the course instead of reporting it merely completed, and passing the post-test passes it.
     */
    @Test
    void failingThePreTestAndThePostTestFailsTheCourseAndPassingThePostTestPassesIt() {
        String design = manifest(FLOW,
                sco("pretest", "<imsss:sequencing>" + writes("pre_obj", "g.pre")
                        + "<imsss:rollupRules rollupObjectiveSatisfied=\"false\"/></imsss:sequencing>")
                + sco("content", "<imsss:sequencing>" + when("g.pre", true, "skip")
                        + "<imsss:objectives><imsss:primaryObjective objectiveID=\"c\"/>" + reads("g.pre")
                        + "</imsss:objectives></imsss:sequencing>")
                + sco("posttest", ""));
        for (String post : List.of("failed", "passed")) {
            LearnerCourses.Course c = course(TestDatabases.h2(), design);
            finish(c, "pretest", "failed", "continue");
            finish(c, "content", "passed", "continue");
            assertThat(current(c)).isEqualTo("posttest");
            finish(c, "posttest", post, "exitAll");
            AttemptRecord done = c.runtime().attempt(ALICE, c.attemptId());
            assertThat(done.finished()).isTrue();
            assertThat(done.status().success()).as("post-test %s", post).isEqualTo(post);
        }
    }

    /**
     * Children of an {@code isvisible="false"} wrapper are listed in the TOC (in the wrapper's place) and can be
     * chosen; the wrapper itself is not listed.
     */
    @Test
    void childrenOfAnInvisibleWrapperAreListedAndChoosable() {
        LearnerCourses.Course c = course(TestDatabases.h2(), manifest(FLOW, sco("intro", "")
                + "<item identifier=\"wrapper\" isvisible=\"false\"><title>Wrapper</title>" + sco("w1", "")
                + sco("w2", "") + FLOW + "</item>"));
        List<ScormRuntimeResource.TocItem> items = view(c).toc();
        assertThat(toc(items, "wrapper")).as("the wrapper is not listed").isNull();
        assertThat(toc(items, "w2")).isNotNull().satisfies(w2 -> assertThat(w2.choosable()).isNotEqualTo(false));
        c.runtime().navigate(ALICE, c.attemptId(), "start", null);
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "choice", "w2").activity().id()).isEqualTo("w2");
    }

    /** An item hidden from choice by a precondition rule is not offered, and a choice of it is refused. */
    @Test
    void anItemHiddenFromChoiceIsNotOfferedAndCannotBeChosen() {
        LearnerCourses.Course c = course(TestDatabases.h2(), manifest(FLOW, sco("one", "")
                + sco("secret", "<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule>"
                        + "<imsss:ruleConditions><imsss:ruleCondition condition=\"always\"/></imsss:ruleConditions>"
                        + "<imsss:ruleAction action=\"hiddenFromChoice\"/></imsss:preConditionRule>"
                        + "</imsss:sequencingRules></imsss:sequencing>")));
        assertThat(toc(view(c).toc(), "secret")).as("not listed").isNull();
        c.runtime().navigate(ALICE, c.attemptId(), "start", null);
        assertThatThrownBy(() -> c.runtime().navigate(ALICE, c.attemptId(), "choice", "secret"))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("scorm-nav-refused");
                });
        assertThat(current(c)).isEqualTo("one");
        finish(c, "one", "passed", "continue");
        assertThat(current(c)).as("flow still reaches it").isEqualTo("secret");
    }

    /**
     * Asset-only package: the attempt stays open until the sequencing session ends, so the last asset opens for
     * real (not in review) on its first visit, and the attempt finishes only when the learner goes past it.
     */
    @Test
    void theLastAssetOfAnAssetOnlyPackageOpensForRealOnItsFirstVisit() {
        String assets = manifest(FLOW, "<item identifier=\"a1\" identifierref=\"asset\"><title>a1</title></item>"
                + "<item identifier=\"a2\" identifierref=\"asset\"><title>a2</title></item>")
                .replace("</resources>", "<resource identifier=\"asset\" type=\"webcontent\""
                        + " adlcp:scormType=\"asset\" href=\"index.html\"><file href=\"index.html\"/></resource>"
                        + "</resources>");
        LearnerCourses.Course c = course(TestDatabases.h2(), assets);
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "start", null).activity().id()).isEqualTo("a1");
        assertThat(c.open("a1", false).review()).isFalse();
        assertThat(c.runtime().navigate(ALICE, c.attemptId(), "continue", null).activity().id()).isEqualTo("a2");
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).as("every asset is completed, the session"
                + " goes on").isFalse();
        assertThat(c.open("a2", false).review()).as("first visit of the last asset").isFalse();
        c.runtime().navigate(ALICE, c.attemptId(), "continue", null);
        assertThat(c.runtime().attempt(ALICE, c.attemptId()).finished()).as("continue past the end").isTrue();
    }
}
