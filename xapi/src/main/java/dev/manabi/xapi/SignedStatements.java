package dev.manabi.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * Signed statements (xAPI 2.0 Part Two 2.6 / 1.0.3 Data 2.6): the signature is an attachment whose usageType is
 * {@value #USAGE_TYPE}, a JWS in compact serialization (RFC 7515) whose payload is the statement as signed. The LRS
 * MUST reject (400) a signed statement whose JWS is malformed, uses an algorithm other than RS256/RS384/RS512,
 * whose payload is not the statement received, or (with an {@code x5c} certificate) whose signature does not verify.
 */
public final class SignedStatements {

    public static final String USAGE_TYPE = "http://adlnet.gov/expapi/attachments/signature";
    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedStatements() {
    }

    /** The signature attachment's declaration in {@code statement}, or null for an unsigned statement. */
    public static JsonNode signatureAttachment(JsonNode statement) {
        for (JsonNode a : statement.path("attachments")) {
            if (USAGE_TYPE.equals(a.path("usageType").asText())) {
                return a;
            }
        }
        return null;
    }

    /** Throws 400 unless {@code jws} is a valid signature of {@code statement}. */
    public static void verify(JsonNode statement, byte[] jws) {
        JsonNode declared = signatureAttachment(statement);
        if (declared != null && !"application/octet-stream".equals(declared.path("contentType").asText())) {
            throw invalid("the signature attachment's contentType must be application/octet-stream");
        }
        String[] parts = new String(jws, StandardCharsets.US_ASCII).trim().split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("the signature is not a JWS in compact serialization");
        }
        JsonNode header;
        JsonNode payload;
        byte[] signature;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("the signature's JWS does not decode");
        }
        if (header == null || payload == null || !header.isObject() || !payload.isObject()) {
            throw invalid("the signature's JWS header and payload must be JSON objects");
        }
        String algorithm = ALGORITHMS.get(header.path("alg").asText());
        if (algorithm == null) {
            throw invalid("the JWS algorithm must be RS256, RS384 or RS512");
        }
        if (!Statements.sameStatement(withoutSignature(payload), withoutSignature(statement))) {
            throw invalid("the JWS payload is not the statement that was sent");
        }
        JsonNode x5c = header.get("x5c");
        if (x5c != null && x5c.isArray() && !x5c.isEmpty()) {
            try {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(x5c.get(0).asText())));
                Signature check = Signature.getInstance(algorithm);
                check.initVerify(certificate.getPublicKey());
                check.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                if (!check.verify(signature)) {
                    throw invalid("the JWS signature does not match its x5c certificate");
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw invalid("the JWS x5c certificate or signature is unusable");
            }
        }
    }

    /** Attachments are not part of what is compared: the signature cannot contain itself. */
    private static JsonNode withoutSignature(JsonNode statement) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = statement.deepCopy();
        copy.remove("attachments");
        return copy;
    }

    private static XapiException invalid(String message) {
        return new XapiException(400, "invalid-signature", message + " (xAPI 2.0 Part Two 2.6)");
    }
}
