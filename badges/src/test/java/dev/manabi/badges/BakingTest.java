package dev.manabi.badges;

import static dev.manabi.badges.TestBadges.ALICE;
import static dev.manabi.badges.TestBadges.URLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ar.com.hjg.pngj.IImageLine;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngReader;
import ar.com.hjg.pngj.chunks.ChunkLoadBehaviour;
import ar.com.hjg.pngj.chunks.PngChunk;
import ar.com.hjg.pngj.chunks.PngChunkITXT;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.core.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Baked images read back by a second PNG implementation (pngj) and the JDK's XML parser, and matched to the hosted
 * assertion (OB 2.0 Baking: "Extracting").
 */
class BakingTest {

    /** The {@code openbadges} iTXt chunks of a PNG, decoding every row on the way (so the PNG must be whole). */
    static List<PngChunkITXT> openBadgesChunks(byte[] png) {
        return itxtChunks(png, "openbadges");
    }

    /** The iTXt chunks with {@code keyword} of a PNG, decoding every row on the way. */
    static List<PngChunkITXT> itxtChunks(byte[] png, String keyword) {
        PngReader reader = new PngReader(new ByteArrayInputStream(png));
        reader.setChunkLoadBehaviour(ChunkLoadBehaviour.LOAD_CHUNK_ALWAYS);
        while (reader.hasMoreRows()) {
            reader.readRow();
        }
        reader.end();
        List<? extends PngChunk> itxt = reader.getChunksList().getById(PngChunkITXT.ID);
        return itxt.stream().map(PngChunkITXT.class::cast).filter(c -> c.getKey().equals(keyword)).toList();
    }

    static Element svgAssertion(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList found = doc.getElementsByTagNameNS("http://openbadges.org", "assertion");
        assertThat(found.getLength()).isEqualTo(1);
        Element assertion = (Element) found.item(0);
        assertThat(assertion.getParentNode()).isSameAs(doc.getDocumentElement());
        return assertion;
    }

    @Test
    void thePngChunkIsUncompressedAndReplacedWhenBakedAgain() throws Exception {
        byte[] once = Baking.bakePng(BadgeArt.png("x"), "{\"id\":\"first\"}");
        byte[] twice = Baking.bakePng(once, "{\"id\":\"second\"}");
        assertThat(openBadgesChunks(once)).singleElement().satisfies(c -> {
            assertThat(c.isCompressed()).isFalse();
            assertThat(c.getVal()).isEqualTo("{\"id\":\"first\"}");
        });
        assertThat(openBadgesChunks(twice)).singleElement()
                .satisfies(c -> assertThat(c.getVal()).isEqualTo("{\"id\":\"second\"}"));
        // the medal: the centre is white, a corner transparent
        PngReader reader = new PngReader(new ByteArrayInputStream(twice));
        IImageLine row = null;
        for (int y = 0; y <= 128; y++) {
            row = reader.readRow();
        }
        int[] samples = ((ImageLineInt) row).getScanline();
        assertThat(samples[128 * 4]).isEqualTo(255);
        assertThat(samples[3]).as("alpha at the edge").isZero();
        reader.end();

        assertThatThrownBy(() -> Baking.bakePng("GIF89a....".getBytes(StandardCharsets.US_ASCII), "{}"))
                .isInstanceOf(Baking.NotAnImage.class);
        byte[] cut = java.util.Arrays.copyOf(once, once.length - 20);
        assertThatThrownBy(() -> Baking.bakePng(cut, "{}")).isInstanceOf(Baking.NotAnImage.class);
    }

    @Test
    void anSvgWithADoctypeIsRefused() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Baking.bakeSvg(xxe, "https://a/", "{}")).isInstanceOf(Baking.NotAnImage.class);
        assertThatThrownBy(() -> Baking.bakeSvg("<html/>".getBytes(StandardCharsets.UTF_8), "https://a/", "{}"))
                .isInstanceOf(Baking.NotAnImage.class);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void bakedImagesCarryTheHostedAssertion(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        String declaredSvg = Base64.getEncoder().encodeToString(("<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"teal\"/></svg>")
                .getBytes(StandardCharsets.UTF_8));
        String declaredPng = Base64.getEncoder().encodeToString(BadgeArt.png("declared"));
        t.rules("c1", """
                {'units': [{'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'q1'}]}],
                 'badges': [{'id': 'plain', 'name': 'Plain', 'description': 'd', 'criteria': 'unit:u1'},
                            {'id': 'svg', 'name': 'Svg', 'description': 'd', 'criteria': 'unit:u1',
                             'image': 'data:image/svg+xml;base64,%s'},
                            {'id': 'png', 'name': 'Png', 'description': 'd', 'criteria': 'unit:u1',
                             'image': 'data:image/png;base64,%s'}]}
                """.formatted(declaredSvg, declaredPng));
        List<String> issued = t.badges.achieved(ALICE, "c1", List.of("unit:u1"));
        assertThat(issued).hasSize(3);
        for (String id : issued) {
            JsonNode hosted = t.badges.assertion(id, URLS).json();

            Badges.Picture png = t.badges.baked(id, BadgeArt.PNG, URLS);
            assertThat(png.mediaType()).isEqualTo("image/png");
            JsonNode inPng = Json.mapper().readTree(openBadgesChunks(png.bytes()).get(0).getVal());
            assertThat(inPng).isEqualTo(hosted);
            assertThat(inPng.path("id").asText()).isEqualTo(URLS.assertion(id));

            Badges.Picture svg = t.badges.baked(id, BadgeArt.SVG, URLS);
            assertThat(svg.mediaType()).isEqualTo("image/svg+xml");
            Element inSvg = svgAssertion(svg.bytes());
            assertThat(inSvg.getAttribute("verify")).isEqualTo(URLS.assertion(id));
            assertThat(Json.mapper().readTree(inSvg.getTextContent())).isEqualTo(hosted);
        }
        String classOfSvg = t.badges.mine(ALICE, URLS).stream().filter(b -> b.badgeId().equals("svg"))
                .findFirst().orElseThrow().assertionId();
        assertThat(new String(t.badges.baked(classOfSvg, BadgeArt.SVG, URLS).bytes(), StandardCharsets.UTF_8))
                .as("the declared drawing is kept").contains("fill=\"teal\"");
    }
}
