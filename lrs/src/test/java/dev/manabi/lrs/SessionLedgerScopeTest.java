package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a session credential may do in the ledger's own transaction (issue 14 review ), on H2 and
 * PostgreSQL: target only its registration's statements and void only its learner's, read only attachment contents
 * sent within its registration, define only activities new to the institution, and learn nothing of an id taken in
 * another registration. {@code SessionOtherRegistrationTest} holds the reviewer's two proofs.
 */
class SessionLedgerScopeTest {

    private static final String MINE = "6f1c9a52-3f44-4c1e-9a43-0d2a0c1b2e11";
    private static final String OTHERS = "0d2a0c1b-3f44-4c1e-9a43-6f1c9a522e11";
    private static final String ME = "mailto:learner@example.com";
    private static final String THEM = "mailto:other@example.com";
    private static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

    /** The reviewer's statement of an agent (by mbox) in a registration. */
    private static ObjectNode statement(String id, String mbox, String registration) {
        return SessionOtherRegistrationTest.statement(id, mbox, registration);
    }

    private static ObjectNode referring(String id, String verb, String target) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("id", id);
        s.putObject("actor").put("objectType", "Agent").put("mbox", ME);
        s.putObject("verb").put("id", verb);
        s.putObject("object").put("objectType", "StatementRef").put("id", target);
        s.putObject("context").put("registration", MINE);
        return s;
    }

    private static LrsCaller session() {
        return LrsCredentials.caller(new SessionCredentials.Session("tincan-1", "a", MINE,
                new AgentIdentity("mbox=" + ME), "tincan launch", true, true, Set.of(), null));
    }

    /** The session's request as {@code StatementsResource.post} runs it: the scope check, then the ledger. */
    private static String refusal(TestLrs lrs, LrsCaller caller, ObjectNode... statements) {
        XapiException e = catchThrowableOfType(XapiException.class, () -> {
            SessionScope.checkWrite(caller, List.of(statements));
            lrs.ledger.store(caller, List.of(statements), List.of());
        });
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status()).isEqualTo(403);
        return e.code();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_voids_and_refers_to_its_own_learners_statements_of_its_registration_only(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller platform = PlatformCaller.of("a");
        LrsCaller session = session();
        String mine = "7b0c4f1e-0000-4000-8000-000000000001";
        String instructorsInMine = "7b0c4f1e-0000-4000-8000-000000000002";
        String othersRegistration = "7b0c4f1e-0000-4000-8000-000000000003";
        lrs.ledger.store(session, List.of(statement(mine, ME, MINE)), List.of());
        lrs.ledger.store(platform, List.of(statement(instructorsInMine, THEM, MINE),
                statement(othersRegistration, THEM, OTHERS)), List.of());

        // another learner's statement within the session's registration: referring is fine, voiding is not
        assertThat(refusal(lrs, session, referring("7b0c4f1e-0000-4000-8000-000000000010", VOIDED,
                instructorsInMine))).isEqualTo("session-actor");
        // another registration's statement: neither voided nor referred to (its terms would be copied)
        assertThat(refusal(lrs, session, referring("7b0c4f1e-0000-4000-8000-000000000011", VOIDED,
                othersRegistration))).isEqualTo("session-registration");
        assertThat(refusal(lrs, session, referring("7b0c4f1e-0000-4000-8000-000000000012",
                "http://adlnet.gov/expapi/verbs/commented", othersRegistration))).isEqualTo("session-registration");
        assertThat(lrs.ledger.find(platform, instructorsInMine, false)).isPresent();
        assertThat(lrs.ledger.find(platform, othersRegistration, false)).isPresent();
        assertThat(lrs.ledger.find(platform, "7b0c4f1e-0000-4000-8000-000000000012", false)).isEmpty();

        lrs.ledger.store(session, List.of(referring("7b0c4f1e-0000-4000-8000-000000000013",
                "http://adlnet.gov/expapi/verbs/commented", instructorsInMine)), List.of());
        lrs.ledger.store(session, List.of(referring("7b0c4f1e-0000-4000-8000-000000000014", VOIDED, mine)),
                List.of());
        assertThat(lrs.ledger.find(platform, mine, true)).as("its own statement is voided").isPresent();
        // a target earlier in the same batch is checked like a stored one
        String batchMine = "7b0c4f1e-0000-4000-8000-000000000020";
        lrs.ledger.store(session, List.of(statement(batchMine, ME, MINE),
                referring("7b0c4f1e-0000-4000-8000-000000000021", VOIDED, batchMine)), List.of());
        assertThat(lrs.ledger.find(platform, batchMine, true)).isPresent();
        // the platform (no session) is not limited
        lrs.ledger.store(platform, List.of(referring("7b0c4f1e-0000-4000-8000-000000000022", VOIDED,
                othersRegistration)), List.of());
        assertThat(lrs.ledger.find(platform, othersRegistration, true)).isPresent();
    }

    /**
     * Each statement's reference is checked on its own: a voiding statement followed in the same batch by a plain
     * reference to the same target must still be refused (the targets were once kept by target id, the later
     * reference replacing the voiding one, so the voiding was never checked).
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_voiding_statement_is_checked_even_when_another_statement_of_the_batch_refers_to_its_target(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller platform = PlatformCaller.of("a");
        String theirs = "7b0c4f1e-0000-4000-8000-000000000040";
        lrs.ledger.store(platform, List.of(statement(theirs, THEM, MINE)), List.of());

        assertThat(refusal(lrs, session(), referring("7b0c4f1e-0000-4000-8000-000000000041", VOIDED, theirs),
                referring("7b0c4f1e-0000-4000-8000-000000000042", "http://adlnet.gov/expapi/verbs/commented",
                        theirs))).isEqualTo("session-actor");
        assertThat(lrs.ledger.find(platform, theirs, false)).as("not voided").isPresent();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void an_id_taken_in_another_registration_is_refused_as_that_registrations_not_as_a_conflict(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        String id = "7b0c4f1e-0000-4000-8000-000000000030";
        lrs.ledger.store(PlatformCaller.of("a"), List.of(statement(id, THEM, OTHERS)), List.of());

        assertThat(refusal(lrs, session(), statement(id, ME, MINE))).isEqualTo("session-registration");
        // a caller without a session still learns of the conflict (2.0 Part Three 2.1.2)
        XapiException conflict = catchThrowableOfType(XapiException.class, () -> lrs.ledger.store(
                new LrsCaller("k", "a", true, true, true, PlatformCaller.authority()),
                List.of(statement(id, ME, MINE)), List.of()));
        assertThat(conflict.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_session_defines_new_activities_but_does_not_change_known_definitions(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller platform = PlatformCaller.of("a");
        ObjectNode defining = statement("7b0c4f1e-0000-4000-8000-000000000040", THEM, OTHERS);
        ((ObjectNode) defining.get("object")).putObject("definition").putObject("name").put("en", "Geology");
        lrs.ledger.store(platform, List.of(defining), List.of());

        ObjectNode rewriting = statement("7b0c4f1e-0000-4000-8000-000000000041", ME, MINE);
        ObjectNode definition = ((ObjectNode) rewriting.get("object")).putObject("definition");
        definition.putObject("name").put("en", "Cheap pills").put("ja", "安い薬");
        definition.put("type", "http://example.com/spam");
        ((ObjectNode) rewriting.get("context")).putObject("contextActivities").putArray("parent").addObject()
                .put("id", "http://example.com/new-by-session").putObject("definition").putObject("name")
                .put("en", "Session's own");
        lrs.ledger.store(session(), List.of(rewriting), List.of());

        assertThat(lrs.ledger.activity(platform, "http://example.com/course").orElseThrow().get("definition"))
                .as("the institution's definition stays as it was")
                .isEqualTo(defining.get("object").get("definition"));
        assertThat(lrs.ledger.activity(platform, "http://example.com/new-by-session").orElseThrow()
                .at("/definition/name/en").asText()).isEqualTo("Session's own");

        // a full credential still updates the canonical definition (2.0 Part Three 2.5)
        lrs.ledger.store(platform, List.of(rewriting.deepCopy().put("id", "7b0c4f1e-0000-4000-8000-000000000042")),
                List.of());
        assertThat(lrs.ledger.activity(platform, "http://example.com/course").orElseThrow()
                .at("/definition/name/ja").asText()).isEqualTo("安い薬");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_limited_caller_gets_the_attachment_contents_sent_within_its_statements_only(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller platform = PlatformCaller.of("a");
        byte[] theirs = "another learner's essay".getBytes(StandardCharsets.UTF_8);
        byte[] mine = "my own essay".getBytes(StandardCharsets.UTF_8);
        String theirSum = Digests.sha2(theirs, 64);
        String mySum = Digests.sha2(mine, 64);
        ObjectNode theirStatement = statement("7b0c4f1e-0000-4000-8000-000000000050", THEM, OTHERS);
        declare(theirStatement, theirSum, theirs.length, null);
        lrs.ledger.store(platform, List.of(theirStatement), List.of(
                new StatementLedger.Attachment(theirSum, "text/plain", theirs)));

        // the session sent its own essay as a part (declared without fileUrl) and names theirs with a fileUrl
        ObjectNode myStatement = statement("7b0c4f1e-0000-4000-8000-000000000051", ME, MINE);
        declare(myStatement, mySum, mine.length, null);
        declare(myStatement, theirSum, theirs.length, "http://example.com/elsewhere");
        lrs.ledger.store(session(), List.of(myStatement), List.of(
                new StatementLedger.Attachment(mySum, "text/plain", mine)));
        assertThat(lrs.ledger.attachments(session(), List.of(mySum, theirSum)).keySet()).containsExactly(mySum);

        // a credential reading only its own statements is held to the same rule
        LrsCaller ownOnly = new LrsCaller("own-1", "a", true, true, false, PlatformCaller.authority());
        ObjectNode naming = statement("7b0c4f1e-0000-4000-8000-000000000052", ME, OTHERS);
        declare(naming, theirSum, theirs.length, "http://example.com/elsewhere");
        lrs.ledger.store(ownOnly, List.of(naming), List.of());
        assertThat(lrs.ledger.attachments(ownOnly, List.of(theirSum))).isEmpty();

        // a caller that sees every statement of the tenant gets every content
        assertThat(lrs.ledger.attachments(platform, List.of(mySum, theirSum)).keySet())
                .containsExactlyInAnyOrder(mySum, theirSum);
    }

    private static void declare(ObjectNode statement, String sha2, int length, String fileUrl) {
        ObjectNode a = statement.withArray("attachments").addObject().put("usageType", "http://example.com/essay")
                .put("contentType", "text/plain").put("length", length).put("sha2", sha2);
        if (fileUrl != null) {
            a.put("fileUrl", fileUrl);
        }
        a.putObject("display").put("en", "essay");
    }
}
