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
 */
final class Baking {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static final String KEYWORD = "openbadges";
    static final String SVG_NAMESPACE = "http://openbadges.org";
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
        if (png.length < PNG_SIGNATURE.length + 12 || !Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
            throw new NotAnImage("not a PNG (signature)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + assertionJson.length() + 64);
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
            if (!(name.equals("iTXt") && isOpenBadges(data))) {
                out.write(png, start, length + 12);
            }
            if (first) {
                writeChunk(out, "iTXt", itxt(assertionJson));
                first = false;
            }
            ended = name.equals("IEND");
        }
        return out.toByteArray();
    }

    /** The iTXt data: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty keyword, NUL, text. */
    private static byte[] itxt(String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(KEYWORD.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0);
        data.write(0);
        data.write(0);
        data.write(0);
        data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return data.toByteArray();
    }

    private static boolean isOpenBadges(byte[] itxtData) {
        byte[] keyword = (KEYWORD + "\0").getBytes(StandardCharsets.ISO_8859_1);
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
        NodeList old = root.getElementsByTagNameNS(SVG_NAMESPACE, "assertion");
        for (int i = old.getLength() - 1; i >= 0; i--) {
            Node n = old.item(i);
            n.getParentNode().removeChild(n);
        }
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:openbadges", SVG_NAMESPACE);
        Element assertion = doc.createElementNS(SVG_NAMESPACE, "openbadges:assertion");
        assertion.setAttribute("verify", assertionUrl);
        assertion.appendChild(doc.createCDATASection(assertionJson.replace("]]>", "]]\\u003e")));
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
