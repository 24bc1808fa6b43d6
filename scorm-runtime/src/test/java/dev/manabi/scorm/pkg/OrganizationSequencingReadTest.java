package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.Sql;
import dev.manabi.core.TestDatabases;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import dev.manabi.scorm.seq.Sequencer;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What of the organization and of the identifiers the reader puts into the sequencing model, from ADL SCORM 2004
 * 4th Edition conformance packages (github.com/adlnet/SCORM-2004-4ed-Test-Suite; their structure rebuilt here, no
 * file of the suite copied): RU-13d's {@code adlseq:objectivesGlobalToSystem="false"}, parsed once at import into
 * the {@link ActivityTree} and stored with it (an older stored model without it takes the package's stored
 * organization's), and CM-08's
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
        ActivityTree stored = SequencingJson.read(SequencingJson.write(tree), () -> true);
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
        ActivityTree loaded = SequencingJson.read(olderImport, () -> true);
        assertThat(loaded.root()).isEqualTo(tree.root());
        assertThat(loaded.objectivesGlobalToSystem()).isTrue();
    }

    /**
     * A package imported before the flag was stored with the model, whose organization says
     * {@code objectivesGlobalToSystem="false"}: its stored model has the root alone, but the package's own stored
     * organization still has the flag, so the model loads with it and not with the default. Otherwise its global
     * objectives stay the attempt's own (the run-time reads the organization) while a retry of the root keeps them
     * (the sequencer reads the tree; SB.2.10, RU-13d).
     */
    @Test
    void aModelStoredBeforeTheFlagTakesItFromThePackagesOrganization() throws Exception {
        TestPlatform platform = new TestPlatform(TestDatabases.h2(), root.resolve("content"));
        String manifest = SequencingImportTest.manifest("RU-13d", """
                <item identifier="activity_1" identifierref="r"><title>1</title></item>
                """, null).replace("<organization identifier=\"RU-13d\">", "<organization"
                + " xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\""
                + " adlseq:objectivesGlobalToSystem=\"false\" identifier=\"RU-13d\">")
                .replace("<manifest identifier=\"RU-13d\"", "<manifest identifier=\"RU-13d.package\"");
        LearnerContext author = TestPlatform.person("ann", "a", Role.CONTENT_AUTHOR);
        String id = platform.importer.importPackage(author, new ByteArrayInputStream(zip(manifest)),
                PackageImporter.Options.defaults()).pkg().id();
        ActivityTree imported = platform.repository.sequencing(id).orElseThrow();
        assertThat(imported.objectivesGlobalToSystem()).isFalse();
        try (var c = platform.dataSource.getConnection()) {
            Sql.update(c, "update manabi_scorm_package set sequencing_json = ? where id = ?",
                    TreeJson.write(imported.root()), id);
        }

        PackageRepository restarted = new PackageRepository();
        restarted.database = platform.database;
        restarted.contentStore = platform.contentStore;
        ActivityTree loaded = restarted.sequencing(id).orElseThrow();
        assertThat(loaded.root()).isEqualTo(imported.root());
        assertThat(loaded.objectivesGlobalToSystem()).isFalse();
    }

    private static byte[] zip(String manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("imsmanifest.xml"));
            z.write(manifest.strip().getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("a.html"));
            z.write("<html></html>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
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
