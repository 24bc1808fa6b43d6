package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.cmi5.CourseStructure.Block;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** One test per import rule of cmi5 Quartz sections 13 and 14 ({@link CourseStructureReader}). */
class CourseStructureReaderTest {

    private static final String NS = CourseStructure.NAMESPACE;
    static final String TEXTS = "<title><langstring lang=\"en-US\"> T </langstring></title>"
            + "<description><langstring lang=\"en-US\">D</langstring></description>";

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String course(String body) {
        return "<courseStructure xmlns=\"" + NS + "\"><course id=\"https://example.com/c\">" + TEXTS + "</course>"
                + body + "</courseStructure>";
    }

    static String au(String id, String attributes, String inner) {
        return "<au id=\"" + id + "\" " + attributes + ">" + TEXTS + inner + "</au>";
    }

    static CourseStructureReader.Reading read(String xml) throws Exception {
        return CourseStructureReader.read(parse(xml), Set.of("cmi5.xml", "index.html", "a/b.html"), false);
    }

    static List<String> errors(CourseStructureReader.Reading r) {
        return r.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).map(Problem::code).toList();
    }

    @Test
    void a_full_structure_is_read_into_typed_records_with_whitespace_trimmed() throws Exception {
        var r = read(course("<objectives><objective id=\"https://example.com/o1\">" + TEXTS + "</objective>"
                + "</objectives><block id=\"https://example.com/b\">" + TEXTS
                + "<objectives><objective idref=\"https://example.com/o1\"/></objectives>"
                + au("https://example.com/au1", "moveOn=\"CompletedAndPassed\" masteryScore=\" 0.8 \""
                        + " launchMethod=\"OwnWindow\" activityType=\"https://example.com/type\"",
                        "<url> a/b.html?x=1 </url><launchParameters> p=1 </launchParameters>"
                                + "<entitlementKey>k-1</entitlementKey>")
                + "</block>" + au("https://example.com/au2", "", "<url>https://cdn.example.com/au2</url>")));
        assertThat(r.problems()).isEmpty();
        CourseStructure s = r.structure();
        assertThat(s.course().title()).containsEntry("en-US", "T");
        assertThat(s.objectives()).extracting(CourseStructure.Objective::id).containsExactly("https://example.com/o1");
        Block block = (Block) s.children().get(0);
        assertThat(block.objectives()).containsExactly("https://example.com/o1");
        Au au1 = (Au) block.children().get(0);
        assertThat(au1.index()).isZero();
        assertThat(au1.url()).isEqualTo("a/b.html?x=1");
        assertThat(au1.moveOn()).isEqualTo(CourseStructure.MoveOn.CompletedAndPassed);
        assertThat(au1.masteryScore()).isEqualByComparingTo(new BigDecimal("0.8"));
        assertThat(au1.launchMethod()).isEqualTo(CourseStructure.LaunchMethod.OwnWindow);
        assertThat(au1.launchParameters()).isEqualTo("p=1");
        assertThat(au1.entitlementKey()).isEqualTo("k-1");
        assertThat(au1.activityType()).isEqualTo("https://example.com/type");
        Au au2 = s.aus().get(1);
        assertThat(au2.index()).isEqualTo(1);
        assertThat(au2.moveOn()).isEqualTo(CourseStructure.MoveOn.NotApplicable);
        assertThat(au2.launchMethod()).isEqualTo(CourseStructure.LaunchMethod.AnyWindow);
        assertThat(au2.masteryScore()).isNull();
    }

    @Test
    void the_root_must_be_course_structure() throws Exception {
        assertThat(errors(read("<manifest/>"))).containsExactly("cmi5-root");
    }

    @Test
    void exactly_one_course() throws Exception {
        assertThat(errors(read("<courseStructure xmlns=\"" + NS + "\"/>"))).containsExactly("cmi5-course-count");
    }

    @Test
    void another_namespace_is_a_warning() throws Exception {
        var r = read("<courseStructure><course id=\"https://example.com/c\">" + TEXTS + "</course>"
                + au("https://example.com/a", "", "<url>index.html</url>") + "</courseStructure>");
        assertThat(errors(r)).isEmpty();
        assertThat(r.problems()).extracting(Problem::code).containsExactly("cmi5-namespace");
    }

    @Test
    void a_course_needs_an_au() throws Exception {
        assertThat(errors(read(course("")))).containsExactly("cmi5-au-missing");
    }

    @Test
    void ids_are_required_iris_and_unique() throws Exception {
        assertThat(errors(read(course("<au>" + TEXTS + "<url>index.html</url></au>"))))
                .containsExactly("cmi5-id-missing");
        assertThat(errors(read(course(au("not an iri", "", "<url>index.html</url>")))))
                .containsExactly("cmi5-id-not-iri");
        assertThat(errors(read(course(au("https://example.com/c", "", "<url>index.html</url>")))))
                .containsExactly("cmi5-id-duplicate");
    }

    @Test
    void titles_and_descriptions_are_required_langstrings() throws Exception {
        var r = read(course("<au id=\"https://example.com/a\"><url>index.html</url></au>"));
        assertThat(errors(r)).containsExactly("cmi5-title-missing", "cmi5-description-missing");
        assertThat(errors(read(course("<au id=\"https://example.com/a\"><title><langstring lang=\"e n\">x"
                + "</langstring></title><description><langstring>d</langstring></description>"
                + "<url>index.html</url></au>")))).containsExactly("cmi5-lang-invalid", "cmi5-title-missing");
    }

    @Test
    void urls_are_required_and_name_a_package_file_or_are_absolute_http() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "", ""))))).containsExactly("cmi5-url-missing");
        assertThat(errors(read(course(au("https://example.com/a", "", "<url>missing.html</url>")))))
                .containsExactly("cmi5-url-file-missing");
        assertThat(errors(read(course(au("https://example.com/a", "", "<url>../index.html</url>")))))
                .containsExactly("cmi5-url-outside-package");
        assertThat(errors(read(course(au("https://example.com/a", "", "<url>ftp://example.com/a</url>")))))
                .containsExactly("cmi5-url-scheme");
        assertThat(errors(read(course(au("https://example.com/a", "", "<url>a/./b.html#top</url>"))))).isEmpty();
    }

    @Test
    void a_bare_structure_needs_absolute_urls() throws Exception {
        String xml = course(au("https://example.com/a", "", "<url>index.html</url>"));
        assertThat(errors(CourseStructureReader.read(parse(xml), Set.of("cmi5.xml"), true)))
                .containsExactly("cmi5-url-relative-without-package");
        String absolute = course(au("https://example.com/a", "", "<url>https://au.example.com/start</url>"));
        assertThat(errors(CourseStructureReader.read(parse(absolute), Set.of("cmi5.xml"), true))).isEmpty();
    }

    @Test
    void url_queries_must_not_use_launch_parameter_names() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "",
                "<url>index.html?lang=ja&amp;actor=me</url>"))))).containsExactly("cmi5-url-reserved-parameter");
    }

    @Test
    void move_on_and_launch_method_take_the_spec_values_only() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "moveOn=\"Complete\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-move-on-invalid");
        assertThat(errors(read(course(au("https://example.com/a", "launchMethod=\"NewWindow\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-launch-method-invalid");
    }

    @Test
    void mastery_score_is_a_decimal_from_0_to_1() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "masteryScore=\"1.5\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-mastery-score-range");
        assertThat(errors(read(course(au("https://example.com/a", "masteryScore=\"-0.1\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-mastery-score-range");
        assertThat(errors(read(course(au("https://example.com/a", "masteryScore=\"high\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-mastery-score-invalid");
        var precise = read(course(au("https://example.com/a", "masteryScore=\"0.12345\"", "<url>index.html</url>")));
        assertThat(errors(precise)).isEmpty();
        assertThat(precise.problems()).extracting(Problem::code).containsExactly("cmi5-mastery-score-precision");
    }

    @Test
    void activity_type_is_an_iri() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "activityType=\"quiz\"",
                "<url>index.html</url>"))))).containsExactly("cmi5-activity-type-not-iri");
    }

    @Test
    void blocks_nest_and_must_not_be_empty() throws Exception {
        var r = read(course("<block id=\"https://example.com/b1\">" + TEXTS + "<block id=\"https://example.com/b2\">"
                + TEXTS + au("https://example.com/a", "", "<url>index.html</url>") + "</block></block>"
                + "<block id=\"https://example.com/b3\">" + TEXTS + "</block>"));
        assertThat(errors(r)).containsExactly("cmi5-block-empty");
        Block outer = (Block) r.structure().children().get(0);
        assertThat(((Block) outer.children().get(0)).children()).hasSize(1);
    }

    @Test
    void objective_references_must_resolve() throws Exception {
        assertThat(errors(read(course(au("https://example.com/a", "", "<url>index.html</url><objectives>"
                + "<objective idref=\"https://example.com/none\"/><objective/></objectives>")))))
                .containsExactly("cmi5-objective-idref-missing", "cmi5-objective-unknown");
    }

    @Test
    void vendor_extensions_in_other_namespaces_are_ignored() throws Exception {
        assertThat(read(course(au("https://example.com/a", "", "<url>index.html</url>"
                + "<x:au xmlns:x=\"https://vendor.example.com\" id=\"nonsense\"/>"))).problems()).isEmpty();
    }

    @Test
    void the_corpus_au_reads_without_problems() throws Exception {
        Path zip = Path.of("../../shared/corpus/single_au_basic_responsive.zip");
        if (!Files.exists(zip)) {
            zip = Path.of("../shared/corpus/single_au_basic_responsive.zip");
        }
        Assumptions.assumeTrue(Files.exists(zip) || !Boolean.getBoolean("interop.required"),
                "../shared/corpus is required (-Dinterop.required=true)");
        Assumptions.assumeTrue(Files.exists(zip), "../shared/corpus is absent");
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("cmi5.xml"))) {
            var r = CourseStructureReader.read(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    Set.of("cmi5.xml", "index.html"), false);
            assertThat(r.problems()).isEmpty();
            assertThat(r.structure().aus()).singleElement().satisfies(au -> {
                assertThat(au.moveOn()).isEqualTo(CourseStructure.MoveOn.CompletedOrPassed);
                assertThat(au.url()).isEqualTo("index.html");
            });
        }
    }
}
