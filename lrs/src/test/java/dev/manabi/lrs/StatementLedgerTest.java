package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatementLedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode statement(String id, String mbox, String verb, String activity, String registration)
            throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree("""
                {"actor":{"mbox":"mailto:%s"},"verb":{"id":"http://x.example/%s"},
                 "object":{"id":"http://x.example/%s","definition":{"name":{"en":"%s"}}}}"""
                .formatted(mbox, verb, activity, activity));
        if (id != null) {
            s.put("id", id);
        }
        if (registration != null) {
            s.putObject("context").put("registration", registration);
        }
        return s;
    }

    private static LrsCaller caller(TestLrs lrs, String tenant, boolean all) {
        LrsCredentials.Credential c = lrs.credentials.ensure(tenant, "key-" + tenant + all, "secret", "t",
                new LrsCredentials.Scope(true, true, all));
        return LrsCredentials.caller(c);
    }

    private static StatementLedger.Query query(AgentIdentity agent, String verb, String activity, String registration,
                                               int limit, long cursor) {
        return new StatementLedger.Query(agent, verb, activity, registration, false, false, null, null, limit, false,
                cursor);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void stores_idempotently_and_refuses_a_different_statement_under_the_same_id(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a", true);
        String id = UUID.randomUUID().toString();
        lrs.ledger.store(a, List.of(statement(id, "ada@example.org", "did", "one", null)), List.of());
        lrs.ledger.store(a, List.of(statement(id, "ada@example.org", "did", "one", null)), List.of());
        assertThatThrownBy(() -> lrs.ledger.store(a, List.of(statement(id, "eve@example.org", "did", "one", null)),
                List.of())).isInstanceOfSatisfying(XapiException.class, e -> assertThat(e.status()).isEqualTo(409));
        // A batch with a conflict stores nothing.
        String fresh = UUID.randomUUID().toString();
        assertThatThrownBy(() -> lrs.ledger.store(a, List.of(statement(fresh, "bo@example.org", "did", "two", null),
                statement(id, "eve@example.org", "did", "one", null)), List.of())).isInstanceOf(XapiException.class);
        assertThat(lrs.ledger.find(a, fresh, false)).isEmpty();
        assertThat(lrs.ledger.find(a, id, false)).get().extracting(f -> f.statement().at("/authority/account/name").asText())
                .isEqualTo("key-univ-atrue");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void filters_page_and_keep_tenants_apart(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a", true);
        LrsCaller b = caller(lrs, "univ-b", true);
        String registration = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            lrs.clock.advance(10);
            lrs.ledger.store(a, List.of(statement(null, "ada@example.org", i % 2 == 0 ? "did" : "saw", "act" + i,
                    i < 3 ? registration : null)), List.of());
        }
        lrs.ledger.store(b, List.of(statement(null, "ada@example.org", "did", "act0", registration)), List.of());

        AgentIdentity ada = new AgentIdentity("mbox=mailto:ada@example.org");
        assertThat(lrs.ledger.query(a, query(ada, "http://x.example/did", null, null, 10, 0)).statements()).hasSize(3);
        assertThat(lrs.ledger.query(a, query(null, null, null, registration, 10, 0)).statements()).hasSize(3);
        assertThat(lrs.ledger.query(a, query(null, null, "http://x.example/act4", null, 10, 0)).statements()).hasSize(1);
        assertThat(lrs.ledger.query(b, query(null, null, null, null, 10, 0)).statements()).hasSize(1);

        StatementLedger.Page first = lrs.ledger.query(a, query(null, null, null, null, 2, 0));
        assertThat(first.statements()).extracting(s -> s.at("/object/id").asText())
                .containsExactly("http://x.example/act4", "http://x.example/act3"); // newest first
        StatementLedger.Page second = lrs.ledger.query(a, query(null, null, null, null, 2, first.next()));
        StatementLedger.Page third = lrs.ledger.query(a, query(null, null, null, null, 2, second.next()));
        assertThat(third.statements()).hasSize(1);
        assertThat(third.next()).isNull();
        assertThat(lrs.ledger.activity(a, "http://x.example/act2")).get()
                .extracting(act -> act.at("/definition/name/en").asText()).isEqualTo("act2");
        assertThat(lrs.ledger.activity(b, "http://x.example/act2")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void voiding_hides_the_target_and_statement_refs_match_their_target(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a", true);
        String target = UUID.randomUUID().toString();
        lrs.ledger.store(a, List.of(statement(target, "ada@example.org", "did", "one", null)), List.of());
        ObjectNode voiding = (ObjectNode) JSON.readTree("""
                {"actor":{"mbox":"mailto:admin@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"%s"}}""".formatted(target));
        lrs.ledger.store(a, List.of(voiding), List.of());
        assertThat(lrs.ledger.find(a, target, false)).isEmpty();
        assertThat(lrs.ledger.find(a, target, true)).isPresent();
        // The voiding statement is found by the voided statement's activity (Filter Conditions for StatementRefs).
        assertThat(lrs.ledger.query(a, query(null, null, "http://x.example/one", null, 10, 0)).statements())
                .extracting(s -> s.at("/verb/id").asText()).containsExactly("http://adlnet.gov/expapi/verbs/voided");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void an_own_statements_credential_reads_only_what_it_wrote(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller all = caller(lrs, "univ-a", true);
        LrsCaller own = caller(lrs, "univ-a", false);
        String theirs = UUID.randomUUID().toString();
        lrs.ledger.store(all, List.of(statement(theirs, "ada@example.org", "did", "one", null)), List.of());
        lrs.ledger.store(own, List.of(statement(null, "ada@example.org", "did", "two", null)), List.of());
        assertThat(lrs.ledger.query(own, query(null, null, null, null, 10, 0)).statements()).hasSize(1);
        assertThat(lrs.ledger.find(own, theirs, false)).isEmpty();
        assertThat(lrs.ledger.query(all, query(null, null, null, null, 10, 0)).statements()).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_batch_is_written_in_one_go_with_each_statements_terms_and_merged_definitions(DataSource ds)
            throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a", true);
        String registration = UUID.randomUUID().toString();
        ObjectNode first = statement(null, "ada@example.org", "did", "one", registration);
        ObjectNode second = statement(null, "bo@example.org", "saw", "two", null);
        ObjectNode third = statement(null, "cy@example.org", "did", "one", null);
        ((ObjectNode) third.at("/object/definition/name")).put("ja", "いち");
        List<String> ids = lrs.ledger.store(a, List.of(first, second, third), List.of());
        assertThat(lrs.ledger.query(a, query(null, null, "http://x.example/one", null, 10, 0)).statements())
                .extracting(s -> s.get("id").asText()).containsExactly(ids.get(2), ids.get(0));
        assertThat(lrs.ledger.query(a, query(new AgentIdentity("mbox=mailto:bo@example.org"), null, null, null, 10,
                0)).statements()).extracting(s -> s.get("id").asText()).containsExactly(ids.get(1));
        assertThat(lrs.ledger.query(a, query(null, null, null, registration, 10, 0)).statements())
                .extracting(s -> s.get("id").asText()).containsExactly(ids.get(0));
        // Both languages of "one", from two statements of the same batch, in the canonical definition.
        assertThat(lrs.ledger.activity(a, "http://x.example/one")).get()
                .satisfies(act -> assertThat(act.at("/definition/name/ja").asText()).isEqualTo("いち"))
                .satisfies(act -> assertThat(act.at("/definition/name/en").asText()).isEqualTo("one"));
        // A voiding statement in the same batch as its target.
        String target = UUID.randomUUID().toString();
        ObjectNode voiding = (ObjectNode) JSON.readTree("""
                {"actor":{"mbox":"mailto:admin@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"%s"}}""".formatted(target));
        lrs.ledger.store(a, List.of(statement(target, "ada@example.org", "did", "three", null), voiding), List.of());
        assertThat(lrs.ledger.find(a, target, true)).isPresent();
        assertThat(lrs.ledger.query(a, query(null, null, "http://x.example/three", null, 10, 0)).statements())
                .extracting(s -> s.at("/verb/id").asText()).containsExactly("http://adlnet.gov/expapi/verbs/voided");
    }
}
