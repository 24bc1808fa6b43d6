package dev.manabi.badges;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * The JSON-LD contexts the signed documents use, served from the classpath: signing and verifying never reach the
 * network (a context fetched at run time could change what a proof means, and the SDK must work offline). Any other
 * URL fails with {@code LOADING_DOCUMENT_FAILED}, so a document naming a context we do not hold is refused rather
 * than fetched.
 *
 * <p>The files are the published documents, byte for byte, kept under {@code META-INF/manabi/badges/contexts/}
 * (their sources in that folder's README).
 */
final class JsonLdContexts implements DocumentLoader {

    /** W3C Verifiable Credentials Data Model v2.0, section 4.3 "Contexts": its base context. */
    static final String VC_V2 = "https://www.w3.org/ns/credentials/v2";
    /** 1EdTech Open Badges 3.0, Appendix "JSON-LD Context" (version 3.0.3). */
    static final String OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    /** VC Data Integrity 1.0, section 2.1 "Proofs" (its context, for documents that name it). */
    static final String DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2";
    /** W3C Controlled Identifiers 1.0, "Multikey" (named by the issuers' DID documents). */
    static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";

    private static final String FOLDER = "META-INF/manabi/badges/contexts/";
    private static final Map<String, String> FILES = Map.of(
            VC_V2, "credentials-v2.jsonld",
            OB_V3, "ob-v3p0-context-3.0.3.json",
            DATA_INTEGRITY_V2, "data-integrity-v2.jsonld",
            MULTIKEY_V1, "multikey-v1.jsonld");

    /** The loader of all our contexts, parsed once. */
    static final JsonLdContexts INSTANCE = new JsonLdContexts(FILES);

    private final Map<String, Document> documents;

    JsonLdContexts(Map<String, String> files) {
        this.documents = Map.copyOf(files.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> parse(e.getKey(), e.getValue()))));
    }

    private static Document parse(String url, String file) {
        try (InputStream in = JsonLdContexts.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("JSON-LD context " + url + " is missing from the classpath: " + FOLDER
                        + file);
            }
            JsonDocument doc = JsonDocument.of(in);
            doc.setDocumentUrl(URI.create(url));
            return doc;
        } catch (IOException | JsonLdError e) {
            throw new IllegalStateException("JSON-LD context " + url + " does not parse", e);
        }
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        Document doc = documents.get(url.toString());
        if (doc == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "The JSON-LD context " + url
                    + " is not one the badges module holds; it is never fetched from the network");
        }
        return doc;
    }
}
