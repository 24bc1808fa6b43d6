package dev.manabi.badges;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Data Integrity proofs with the {@code eddsa-rdfc-2022} cryptosuite (W3C "Data Integrity EdDSA Cryptosuites v1.0",
 * section 3.3), as Open Badges 3.0 section 8.3 allows for OpenBadgeCredentials and the Bitstring Status List
 * credentials that say whether they are revoked.
 *
 * <p>The steps are the suite's, in its order: proof options (3.3.1 Create Proof, VC Data Integrity 4.2 "Add Proof"),
 * transformation (3.3.3: RDF Dataset Canonicalization RDFC-1.0 of the document without its proof, after JSON-LD
 * toRdf), proof configuration (3.3.5: the options with the document's {@code @context}, canonicalized the same way),
 * hashing (3.3.4: SHA-256 of the canonical proof configuration, then SHA-256 of the canonical document, concatenated)
 * and serialization (3.3.6: Ed25519 signature of that, multibase base58btc as {@code proofValue}).
 *
 * <p>JSON-LD to RDF is Titanium JSON-LD, RDFC-1.0 is Titanium RDFC; the contexts come from {@link JsonLdContexts},
 * never the network. The tests verify every proof with a separate implementation (their own canonicalization and
 * Ed25519 verification, checked against the suite's Appendix test vectors).
 */
final class DataIntegrity {

    static final String CRYPTOSUITE = "eddsa-rdfc-2022";
    static final String PROOF_TYPE = "DataIntegrityProof";
    static final String ASSERTION_METHOD = "assertionMethod";

    private final DocumentLoader loader;

    DataIntegrity(DocumentLoader loader) {
        this.loader = loader;
    }

    /**
     * {@code unsecured} with a {@code proof} by {@code key}, published as {@code verificationMethod}.
     *
     * @param created the proof's {@code created}, an XML Schema dateTime (here in whole seconds, UTC)
     */
    ObjectNode sign(ObjectNode unsecured, String verificationMethod, Instant created, PrivateKey key) {
        if (unsecured.has("proof")) {
            throw new IllegalArgumentException("the document is signed already");
        }
        // 3.3.1 step 1-2, VC Data Integrity 2.1 "Proofs": the proof options.
        ObjectNode options = unsecured.objectNode();
        options.put("type", PROOF_TYPE);
        options.put("cryptosuite", CRYPTOSUITE);
        options.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        options.put("verificationMethod", verificationMethod);
        options.put("proofPurpose", ASSERTION_METHOD);
        byte[] hashData = hashData(unsecured, options);
        // 3.3.6 Proof Serialization: Ed25519 over hashData, multibase base58btc.
        byte[] signature;
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(hashData);
            signature = ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
        ObjectNode proof = options.deepCopy();
        proof.put("proofValue", Multibase.base58btc(signature));
        ObjectNode secured = unsecured.deepCopy();
        secured.set("proof", proof);
        return secured;
    }

    /**
     * 3.3.4 Hashing: SHA-256(canonical proof configuration) ‖ SHA-256(canonical document), the configuration being
     * the options with the document's {@code @context} (3.3.5).
     */
    byte[] hashData(ObjectNode unsecured, ObjectNode options) {
        ObjectNode config = options.deepCopy();
        config.set("@context", unsecured.get("@context"));
        byte[] proofConfigHash = sha256(canonicalNQuads(config));
        byte[] documentHash = sha256(canonicalNQuads(unsecured));
        byte[] out = new byte[64];
        System.arraycopy(proofConfigHash, 0, out, 0, 32);
        System.arraycopy(documentHash, 0, out, 32, 32);
        return out;
    }

    /** 3.3.3 Transformation: the RDFC-1.0 canonical N-Quads of a JSON-LD document. */
    String canonicalNQuads(JsonNode document) {
        RdfCanon canon = RdfCanon.create("SHA-256");
        try {
            JsonLd.toRdf(JsonDocument.of(new StringReader(document.toString()))).loader(loader).provide(canon);
        } catch (JsonLdError e) {
            throw new IllegalArgumentException("the document is not JSON-LD the contexts we hold can expand: "
                    + e.getMessage(), e);
        }
        StringWriter nquads = new StringWriter();
        try {
            canon.provide(new NQuadsWriter(nquads));
        } catch (RdfConsumerException e) {
            throw new IllegalStateException("writing N-Quads into memory failed", e);
        }
        return nquads.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
