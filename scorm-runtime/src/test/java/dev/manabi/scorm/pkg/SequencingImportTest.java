package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.RteResults;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.SnCode;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RandomizationControls;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequencing is read once at import into the typed model (sequencingCollection + IDRef merged, adlseq extensions),
 * stored as JSON in the package row and read back unchanged; the corpus's forced-sequential course then sequences as
 * its manifest says.
 */
class SequencingImportTest {
    private static final LearnerContext AUTHOR = TestPlatform.person("ann", "a", Role.CONTENT_AUTHOR);

    @TempDir
    static Path content;

    @TempDir
    Path root;

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform(TestDatabases.h2(), content);
    }

    @Test
    void forced_sequential_corpus_package_is_stored_typed_and_disables_the_quiz_at_the_start() throws IOException {
        Path zip = TestCorpus.file("SequencingForcedSequential_SCORM20043rdEdition.zip");
        PackageImporter.Imported imported;
        try (InputStream in = Files.newInputStream(zip)) {
            imported = platform.importer.importPackage(AUTHOR, in, PackageImporter.Options.defaults());
        }
        assertThat(imported.problems()).noneMatch(p -> p.code().startsWith("sequencing"));
        ActivityTree tree = platform.repository.sequencing(imported.pkg().id()).orElseThrow();
        assertThat(tree.activities()).hasSize(6);
        ActivityDefinition quiz = tree.get("assessment_item");
        // from the collection entry common_seq_rules, merged through IDRef
        assertThat(quiz.sequencing().deliveryControls().completionSetByContent()).isTrue();
        assertThat(quiz.sequencing().rollupControls().objectiveMeasureWeight()).isZero();
        // its own elements
        assertThat(quiz.sequencing().preConditionRules()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(RuleAction.DISABLED);
            assertThat(r.combineAll()).isFalse();
            assertThat(r.conditions()).hasSize(2).allSatisfy(c -> assertThat(c.not()).isTrue());
        });
        assertThat(quiz.sequencing().objective("previous_sco_satisfied").orElseThrow().maps()).singleElement()
                .satisfies(m -> assertThat(m.targetObjectiveId())
                        .isEqualTo("com.scorm.golfsamples.sequencing.forcedsequential.havingfun_satisfied"));
        assertThat(tree.root().sequencing().controlMode().flow()).isTrue();

        Sequencer s = new Sequencer(tree, Sequencer.newState(tree, 1), new GlobalObjectives(), Clock.systemUTC());
        assertThat(s.lookAhead().activity("assessment_item").orElseThrow().reason()).isEqualTo(SnCode.DB_1_1_3);
        assertThat(s.navigate(NavigationRequest.choice("assessment_item")).exception()).isEqualTo(SnCode.DB_1_1_3);
        Outcome o = s.navigate(NavigationRequest.of(NavigationRequest.Type.START));
        assertThat(o.deliver()).isEqualTo("playing_item");
        for (String next : List.of("etuqiette_item", "handicapping_item", "havingfun_item", "assessment_item")) {
            s.report(s.currentActivity(), new RteResults("completed", "passed", null, null, null, null, null, null,
                    List.of()));
            assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).deliver()).isEqualTo(next);
        }
        s.report(s.currentActivity(), new RteResults("completed", "failed", null, null, null, null, null, null,
                List.of()));
        assertThat(s.navigate(NavigationRequest.of(NavigationRequest.Type.CONTINUE)).kind())
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(s.courseStatus().satisfied()).as("a failed quiz fails the course").isFalse();
    }

    private static final String MANIFEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="seq.reader" version="1"
                xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
                xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
                xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="org">
                <organization identifier="org">
                  <title>Reader</title>
                  <item identifier="test">
                    <title>Test</title>
                    <item identifier="f1" identifierref="r"><title>F1</title></item>
                    <item identifier="f2" identifierref="r"><title>F2</title></item>
                    <imsss:sequencing>
                      <imsss:controlMode flow="true" choiceExit="false"/>
                      <imsss:limitConditions attemptLimit="2" attemptAbsoluteDurationLimit="PT1H"/>
                      <imsss:rollupRules objectiveMeasureWeight="0.5">
                        <imsss:rollupRule childActivitySet="atLeastCount" minimumCount="1">
                          <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
                          <imsss:rollupAction action="satisfied"/>
                        </imsss:rollupRule>
                      </imsss:rollupRules>
                      <imsss:objectives>
                        <imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
                          <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
                          <imsss:mapInfo targetObjectiveID="g.p" writeSatisfiedStatus="true"/>
                        </imsss:primaryObjective>
                      </imsss:objectives>
                      <imsss:randomizationControls selectCount="1" selectionTiming="onEachNewAttempt"/>
                      <adlseq:constrainedChoiceConsiderations preventActivation="true"/>
                      <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"
                          measureSatisfactionIfActive="false"/>
                      <adlseq:objectives>
                        <adlseq:objective objectiveID="p">
                          <adlseq:mapInfo targetObjectiveID="g.p" writeRawScore="true"/>
                        </adlseq:objective>
                      </adlseq:objectives>
                    </imsss:sequencing>
                  </item>
                  <imsss:sequencing><imsss:controlMode flow="sure"/>
                    <imsss:sequencingRules><imsss:preConditionRule>
                      <imsss:ruleConditions><imsss:ruleCondition condition="bogus"/></imsss:ruleConditions>
                      <imsss:ruleAction action="skip"/>
                    </imsss:preConditionRule></imsss:sequencingRules>
                  </imsss:sequencing>
                </organization>
              </organizations>
              <resources>
                <resource identifier="r" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource>
              </resources>
            </manifest>
            """;

    @Test
    void reads_every_part_of_a_sequencing_element_and_reports_what_it_cannot_use() throws IOException {
        List<Problem> problems = new ArrayList<>();
        ActivityTree tree = readSequencing(root, MANIFEST, problems);
        assertThat(problems).extracting(Problem::code).containsOnly("sequencing-invalid");
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("bogus"));
        assertThat(tree.root().sequencing().preConditionRules()).as("a rule without usable conditions").isEmpty();

        SequencingDefinition t = tree.get("test").sequencing();
        assertThat(t.controlMode().flow()).isTrue();
        assertThat(t.controlMode().choiceExit()).isFalse();
        assertThat(t.limitConditions().attemptLimit()).isEqualTo(2);
        assertThat(t.limitConditions().attemptAbsoluteDurationLimit()).hasHours(1);
        assertThat(t.rollupRules()).singleElement().satisfies(r -> {
            assertThat(r.childActivitySet()).isEqualTo(ChildActivitySet.AT_LEAST_COUNT);
            assertThat(r.minimumCount()).isEqualTo(1);
            assertThat(r.conditions().get(0).condition()).isEqualTo(ConditionType.SATISFIED);
        });
        assertThat(t.rollupControls().objectiveMeasureWeight()).isEqualTo(0.5);
        assertThat(t.rollupControls().requiredForSatisfied()).isEqualTo(RollupConsideration.IF_ATTEMPTED);
        assertThat(t.rollupControls().measureSatisfactionIfActive()).isFalse();
        assertThat(t.primaryObjective().satisfiedByMeasure()).isTrue();
        assertThat(t.primaryObjective().minNormalizedMeasure()).isEqualTo(0.6);
        assertThat(t.primaryObjective().maps()).singleElement().satisfies(map -> {
            assertThat(map.writeSatisfiedStatus()).isTrue();
            assertThat(map.readSatisfiedStatus()).isTrue();
            assertThat(map.writeRawScore()).isTrue();
        });
        assertThat(t.randomization().selectCount()).isEqualTo(1);
        assertThat(t.randomization().selectionTiming()).isEqualTo(RandomizationControls.Timing.ON_EACH_NEW_ATTEMPT);
        assertThat(t.preventActivation()).isTrue();

        ActivityTree back = SequencingJson.read(SequencingJson.write(tree), () -> true);
        assertThat(back.root()).as("JSON round trip").isEqualTo(tree.root());
        SequencingState state = Sequencer.newState(back, 3);
        assertThat(state.activity("test").availableChildren).hasSize(1);
    }

    /** The activity tree {@link SequencingReader} makes of a manifest whose one resource is {@code a.html}. */
    static ActivityTree readSequencing(Path root, String manifest, List<Problem> problems) throws IOException {
        Files.writeString(root.resolve("imsmanifest.xml"), manifest.strip());
        Files.writeString(root.resolve("a.html"), "<html></html>");
        Manifest m = ManifestReader.read(root, Set.of("imsmanifest.xml", "a.html"), ImportLimits.DEFAULTS);
        ScormPackage pkg = new ScormPackage("p", "l", "c", "t", m.identifier(), 1, m.edition(), m.title(),
                m.defaultOrganization(), m.organizations(), java.time.Instant.EPOCH, m.sequencingCollectionXml());
        return SequencingReader.read(pkg, problems);
    }

    /**
     * A 4th Edition manifest whose one organization {@code id} holds {@code organization} (its items and its own
     * sequencing), whose one SCO resource {@code r} is {@code a.html}, and with the {@code sequencingCollection}
     * entries given (or none).
     */
    static String manifest(String id, String organization, String collection) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="%1$s" version="1"
                    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
                    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="%1$s"><organization identifier="%1$s"><title>%1$s</title>
                """.formatted(id) + organization + "</organization></organizations>"
                + "<resources><resource identifier=\"r\" type=\"webcontent\" adlcp:scormType=\"sco\""
                + " href=\"a.html\"><file href=\"a.html\"/></resource></resources>"
                + (collection == null ? "" : "<imsss:sequencingCollection>" + collection
                + "</imsss:sequencingCollection>") + "</manifest>";
    }
}
