package dev.manabi.scorm.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way package XML (imsmanifest.xml, cmi5.xml, tincan.xml, external LOM files) is parsed: the JDK's own
 * parser with DOCTYPE declarations refused outright, so neither external entities (XXE), external DTDs nor entity
 * expansion bombs ("billion laughs") can reach the server (OWASP XXE Prevention Cheat Sheet, JAXP section), and
 * with a limit on element nesting, checked before anything walks the tree: the readers recurse over elements (items
 * within items, namespaces, serialized sequencing), and 100,000 nested elements overflowed the stack.
 */
final class SafeXml {

    private SafeXml() {
    }

    /** Parses namespace-aware; a {@link SAXParseException} says where the document is broken or has a DOCTYPE. */
    static Document parse(InputStream in) throws IOException, SAXException {
        DocumentBuilder builder = builder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a manifest unusable
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("External entity '" + systemId + "' refused");
        });
        return builder.parse(in);
    }

    /** A document whose elements nest deeper than allowed ({@code manabi.packages.max-xml-depth}). */
    static final class TooDeep extends SAXException {
        private static final long serialVersionUID = 1L;
        final int maxDepth;

        TooDeep(int maxDepth) {
            super("elements are nested more than " + maxDepth + " deep");
            this.maxDepth = maxDepth;
        }
    }

    /** {@link #parse(InputStream)}, refusing with {@link TooDeep} a document nesting more than {@code maxDepth}. */
    static Document parse(InputStream in, int maxDepth) throws IOException, SAXException {
        Document doc = parse(in);
        if (deeperThan(doc.getDocumentElement(), maxDepth)) {
            throw new TooDeep(maxDepth);
        }
        return doc;
    }

    /**
     * True when an element below {@code root} (depth 1) has a depth above {@code max}; walks the tree by parent and
     * sibling links, without recursion, so any depth is measured safely.
     */
    static boolean deeperThan(Element root, int max) {
        Node n = root;
        int depth = 1;
        while (true) {
            if (depth > max) {
                return true;
            }
            Node child = firstElement(n.getFirstChild());
            if (child != null) {
                n = child;
                depth++;
                continue;
            }
            while (n != root && firstElement(n.getNextSibling()) == null) {
                n = n.getParentNode();
                depth--;
            }
            if (n == root) {
                return false;
            }
            n = firstElement(n.getNextSibling());
        }
    }

    /** {@code n} or the first element among its following siblings, else null. */
    private static Node firstElement(Node n) {
        while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
            n = n.getNextSibling();
        }
        return n;
    }

    /** True when the parse failure is the refused DOCTYPE rather than broken XML. */
    static boolean isDoctypeRefusal(SAXException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("DOCTYPE") || message.contains("disallow-doctype-decl")
                || message.contains("External entity");
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser lacks a required security feature", e);
        }
    }

    /** The element as XML text (no declaration), e.g. to keep an {@code imsss:sequencing} element verbatim. */
    static String serialize(Node node) {
        try {
            TransformerFactory f = TransformerFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize " + node.getNodeName(), e);
        }
    }
}
