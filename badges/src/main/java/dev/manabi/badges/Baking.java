package dev.manabi.badges;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Open Badges 2.0 Baking Specification (IMS Final, 12 April 2018): an Assertion embedded in the badge image, so
 * software that meets the image can find and verify it.
 *
 * <ul>
 *   <li>PNG ("PNGs / Baking"): one {@code iTXt} chunk with keyword {@code openbadges}, compression flag and method 0,
 *       empty language tag and translated keyword, holding the Assertion's JSON; the chunk must not appear twice,
 *       so an existing one is replaced. The chunk layout is the PNG specification's (W3C PNG 2nd ed., 11.3.4.5).
 *   <li>SVG ("SVGs / Baking"): {@code xmlns:openbadges="http://openbadges.org"} on the {@code <svg>} element and,
 *       directly after its start tag, {@code <openbadges:assertion verify="URL">} with the Assertion JSON in a CDATA
 *       section; {@code verify} is the hosted Assertion's URL (hosted verification).
 * </ul>
 *
 * <p>Open Badges 3.0 (1EdTech, section 5.3 "Baked Badge") bakes the OpenBadgeCredential the same way under other
 * names: PNG (5.3.1.1) an {@code iTXt} chunk with keyword {@code openbadgecredential} holding the credential's JSON
 * (an embedded proof), uncompressed, at most once; SVG (5.3.2.1) {@code xmlns:openbadges=
 * "https://purl.imsglobal.org/ob/v3p0"} and, directly after the start tag, {@code <openbadges:credential>} with the
 * JSON in CDATA and no {@code verify} attribute (that one is for VC-JWT). {@link Version} names both.
 */
final class Baking {

    /** Where each Open Badges version bakes its document. */
    enum Version {
        /** OB 2.0 Baking Specification: the Assertion. */
        OB2("openbadges", "http://openbadges.org", "assertion"),
        /** OB 3.0 section 5.3: the OpenBadgeCredential. */
        OB3("openbadgecredential", "https://purl.imsglobal.org/ob/v3p0", "credential");

        final String pngKeyword;
        final String svgNamespace;
        final String svgElement;

        Version(String pngKeyword, String svgNamespace, String svgElement) {
            this.pngKeyword = pngKeyword;
            this.svgNamespace = svgNamespace;
            this.svgElement = svgElement;
        }
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] ITXT = "iTXt".getBytes(StandardCharsets.US_ASCII);

    private Baking() {
    }

    /** Thrown for an image that is not a well-formed PNG or SVG; the caller bakes the default image instead. */
    static final class NotAnImage extends Exception {
        NotAnImage(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------------------------ PNG

    /** {@code png} with one {@code iTXt openbadges} chunk holding {@code assertionJson}, right after IHDR. */
    static byte[] bakePng(byte[] png, String assertionJson) throws NotAnImage {
        return bakePng(png, Version.OB2, assertionJson);
    }

    /** {@code png} with one {@code iTXt} chunk of {@code version}'s keyword holding {@code json}, right after IHDR. */
    static byte[] bakePng(byte[] png, Version version, String json) throws NotAnImage {
        if (png.length < PNG_SIGNATURE.length + 12 || !Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
            throw new NotAnImage("not a PNG (signature)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + json.length() + 64);
        out.writeBytes(PNG_SIGNATURE);
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        boolean first = true;
        boolean ended = false;
        while (!ended) {
            if (in.remaining() < 12) {
                throw new NotAnImage("PNG ends inside a chunk");
            }
            int length = in.getInt();
            int start = in.position() - 4;
            if (length < 0 || in.remaining() < length + 8) {
                throw new NotAnImage("PNG chunk longer than the file");
            }
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            in.getInt(); // CRC: the chunk is copied whole below
            String name = new String(type, StandardCharsets.US_ASCII);
            if (first && !name.equals("IHDR")) {
                throw new NotAnImage("PNG does not start with IHDR");
            }
            if (!(name.equals("iTXt") && isKeyword(data, version.pngKeyword))) {
                out.write(png, start, length + 12);
            }
            if (first) {
                writeChunk(out, "iTXt", itxt(version.pngKeyword, json));
                first = false;
            }
            ended = name.equals("IEND");
        }
        return out.toByteArray();
    }

    /** The iTXt data: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty keyword, NUL, text. */
    private static byte[] itxt(String keyword, String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0);
        data.write(0);
        data.write(0);
        data.write(0);
        data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return data.toByteArray();
    }

    private static boolean isKeyword(byte[] itxtData, String name) {
        byte[] keyword = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        return itxtData.length >= keyword.length && Arrays.equals(itxtData, 0, keyword.length, keyword, 0,
                keyword.length);
    }

    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[4];
        BadgeArt.putInt(header, 0, data.length);
        out.writeBytes(header);
        out.writeBytes(t);
        out.writeBytes(data);
        byte[] crc = new byte[4];
        BadgeArt.putInt(crc, 0, (int) BadgeArt.crc(t, data));
        out.writeBytes(crc);
    }

    // ------------------------------------------------------------------------------------------------ SVG

    /** {@code svg} with its {@code openbadges:assertion} (any earlier one replaced). */
    static String bakeSvg(byte[] svg, String assertionUrl, String assertionJson) throws NotAnImage {
        return bakeSvg(svg, Version.OB2, assertionUrl, assertionJson);
    }

    /**
     * {@code svg} with {@code version}'s {@code openbadges:} element holding {@code json} in CDATA (any earlier one
     * replaced); {@code verifyUrl} becomes its {@code verify} attribute when not null (OB 2.0 hosted verification).
     */
    static String bakeSvg(byte[] svg, Version version, String verifyUrl, String json) throws NotAnImage {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // An uploaded SVG is untrusted: no DTDs, no external entities (OWASP XXE prevention).
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // reported to the caller as NotAnImage, not printed to stderr
                }
            });
            doc = builder.parse(new ByteArrayInputStream(svg));
        } catch (Exception e) {
            throw new NotAnImage("not well-formed XML");
        }
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName())) {
            throw new NotAnImage("the root element is not svg");
        }
        NodeList old = root.getElementsByTagNameNS(version.svgNamespace, version.svgElement);
        for (int i = old.getLength() - 1; i >= 0; i--) {
            Node n = old.item(i);
            n.getParentNode().removeChild(n);
        }
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:openbadges", version.svgNamespace);
        Element assertion = doc.createElementNS(version.svgNamespace, "openbadges:" + version.svgElement);
        if (verifyUrl != null) {
            assertion.setAttribute("verify", verifyUrl);
        }
        assertion.appendChild(doc.createCDATASection(json.replace("]]>", "]]\\u003e")));
        root.insertBefore(assertion, root.getFirstChild());
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            var t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException("serialising a parsed SVG failed", e);
        }
    }
}
