package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the organization and of the identifiers the reader puts into the sequencing model, from ADL SCORM 2004
 * 4th Edition conformance packages (github.com/adlnet/SCORM-2004-4ed-Test-Suite; their structure rebuilt here, no
 * file of the suite copied): RU-13d's {@code adlseq:objectivesGlobalToSystem="false"}, parsed once at import into
 * the {@link ActivityTree} and stored with it (an older stored model without it still loads, as true), and CM-08's
 * identifiers and {@code IDRef}s with surrounding spaces.
 */
class OrganizationSequencingReadTest {

    @TempDir
    Path root;

    @Test
    void ru_13d_objectives_global_to_system_is_read_and_stored() throws IOException {
        String manifest = SequencingImportTest.manifest("RU-13d", """
                <item identifier="activity_1" identifierref="r"><title>1</title></item>
                """, null).replace("<organization identifier=\"RU-13d\">", "<organization"
                + " xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\""
                + " adlseq:objectivesGlobalToSystem=\"false\" identifier=\"RU-13d\">");
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, manifest, problems);
        assertThat(problems).isEmpty();
        assertThat(tree.objectivesGlobalToSystem()).isFalse();
        ActivityTree stored = SequencingJson.read(SequencingJson.write(tree));
        assertThat(stored.objectivesGlobalToSystem()).isFalse();
        assertThat(stored.root()).isEqualTo(tree.root());

        ActivityTree byDefault = SequencingImportTest.readSequencing(root, SequencingImportTest.manifest("RU-13b",
                "<item identifier=\"activity_1\" identifierref=\"r\"><title>1</title></item>", null), problems);
        assertThat(byDefault.objectivesGlobalToSystem()).isTrue();
    }

    @Test
    void aModelStoredBeforeTheFlagLoadsWithItsDefault() throws IOException {
        ActivityTree tree = SequencingImportTest.readSequencing(root, SequencingImportTest.manifest("old",
                "<item identifier=\"activity_1\" identifierref=\"r\"><title>1</title></item>", null),
                new ArrayList<>());
        String olderImport = TreeJson.write(tree.root());
        ActivityTree loaded = SequencingJson.read(olderImport);
        assertThat(loaded.root()).isEqualTo(tree.root());
        assertThat(loaded.objectivesGlobalToSystem()).isTrue();
    }

    /**
     * CM-08: {@code identifier="  activity_1  "}, {@code IDRef="  GeneralSequencing  "} on the item and
     * {@code "GeneralSequencing"} on the organization, the entry's {@code ID="GeneralSequencing       "}: identifiers
     * are compared without the surrounding spaces, so both take the entry's flow; activity_1's own exit-all rule
     * ends the session after it.
     */
    @Test
    void cm_08_identifiers_with_surrounding_spaces() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = SequencingImportTest.readSequencing(root, SequencingImportTest.manifest("CM-08", """
                <item identifier="  activity_1  " identifierref="r"><title>1</title>
                  <imsss:sequencing IDRef="  GeneralSequencing  "><imsss:sequencingRules><imsss:postConditionRule>
                    <imsss:ruleConditions><imsss:ruleCondition condition="always"/></imsss:ruleConditions>
                    <imsss:ruleAction action="exitAll"/></imsss:postConditionRule></imsss:sequencingRules>
                  </imsss:sequencing>
                </item>
                <item identifier="activity_2" identifierref="r"><title>2</title></item>
                <imsss:sequencing IDRef="GeneralSequencing"/>
                """, "<imsss:sequencing ID=\"GeneralSequencing       \"><imsss:controlMode flow=\"true\"/>"
                + "</imsss:sequencing>"), problems);
        assertThat(problems).isEmpty();
        assertThat(tree.root().sequencing().controlMode().flow()).isTrue();
        assertThat(tree.get("activity_1").sequencing().controlMode().flow()).isTrue();
        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.START)).deliver()).isEqualTo("activity_1");
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).kind())
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
    }
}
