package dev.manabi.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = """
            {"actor":{"mbox":"mailto:ada@example.org","name":"Ada"},
             "verb":{"id":"http://adlnet.gov/expapi/verbs/attempted","display":{"en-US":"attempted","ja":"試行した"}},
             "object":{"id":"http://example.org/course/1","definition":{"name":{"en":"Course"},
               "interactionType":"choice","correctResponsesPattern":["a"],"choices":[{"id":"a"},{"id":"b"}]}}%s}""";

    static JsonNode statement(String extra) throws Exception {
        return JSON.readTree(BASE.formatted(extra));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            ",\"id\":\"AA97B177-9383-4934-8543-0F91A7A02836\"",
            ",\"timestamp\":\"2008-09-15T15:53:00.601+09:00\"",
            ",\"result\":{\"score\":{\"scaled\":0.5,\"raw\":5,\"min\":0,\"max\":10},\"duration\":\"PT1H0M0.1S\",\"success\":true}",
            ",\"context\":{\"registration\":\"6f1d1a3e-8d4e-4b5e-9b0a-0e0e6c5c7a11\",\"language\":\"zh-Hant-TW\","
                    + "\"contextActivities\":{\"parent\":{\"id\":\"http://example.org/p\"}}}",
            ",\"version\":\"1.0.9\"",
            ",\"authority\":{\"objectType\":\"Group\",\"member\":[{\"account\":{\"homePage\":\"http://a.example\",\"name\":\"app\"}},"
                    + "{\"mbox\":\"mailto:u@example.org\"}]}"
    })
    void accepts_statements_keeping_every_rule(String extra) throws Exception {
        assertThatCode(() -> new StatementValidator(XapiVersion.V1_0_3).validate(statement(extra))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ",\"id\":\"MA97B177-9383-4934-8543-0F91A7A02836\"",       // not a UUID
            ",\"timestamp\":\"2008-09-15T15:53:00.601-00:00\"",        // RFC 3339 unknown offset
            ",\"timestamp\":\"01/011/2015\"",
            ",\"result\":{\"score\":{\"scaled\":1.5}}",
            ",\"result\":{\"score\":{\"raw\":11,\"min\":0,\"max\":10}}",
            ",\"result\":{\"duration\":\"PA1H0M0S\"}",
            ",\"context\":{\"language\":\"not a tag\"}",
            ",\"version\":\"1.1.0\"",
            ",\"Verb\":{}",                                             // properties are case-sensitive
            ",\"result\":{\"response\":null}",                          // no nulls
            ",\"authority\":{\"objectType\":\"Group\",\"mbox\":\"mailto:g@example.org\"}",
            ",\"context\":{\"contextAgents\":[]}"                      // 2.0 only
    })
    void refuses_statements_breaking_a_must_rule(String extra) {
        assertThatThrownBy(() -> new StatementValidator(XapiVersion.V1_0_3).validate(statement(extra)))
                .isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"actor\":{\"mbox\":\"ada@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\",\"openid\":\"http://a.example\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"objectType\":\"Group\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"objectType\":\"Group\",\"member\":[{\"objectType\":\"Group\",\"mbox\":\"mailto:g@example.org\"}]},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"not an iri\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"id\":\"http://x.example/a\"}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"objectType\":\"SubStatement\",\"id\":\"6f1d1a3e-8d4e-4b5e-9b0a-0e0e6c5c7a11\",\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"}}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:b@example.org\"},\"context\":{\"platform\":\"web\"}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\",\"definition\":{\"choices\":[{\"id\":\"a\"}]}}}",
            "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://x.example/v\"},\"object\":{\"id\":\"http://x.example/a\"},\"attachments\":[{\"usageType\":\"http://x.example/u\",\"display\":{\"en\":\"a\"},\"contentType\":\"text/plain\",\"length\":-1,\"sha2\":\"00\"}]}"
    })
    void refuses_bad_actors_verbs_objects_and_attachments(String json) throws Exception {
        JsonNode s = JSON.readTree(json);
        assertThatThrownBy(() -> new StatementValidator(XapiVersion.V2_0_0).validate(s)).isInstanceOf(XapiException.class);
    }

    @org.junit.jupiter.api.Test
    void statement_versions_follow_the_request_version() throws Exception {
        assertThatThrownBy(() -> new StatementValidator(XapiVersion.V1_0_3).validate(statement(",\"version\":\"2.0.0\"")))
                .isInstanceOf(XapiException.class);
        assertThatCode(() -> new StatementValidator(XapiVersion.V2_0_0).validate(statement(",\"version\":\"2.0.0\"")))
                .doesNotThrowAnyException();
        assertThat(XapiVersion.ofHeader("1.0.1")).isEqualTo(XapiVersion.V1_0_3);
        assertThatThrownBy(() -> XapiVersion.ofHeader("0.95")).isInstanceOf(XapiException.class);
        assertThatThrownBy(() -> XapiVersion.ofHeader(null)).isInstanceOf(XapiException.class);
    }

    @org.junit.jupiter.api.Test
    void refuses_identifiers_longer_than_the_lrs_stores_with_their_path() throws Exception {
        String longIri = "http://example.org/" + "x".repeat(StatementValidator.MAX_IDENTIFIER_CHARS);
        String fits = "http://example.org/" + "x".repeat(StatementValidator.MAX_IDENTIFIER_CHARS - 19);
        assertThatCode(() -> new StatementValidator(XapiVersion.V2_0_0).validate(statement(
                ",\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"" + fits + "\"}}}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new StatementValidator(XapiVersion.V2_0_0).validate(statement(
                ",\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"" + longIri + "\"}}}")))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("context.contextActivities.parent").contains("1024");
                });
        JsonNode longName = JSON.readTree(BASE.formatted("").replace("{\"mbox\":\"mailto:ada@example.org\",",
                "{\"account\":{\"homePage\":\"http://a.example\",\"name\":\"" + "n".repeat(1025) + "\"},"));
        assertThatThrownBy(() -> new StatementValidator(XapiVersion.V2_0_0).validate(longName))
                .isInstanceOf(XapiException.class).hasMessageContaining("actor.account.name");
    }
}
