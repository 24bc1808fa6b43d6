package dev.manabi.lrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.manabi.xapi.XapiException;
import java.io.IOException;

/**
 * JSON for the LRS: resources read and write bytes themselves, because xAPI bodies must be parsed exactly as sent
 * (duplicate keys refused, big numbers kept) and answered as stored.
 */
final class LrsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private LrsJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a request body or parameter; 400 when it is not JSON. */
    static JsonNode read(byte[] body, String what) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw XapiException.badRequest("malformed-json", what + " is empty");
            }
            return n;
        } catch (IOException e) {
            throw XapiException.badRequest("malformed-json", what + " is not valid JSON");
        }
    }

    static JsonNode read(String text, String what) {
        return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
