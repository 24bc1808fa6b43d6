package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.xapi.SignedStatements;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        return PersonalDataConformance.countOf(ds, sql, params);
    }

    /** An LRS on {@code ds}, its personal data module and uni-a's account home page and credential. */
    private static final class Fixture {
        final TestLrs lrs;
        final LrsPersonalData data = new LrsPersonalData();
        final String homePage;
        final LrsCaller caller;

        Fixture(DataSource ds) {
            lrs = new TestLrs(ds);
            StatementOutbox outbox = CoreFixtures.outbox(ds);
            data.outbox = outbox;
            homePage = outbox.homePage(ALICE.tenant());
            caller = ForwardingOutboxTest.caller(lrs, "uni-a");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statementsAndDocumentsOfTheLearnerFollowTheRules(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        TestLrs lrs = f.lrs;
        LrsPersonalData data = f.data;
        String homePage = f.homePage;
        LrsCaller caller = f.caller;
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

    /**
     * Review 2 (issue 15): anonymization keeps the records "with direct identifiers anonymized", so no row may still
     * carry the learner's id. The forwarding outbox keys each pending (or dead-letter) forward by its actor's identity
     * ({@code manabi_lrs_forward_item.actor_key}, "account=<home page> <learner id>"); fails on the merged code, which
     * rewrites the statement and its terms but leaves the forward rows naming the learner.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAnonymizedLearnersPendingForwardsNoLongerNameThem(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        f.lrs.forwarding.create("uni-a", ForwardingOutboxTest.settings("http://127.0.0.1:9/xapi", null, null), "admin");
        ObjectNode s = ForwardingOutboxTest.statement(null, ALICE.learnerId(), "experienced",
                "https://manabi.example/video/1");
        ((ObjectNode) s.get("actor").get("account")).put("homePage", f.homePage);
        f.lrs.ledger.store(f.caller, List.of(s), List.of());
        String naming = "select count(*) from manabi_lrs_forward_item where actor_key = ?";
        assertThat(count(ds, naming, f.data.agentKey(ALICE))).as("precondition: a pending forward").isEqualTo(1);

        Sql.inTransaction(ds, c -> f.data.anonymize(c, ALICE, PSEUDONYM));

        assertThat(count(ds, "select count(*) from manabi_lrs_forward_item")).as("the forward is still due").isEqualTo(1);
        assertThat(count(ds, naming, f.data.agentKey(ALICE))).as("no forward row names the learner").isZero();
    }

    /**
     * Signed statements (2.0 Part Two 2.6) and attachment contents: anonymizing takes the learner's signature (its
     * JWS payload names them) and the contents only their statements declare out of their statements and the table,
     * keeping a content another learner's statement shares; erasure deletes the erased learner's contents and orphans
     * no statement declares; expiry deletes the contents of expired statements.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void attachmentsThatIdentifyTheLearnerGoWithTheirData(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        TestLrs lrs = f.lrs;
        LrsPersonalData data = f.data;
        String homePage = f.homePage;
        LrsCaller caller = f.caller;

        StatementLedger.Attachment signature = content("application/octet-stream",
                "eyJhbGciOiJSUzI1NiJ9.{\"actor\":{\"account\":{\"name\":\"alice\"}}}.c2ln");
        StatementLedger.Attachment shared = content("text/plain", "the course handbook");
        StatementLedger.Attachment alicesEssay = content("text/plain", "my essay, by alice");
        StatementLedger.Attachment bobsEssay = content("text/plain", "my essay, by bob");
        ObjectNode alices = learnerStatement(homePage, "alice");
        attach(alices, SignedStatements.USAGE_TYPE, signature);
        attach(alices, "http://id.tincanapi.com/attachment/supporting_media", shared);
        attach(alices, "http://id.tincanapi.com/attachment/supporting_media", alicesEssay);
        ObjectNode bobs = learnerStatement(homePage, "bob");
        attach(bobs, "http://id.tincanapi.com/attachment/supporting_media", shared);
        attach(bobs, "http://id.tincanapi.com/attachment/supporting_media", bobsEssay);
        lrs.ledger.store(caller, List.of(alices), List.of(signature, shared, alicesEssay));
        lrs.ledger.store(caller, List.of(bobs), List.of(shared, bobsEssay));
        assertThat(contents(ds)).containsExactlyInAnyOrder(signature.sha2(), shared.sha2(), alicesEssay.sha2(),
                bobsEssay.sha2());

        Sql.inTransaction(ds, c -> data.anonymize(c, ALICE, PSEUDONYM));
        JsonNode anonymized = Sql.inTransaction(ds, c -> data.export(c, new DataSubject(ALICE.tenant(), PSEUDONYM,
                null))).get("statements").get(0);
        assertThat(anonymized.get("attachments")).hasSize(1);
        assertThat(anonymized.get("attachments").get(0).get("sha2").asText()).isEqualTo(shared.sha2());
        assertThat(contents(ds)).as("the signature and alice's own content are gone, the shared one stays")
                .containsExactlyInAnyOrder(shared.sha2(), bobsEssay.sha2());
        assertThat(count(ds, "select count(*) from manabi_lrs_attachment where content_type = ?",
                "application/octet-stream")).isZero();

        StatementLedger.Attachment orphan = content("text/plain", "left over by an earlier erasure");
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_lrs_attachment (tenant_id, sha2, content_type,"
                + " content) values (?, ?, ?, ?)", "uni-a", orphan.sha2(), orphan.contentType(), orphan.content()));
        assertThat(contents(ds)).contains(orphan.sha2());

        Sql.inTransaction(ds, c -> data.erase(c, BOB));
        assertThat(contents(ds)).as("bob's own content and the orphan are gone").containsExactly(shared.sha2());

        Sql.inTransaction(ds, c -> data.expire(c, lrs.clock.instant().plusSeconds(60)));
        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).isZero();
        assertThat(contents(ds)).isEmpty();
    }

    /**
     * Issue 15 (review 3): alice stores a statement with a content bob's statements already declared while bob is
     * being erased. With the store's transaction still open when the erasure checks which contents no statement
     * declares, the old code deleted the content under alice's statement; now the erasure waits for the store's lock
     * and then sees alice's statement.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasureNeverDeletesAContentAStatementStoredMeanwhileDeclares(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        StatementLedger.Attachment shared = storedByBob(f);
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch erased = new CountDownLatch(1);
        // Holds alice's store open after it found the content stored, until the erasure is done or waits for it.
        f.lrs.ledger.observersOverride = List.of((c, tenant, statements) -> {
            storing.countDown();
            await(erased);
            return null;
        });
        CompletableFuture<List<String>> store = alicesStatementWith(f, shared);
        assertThat(storing.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> erasure = CompletableFuture.supplyAsync(
                () -> Sql.inTransaction(ds, c -> f.data.erase(c, BOB)));
        erasure.whenComplete((rows, e) -> erased.countDown());
        store.get(30, TimeUnit.SECONDS);
        erasure.get(30, TimeUnit.SECONDS);

        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).as("alice's statement").isEqualTo(1);
        assertThat(contents(ds)).as("the content alice's statement declares").containsExactly(shared.sha2());
    }

    /**
     * The other order: bob's erasure has deleted the content and not yet committed when alice stores a statement
     * with it. The old code found the row still there (the deletion uncommitted), stored nothing, and the content
     * was gone after the commit; now the store waits for the erasure and stores the bytes it was sent.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aStoreDuringAnErasureKeepsTheContentItSent(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        StatementLedger.Attachment shared = storedByBob(f);
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch stored = new CountDownLatch(1);
        CompletableFuture<Integer> erasure = CompletableFuture.supplyAsync(() -> Sql.inTransaction(ds, c -> {
            int rows = f.data.erase(c, BOB);
            deleted.countDown();
            await(stored);
            return rows;
        }));
        assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<String>> store = alicesStatementWith(f, shared);
        store.whenComplete((ids, e) -> stored.countDown());
        erasure.get(30, TimeUnit.SECONDS);
        store.get(30, TimeUnit.SECONDS);

        assertThat(count(ds, "select count(*) from manabi_lrs_statement")).as("alice's statement").isEqualTo(1);
        assertThat(contents(ds)).as("the content alice's statement declares").containsExactly(shared.sha2());
    }

    /** A content bob's stored statement declares. */
    private static StatementLedger.Attachment storedByBob(Fixture f) throws Exception {
        StatementLedger.Attachment shared = content("text/plain", "the handout both learners attached");
        ObjectNode bobs = learnerStatement(f.homePage, "bob");
        attach(bobs, "http://id.tincanapi.com/attachment/supporting_media", shared);
        f.lrs.ledger.store(f.caller, List.of(bobs), List.of(shared));
        return shared;
    }

    /** Alice's statement with {@code shared}, stored on another thread. */
    private static CompletableFuture<List<String>> alicesStatementWith(Fixture f, StatementLedger.Attachment shared)
            throws Exception {
        ObjectNode alices = learnerStatement(f.homePage, "alice");
        attach(alices, "http://id.tincanapi.com/attachment/supporting_media", shared);
        return CompletableFuture.supplyAsync(() -> f.lrs.ledger.store(f.caller, List.of(alices), List.of(shared)));
    }

    /**
     * Waits a moment for the other thread: long enough for it to finish when nothing holds it up, shorter than H2's
     * default lock timeout (1 s), so a thread the fix makes wait for this one's lock gets it in time.
     */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** README "Personal data": credentials and forwarding endpoints an erased admin created keep their pseudonym. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void whatAnErasedAdminCreatedKeepsOnlyTheirPseudonym(DataSource ds) throws Exception {
        Fixture f = new Fixture(ds);
        f.lrs.credentials.issue("uni-a", "SIS", new LrsCredentials.Scope(true, false, true), "alice");
        f.lrs.forwarding.create("uni-a", ForwardingOutboxTest.settings("http://127.0.0.1:9/xapi", null, null), "alice");
        f.lrs.credentials.issue("uni-b", "Other alice", new LrsCredentials.Scope(true, false, true), "alice");

        Sql.inTransaction(ds, c -> f.data.forgetActor(c, ALICE, PSEUDONYM));

        assertThat(count(ds, "select count(*) from manabi_lrs_credential where created_by = ?", PSEUDONYM)).isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_lrs_forward_endpoint where created_by = ?", PSEUDONYM))
                .isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_lrs_credential where created_by = 'alice'"))
                .as("another institution's alice").isEqualTo(1);
    }

    /**
     * Issue 15 (review 2, A2): a platform admin of uni-b creates a credential and an endpoint for uni-a. Erasing
     * that admin pseudonymizes them as creator; erasing uni-a's namesake (ids are unique only per institution)
     * leaves them alone. Fails on the old code, which matched the creator on the row's institution only.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void whatAPlatformAdminCreatedForAnotherInstitutionFollowsTheAdminNotTheInstitution(DataSource ds)
            throws Exception {
        Fixture f = new Fixture(ds);
        f.lrs.credentials.issue("uni-a", "SIS", new LrsCredentials.Scope(true, false, true), "uni-b", "root");
        f.lrs.forwarding.create("uni-a", ForwardingOutboxTest.settings("http://127.0.0.1:9/xapi", null, null),
                "uni-b", "root");
        String creators = "select count(*) from manabi_lrs_credential where created_by = ?";
        String endpointCreators = "select count(*) from manabi_lrs_forward_endpoint where created_by = ?";

        Sql.inTransaction(ds, c -> f.data.forgetActor(c, new DataSubject(new Tenant("uni-a", "University A"), "root",
                null), PSEUDONYM));
        assertThat(count(ds, creators, "root")).as("uni-a's namesake is not the creator").isEqualTo(1);
        assertThat(count(ds, endpointCreators, "root")).isEqualTo(1);

        Sql.inTransaction(ds, c -> f.data.forgetActor(c, new DataSubject(new Tenant("uni-b", "University B"), "root",
                null), PSEUDONYM));
        assertThat(count(ds, creators, PSEUDONYM)).as("the erased platform admin").isEqualTo(1);
        assertThat(count(ds, endpointCreators, PSEUDONYM)).isEqualTo(1);
    }

    private static ObjectNode learnerStatement(String homePage, String learner) throws Exception {
        ObjectNode s = ForwardingOutboxTest.statement(null, learner, "attempted", "https://manabi.example/essay");
        ((ObjectNode) s.get("actor").get("account")).put("homePage", homePage);
        return s;
    }

    private static StatementLedger.Attachment content(String type, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new StatementLedger.Attachment(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes)), type, bytes);
    }

    private static void attach(ObjectNode statement, String usageType, StatementLedger.Attachment a) {
        ArrayNode list = statement.has("attachments") ? (ArrayNode) statement.get("attachments")
                : statement.putArray("attachments");
        ObjectNode declared = list.addObject().put("usageType", usageType).put("contentType", a.contentType())
                .put("length", a.content().length).put("sha2", a.sha2());
        declared.putObject("display").put("en-US", "attachment");
    }

    private static List<String> contents(DataSource ds) {
        return Sql.inTransaction(ds, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select sha2 from manabi_lrs_attachment");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
