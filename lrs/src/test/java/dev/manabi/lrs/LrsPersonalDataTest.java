package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.DataSubject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LRS's personal data on H2 and PostgreSQL: the learner's statements (with their query terms and forwarding
 * rows, which have no foreign keys on PostgreSQL since V4) and state documents exported, anonymized, erased, expired.
 */
class LrsPersonalDataTest {

    private static final DataSubject ALICE = PersonalDataConformance.ALICE;
    private static final DataSubject BOB = PersonalDataConformance.BOB;
    private static final DataSubject CAROL = PersonalDataConformance.CAROL;
    private static final String PSEUDONYM = PersonalDataConformance.PSEUDONYM;

    private static int count(DataSource ds, String sql, Object... params) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statementsAndDocumentsOfTheLearnerFollowTheRules(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        LrsPersonalData data = new LrsPersonalData();
        data.outbox = outbox;
        String homePage = outbox.homePage(ALICE.tenant());
        LrsCaller caller = ForwardingOutboxTest.caller(lrs, "uni-a");
        lrs.forwarding.create("uni-a", ForwardingOutboxTest.settings("http://127.0.0.1:9/xapi", null, null), "admin");

        for (DataSubject learner : List.of(ALICE, BOB, ALICE)) {
            ObjectNode s = ForwardingOutboxTest.statement(null, learner.learnerId(), "experienced",
                    "https://manabi.example/video/1");
            ((ObjectNode) s.get("actor").get("account")).put("homePage", homePage);
            ((ObjectNode) s.get("actor")).put("name", "Display " + learner.learnerId());
            lrs.ledger.store(caller, List.of(s), List.of());
        }
        lrs.clock.advance(10L * 24 * 3600 * 1000);
        ObjectNode later = ForwardingOutboxTest.statement(null, "carol", "passed", "https://manabi.example/q");
        ((ObjectNode) later.get("actor").get("account")).put("homePage", homePage);
        lrs.ledger.store(caller, List.of(later), List.of());
        lrs.documents.put("uni-a", new DocumentStore.Scope(DocumentStore.Kind.STATE, "https://manabi.example/au",
                data.agentKey(ALICE), null), "bookmark", "application/json",
                "{\"page\":3}".getBytes(StandardCharsets.UTF_8), false, new DocumentStore.Preconditions(null, null),
                false);
        assertThat(count(ds, "select count(*) from manabi_lrs_forward_item")).isEqualTo(4);

        JsonNode export = Sql.inTransaction(ds, c -> data.export(c, ALICE));
        assertThat(export.get("statements")).hasSize(2);
        assertThat(export.get("documents")).hasSize(1);
        assertThat(export.toString()).doesNotContain("bob").doesNotContain("carol");

        Sql.inTransaction(ds, c -> data.anonymize(c, ALICE, PSEUDONYM));
        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).isEqualTo(4);
        assertThat(Sql.inTransaction(ds, c -> data.export(c, ALICE)).get("statements")).isEmpty();
        JsonNode renamed = Sql.inTransaction(ds, c -> data.export(c, new DataSubject(ALICE.tenant(), PSEUDONYM, null)));
        assertThat(renamed.get("statements")).hasSize(2);
        assertThat(renamed.toString()).doesNotContain("alice").contains(PSEUDONYM);
        assertThat(count(ds, "select count(*) from manabi_lrs_document")).isZero();

        Sql.inTransaction(ds, c -> data.erase(c, BOB));
        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).isEqualTo(3);
        assertThat(count(ds, "select count(*) from manabi_lrs_statement_term where seq not in"
                + " (select seq from manabi_lrs_statement)")).isZero();
        assertThat(count(ds, "select count(*) from manabi_lrs_forward_item")).isEqualTo(3);

        assertThat(Sql.<Integer>inTransaction(ds, c -> data.expire(c, lrs.clock.instant().minusSeconds(60)))).isEqualTo(2);
        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_lrs_forward_item")).isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_lrs_statement_term where seq not in"
                + " (select seq from manabi_lrs_statement)")).isZero();
        assertThat(Sql.inTransaction(ds, c -> data.export(c, CAROL)).get("statements")).hasSize(1);
    }
}
