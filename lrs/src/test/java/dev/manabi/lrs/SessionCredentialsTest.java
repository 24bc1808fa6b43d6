package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.TestDatabases;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.lrs.spi.SessionStatements;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.XapiException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Session credentials of the {@link SessionCredentials} SPI (cmi5 auth-tokens, tincan {@code auth}): verified by
 * their issuer only, and limited to their registration and actor ({@link SessionScope}).
 */
class SessionCredentialsTest {

    private static final String REGISTRATION = "6f1c9a52-3f44-4c1e-9a43-0d2a0c1b2e11";
    static final AgentIdentity LEARNER = new AgentIdentity("mbox=mailto:learner@example.com");

    /** Accepts {@code test-s1:good} for tenant a and {@link #REGISTRATION}; records the keys it was asked about. */
    static final class Issuer implements SessionCredentials {
        final List<String> asked = new ArrayList<>();

        @Override
        public String keyPrefix() {
            return "test-";
        }

        @Override
        public Optional<Session> verify(String key, String secret, Instant now) {
            asked.add(key);
            return key.equals("test-s1") && secret.equals("good")
                    ? Optional.of(new Session("test-s1", "a", REGISTRATION, LEARNER, "test session")) : Optional.empty();
        }
    }

    private static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_session_key_is_verified_by_its_issuer_only() {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        Issuer issuer = new Issuer();
        lrs.credentials.sessionsOverride = List.of(issuer);
        LrsCaller caller = lrs.credentials.authenticate(basic("test-s1", "good"));
        assertThat(caller.tenantId()).isEqualTo("a");
        assertThat(caller.registration()).isEqualTo(REGISTRATION);
        assertThat(caller.mayRead()).isTrue();
        assertThat(caller.mayWrite()).isTrue();
        assertThat(caller.authority().path("account").path("name").asText()).isEqualTo("test-s1");

        XapiException wrong = catchThrowableOfType(XapiException.class,
                () -> lrs.credentials.authenticate(basic("test-s1", "bad")));
        assertThat(wrong.status()).isEqualTo(401);

        LrsCredentials.Issued ordinary = lrs.credentials.issue("a", "reader", new LrsCredentials.Scope(true, false,
                true), "admin");
        LrsCaller plain = lrs.credentials.authenticate(basic(ordinary.credential().key(), ordinary.secret()));
        assertThat(plain.registration()).isNull();
        assertThat(issuer.asked).containsExactly("test-s1", "test-s1");
    }

