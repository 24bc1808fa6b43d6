package dev.manabi.badges;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A second, independent verifier of {@code eddsa-rdfc-2022} proofs, for the tests only: it shares nothing with the
 * signing path but Titanium's JSON-LD toRdf (JSON-LD 1.1 "Deserialize JSON-LD to RDF"). Its own RDFC-1.0 (W3C RDF
 * Dataset Canonicalization, 4.4 "Canonicalization Algorithm" with 4.6 "Hash First Degree Quads"; graphs that need
 * 4.8 "Hash N-Degree Quads" are refused, which the documents here never do), its own canonical N-Quads, its own
 * multibase / Multikey decoding, and the JDK's Ed25519 verification, in the steps of vc-di-eddsa 3.3.2 "Verify Proof".
 * {@code OpenBadges3Test} checks it against the suite's own test vectors first.
 */
final class SecondVerifier {

    private static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
    private static final String RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** RFC 8410 4: the DER header of an Ed25519 SubjectPublicKeyInfo, before the 32 key bytes. */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    private final DocumentLoader loader;

    SecondVerifier(DocumentLoader loader) {
        this.loader = loader;
    }

    /** vc-di-eddsa 3.3.2: true when {@code secured}'s proof is a valid eddsa-rdfc-2022 signature by the key. */
    boolean verify(JsonNode secured, String publicKeyMultibase) {
        JsonNode proof = secured.path("proof");
        if (!"DataIntegrityProof".equals(proof.path("type").asText())
                || !"eddsa-rdfc-2022".equals(proof.path("cryptosuite").asText())) {
            return false;
        }
        byte[] signature = base58btc(proof.path("proofValue").asText());
        ObjectNode unsecured = ((ObjectNode) secured).deepCopy();
        unsecured.remove("proof");
        ObjectNode options = ((ObjectNode) proof).deepCopy();
        options.remove("proofValue");
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(ed25519PublicKey(publicKeyMultibase));
            ed25519.update(hashData(unsecured, options));
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** 3.3.4: SHA-256(canonical proof configuration) ‖ SHA-256(canonical document). */
    byte[] hashData(ObjectNode unsecured, ObjectNode options) {
        ObjectNode config = options.deepCopy();
        config.set("@context", unsecured.get("@context"));
        byte[] out = new byte[64];
        System.arraycopy(sha256(canonicalize(config)), 0, out, 0, 32);
        System.arraycopy(sha256(canonicalize(unsecured)), 0, out, 32, 32);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ RDFC-1.0

    /** One quad; blank nodes as {@code _:label}, a literal has a datatype. */
    private record Quad(String subject, String predicate, String object, String datatype, String language,
                        String graph) {

        boolean literal() {
            return datatype != null;
        }

        Quad relabel(Map<String, String> labels) {
            return new Quad(label(subject, labels), predicate, literal() ? object : label(object, labels), datatype,
                    language, graph == null ? null : label(graph, labels));
        }

        private static String label(String term, Map<String, String> labels) {
            return term.startsWith("_:") ? labels.getOrDefault(term, term) : term;
        }
    }

    /** The canonical N-Quads (RDFC-1.0 4.4, output step 7) of a JSON-LD document. */
    String canonicalize(JsonNode document) {
        List<Quad> quads = new ArrayList<>();
        try {
            JsonLd.toRdf(JsonDocument.of(new StringReader(document.toString()))).loader(loader)
                    .provide(new RdfQuadConsumer() {
                        @Override
                        public RdfQuadConsumer quad(String subject, String predicate, String object, String datatype,
                                                    String language, String direction, String graph) {
                            if (direction != null) {
                                throw new IllegalArgumentException("base direction is not used here");
                            }
                            quads.add(new Quad(subject, predicate, object,
                                    datatype == null && language != null ? RDF_LANG_STRING : datatype, language, graph));
                            return this;
                        }
                    });
        } catch (JsonLdError e) {
            throw new IllegalArgumentException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // 4.4.3 steps 2-3: the quads of each blank node.
        Map<String, List<Quad>> byBlank = new HashMap<>();
        for (Quad q : quads) {
            for (String term : new String[] {q.subject(), q.literal() ? null : q.object(), q.graph()}) {
                if (term != null && term.startsWith("_:")) {
                    byBlank.computeIfAbsent(term, k -> new ArrayList<>()).add(q);
                }
            }
        }
        // 4.4.3 steps 3-5: first-degree hashes, canonical identifiers in hash order.
        TreeMap<String, List<String>> byHash = new TreeMap<>();
        byBlank.forEach((blank, related) -> byHash.computeIfAbsent(hashFirstDegree(blank, related),
                k -> new ArrayList<>()).add(blank));
        Map<String, String> canonical = new HashMap<>();
        byHash.forEach((hash, blanks) -> {
            if (blanks.size() > 1) {
                throw new UnsupportedOperationException("blank nodes " + blanks + " share a first-degree hash: this"
                        + " test verifier does not implement Hash N-Degree Quads (RDFC-1.0 4.8)");
            }
            canonical.put(blanks.get(0), "_:c14n" + canonical.size());
        });
        // Step 7: every quad relabelled, serialized, in code point order.
        List<String> lines = new ArrayList<>();
        for (Quad q : quads) {
            lines.add(nquad(q.relabel(canonical)));
        }
        lines = lines.stream().distinct().sorted().toList();
        return String.join("", lines);
    }

    /** 4.6 Hash First Degree Quads: the blank itself as {@code _:a}, every other one {@code _:z}, sorted, SHA-256. */
    private static String hashFirstDegree(String blank, List<Quad> related) {
        List<String> lines = new ArrayList<>();
        for (Quad q : related) {
            lines.add(nquad(new Quad(mask(q.subject(), blank), q.predicate(),
                    q.literal() ? q.object() : mask(q.object(), blank), q.datatype(), q.language(),
                    q.graph() == null ? null : mask(q.graph(), blank))));
        }
        lines.sort(null);
        return HexFormat.of().formatHex(sha256(String.join("", lines)));
    }

    private static String mask(String term, String blank) {
        return term.startsWith("_:") ? (term.equals(blank) ? "_:a" : "_:z") : term;
    }

    /** Canonical N-Quads (RDF 1.1 N-Quads, as RDFC-1.0 4.4 step 7 serializes): one line, ending in " .\n". */
    private static String nquad(Quad q) {
        StringBuilder line = new StringBuilder();
        line.append(term(q.subject())).append(' ').append(term(q.predicate())).append(' ');
        if (q.literal()) {
            line.append('"').append(escape(q.object())).append('"');
            if (q.language() != null) {
                line.append('@').append(q.language());
            } else if (!XSD_STRING.equals(q.datatype())) {
                line.append("^^<").append(q.datatype()).append('>');
            }
        } else {
            line.append(term(q.object()));
        }
        if (q.graph() != null) {
            line.append(' ').append(term(q.graph()));
        }
        return line.append(" .\n").toString();
    }

    private static String term(String iriOrBlank) {
        return iriOrBlank.startsWith("_:") ? iriOrBlank : "<" + iriOrBlank + ">";
    }

    /** N-Triples canonical form: only {@code "}, backslash, LF and CR escaped (ECHAR). */
    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    }

    // ------------------------------------------------------------------------------------------------ multibase

    /** A multibase base58btc ({@code z}) string's bytes. */
    static byte[] base58btc(String multibase) {
        if (!multibase.startsWith("z")) {
            throw new IllegalArgumentException("not base58btc multibase: " + multibase);
        }
        String text = multibase.substring(1);
        BigInteger n = BigInteger.ZERO;
        for (char ch : text.toCharArray()) {
            int digit = ALPHABET.indexOf(ch);
            if (digit < 0) {
                throw new IllegalArgumentException("not base58btc: " + ch);
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
        if (magnitude.length > 0 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] out = new byte[zeros + magnitude.length];
        System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
        return out;
    }

    /** A Multikey {@code publicKeyMultibase} of Ed25519 (header 0xed 0x01) as a JDK key. */
    static PublicKey ed25519PublicKey(String publicKeyMultibase) throws GeneralSecurityException {
        byte[] decoded = base58btc(publicKeyMultibase);
        if (decoded.length != 34 || (decoded[0] & 0xff) != 0xed || decoded[1] != 0x01) {
            throw new GeneralSecurityException("not an Ed25519 Multikey");
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + 32);
        System.arraycopy(decoded, 2, spki, ED25519_SPKI.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** An Ed25519 Multikey {@code secretKeyMultibase} (header 0x80 0x26) as its 32-byte seed. */
    static byte[] ed25519Seed(String secretKeyMultibase) {
        byte[] decoded = base58btc(secretKeyMultibase);
        if (decoded.length != 34 || (decoded[0] & 0xff) != 0x80 || decoded[1] != 0x26) {
            throw new IllegalArgumentException("not an Ed25519 secret Multikey");
        }
        return Arrays.copyOfRange(decoded, 2, 34);
    }

    // ------------------------------------------------------------------------------------------------ status

    /** Bitstring Status List 3.2 "Validate Algorithm": the bit at {@code index} of an {@code encodedList}. */
    static boolean statusBit(String encodedList, int index) throws IOException {
        if (!encodedList.startsWith("u")) {
            throw new IllegalArgumentException("not base64url multibase");
        }
        byte[] gz = Base64.getUrlDecoder().decode(encodedList.substring(1));
        byte[] list;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            list = in.readAllBytes();
        }
        if (list.length * 8 < 131_072) {
            throw new IllegalArgumentException("a status list shorter than 131,072 bits");
        }
        return (list[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
