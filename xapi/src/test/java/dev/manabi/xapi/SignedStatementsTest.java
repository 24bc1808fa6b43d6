package dev.manabi.xapi;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedStatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATEMENT = """
            {"actor":{"mbox":"mailto:ada@example.org"},"verb":{"id":"http://x.example/v"},
             "object":{"id":"http://x.example/a"},
             "attachments":[{"usageType":"http://adlnet.gov/expapi/attachments/signature","display":{"en":"sig"},
               "contentType":"application/octet-stream","length":1,"sha2":"%s"}]}""";

    private static byte[] jws(String alg, String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return (b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[8]))
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void payload_must_be_the_statement_and_the_algorithm_rsa() throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree(STATEMENT.formatted("ab".repeat(32)));
        String payload = "{\"actor\":{\"mbox\":\"mailto:ada@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},"
                + "\"object\":{\"id\":\"http://x.example/a\"}}";
        assertThatCode(() -> SignedStatements.verify(s, jws("RS256", payload))).doesNotThrowAnyException();
        assertThatThrownBy(() -> SignedStatements.verify(s, jws("HS256", payload))).isInstanceOf(XapiException.class);
        assertThatThrownBy(() -> SignedStatements.verify(s, jws("RS256", payload.replace("ada", "eve"))))
                .isInstanceOf(XapiException.class);
        assertThatThrownBy(() -> SignedStatements.verify(s, "not a jws".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(XapiException.class);
    }
}
