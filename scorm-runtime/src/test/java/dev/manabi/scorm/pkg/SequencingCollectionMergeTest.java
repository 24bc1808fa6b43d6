package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.RteResults;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADL SCORM 2004 4th Edition conformance package SX-05 (github.com/adlnet/SCORM-2004-4ed-Test-Suite,
 * {@code TestSuite/LMSRTE/Courses/LMSTestPackage_SX-05/imsmanifest.xml}; the suite has no script for it), read from a
 * manifest through {@link SequencingReader} and then played. Its sequencing structure is rebuilt below (items,
 * sequencing and the three {@code sequencingCollection} entries; no file of the package is copied).
 *
 * <p>The package tests how an item's {@code imsss:sequencing IDRef} entry and the item's own elements combine: the
 * reader takes the entry as the base and lets each child element the item defines replace the entry's element of
 * the same name ({@code sequencingRules}, {@code objectives}, ...; IMS SS 1.0 XML binding {@code IDRef}, SCORM 2004
 * CAM 4th Ed. sequencing collection). Every trap of SX-05 fits that reading: activity_5's entry declares a
 * "FAKEPRIMARYOBJ" and an obj-SX05-3a that does not read the shared status, both replaced by its own objectives;
 * activity_6's entry has the opposite skip rule ("not satisfied") and maps obj-SX05-3a to the wrong global, both
 * replaced; activity_9 defines only objectives, so its entry's skip and retryAll rules apply.
 */
class SequencingCollectionMergeTest {

    @TempDir
    Path root;

    @Test
    void the_item_s_own_elements_replace_the_entry_s_and_the_entry_fills_in_the_others() throws IOException {
        ActivityTree tree = read();
        SequencingDefinition a5 = tree.get("activity_5").sequencing();
        assertThat(a5.primaryObjective().id()).as("own primary, not FAKEPRIMARYOBJ").isEqualTo("PRIMARYOBJ");
        ObjectiveDefinition a5obj = a5.objective("obj-SX05-3a").orElseThrow();
        assertThat(a5obj.maps()).singleElement().satisfies(m -> {
            assertThat(m.readSatisfiedStatus()).as("own map (the entry's does not read it)").isTrue();
            assertThat(m.writeSatisfiedStatus()).isTrue();
            assertThat(m.writeNormalizedMeasure()).isFalse();
        });
        assertThat(a5.preConditionRules()).singleElement()
                .satisfies(r -> assertThat(r.conditions().get(0).not()).isFalse());

        SequencingDefinition a6 = tree.get("activity_6").sequencing();
        assertThat(a6.preConditionRules()).as("own rules only: the entry's opposite skip rule is gone")
                .singleElement().satisfies(r -> assertThat(r.conditions().get(0).not()).isFalse());
        assertThat(a6.postConditionRules()).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(RuleAction.RETRY_ALL));
        assertThat(a6.objective("obj-SX05-3a").orElseThrow().maps().get(0).targetObjectiveId())
                .isEqualTo("gObj-SX05-3a");