    private static ObjectNode statement(String registration) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.putObject("actor").put("objectType", "Agent").put("mbox", "mailto:learner@example.com");
        if (registration != null) {
            s.putObject("context").put("registration", registration);
        }
        return s;
    }

    private static String refusal(Runnable call) {
        XapiException e = catchThrowableOfType(XapiException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.status()).isEqualTo(403);
        return e.code();
    }

    private static LrsCaller session(boolean writesAgentProfile, Set<String> lmsStateIds) {
        return LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION, LEARNER,
                "test session", true, writesAgentProfile, lmsStateIds, null));
    }

    private static DocumentStore.Scope state(String agentKey, String registration) {
        return new DocumentStore.Scope(DocumentStore.Kind.STATE, "urn:x", agentKey, registration);
    }

    private static DocumentStore.Scope agentProfile(String agentKey) {
        return new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null, agentKey, null);
    }

    private static final String OTHER = "mbox=mailto:other@example.com";

    @Test
    void a_session_writes_statements_of_its_registration_and_learner_and_reads_its_registration_only() {
        LrsCaller limited = session(false, Set.of());
        LrsCaller free = new LrsCaller("k", "a", true, true, true, JsonNodeFactory.instance.objectNode());

        SessionScope.checkWrite(limited, List.of(statement(REGISTRATION.toUpperCase())));
        assertThat(refusal(() -> SessionScope.checkWrite(limited, List.of(statement(REGISTRATION),
                statement(null))))).isEqualTo("session-registration");
        // xAPI 2.0 Part Two 2.4.2.3: the same learner is the same identifier, whatever the name says
        ObjectNode named = statement(REGISTRATION);
        ((ObjectNode) named.get("actor")).put("name", "Learner");
        SessionScope.checkWrite(limited, List.of(named));
        ObjectNode other = statement(REGISTRATION);
        ((ObjectNode) other.get("actor")).put("mbox", "mailto:other@example.com");
        assertThat(refusal(() -> SessionScope.checkWrite(limited, List.of(other)))).isEqualTo("session-actor");
        ObjectNode group = statement(REGISTRATION);
        ((ObjectNode) group.get("actor")).put("objectType", "Group");
        assertThat(refusal(() -> SessionScope.checkWrite(limited, List.of(group)))).isEqualTo("session-actor");
        SessionScope.checkWrite(free, List.of(statement(null)));

        assertThat(SessionScope.queryRegistration(limited, null)).isEqualTo(REGISTRATION);
        assertThat(refusal(() -> SessionScope.queryRegistration(limited, "00000000-0000-0000-0000-000000000000")))
                .isEqualTo("session-registration");
        assertThat(SessionScope.queryRegistration(free, null)).isNull();

        assertThat(SessionScope.sees(limited, statement(REGISTRATION))).isTrue();
        assertThat(SessionScope.sees(limited, statement(null))).isFalse();
        assertThat(SessionScope.sees(free, statement(null))).isTrue();
    }

    @Test
    void a_session_touches_the_state_of_its_registration_and_learner_and_only_reads_the_lms_state() {
        LrsCaller limited = session(false, Set.of("LMS.LaunchData"));
        String me = LEARNER.key();
        SessionScope.checkDocument(limited, state(me, REGISTRATION), "bookmark", true);
        SessionScope.checkDocument(limited, state(me, REGISTRATION), null, false);
        assertThat(refusal(() -> SessionScope.checkDocument(limited, state(me, null), "bookmark", false)))
                .isEqualTo("session-registration");
        // the reviewer's finding: any learner's state of the same registration was open to the token
        assertThat(refusal(() -> SessionScope.checkDocument(limited, state(OTHER, REGISTRATION), "bookmark", false)))
                .isEqualTo("session-actor");
        assertThat(refusal(() -> SessionScope.checkDocument(limited, state(OTHER, REGISTRATION), "bookmark", true)))
                .isEqualTo("session-actor");
        // cmi5 section 10: the AU reads LMS.LaunchData and must not modify or delete it
        SessionScope.checkDocument(limited, state(me, REGISTRATION), "LMS.LaunchData", false);
        assertThat(refusal(() -> SessionScope.checkDocument(limited, state(me, REGISTRATION), "LMS.LaunchData",
                true))).isEqualTo("session-read-only");
        // a delete of all the state is the AU's, except LMS.LaunchData, which it keeps (204, not 403)
        SessionScope.checkDocument(limited, state(me, REGISTRATION), null, true);
        assertThat(SessionScope.keptStateIds(limited, state(me, REGISTRATION))).containsExactly("LMS.LaunchData");
        assertThat(SessionScope.keptStateIds(limited, agentProfile(me))).isEmpty();
        SessionScope.checkDocument(session(false, Set.of()), state(me, REGISTRATION), null, true);
    }

    @Test
    void a_session_reads_its_learners_agent_profile_and_writes_it_only_when_allowed_and_only_reads_activity_profiles() {
        LrsCaller cmi5 = session(false, Set.of());
        LrsCaller tincan = session(true, Set.of());
        String me = LEARNER.key();
        SessionScope.checkDocument(cmi5, agentProfile(me), "cmi5LearnerPreferences", false);
        SessionScope.checkDocument(cmi5, agentProfile(me), null, false);
        assertThat(refusal(() -> SessionScope.checkDocument(cmi5, agentProfile(me), "cmi5LearnerPreferences",
                true))).isEqualTo("session-read-only");
        // the reviewer's finding: every agent profile of the institution was open to the token
        for (LrsCaller c : List.of(cmi5, tincan)) {
            assertThat(refusal(() -> SessionScope.checkDocument(c, agentProfile(OTHER), "p", false)))
                    .isEqualTo("session-actor");
            assertThat(refusal(() -> SessionScope.checkDocument(c, agentProfile(OTHER), "p", true)))
                    .isEqualTo("session-actor");
            assertThat(refusal(() -> SessionScope.checkAgent(c, new AgentIdentity(OTHER))))
                    .isEqualTo("session-actor");
            SessionScope.checkAgent(c, LEARNER);
            DocumentStore.Scope activity = new DocumentStore.Scope(DocumentStore.Kind.ACTIVITY_PROFILE,
                    "urn:any", null, null);
            SessionScope.checkDocument(c, activity, "p", false);
            assertThat(refusal(() -> SessionScope.checkDocument(c, activity, "p", true)))
                    .isEqualTo("session-read-only");
        }
        SessionScope.checkDocument(tincan, agentProfile(me), "p", true);
    }

    @Test
    void a_session_writes_the_activity_profile_of_its_own_activity_only() {
        // cmi5 section 12: "The AU MAY use the Activity Profile API"; the AU's own activity, nothing wider
        LrsCaller au = LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION, LEARNER,
                "test session", true, false, Set.of(), null, null, Set.of("urn:manabi:cmi5/l/au/x")));
        DocumentStore.Scope own = new DocumentStore.Scope(DocumentStore.Kind.ACTIVITY_PROFILE,
                "urn:manabi:cmi5/l/au/x", null, null);
        DocumentStore.Scope other = new DocumentStore.Scope(DocumentStore.Kind.ACTIVITY_PROFILE,
                "urn:manabi:cmi5/l/au/y", null, null);
        DocumentStore.Scope longer = new DocumentStore.Scope(DocumentStore.Kind.ACTIVITY_PROFILE,
                "urn:manabi:cmi5/l/au/x/more", null, null);
        SessionScope.checkDocument(au, own, "settings", true);
        SessionScope.checkDocument(au, own, "settings", false);
        SessionScope.checkDocument(au, other, "settings", false);
        assertThat(refusal(() -> SessionScope.checkDocument(au, other, "settings", true)))
                .isEqualTo("session-read-only");
        assertThat(refusal(() -> SessionScope.checkDocument(au, longer, "settings", true)))
                .isEqualTo("session-read-only");
    }

    @Test
    void a_session_limited_to_activities_writes_statements_and_state_about_them_only() {
        // tincan: the package's activities (declared ids and ids under the root id); 403 session-activity otherwise
        LrsCaller tincan = LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION, LEARNER,
                "test session", true, true, Set.of(), null, new SessionCredentials.Activities(
                Set.of("https://ex.com/course", "https://other.ex.com/declared"), "https://ex.com/course/"), Set.of()));
        java.util.function.Function<String, ObjectNode> about = id -> {
            ObjectNode s = statement(REGISTRATION);
            s.putObject("object").put("id", id);
            return s;
        };
        SessionScope.checkWrite(tincan, List.of(about.apply("https://ex.com/course"),
                about.apply("https://ex.com/course/page-1"), about.apply("https://other.ex.com/declared")));
        assertThat(refusal(() -> SessionScope.checkWrite(tincan, List.of(about.apply("https://ex.com/course"),
                about.apply("https://ex.com/course-2"))))).isEqualTo("session-activity");
        assertThat(refusal(() -> SessionScope.checkWrite(tincan, List.of(about.apply("https://ex.com/")))))
                .isEqualTo("session-activity");
        ObjectNode agentObject = statement(REGISTRATION);
        agentObject.putObject("object").put("objectType", "Agent").put("mbox", "mailto:x@example.com");
        assertThat(refusal(() -> SessionScope.checkWrite(tincan, List.of(agentObject)))).isEqualTo("session-activity");
        ObjectNode sub = statement(REGISTRATION);
        sub.putObject("object").put("objectType", "SubStatement").putObject("object").put("id", "https://x.com/y");
        assertThat(refusal(() -> SessionScope.checkWrite(tincan, List.of(sub)))).isEqualTo("session-activity");
        ((ObjectNode) sub.path("object").path("object")).put("id", "https://ex.com/course/q1");
        SessionScope.checkWrite(tincan, List.of(sub));
        ObjectNode ref = statement(REGISTRATION);
        ref.putObject("object").put("objectType", "StatementRef").put("id", REGISTRATION);
        SessionScope.checkWrite(tincan, List.of(ref));

        String me = LEARNER.key();
        SessionScope.checkDocument(tincan, new DocumentStore.Scope(DocumentStore.Kind.STATE,
                "https://ex.com/course/page-1", me, REGISTRATION), "bookmark", true);
        assertThat(refusal(() -> SessionScope.checkDocument(tincan, new DocumentStore.Scope(DocumentStore.Kind.STATE,
                "https://elsewhere.com/a", me, REGISTRATION), "bookmark", false))).isEqualTo("session-activity");
        // a session without activities (cmi5: allowed statements may be about any activity, section 9) is not limited
        SessionScope.checkWrite(session(false, Set.of()), List.of(about.apply("https://elsewhere.com/a")));
    }

    @Test
    void a_read_only_session_may_send_a_statement_it_stored_before_again_but_nothing_new() {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        LrsCaller writing = session(false, Set.of());
        String id = "0b7c4f1e-0000-4000-8000-0000000000aa";
        ObjectNode s = statement(id, "terminated");
        lrs.ledger.store(writing, List.of(s.deepCopy()), List.of());
        LrsCaller ended = LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION,
                LEARNER, "test session", false, false, Set.of(), null));
        assertThat(lrs.ledger.store(ended, List.of(s.deepCopy()), List.of())).containsExactly(id);
        XapiException e = catchThrowableOfType(XapiException.class, () -> lrs.ledger.store(ended,
                List.of(statement("0b7c4f1e-0000-4000-8000-0000000000ab", "experienced")), List.of()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(lrs.ledger.find(ended, "0b7c4f1e-0000-4000-8000-0000000000ab", false)).isEmpty();
    }

    private static ObjectNode statement(String id, String verb) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("id", id);
        s.putObject("actor").put("objectType", "Agent").put("mbox", "mailto:learner@example.com");
        s.putObject("verb").put("id", "http://example.com/verbs/" + verb);
        s.putObject("object").put("objectType", "Activity").put("id", "http://example.com/au");
        s.putObject("context").put("registration", REGISTRATION);
        return s;
    }

    @Test
    void a_sessions_statement_rules_run_in_the_ledgers_transaction_and_may_refuse_the_request() {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        List<String> seen = new ArrayList<>();
        int[] committed = {0};
        SessionStatements rules = new SessionStatements() {
            @Override
            public void beforeStore(Connection c, SessionCredentials.Session session, List<ObjectNode> statements,
                                    Instant now) throws SQLException {
                assertThat(c.getAutoCommit()).isFalse();
                assertThat(session.id()).isEqualTo("test-s1");
                for (ObjectNode s : statements) {
                    seen.add(s.path("id").asText());
                    if (s.path("verb").path("id").asText().endsWith("/refused")) {
                        throw new XapiException(403, "test-refused", "Refused by the session's rules");
                    }
                }
            }

            @Override
            public void checkRequest(SessionCredentials.Session session, List<ObjectNode> statements) {
                if (statements.stream().anyMatch(s -> s.path("verb").path("id").asText().endsWith("/request-refused"))) {
                    throw new XapiException(403, "test-request-refused", "Refused before the ledger");
                }
            }

            @Override
            public void afterStore(SessionCredentials.Session session) {
                committed[0]++;
            }
        };
        LrsCaller caller = LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION,
                LEARNER, "test session", true, false, Set.of(), rules));
        String ok = "0b7c4f1e-0000-4000-8000-000000000001";
        String second = "0b7c4f1e-0000-4000-8000-000000000002";
        String refused = "0b7c4f1e-0000-4000-8000-000000000003";
        lrs.ledger.store(caller, List.of(statement(ok, "ok")), List.of());
        assertThat(committed[0]).isEqualTo(1);

        XapiException e = catchThrowableOfType(XapiException.class, () -> lrs.ledger.store(caller,
                List.of(statement(second, "ok"), statement(refused, "refused")), List.of()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("test-refused");
        assertThat(lrs.ledger.find(caller, second, false)).isEmpty();
        assertThat(lrs.ledger.find(caller, ok, false)).isPresent();
        assertThat(committed[0]).isEqualTo(1);

        // a statement stored before is not shown to the rules again
        lrs.ledger.store(caller, List.of(statement(ok, "ok")), List.of());
        assertThat(seen).containsExactly(ok, second, refused);

        // the rules check the request first, with their own codes; the LRS's registration check stands behind them
        assertThat(refusal(() -> SessionScope.checkWrite(caller, List.of(statement(null)))))
                .isEqualTo("session-registration");
        assertThat(catchThrowableOfType(XapiException.class, () -> SessionScope.checkWrite(caller,
                List.of(statement(null, "request-refused")))).code()).isEqualTo("test-request-refused");
        assertThat(LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION,
                LEARNER, "test session", false, false, Set.of(), null)).mayWrite()).isFalse();
    }
}
