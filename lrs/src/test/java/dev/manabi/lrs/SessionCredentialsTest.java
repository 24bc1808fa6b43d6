package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.TestDatabases;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.lrs.spi.SessionStatements;
import dev.manabi.xapi.XapiException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Session credentials of the {@link SessionCredentials} SPI (cmi5 auth-tokens): verified by their issuer only,
 * and limited to their registration for statements and state documents ({@link RegistrationScope}).
 */
class SessionCredentialsTest {

    private static final String REGISTRATION = "6f1c9a52-3f44-4c1e-9a43-0d2a0c1b2e11";

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
                    ? Optional.of(new Session("test-s1", "a", REGISTRATION, "test session")) : Optional.empty();
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
        if (registration != null) {
            s.putObject("context").put("registration", registration);
        }
        return s;
    }

    @Test
    void a_registration_caller_writes_and_reads_its_registration_only() {
        LrsCaller limited = new LrsCaller("test-s1", "a", true, true, true, JsonNodeFactory.instance.objectNode(),
                REGISTRATION);
        LrsCaller free = new LrsCaller("k", "a", true, true, true, JsonNodeFactory.instance.objectNode());

        RegistrationScope.checkWrite(limited, List.of(statement(REGISTRATION.toUpperCase())));
        assertThat(catchThrowableOfType(XapiException.class, () -> RegistrationScope.checkWrite(limited,
                List.of(statement(REGISTRATION), statement(null)))).status()).isEqualTo(403);
        RegistrationScope.checkWrite(free, List.of(statement(null)));

        assertThat(RegistrationScope.queryRegistration(limited, null)).isEqualTo(REGISTRATION);
        assertThat(catchThrowableOfType(XapiException.class, () -> RegistrationScope.queryRegistration(limited,
                "00000000-0000-0000-0000-000000000000")).status()).isEqualTo(403);
        assertThat(RegistrationScope.queryRegistration(free, null)).isNull();

        assertThat(RegistrationScope.sees(limited, statement(REGISTRATION))).isTrue();
        assertThat(RegistrationScope.sees(limited, statement(null))).isFalse();
        assertThat(RegistrationScope.sees(free, statement(null))).isTrue();

        RegistrationScope.checkDocument(limited, new DocumentStore.Scope(DocumentStore.Kind.STATE, "urn:x", "k",
                REGISTRATION));
        RegistrationScope.checkDocument(limited, new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null, "k",
                null));
        assertThat(catchThrowableOfType(XapiException.class, () -> RegistrationScope.checkDocument(limited,
                new DocumentStore.Scope(DocumentStore.Kind.STATE, "urn:x", "k", null))).status()).isEqualTo(403);
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
                "test session", true, rules));
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

        // the rules own the registration check (before the ledger); a session may be read-only
        RegistrationScope.checkWrite(caller, List.of(statement(null)));
        assertThat(catchThrowableOfType(XapiException.class, () -> RegistrationScope.checkWrite(caller,
                List.of(statement(null, "request-refused")))).code()).isEqualTo("test-request-refused");
        assertThat(LrsCredentials.caller(new SessionCredentials.Session("test-s1", "a", REGISTRATION,
                "test session", false, null)).mayWrite()).isFalse();
    }
}
