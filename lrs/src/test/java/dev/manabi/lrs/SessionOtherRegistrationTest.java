package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.TestDatabases;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Review of issue 14 (branch lrsscope): a session credential without statement rules (the tincan module's
 * {@code auth}: {@code TincanCredentials} hands out {@code statements == null}) must not void a statement of
 * another registration and learner. {@link SessionScope#checkWrite} checks only the voiding statement's own
 * registration and actor, and {@code StatementLedger.Store.voidTarget} voids whatever statement of the tenant the
 * {@code StatementRef} names, so one learner's launch credential can void another learner's records.
 */
class SessionOtherRegistrationTest {

    private static final String MY_REGISTRATION = "6f1c9a52-3f44-4c1e-9a43-0d2a0c1b2e11";
    private static final String OTHER_REGISTRATION = "0d2a0c1b-3f44-4c1e-9a43-6f1c9a522e11";
    private static final AgentIdentity ME = new AgentIdentity("mbox=mailto:learner@example.com");
    private static final String OTHERS_STATEMENT = "7b0c4f1e-0000-4000-8000-0000000000bb";

    static ObjectNode statement(String id, String mbox, String registration) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("id", id);
        s.putObject("actor").put("objectType", "Agent").put("mbox", mbox);
        s.putObject("verb").put("id", "http://adlnet.gov/expapi/verbs/passed");
        s.putObject("object").put("objectType", "Activity").put("id", "http://example.com/course");
        s.putObject("context").put("registration", registration);
        return s;
    }

    @Test
    void a_tincan_session_cannot_void_another_learners_statement() {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        LrsCaller platform = PlatformCaller.of("a");
        lrs.ledger.store(platform, List.of(statement(OTHERS_STATEMENT, "mailto:other@example.com",
                OTHER_REGISTRATION)), List.of());

        // the tincan launch credential of another learner of the same institution (TincanCredentials.verify)
        LrsCaller tincan = LrsCredentials.caller(new SessionCredentials.Session("tincan-1", "a", MY_REGISTRATION, ME,
                "tincan launch", true, true, Set.of(), null));
        ObjectNode voiding = JsonNodeFactory.instance.objectNode().put("id", "7b0c4f1e-0000-4000-8000-0000000000cc");
        voiding.putObject("actor").put("objectType", "Agent").put("mbox", "mailto:learner@example.com");
        voiding.putObject("verb").put("id", "http://adlnet.gov/expapi/verbs/voided");
        voiding.putObject("object").put("objectType", "StatementRef").put("id", OTHERS_STATEMENT);
        voiding.putObject("context").put("registration", MY_REGISTRATION);

        // what StatementsResource.post does with it
        XapiException refused = catchThrowableOfType(XapiException.class, () -> {
            SessionScope.checkWrite(tincan, List.of(voiding));
            lrs.ledger.store(tincan, List.of(voiding), List.of());
        });

        assertThat(lrs.ledger.find(platform, OTHERS_STATEMENT, false))
                .as("the other learner's statement is still there, not voided").isPresent();
        assertThat(refused).as("a voiding statement naming another registration's statement is refused").isNotNull();
        assertThat(refused.status()).isEqualTo(403);
    }

    /**
     * Attachments are kept per tenant and SHA-2 only ({@code manabi_lrs_attachment}), and a GET with
     * {@code attachments=true} answers the bytes of every sha2 its visible statements declare. A session that
     * declares another learner's attachment by its sha2 (with a {@code fileUrl}, so no part is needed) gets that
     * learner's bytes: the attachment must be served only when it was sent within the session's registration.
     */
    @Test
    void a_session_does_not_get_another_registrations_attachment_by_naming_its_hash() {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        LrsCaller platform = PlatformCaller.of("a");
        byte[] report = "another learner's essay".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha2 = Digests.sha2(report, 64);
        ObjectNode theirs = statement(OTHERS_STATEMENT, "mailto:other@example.com", OTHER_REGISTRATION);
        theirs.putArray("attachments").addObject().put("usageType", "http://example.com/essay")
                .put("contentType", "text/plain").put("length", report.length).put("sha2", sha2)
                .putObject("display").put("en", "essay");
        lrs.ledger.store(platform, List.of(theirs), List.of(new StatementLedger.Attachment(sha2, "text/plain",
                report)));

        LrsCaller tincan = LrsCredentials.caller(new SessionCredentials.Session("tincan-1", "a", MY_REGISTRATION, ME,
                "tincan launch", true, true, Set.of(), null));
        ObjectNode mine = statement("7b0c4f1e-0000-4000-8000-0000000000dd", "mailto:learner@example.com",
                MY_REGISTRATION);
        mine.putArray("attachments").addObject().put("usageType", "http://example.com/essay")
                .put("contentType", "text/plain").put("length", report.length).put("sha2", sha2)
                .put("fileUrl", "http://example.com/elsewhere").putObject("display").put("en", "mine");
        SessionScope.checkWrite(tincan, List.of(mine));
        lrs.ledger.store(tincan, List.of(mine), List.of());

        // StatementsResource.answer: the sha2s of the statements the session sees, then ledger.attachments
        assertThat(lrs.ledger.attachments(tincan, Set.of(sha2)))
                .as("the bytes another registration sent are not served to this session").isEmpty();
    }
}
