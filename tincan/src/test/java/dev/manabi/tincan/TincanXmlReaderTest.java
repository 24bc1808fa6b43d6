package dev.manabi.tincan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.manabi.api.Problem;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** One test per import rule of {@link TincanXmlReader}, the corpus package, and which activity is the root. */
class TincanXmlReaderTest {

    static final String NS = TincanXmlReader.NAMESPACE;
    static final String ROOT_ID = "https://example.com/courses/geology";

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String tincan(String activities) {
        return "<tincan xmlns=\"" + NS + "\"><activities>" + activities + "</activities></tincan>";
    }

    static String activity(String id, String type, String inner) {
        return "<activity" + (id == null ? "" : " id=\"" + id + "\"") + (type == null ? "" : " type=\"" + type + "\"")
                + ">" + inner + "</activity>";
    }

    static String course(String launch) {
        return activity(ROOT_ID, TincanPackage.COURSE_TYPE, "<name lang=\"en\">Geology</name><launch lang=\"en\">"
                + launch + "</launch>");
    }

    private static TincanXmlReader.Reading read(String xml) throws Exception {
        return TincanXmlReader.read(parse(xml), Set.of("tincan.xml", "index.html", "ja/index.html"), false);
    }

    private static java.util.List<String> codes(TincanXmlReader.Reading r) {
        return r.problems().stream().map(Problem::code).toList();
    }

    @Test
    void a_course_activity_with_a_launch_link_reads_without_problems() throws Exception {
        TincanXmlReader.Reading r = read(tincan(activity(ROOT_ID, TincanPackage.COURSE_TYPE,
                "<name lang=\"en\">Geology</name><name lang=\"ja\">地質学</name><description lang=\"en\">Rocks"
                        + "</description><launch lang=\"en\">index.html</launch><launch lang=\"ja\">ja/index.html"
                        + "</launch>") + activity(ROOT_ID + "/quiz", "http://adlnet.gov/expapi/activities/assessment",
                "<name>Quiz</name>")));
        assertThat(r.problems()).isEmpty();
        TincanPackage.Activity root = r.tincan().rootActivity();
        assertThat(root.id()).isEqualTo(ROOT_ID);
        assertThat(root.names()).isEqualTo(Map.of("en", "Geology", "ja", "地質学"));
        assertThat(root.descriptions()).isEqualTo(Map.of("en", "Rocks"));
        assertThat(root.launchFor(Locale.JAPAN)).contains("ja/index.html");
        assertThat(root.launchFor(Locale.KOREAN)).contains("index.html");
        assertThat(r.tincan().activities()).hasSize(2);
        assertThat(r.tincan().activities().get(1).names()).isEqualTo(Map.of("und", "Quiz"));
    }

    @Test
    void the_root_is_the_launchable_course_activity_else_the_first_launchable_one() throws Exception {
        String module = activity("https://example.com/m", "http://adlnet.gov/expapi/activities/module",
                "<launch>index.html</launch>");
        assertThat(read(tincan(module + course("index.html"))).tincan().rootActivity().id()).isEqualTo(ROOT_ID);
        assertThat(read(tincan(activity("https://example.com/x", null, "") + module)).tincan().rootActivity().id())
                .isEqualTo("https://example.com/m");
    }

