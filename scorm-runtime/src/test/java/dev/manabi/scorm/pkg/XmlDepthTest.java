package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The element depth limit ({@code manabi.packages.max-xml-depth}) on every package XML file the importer reads:
 * too deep is the import report's {@code manifest-too-deep} error (a 422), never a stack overflow.
 */
class XmlDepthTest {

    @TempDir
    Path root;

    private Manifest read(Map<String, String> files, ImportLimits limits) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return ManifestReader.read(root, Set.copyOf(files.keySet()), limits);
    }

    private static List<String> codes(Manifest m) {
        return m.problems().stream().map(Problem::code).toList();
    }

    private static String nested(String element, int depth, String inside) {
        return ("<" + element + ">").repeat(depth) + inside + ("</" + element + ">").repeat(depth);
    }

    private static ImportLimits depth(int maxXmlDepth) {
        ImportLimits d = ImportLimits.DEFAULTS;
        return new ImportLimits(d.maxUploadBytes(), d.maxUncompressedBytes(), d.maxEntries(),
                d.maxCompressionRatio(), d.ratioThresholdBytes(), d.maxManifestBytes(), maxXmlDepth);
    }

    @Test
    void aHundredThousandNestedElementsAreReportedNotOverflowed() throws IOException {
        String manifest = ScormZips.scorm12Manifest("deep", "Deep").replace("<schemaversion>1.2</schemaversion>",
                "<schemaversion>1.2</schemaversion>" + nested("x", 100_000, ""));
        Manifest m = read(Map.of("imsmanifest.xml", manifest, "index.html", "x"), ImportLimits.DEFAULTS);
        assertThat(codes(m)).containsExactly("manifest-too-deep");
        assertThat(m.report().hasErrors()).isTrue();
        assertThat(m.problems().get(0).message()).contains("256");
    }

    @Test
    void threeThousandNestedItemsAreReported() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            items.append("<item identifier=\"i").append(i).append("\" identifierref=\"r1\"><title>t</title>");
        }
        items.append("</item>".repeat(3000));
        String manifest = ScormZips.scorm12Manifest("deep", "Deep").replaceFirst(
                "(?s)<item identifier=\"i1\".*?</item>", items.toString());
        assertThat(codes(read(Map.of("imsmanifest.xml", manifest, "index.html", "x"), ImportLimits.DEFAULTS)))
                .containsExactly("manifest-too-deep");
    }

    @Test
    void itemsNestedWithinTheLimitAreRead() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            items.append("<item identifier=\"i").append(i).append("\"><title>t").append(i).append("</title>");
        }
        items.append("<item identifier=\"leaf\" identifierref=\"r1\"><title>leaf</title></item>");
        items.append("</item>".repeat(200));
        String manifest = ScormZips.scorm12Manifest("deep", "Deep").replaceFirst(
                "(?s)<item identifier=\"i1\".*?</item>", items.toString());
        Manifest m = read(Map.of("imsmanifest.xml", manifest, "index.html", "x"), ImportLimits.DEFAULTS);
        assertThat(codes(m)).doesNotContain("manifest-too-deep");
        assertThat(m.report().hasErrors()).isFalse();
    }

    @Test
    void theDepthIsConfigurable() throws IOException {
        Map<String, String> ordinary = Map.of("imsmanifest.xml", ScormZips.scorm12Manifest("m", "T"),
                "index.html", "x");
        assertThat(codes(read(ordinary, depth(4)))).containsExactly("manifest-too-deep");
        assertThat(codes(read(ordinary, depth(5)))).as("manifest > organizations > organization > item > title")
                .doesNotContain("manifest-too-deep");
    }

    @Test
    void deepCmi5AndTincanAreReported() throws IOException {
        assertThat(codes(read(Map.of("cmi5.xml", "<courseStructure>" + nested("block", 50_000,
                "<au id='a'><url>index.html</url></au>") + "</courseStructure>", "index.html", "x"),
                ImportLimits.DEFAULTS))).containsExactly("manifest-too-deep");
        Files.delete(root.resolve("cmi5.xml"));
        assertThat(codes(read(Map.of("tincan.xml", "<tincan><activities>" + nested("activity", 50_000, "")
                + "</activities></tincan>", "index.html", "x"), ImportLimits.DEFAULTS)))
                .containsExactly("manifest-too-deep");
    }

    @Test
    void deepMetadataFilesAreOnlyUnreadable() throws IOException {
        String manifest = ScormZips.scorm12Manifest("m", "T").replace("<schemaversion>1.2</schemaversion>",
                "<schemaversion>1.2</schemaversion><adlcp:location>meta.xml</adlcp:location>");
        Manifest m = read(Map.of("imsmanifest.xml", manifest, "index.html", "x", "meta.xml",
                "<lom>" + nested("general", 10_000, "") + "</lom>"), ImportLimits.DEFAULTS);
        assertThat(m.report().hasErrors()).as("informative metadata").isFalse();
        assertThat(codes(m)).containsExactly("metadata-unreadable");
        assertThat(m.problems().get(0).message()).contains("nested more than 256 deep");
    }

    @Test
    void depthIsMeasuredWithoutRecursion() throws Exception {
        String xml = "<a>" + "<!-- c --><b/>text" + nested("c", 3, "<d/>") + "<e/></a>";
        Document doc = SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(SafeXml.deeperThan(doc.getDocumentElement(), 5)).isFalse();
        assertThat(SafeXml.deeperThan(doc.getDocumentElement(), 4)).isTrue();
        Document flat = SafeXml.parse(new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(SafeXml.deeperThan(flat.getDocumentElement(), 1)).isFalse();
        assertThat(SafeXml.deeperThan(flat.getDocumentElement(), 0)).isTrue();
        Document huge = SafeXml.parse(new ByteArrayInputStream(nested("x", 200_000, "")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(SafeXml.deeperThan(huge.getDocumentElement(), 199_999)).isTrue();
        assertThat(SafeXml.deeperThan(huge.getDocumentElement(), 200_000)).isFalse();
    }
}
