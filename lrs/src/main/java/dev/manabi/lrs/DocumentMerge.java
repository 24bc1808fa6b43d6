package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.XapiException;
import java.io.IOException;

/**
 * POST to a document resource (xAPI 2.0 Part Three 2.2 "Document Resources"): when the stored document and the
 * posted one are both JSON objects, the result is the stored object with the posted top-level properties put over it;
 * anything else is 400.
 */
final class DocumentMerge {

    private static final ObjectMapper JSON = LrsJson.mapper();

    private DocumentMerge() {
    }

    static byte[] merge(DocumentStore.Document existing, String postedType, byte[] posted) {
        if (!LrsMediaTypes.isJson(existing.contentType()) || !LrsMediaTypes.isJson(postedType)) {
            throw XapiException.badRequest("not-mergeable", "Only JSON documents can be merged by POST; use PUT");
        }
        ObjectNode stored = object(existing.content(), "the stored document");
        stored.setAll(object(posted, "the posted document"));
        try {
            return JSON.writeValueAsBytes(stored);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void requireObject(byte[] posted) {
        object(posted, "the posted document");
    }

    private static ObjectNode object(byte[] bytes, String what) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw XapiException.badRequest("not-mergeable", what + " is not JSON");
        }
        if (!(n instanceof ObjectNode o)) {
            throw XapiException.badRequest("not-mergeable", what + " is not a JSON object");
        }
        return o;
    }
}
