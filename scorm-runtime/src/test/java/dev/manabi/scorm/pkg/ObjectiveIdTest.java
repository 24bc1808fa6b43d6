package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.RteResults;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objective identifiers are URIs: {@link SequencingReader} decodes percent-encoded octets and collapses whitespace
 * in {@code objectiveID}, {@code referencedObjective} and {@code targetObjectiveID}
 * ({@link ObjectiveDefinition#normalizeId}, which the sequencer applies to the SCO's {@code cmi.objectives.n.id}
 * too), so every spelling of one identifier names one objective. ADL SCORM 2004 4th Ed. conformance package OB-12a
 * (github.com/adlnet/SCORM-2004-4ed-Test-Suite, {@code LMSTestPackage_OB-12a/imsmanifest.xml} and
 * {@code TestCases/OB-12a.properties}; rebuilt below, nothing copied): activity_2's objective
 * {@code " ob%20j%201     "}, its post-condition "status of {@code "    ob%20%20%20j%20%201  "} known and measure
 * of {@code "ob%20j%201"} not known: previous", and its SCO passing {@code "ob j 1"} (script Act2V1), which sends
 * the learner back to activity_1 (Act1V2).
 */
class ObjectiveIdTest {

    @TempDir
    Path root;

    @Test
    void percent_encoding_and_whitespace_are_normalized() {
        assertThat(ObjectiveDefinition.normalizeId(" ob%20j%201     ")).isEqualTo("ob j 1");
        assertThat(ObjectiveDefinition.normalizeId("    ob%20%20%20j%20%201  ")).isEqualTo("ob j 1");
        assertThat(ObjectiveDefinition.normalizeId("%E5%AD%A6%E7%BF%92-1")).isEqualTo("学習-1");
        assertThat(ObjectiveDefinition.normalizeId("100% sure %zz %4")).as("malformed escapes are kept")
                .isEqualTo("100% sure %zz %4");
        assertThat(ObjectiveDefinition.normalizeId("Obj")).as("case-sensitive").isNotEqualTo("obj");
    }

    @Test
    void ob_12a_every_spelling_names_one_objective() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, MANIFEST, problems);
        assertThat(problems).isEmpty();
        var a2 = tree.get("activity_2").sequencing();
        assertThat(a2.objective("ob j 1")).isPresent();
        assertThat(a2.postConditionRules().get(0).conditions()).extracting(RuleCondition::referencedObjective)
                .containsOnly("ob j 1");

        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.START)).deliver()).isEqualTo("activity_1");
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).deliver()).as("Act2V1")
                .isEqualTo("activity_2");
        s.report("activity_2", new RteResults(null, null, null, null, null, null, null, null, List.of(
                new RteResults.Objective("ob j 1", "passed", null, null, null, null, null, null))));
        assertThat(s.launchObjectives("activity_2")).singleElement()
                .satisfies(o -> assertThat(o.successStatus()).as("the SCO's objective is the manifest's").isEqualTo(
                        "passed"));
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).deliver()).as("Act1V2")
                .isEqualTo("activity_1");
    }

    private static final String MANIFEST = SequencingImportTest.manifest("OB-12a", """
                <item identifier="activity_1" identifierref="r"><title>Activity 1</title></item>
                <item identifier="activity_2" identifierref="r"><title>Activity 2</title>
                  <imsss:sequencing>
                    <imsss:sequencingRules><imsss:postConditionRule>
                      <imsss:ruleConditions conditionCombination="all">
                        <imsss:ruleCondition condition="objectiveStatusKnown"
                            referencedObjective="    ob%20%20%20j%20%201  "/>
                        <imsss:ruleCondition operator="not" condition="objectiveMeasureKnown"
                            referencedObjective="ob%20j%201"/>
                      </imsss:ruleConditions>
                      <imsss:ruleAction action="previous"/>
                    </imsss:postConditionRule></imsss:sequencingRules>
                    <imsss:objectives>
                      <imsss:primaryObjective/>
                      <imsss:objective objectiveID=" ob%20j%201     "/>
                    </imsss:objectives>
                  </imsss:sequencing>
                </item>
                <item identifier="activity_3" identifierref="r"><title>Activity 3</title></item>
                <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
            """, null);
}