        SequencingDefinition a9 = tree.get("activity_9").sequencing();
        assertThat(a9.preConditionRules()).as("from the entry").singleElement()
                .satisfies(r -> assertThat(r.conditions().get(0).referencedObjective()).isEqualTo("obj-SX05-4b"));
        assertThat(a9.postConditionRules()).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(RuleAction.RETRY_ALL));
        assertThat(a9.objective("obj-SX05-4b").orElseThrow().maps()).as("own objectives: 4b is mapped")
                .singleElement().satisfies(m -> assertThat(m.targetObjectiveId()).isEqualTo("gObj-SX05-4b"));
    }

    /**
     * Played: activities 1 and 2 pass (and are skipped from then on); activity_5 fails obj-SX05-3a; activity_6
     * passes 3a but fails 3b, so its retryAll (its own rule) restarts the course: 1, 2 and 5 (3a now satisfied
     * through gObj-SX05-3a, which only its own map reads) are skipped and activity_6 comes back (its own rule skips
     * it only when 3b is satisfied; the entry's rule would have skipped it). Passing 3b leads to activity_8, which
     * passes 4a; activity_9 fails 4b, so the entry's retryAll restarts the course and everything up to activity_9
     * is skipped; activity_9 passes 4b, activity_10 fails obj-SX05-5 and exits its parent, whose retry brings back
     * activity_10 only; passing obj-SX05-5 ends the course.
     */
    @Test
    void sx_05_plays_with_the_merged_definitions() throws IOException {
        Sequencer s = new Sequencer(read(), Sequencer.newState(read(), 1), new GlobalObjectives(),
                Clock.systemUTC());
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.START)).deliver()).isEqualTo("activity_1");
        report(s, "passed");
        assertThat(next(s)).isEqualTo("activity_2");
        report(s, "passed");
        assertThat(next(s)).isEqualTo("activity_5");
        report(s, null, "obj-SX05-3a", "failed");
        assertThat(next(s)).isEqualTo("activity_6");
        report(s, null, "obj-SX05-3a", "passed", "obj-SX05-3b", "failed");
        assertThat(next(s)).as("retryAll; 1, 2, 5 skipped, 6 not").isEqualTo("activity_6");
        report(s, null, "obj-SX05-3a", "passed", "obj-SX05-3b", "passed");
        assertThat(next(s)).isEqualTo("activity_8");
        report(s, null, "obj-SX05-4a", "passed");
        assertThat(next(s)).isEqualTo("activity_9");
        report(s, null, "obj-SX05-4a", "passed", "obj-SX05-4b", "failed");
        assertThat(next(s)).as("the entry's retryAll; everything before activity_9 skipped").isEqualTo("activity_9");
        report(s, null, "obj-SX05-4b", "passed");
        assertThat(next(s)).isEqualTo("activity_10");
        report(s, null, "obj-SX05-5", "failed");
        assertThat(next(s)).as("exit parent, retry of activity_3: only activity_10 is left").isEqualTo("activity_10");
        report(s, null, "obj-SX05-5", "passed");
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).kind())
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
    }

    /**
     * CM-04a (choice by identifiers of every shape; {@code TestCases/CM-04a.properties}): activity_1 refers to an
     * entry with {@code controlMode choice="false"} and has an empty {@code <imsss:controlMode/>} of its own, which
     * replaces the entry's whole element: its children may be chosen (element by element, not attribute by
     * attribute). Script: started by choosing activity_12, whose SCO chooses itself (Act12V2), its cluster
     * "_.activity.11" (flow to Act12V3), then activity_5, activity_7, activity_6, "Activity-15", "_9_",
     * "Activity.14_LEAF" and "__CM-04a.Activity.3__" (inside activity_1: Act3V1).
     */
    @Test
    void cm_04a_an_empty_own_element_replaces_the_entry_s() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, CM_04A, problems);
        assertThat(problems).isEmpty();
        assertThat(tree.get("activity_1").sequencing().controlMode().choice()).isTrue();
        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        for (String[] step : new String[][] {{"activity_12", "activity_12"}, {"activity_12", "activity_12"},
                {"_.activity.11", "activity_12"}, {"activity_5", "activity_5"}, {"activity_7", "activity_7"},
                {"activity_6", "activity_6"}, {"Activity-15", "Activity-15"}, {"_9_", "_9_"},
                {"Activity.14_LEAF", "Activity.14_LEAF"}, {"__CM-04a.Activity.3__", "__CM-04a.Activity.3__"}}) {
            assertThat(s.navigate(NavigationRequest.choice(step[0])).deliver()).as("choice of %s", step[0])
                    .isEqualTo(step[1]);
        }
    }

    private static final String CM_04A = SequencingImportTest.manifest("CM-04a", """
            <item identifier="activity_1"><title>1</title>
              <item identifier="activity_2" identifierref="r"><title>2</title></item>
              <item identifier="__CM-04a.Activity.3__" identifierref="r"><title>3</title></item>
              <imsss:sequencing IDRef="seqCol-CM04a-1"><imsss:controlMode/></imsss:sequencing>
            </item>
            <item identifier="activity_4"><title>4</title>
              <item identifier="activity_5" identifierref="r"><title>5</title></item>
              <item identifier="activity_6" identifierref="r"><title>6</title></item>
              <item identifier="activity_7" identifierref="r"><title>7</title></item>
            </item>
            <item identifier="activity_8"><title>8</title>
              <item identifier="_9_" identifierref="r"><title>9</title></item>
              <item identifier="activity_10"><title>10</title>
                <item identifier="_.activity.11"><title>11</title>
                  <item identifier="activity_12" identifierref="r"><title>12</title></item>
                  <item identifier="activity_13" identifierref="r"><title>13</title></item>
                  <imsss:sequencing><imsss:controlMode flow="true"/></imsss:sequencing>
                </item>
                <item identifier="Activity.14_LEAF" identifierref="r"><title>14</title></item>
              </item>
            </item>
            <item identifier="Activity-15" identifierref="r"><title>15</title></item>
            """, "<imsss:sequencing ID=\"seqCol-CM04a-1\"><imsss:controlMode choice=\"false\"/></imsss:sequencing>");

    /**
     * OB-01c ({@code TestCases/OB-01c.properties}): activity_2 takes its skip rule ("satisfied") from the entry
     * "seqcol-ob01c-1" (the collection also holds "SECOL-OB01C-1", which disables instead) and has its own primary
     * objective, satisfied by measure at 0.5 and reading gObj-OB01c. Script: Act1V1 fails with 0.8 (both written);
     * continue: activity_2 is satisfied by the shared 0.8 whatever the shared status says, and skipped: Act3V1.
     */
    @Test
    void ob_01c_the_entry_s_rule_and_the_item_s_objective_work_together() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, OB_01C, problems);
        assertThat(problems).isEmpty();
        assertThat(tree.get("activity_2").sequencing().preConditionRules()).singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo(RuleAction.SKIP));
        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.START)).deliver()).isEqualTo("activity_1");
        s.report("activity_1", new RteResults(null, "failed", 0.8, null, null, null, null, null, List.of()));
        assertThat(next(s)).as("Act3V1").isEqualTo("activity_3");
    }

    private static final String OB_01C = SequencingImportTest.manifest("OB-01c", """
            <item identifier="activity_1" identifierref="r"><title>1</title>
              <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="PRIMARYOBJ">
                <imsss:mapInfo targetObjectiveID="gObj-OB01c" writeSatisfiedStatus="true"
                    writeNormalizedMeasure="true"/>
              </imsss:primaryObjective></imsss:objectives></imsss:sequencing>
            </item>
            <item identifier="activity_2" identifierref="r"><title>2</title>
              <imsss:sequencing IDRef="seqcol-ob01c-1"><imsss:objectives>
                <imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">
                  <imsss:minNormalizedMeasure>0.5</imsss:minNormalizedMeasure>
                  <imsss:mapInfo targetObjectiveID="gObj-OB01c"/>
                </imsss:primaryObjective>
              </imsss:objectives></imsss:sequencing>
            </item>
            <item identifier="activity_3" identifierref="r"><title>3</title></item>
            <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
            """, """
            <imsss:sequencing ID="seqcol-ob01c-1"><imsss:sequencingRules><imsss:preConditionRule>
              <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
              <imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>
            <imsss:sequencing ID="SECOL-OB01C-1"><imsss:sequencingRules><imsss:preConditionRule>
              <imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions>
              <imsss:ruleAction action="disabled"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>
            """);

    private static String next(Sequencer s) {
        Outcome o = s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE));
        assertThat(o.kind()).as("continue: %s", o).isEqualTo(Outcome.Kind.DELIVER);
        return o.deliver();
    }

    /** The current SCO reports its success status and pairs of objective id and success status. */
    private static void report(Sequencer s, String success, String... objectives) {
        List<RteResults.Objective> list = new ArrayList<>();
        for (int i = 0; i < objectives.length; i += 2) {
            list.add(new RteResults.Objective(objectives[i], objectives[i + 1], null, null, null, null, null, null));
        }
        s.report(s.currentActivity(), new RteResults("completed", success, null, null, null, null, null, null,
                list));
    }

    private ActivityTree read() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, MANIFEST, problems);
        assertThat(problems).isEmpty();
        return tree;
    }

    /** A skip-if-satisfied rule on an objective (null: the primary), as SX-05 writes them. */
    private static String skip(String objective, boolean not) {
        return "<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition"
                + (not ? " operator=\"not\"" : "") + " condition=\"satisfied\""
                + (objective == null ? "" : " referencedObjective=\"" + objective + "\"")
                + "/></imsss:ruleConditions><imsss:ruleAction action=\"skip\"/></imsss:preConditionRule>";
    }

    /** An objective whose map reads (by default) and writes the satisfied status of a global objective. */
    private static String shared(String id, String global) {
        return "<imsss:objective objectiveID=\"" + id + "\"><imsss:mapInfo targetObjectiveID=\"" + global
                + "\" readNormalizedMeasure=\"false\" writeSatisfiedStatus=\"true\"/></imsss:objective>";
    }

    private static String retryAllUnlessBoth(String a, String b) {
        return "<imsss:postConditionRule><imsss:ruleConditions conditionCombination=\"any\">"
                + "<imsss:ruleCondition operator=\"not\" condition=\"satisfied\" referencedObjective=\"" + a + "\"/>"
                + "<imsss:ruleCondition operator=\"not\" condition=\"satisfied\" referencedObjective=\"" + b + "\"/>"
                + "</imsss:ruleConditions><imsss:ruleAction action=\"retryAll\"/></imsss:postConditionRule>";
    }

    private static String leaf(String n, String sequencing) {
        return "<item identifier=\"activity_" + n + "\" identifierref=\"r\"><title>Activity " + n + "</title>"
                + sequencing + "</item>";
    }

    private static final String FLOW = "<imsss:sequencing><imsss:controlMode choice=\"false\" flow=\"true\"/>";

    private static final String PRIMARY_WRITES = "<imsss:rollupRules rollupObjectiveSatisfied=\"false\""
            + " rollupProgressCompletion=\"false\"/><imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\">"
            + "<imsss:mapInfo targetObjectiveID=\"%s\" readNormalizedMeasure=\"false\" writeSatisfiedStatus=\"true\"/>"
            + "</imsss:primaryObjective></imsss:objectives>";

    private static final String MANIFEST = SequencingImportTest.manifest("SX-05", ""
            + leaf("1", "<imsss:sequencing>" + skip(null, false) + "</imsss:sequencingRules>"
                    + PRIMARY_WRITES.formatted("gObj-SX05-1") + "</imsss:sequencing>")
            + leaf("2", "<imsss:sequencing>" + skip(null, false) + "</imsss:sequencingRules>"
                    + PRIMARY_WRITES.formatted("gObj-SX05-2") + "</imsss:sequencing>")
            + "<item identifier=\"activity_3\"><title>Activity 3</title>"
            + "<item identifier=\"activity_4\"><title>Activity 4</title>"
            + leaf("5", "<imsss:sequencing IDRef=\"seqCol-SX05-1\">" + skip("obj-SX05-3a", false)
                    + "</imsss:sequencingRules><imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>"
                    + shared("obj-SX05-3a", "gObj-SX05-3a") + "</imsss:objectives></imsss:sequencing>")
            + leaf("6", "<imsss:sequencing IDRef=\"seqCol-SX05-2\">" + skip("obj-SX05-3b", false)
                    + retryAllUnlessBoth("obj-SX05-3a", "obj-SX05-3b") + "</imsss:sequencingRules>"
                    + "<imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>"
                    + shared("obj-SX05-3a", "gObj-SX05-3a") + shared("obj-SX05-3b", "gObj-SX05-3b")
                    + "</imsss:objectives></imsss:sequencing>")
            + FLOW + "</imsss:sequencing></item>"
            + "<item identifier=\"activity_7\"><title>Activity 7</title>"
            + leaf("8", "<imsss:sequencing>" + skip("obj-SX05-4a", false) + "</imsss:sequencingRules>"
                    + "<imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>"
                    + shared("obj-SX05-4a", "gObj-SX05-4a") + "</imsss:objectives></imsss:sequencing>")
            + leaf("9", "<imsss:sequencing IDRef=\"seqCol-SX05-3\"><imsss:objectives>"
                    + "<imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>" + shared("obj-SX05-4a", "gObj-SX05-4a")
                    + shared("obj-SX05-4b", "gObj-SX05-4b") + "</imsss:objectives></imsss:sequencing>")
            + FLOW + "</imsss:sequencing></item>"
            + leaf("10", "<imsss:sequencing><imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions>"
                    + "<imsss:ruleCondition condition=\"always\"/></imsss:ruleConditions>"
                    + "<imsss:ruleAction action=\"exitParent\"/></imsss:postConditionRule></imsss:sequencingRules>"
                    + "<imsss:rollupRules rollupObjectiveSatisfied=\"false\" rollupProgressCompletion=\"false\"/>"
                    + "<imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>"
                    + shared("obj-SX05-5", "gObj-SX05-5") + shared("obj-SX05-3a", "gObj-SX05-3a")
                    + shared("obj-SX05-3b", "gObj-SX05-3b") + shared("obj-SX05-4a", "gObj-SX05-4a")
                    + shared("obj-SX05-4b", "gObj-SX05-4b") + "</imsss:objectives></imsss:sequencing>")
            + FLOW + "<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions>"
            + "<imsss:ruleCondition operator=\"not\" condition=\"satisfied\" referencedObjective=\"obj-SX05-5\"/>"
            + "</imsss:ruleConditions><imsss:ruleAction action=\"retry\"/></imsss:postConditionRule>"
            + "</imsss:sequencingRules><imsss:objectives><imsss:primaryObjective objectiveID=\"PRIMARYOBJ\"/>"
            + shared("obj-SX05-5", "gObj-SX05-5") + "</imsss:objectives></imsss:sequencing></item>"
            + FLOW + "</imsss:sequencing>",
            "<imsss:sequencing ID=\"seqCol-SX05-1\"><imsss:objectives>"
            + "<imsss:primaryObjective objectiveID=\"FAKEPRIMARYOBJ\"/><imsss:objective objectiveID=\"obj-SX05-3a\">"
            + "<imsss:mapInfo targetObjectiveID=\"gObj-SX05-3a\" readSatisfiedStatus=\"false\""
            + " writeNormalizedMeasure=\"true\"/></imsss:objective></imsss:objectives></imsss:sequencing>"
            + "<imsss:sequencing ID=\"seqCol-SX05-2\">" + skip("obj-SX05-3b", true) + "</imsss:sequencingRules>"
            + "<imsss:objectives><imsss:primaryObjective/>" + shared("obj-SX05-3a", "gObj-SX05-3b")
            + "</imsss:objectives></imsss:sequencing>"
            + "<imsss:sequencing ID=\"seqCol-SX05-3\">" + skip("obj-SX05-4b", false)
            + retryAllUnlessBoth("obj-SX05-4a", "obj-SX05-4b") + "</imsss:sequencingRules>"
            + "<imsss:objectives><imsss:primaryObjective/><imsss:objective objectiveID=\"obj-SX05-4b\"/>"
            + "</imsss:objectives></imsss:sequencing>");
}
