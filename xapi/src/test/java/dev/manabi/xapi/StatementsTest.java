package dev.manabi.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode read(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static final String SENT = """
            {"actor":{"objectType":"Agent","name":"Ada","mbox":"mailto:ada@example.org"},
             "verb":{"id":"http://x.example/v","display":{"en-US":"did","en-GB":"did (GB)","ja":"した"}},
             "object":{"id":"http://x.example/a","definition":{"name":{"en-US":"A","ja":"エー"}}},
             "result":{"duration":"P1DT12H36M0.12567S"},
             "timestamp":"2026-01-02T09:00:00+09:00",
             "context":{"registration":"6f1d1a3e-8d4e-4b5e-9b0a-0e0e6c5c7a11","instructor":{"openid":"http://i.example"},
                        "contextActivities":{"parent":{"id":"http://x.example/parent"}}}}""";

    @Test
    void completing_sets_what_the_lrs_owns_and_keeps_the_instant() throws Exception {
        ObjectNode authority = read("{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"urn:x\",\"name\":\"k\"}}");
        ObjectNode s = Statements.complete(read(SENT), "AA97B177-9383-4934-8543-0F91A7A02836",
                OffsetDateTime.parse("2026-01-02T00:00:01.5Z"), authority);
        assertThat(s.get("id").asText()).isEqualTo("aa97b177-9383-4934-8543-0f91a7a02836");
        assertThat(s.get("stored").asText()).isEqualTo("2026-01-02T00:00:01.500Z");
        assertThat(s.get("timestamp").asText()).isEqualTo("2026-01-02T00:00:00.000Z");
        assertThat(s.get("version").asText()).isEqualTo("1.0.0");
        assertThat(s.get("authority")).isEqualTo(authority);
        assertThat(s.at("/result/duration").asText()).isEqualTo("P1DT12H36M0.12S");
        assertThat(s.at("/context/contextActivities/parent").isArray()).isTrue();
        assertThat(Statements.sameStatement(s, read(SENT))).isTrue();
        assertThat(Statements.sameStatement(s, read(SENT.replace("did (GB)", "other")))).isFalse();
    }

    @Test
    void involved_agents_and_activities_split_primary_from_related() throws Exception {
        Statements.Involved inv = Statements.involved(read(SENT));
        assertThat(inv.primaryAgents()).containsExactly("mbox=mailto:ada@example.org");
        assertThat(inv.relatedAgents()).contains("mbox=mailto:ada@example.org", "openid=http://i.example");
        assertThat(inv.primaryActivities()).containsExactly("http://x.example/a");
        assertThat(inv.relatedActivities()).contains("http://x.example/a", "http://x.example/parent");
    }

    @Test
    void formats_ids_and_canonical() throws Exception {
        ObjectNode ids = Statements.format(read(SENT), Statements.Format.IDS, List.of());
        assertThat(ids.get("actor")).isEqualTo(read("{\"objectType\":\"Agent\",\"mbox\":\"mailto:ada@example.org\"}"));
        assertThat(ids.get("verb")).isEqualTo(read("{\"id\":\"http://x.example/v\"}"));
        assertThat(ids.get("object")).isEqualTo(read("{\"id\":\"http://x.example/a\"}"));

        ObjectNode canonical = Statements.format(read(SENT), Statements.Format.CANONICAL,
                LanguageMaps.ranges("en-GB,en;q=0.8"));
        assertThat(canonical.at("/verb/display")).isEqualTo(read("{\"en-GB\":\"did (GB)\"}"));
        assertThat(canonical.at("/object/definition/name").size()).isEqualTo(1);
        ObjectNode japanese = Statements.format(read(SENT), Statements.Format.CANONICAL, LanguageMaps.ranges("ja"));
        assertThat(japanese.at("/object/definition/name")).isEqualTo(read("{\"ja\":\"エー\"}"));
        assertThat(Statements.format(read(SENT), Statements.Format.EXACT, List.of())).isEqualTo(read(SENT));
    }

    @Test
    void formats_of_values() {
        assertThat(Formats.isIri("http://example.org/a b")).isFalse();
        assertThat(Formats.isIri("urn:isbn:123")).isTrue();
        assertThat(Formats.isDuration("PT0.5S")).isTrue();
        assertThat(Formats.isDuration("P")).isFalse();
        assertThat(Formats.isLanguageTag("zh-Hans")).isTrue();
        assertThat(Formats.parseTimestamp("2008-09-15T15:53:00.601-0000")).isNull();
        assertThat(Formats.parseTimestamp("2008-09-15T15:53:00+0900").toInstant())
                .isEqualTo(OffsetDateTime.parse("2008-09-15T06:53:00Z").toInstant());
        // Every offset form (none = UTC, Z/z, ±hh, ±hhmm, ±hh:mm); only an unknown offset (-00, -0000, -00:00) fails.
        for (String utc : List.of("2008-09-15T06:53:00", "2008-09-15t06:53:00z", "2008-09-15T09:53:00+03",
                "2008-09-15T01:23:00-0530", "2008-09-15T12:23:00.000+05:30", "2008-09-15T06:53:00+00:00")) {
            assertThat(Formats.parseTimestamp(utc).toInstant()).as(utc)
                    .isEqualTo(OffsetDateTime.parse("2008-09-15T06:53:00Z").toInstant());
        }
        for (String unknown : List.of("2008-09-15T15:53:00-00", "2008-09-15T15:53:00-00:00", "2008-09-15 15:53:00Z",
                "2008-09-15T15:53:00+5")) {
            assertThat(Formats.parseTimestamp(unknown)).as(unknown).isNull();
        }
        assertThat(Formats.truncateDuration("PT1.23456S")).isEqualTo("PT1.23S");
        assertThat(Formats.truncateDuration("PT1.2S")).isEqualTo("PT1.2S");
        assertThat(AgentIdentity.of(JSON.createObjectNode().put("mbox_sha1sum", "ABCDEF0123456789ABCDEF0123456789ABCDEF01")))
                .contains(new AgentIdentity("mbox_sha1sum=abcdef0123456789abcdef0123456789abcdef01"));
    }
}
