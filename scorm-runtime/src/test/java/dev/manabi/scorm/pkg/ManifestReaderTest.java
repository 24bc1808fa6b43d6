package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path root;

    private final Map<String, String> files = new LinkedHashMap<>();

    private Manifest read() throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return ManifestReader.read(root, Set.copyOf(files.keySet()), ImportLimits.DEFAULTS);
    }

    private static List<String> codes(Manifest m) {
        return m.problems().stream().map(Problem::code).toList();
    }

    private static Problem problem(Manifest m, String code) {
        return m.problems().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow(
                () -> new AssertionError("no " + code + " in " + m.problems()));
    }

    private static final String SCORM_2004 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="com.example.rdm" version="3" xml:base="course/"
                xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
                xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
                xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
                xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
              <metadata>
                <schema>ADL SCORM</schema>
                <schemaversion>%s</schemaversion>
                <lom:lom><lom:general><lom:title>
                  <lom:string language="ja">研究データ管理</lom:string>
                  <lom:string language="en">Research data management</lom:string>
                </lom:title></lom:general></lom:lom>
              </metadata>
              <organizations default="ORG">
                <organization identifier="ORG" adlseq:objectivesGlobalToSystem="false">
                  <title>RDM</title>
                  <item identifier="M1">
                    <title>Module 1</title>
                    <item identifier="SCO1" identifierref="R1" parameters="?lesson=1">
                      <title>Intro</title>
                      <adlcp:completionThreshold>0.8</adlcp:completionThreshold>
                      <adlcp:dataFromLMS>mode=quiz</adlcp:dataFromLMS>
                      <adlcp:timeLimitAction>exit,message</adlcp:timeLimitAction>
                      <imsss:sequencing>
                        <imsss:limitConditions attemptAbsoluteDurationLimit="PT30M"/>
                        <imsss:objectives>
                          <imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
                            <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>
                          </imsss:primaryObjective>
                        </imsss:objectives>
                      </imsss:sequencing>
                      <adlcp:data><adlcp:map targetID="shared" writeSharedData="false"/></adlcp:data>
                    </item>
                    <item identifier="SCO2" identifierref="R2" isvisible="false"><title>Quiz</title></item>
                  </item>
                  <item identifier="A1" identifierref="R3"><title>Glossary</title></item>
                  <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
                </organization>
              </organizations>
              <resources xml:base="res/">
                <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="intro/index.html#top">
                  <file href="intro/index.html"/><dependency identifierref="COMMON"/>
                </resource>
                <resource identifier="R2" type="webcontent" adlcp:scormType="sco" xml:base="quiz/" href="q%%20a.html?x=1">
                  <file href="q%%20a.html"/>
                </resource>
                <resource identifier="R3" type="webcontent" adlcp:scormType="asset" href="glossary.pdf"/>
                <resource identifier="COMMON" type="webcontent" adlcp:scormType="asset">
                  <file href="common.js"/>
                </resource>
              </resources>
            </manifest>
            """;

    private void scorm2004(String schemaVersion) {
        files.put("imsmanifest.xml", SCORM_2004.formatted(schemaVersion));
        files.put("course/res/intro/index.html", "<html>");
        files.put("course/res/quiz/q a.html", "<html>");
        files.put("course/res/glossary.pdf", "%PDF");
        files.put("course/res/common.js", "");
    }

    @Test
    void readsAScorm2004ManifestCompletely() throws IOException {
        scorm2004("2004 4th Edition");
        Manifest m = read();
        assertThat(m.problems()).isEmpty();
        assertThat(m.edition()).isEqualTo(ScormEdition.SCORM_2004_4TH);
        assertThat(m.identifier()).isEqualTo("com.example.rdm");
        assertThat(m.title().values()).containsEntry("ja", "研究データ管理").containsEntry("en",
                "Research data management");
        assertThat(m.defaultOrganization()).isEqualTo("ORG");
        Organization org = m.organizations().get(0);
        assertThat(org.objectivesGlobalToSystem()).isFalse();
        assertThat(org.sequencingXml()).contains("controlMode").contains("choice=\"false\"");
        Item module = org.items().get(0);
        assertThat(module.launchHref()).isNull();
        assertThat(module.children()).extracting(Item::identifier).containsExactly("SCO1", "SCO2");
        Item sco1 = module.children().get(0);
        assertThat(sco1.sco()).isTrue();
        assertThat(sco1.launchHref()).isEqualTo("course/res/intro/index.html?lesson=1#top");
        assertThat(sco1.completionThreshold()).isEqualTo(0.8);
        assertThat(sco1.scaledPassingScore()).isEqualTo(0.7);
        assertThat(sco1.maxTimeAllowed()).isEqualTo("PT30M");
        assertThat(sco1.timeLimitAction()).isEqualTo("exit,message");
        assertThat(sco1.dataFromLms()).isEqualTo("mode=quiz");
        assertThat(sco1.adlData()).containsExactly(new AdlData("shared", "true", "false"));
        assertThat(sco1.sequencingXml()).contains("primaryObjective");
        Item sco2 = module.children().get(1);
        assertThat(sco2.visible()).isFalse();
        assertThat(sco2.launchHref()).isEqualTo("course/res/quiz/q%20a.html?x=1");
        Item asset = org.items().get(1);
        assertThat(asset.sco()).isFalse();
        assertThat(asset.launchHref()).isEqualTo("course/res/glossary.pdf");
    }

    @Test
    void packageHelpersWalkTheTreeInOrder() throws IOException {
        scorm2004("2004 3rd Edition");
        Manifest m = read();
        ScormPackage p = new ScormPackage("id", "line", "course", "t", m.identifier(), 1, m.edition(), m.title(),
                m.defaultOrganization(), m.organizations(), java.time.Instant.EPOCH);
        assertThat(p.scos()).extracting(Item::identifier).containsExactly("SCO1", "SCO2");
        assertThat(p.launchables()).extracting(Item::identifier).containsExactly("SCO1", "SCO2", "A1");
        assertThat(p.findItem("SCO2")).map(Item::identifier).contains("SCO2");
        assertThat(p.findItem("nope")).isEmpty();
        assertThat(p.organization()).map(Organization::identifier).contains("ORG");
    }

    @Test
    void detectsEditions() {
        List<Problem> problems = new ArrayList<>();
        Set<String> none = Set.of();
        assertThat(ManifestReader.detectEdition("1.2", none, problems)).isEqualTo(ScormEdition.SCORM_12);
        assertThat(ManifestReader.detectEdition("CAM 1.3", none, problems)).isEqualTo(ScormEdition.SCORM_2004_2ND);
        assertThat(ManifestReader.detectEdition(" 2004  3rd Edition ", none, problems))
                .isEqualTo(ScormEdition.SCORM_2004_3RD);
        assertThat(ManifestReader.detectEdition("2004 4th edition", none, problems))
                .isEqualTo(ScormEdition.SCORM_2004_4TH);
        assertThat(problems).isEmpty();
        assertThat(ManifestReader.detectEdition(null, Set.of(ManifestReader.ADLCP_12), problems))
                .isEqualTo(ScormEdition.SCORM_12);
        assertThat(ManifestReader.detectEdition(null, Set.of(ManifestReader.IMSSS), problems))
                .isEqualTo(ScormEdition.SCORM_2004_3RD);
        assertThat(problems).extracting(Problem::severity).containsOnly(Problem.Severity.WARNING);
        problems.clear();
        assertThat(ManifestReader.detectEdition("2004 5th Edition", none, problems)).isNull();
        assertThat(ManifestReader.detectEdition(null, none, problems)).isNull();
        assertThat(problems).extracting(Problem::code).containsExactly("schemaversion-unsupported",
                "schemaversion-missing");
        assertThat(problems).allMatch(p -> p.severity() == Problem.Severity.ERROR);
    }

    @Test
    void reportsBrokenReferencesWithTheirLocation() throws IOException {
        files.put("imsmanifest.xml", """
                <manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="O">
                    <organization identifier="O"><title>T</title>
                      <item identifier="a" identifierref="r1"><title>A</title></item>
                      <item identifier="b" identifierref="missing"><title>B</title></item>
                      <item identifier="a" identifierref="r1"><title>dup</title></item>
                      <item identifier="leaf"><title>nothing</title></item>
                      <item identifier="c" identifierref="r2"><title>C</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/><file href="gone.css"/><dependency identifierref="nodep"/>
                    </resource>
                    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="Page.html"/>
                  </resources>
                </manifest>
                """);
        files.put("index.html", "x");
        files.put("page.html", "x");
        Manifest m = read();
        assertThat(codes(m)).containsExactlyInAnyOrder("file-missing", "unresolved-dependency",
                "launch-file-missing", "unresolved-identifierref", "duplicate-identifier", "identifierref-missing",
                "resource-not-launchable");
        assertThat(problem(m, "unresolved-identifierref").location())
                .isEqualTo("/manifest/organizations/organization[@identifier='O']/item[2]");
        assertThat(problem(m, "duplicate-identifier").location())
                .isEqualTo("/manifest/organizations/organization[@identifier='O']/item[3]");
        assertThat(problem(m, "file-missing").severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(problem(m, "file-missing").location())
                .isEqualTo("/manifest/resources/resource[@identifier='r1']/file[2]/@href");
        assertThat(problem(m, "launch-file-missing").message()).contains("'page.html' exists")
                .contains("case-sensitive");
        assertThat(m.report().hasErrors()).isTrue();
    }

    @Test
    void reportsBadHrefs() throws IOException {
        files.put("imsmanifest.xml", """
                <manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
                  <metadata><schemaversion>2004 3rd Edition</schemaversion></metadata>
                  <organizations default="O"><organization identifier="O"><title>T</title>
                    <item identifier="i1" identifierref="abs"><title>1</title></item>
                    <item identifier="i2" identifierref="up"><title>2</title></item>
                    <item identifier="i3" identifierref="ext"><title>3</title></item>
                    <item identifier="i4" identifierref="js"><title>4</title></item>
                    <item identifier="i5" identifierref="video"><title>5</title></item>
                  </organization></organizations>
                  <resources>
                    <resource identifier="abs" type="webcontent" adlcp:scormType="sco" href="/etc/passwd"/>
                    <resource identifier="up" type="webcontent" adlcp:scormType="sco" href="a/../../x.html"/>
                    <resource identifier="ext" type="webcontent" adlcp:scormType="sco" href="https://evil.example/sco.html"/>
                    <resource identifier="js" type="webcontent" adlcp:scormType="asset" href="javascript:alert(1)"/>
                    <resource identifier="video" type="webcontent" adlcp:scormType="asset" href="https://video.example/v.mp4"/>
                  </resources>
                </manifest>
                """);
        Manifest m = read();
        assertThat(codes(m)).contains("href-absolute", "href-outside-package", "sco-external", "href-scheme",
                "href-external");
        assertThat(problem(m, "href-external").severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(problem(m, "href-absolute").location()).isEqualTo(
                "/manifest/resources/resource[@identifier='abs']/@href");
        Item video = m.organizations().get(0).items().get(4);
        assertThat(video.launchHref()).isEqualTo("https://video.example/v.mp4");
    }

    @Test
    void organizationProblems() throws IOException {
        files.put("imsmanifest.xml", ScormZips.scorm12Manifest("m", "T").replace("default=\"org\"",
                "default=\"nope\""));
        files.put("index.html", "x");
        assertThat(codes(read())).containsExactly("default-organization-unknown");

        files.put("imsmanifest.xml", ScormZips.scorm12Manifest("m", "T").replace(" default=\"org\"", ""));
        Manifest m = read();
        assertThat(codes(m)).containsExactly("default-organization-missing");
        assertThat(m.report().hasErrors()).isFalse();
    }

    @Test
    void scorm12ValuesAreRead() throws IOException {
        files.put("imsmanifest.xml", ScormZips.scorm12Manifest("m", "Golf"));
        files.put("index.html", "x");
        Manifest m = read();
        assertThat(m.problems()).isEmpty();
        assertThat(m.edition()).isEqualTo(ScormEdition.SCORM_12);
        assertThat(m.title().values()).containsEntry("x-none", "Golf");
        Item item = m.organizations().get(0).items().get(0);
        assertThat(item.masteryScore()).isEqualTo(80.0);
        assertThat(item.sco()).isTrue();
        assertThat(item.launchHref()).isEqualTo("index.html");
    }

    @Test
    void refusesDoctypesAndExternalEntities() throws IOException {
        Path secret = Files.writeString(root.getParent().resolve("secret-" + System.nanoTime() + ".txt"),
                "TOP-SECRET");
        files.put("imsmanifest.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE manifest [ <!ENTITY xxe SYSTEM "%s"> ]>
                <manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
                  <metadata><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="o"><organization identifier="o"><title>&xxe;</title>
                  </organization></organizations><resources/>
                </manifest>
                """.formatted(secret.toUri()));
        Manifest m = read();
        assertThat(codes(m)).containsExactly("manifest-doctype");
        assertThat(m.problems().toString()).doesNotContain("TOP-SECRET");
        assertThat(m.title().isEmpty()).isTrue();
    }

    @Test
    void refusesEntityExpansionBombs() throws IOException {
        files.put("imsmanifest.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <manifest identifier="&lol2;"/>
                """);
        assertThat(codes(read())).containsExactly("manifest-doctype");
    }

    @Test
    void reportsMalformedAndMissingManifests() throws IOException {
        files.put("imsmanifest.xml", "<manifest identifier='x'><organizations>");
        Manifest broken = read();
        assertThat(codes(broken)).containsExactly("manifest-malformed");
        assertThat(broken.problems().get(0).message()).contains("line 1");

        Files.delete(root.resolve("imsmanifest.xml"));
        files.clear();
        files.put("index.html", "x");
        assertThat(codes(read())).containsExactly("manifest-missing");

        files.put("course/imsmanifest.xml", ScormZips.scorm12Manifest("m", "T"));
        Manifest nested = read();
        assertThat(codes(nested)).containsExactly("manifest-not-at-root");
        assertThat(nested.problems().get(0).message()).contains("course/imsmanifest.xml");
    }

    @Test
    void readsCmi5AndTincanTitles() throws IOException {
        files.put("cmi5.xml", """
                <courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
                  <course id="https://example.com/c1">
                    <title><langstring lang="en-US">Geology</langstring><langstring lang="ja">地質学</langstring></title>
                  </course>
                  <au id="https://example.com/c1/au1"><title><langstring lang="en-US">AU</langstring></title>
                    <url>index.html</url></au>
                </courseStructure>
                """);
        files.put("index.html", "x");
        Manifest cmi5 = read();
        assertThat(cmi5.edition()).isEqualTo(ScormEdition.CMI5);
        assertThat(cmi5.identifier()).isEqualTo("https://example.com/c1");
        assertThat(cmi5.title().values()).containsEntry("en-US", "Geology").containsEntry("ja", "地質学");
        assertThat(cmi5.report().hasErrors()).isFalse();
        assertThat(codes(cmi5)).containsExactly("not-playable");

        files.clear();
        Files.delete(root.resolve("cmi5.xml"));
        files.put("tincan.xml", """
                <tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
                  <activity id="http://example.com/a" type="http://adlnet.gov/expapi/activities/course">
                    <name lang="en-US">Basic</name><launch lang="en-US">start.html</launch>
                  </activity></activities></tincan>
                """);
        Manifest xapi = read();
        assertThat(xapi.edition()).isEqualTo(ScormEdition.XAPI);
        assertThat(xapi.identifier()).isEqualTo("http://example.com/a");
        assertThat(xapi.title().values()).containsEntry("en-US", "Basic");
        assertThat(codes(xapi)).containsExactly("launch-file-missing", "not-playable");
    }

    @Test
    void hrefResolution() {
        assertThat(Hrefs.resolve(List.of("a/", "b"), "c/../d.html?q=1#f").url()).isEqualTo("a/b/d.html?q=1#f");
        assertThat(Hrefs.resolve(List.of(), "%E7%A0%94%E7%A9%B6.html").path()).isEqualTo("研究.html");
        assertThat(Hrefs.resolve(List.of(), "研究 1.html").url()).isEqualTo("%E7%A0%94%E7%A9%B6%201.html");
        assertThat(Hrefs.resolve(List.of(), "100%.html").path()).isEqualTo("100%.html");
        assertThat(Hrefs.resolve(List.of("../"), "x.html").kind()).isEqualTo(Hrefs.Kind.TRAVERSAL);
        assertThat(Hrefs.resolve(List.of("http://cdn.example/"), "x.html").kind()).isEqualTo(Hrefs.Kind.EXTERNAL);
        assertThat(Hrefs.resolve(List.of(), "file:///etc/passwd").kind()).isEqualTo(Hrefs.Kind.BAD_SCHEME);
        assertThat(Hrefs.resolve(List.of(), "C:\\course\\a.html").kind()).isEqualTo(Hrefs.Kind.ABSOLUTE);
        assertThat(Hrefs.resolve(List.of(), "//evil.example/a").kind()).isEqualTo(Hrefs.Kind.EXTERNAL);
    }

    @Test
    void itemParametersFollowTheCamRules() {
        Hrefs.Resolved plain = Hrefs.resolve(List.of(), "a.html");
        Hrefs.Resolved query = Hrefs.resolve(List.of(), "a.html?x=1");
        Hrefs.Resolved fragment = Hrefs.resolve(List.of(), "a.html#top");
        assertThat(Hrefs.withParameters(plain, "?p=1")).isEqualTo("a.html?p=1");
        assertThat(Hrefs.withParameters(plain, "&&p=1")).isEqualTo("a.html?p=1");
        assertThat(Hrefs.withParameters(query, "p=1")).isEqualTo("a.html?x=1&p=1");
        assertThat(Hrefs.withParameters(plain, "#part2")).isEqualTo("a.html#part2");
        assertThat(Hrefs.withParameters(fragment, "#part2")).isEqualTo("a.html#top");
        assertThat(Hrefs.withParameters(fragment, "p=1")).isEqualTo("a.html?p=1#top");
        assertThat(Hrefs.withParameters(plain, null)).isEqualTo("a.html");
    }
}