    @Test
    void the_corpus_basic_course_reads_without_problems() throws Exception {
        Path zip = Path.of("../../shared/corpus/basic_course.zip");
        if (!Files.exists(zip)) {
            zip = Path.of("../shared/corpus/basic_course.zip");
        }
        if (!Files.exists(zip) && Boolean.getBoolean("interop.required")) {
            fail("../shared/corpus is required (-Dinterop.required=true)");
        }
        Assumptions.assumeTrue(Files.exists(zip), "../shared/corpus is absent");
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("tincan.xml"))) {
            TincanXmlReader.Reading r = TincanXmlReader.read(parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)), Set.of("tincan.xml", "index.html"), false);
            assertThat(r.problems()).isEmpty();
            TincanPackage.Activity root = r.tincan().rootActivity();
            assertThat(root.id()).isEqualTo("http://example.com/activities/basic-course");
            assertThat(root.type()).isEqualTo(TincanPackage.COURSE_TYPE);
            assertThat(root.names()).isEqualTo(Map.of("en-US", "Basic xAPI Course"));
            assertThat(root.launchFor(Locale.JAPANESE)).contains("index.html");
        }
    }

    @Test
    void tincan_root() throws Exception {
        assertThat(codes(read("<manifest/>"))).containsExactly("tincan-root");
    }

    @Test
    void tincan_namespace_is_a_warning() throws Exception {
        TincanXmlReader.Reading r = read("<tincan><activities>" + course("index.html") + "</activities></tincan>");
        assertThat(codes(r)).containsExactly("tincan-namespace");
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.tincan().rootActivity().id()).isEqualTo(ROOT_ID);
    }

    @Test
    void tincan_activity_missing() throws Exception {
        assertThat(codes(read(tincan("")))).containsExactly("tincan-activity-missing");
    }

    @Test
    void tincan_launch_missing() throws Exception {
        TincanXmlReader.Reading r = read(tincan(activity(ROOT_ID, TincanPackage.COURSE_TYPE, "<name>x</name>")));
        assertThat(codes(r)).containsExactly("tincan-launch-missing");
        assertThat(r.tincan()).isNull();
    }

    @Test
    void tincan_id_missing_not_iri_and_duplicate() throws Exception {
        assertThat(codes(read(tincan(course("index.html") + activity(null, null, ""))))).containsExactly(
                "tincan-id-missing");
        assertThat(codes(read(tincan(course("index.html") + activity("geology", null, ""))))).containsExactly(
                "tincan-id-not-iri");
        assertThat(codes(read(tincan(course("index.html") + activity(ROOT_ID, null, ""))))).containsExactly(
                "tincan-id-duplicate");
    }

    @Test
    void tincan_type_not_iri_is_a_warning_and_dropped() throws Exception {
        TincanXmlReader.Reading r = read(tincan(activity(ROOT_ID, "course", "<launch>index.html</launch>")));
        assertThat(codes(r)).containsExactly("tincan-type-not-iri");
        assertThat(r.tincan().rootActivity().type()).isNull();
    }

    @Test
    void tincan_lang_invalid_and_duplicate_are_warnings() throws Exception {
        TincanXmlReader.Reading r = read(tincan(activity(ROOT_ID, null, "<name lang=\"en_US\">A</name>"
                + "<name lang=\"en\">B</name><name lang=\"en\">C</name><launch>index.html</launch>")));
        assertThat(codes(r)).containsExactly("tincan-lang-invalid", "tincan-lang-duplicate");
        assertThat(r.tincan().rootActivity().names()).isEqualTo(Map.of("und", "A", "en", "B"));
    }

    @Test
    void tincan_launch_outside_package() throws Exception {
        assertThat(codes(read(tincan(course("../index.html"))))).containsExactly("tincan-launch-outside-package");
        assertThat(codes(read(tincan(course("ja/../../index.html"))))).containsExactly(
                "tincan-launch-outside-package");
        assertThat(codes(read(tincan(course("%2E%2E/index.html"))))).containsExactly(
                "tincan-launch-outside-package");
        assertThat(codes(read(tincan(course("/index.html"))))).containsExactly("tincan-launch-outside-package");
        assertThat(read(tincan(course("./ja/../index.html?x=1#top"))).problems()).isEmpty();
    }

    @Test
    void tincan_launch_file_missing() throws Exception {
        assertThat(codes(read(tincan(course("start.html"))))).containsExactly("tincan-launch-file-missing");
    }

    @Test
    void tincan_launch_scheme_and_absolute_http_links() throws Exception {
        assertThat(codes(read(tincan(course("javascript:alert(1)"))))).containsExactly("tincan-launch-scheme");
        assertThat(read(tincan(course("https://content.example.com/geology/?v=2"))).problems()).isEmpty();
    }

    @Test
    void tincan_launch_invalid() throws Exception {
        assertThat(codes(read(tincan(course("my course.html"))))).containsExactly("tincan-launch-invalid");
        assertThat(codes(read(tincan(course("index%2.html"))))).containsExactly("tincan-launch-invalid");
    }

    @Test
    void tincan_launch_reserved_parameter() throws Exception {
        assertThat(codes(read(tincan(course("index.html?auth=x&amp;mode=1"))))).containsExactly(
                "tincan-launch-reserved-parameter");
        assertThat(codes(read(tincan(course("https://x.example/?activity_id=1"))))).containsExactly(
                "tincan-launch-reserved-parameter");
    }

    @Test
    void tincan_launch_relative_without_package() throws Exception {
        assertThat(TincanXmlReader.read(parse(tincan(course("index.html"))), Set.of("tincan.xml"), true).problems())
                .extracting(Problem::code).containsExactly("tincan-launch-relative-without-package");
    }

    @Test
    void other_namespaces_are_extensions() throws Exception {
        assertThat(read(tincan(course("index.html") + "<x:activity xmlns:x=\"https://vendor.example.com\"/>"))
                .problems()).isEmpty();
    }
}
