package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.PlayerException;
import dev.manabi.xapi.XapiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The forwarding endpoints and the outbox the ledger fills in its own transaction (issue 13 "Forwarding"). */
class ForwardingOutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode statement(String id, String learner, String verb, String activity) throws Exception {
        ObjectNode s = (ObjectNode) JSON.readTree("""
                {"actor":{"account":{"homePage":"https://univ.example","name":"%s"}},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/%s"},
                 "object":{"id":"%s"}}""".formatted(learner, verb, activity));
        if (id != null) {
            s.put("id", id);
        }
        return s;
    }

    static LrsCaller caller(TestLrs lrs, String tenant) {
        return LrsCredentials.caller(lrs.credentials.ensure(tenant, "key-" + tenant, "secret", "t",
                new LrsCredentials.Scope(true, true, true)));
    }

    static ForwardingEndpoints.Settings settings(String url, List<String> verbs, List<String> prefixes) {
        return new ForwardingEndpoints.Settings("Consortium LRS", url, "fwd-key", "fwd-secret", "2.0.0", verbs,
                prefixes, null);
    }

    /** (endpoint label, statement id) of every pending item, in outbox order. */
    static List<String> outbox(DataSource ds) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select e.url,"
                + " s.statement_id, i.state from manabi_lrs_forward_item i join manabi_lrs_forward_endpoint e"
                + " on e.id = i.endpoint_id join manabi_lrs_statement s on s.seq = i.statement_seq order by i.seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void stored_statements_are_queued_per_endpoint_that_wants_them_in_the_same_transaction(DataSource ds)
            throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a");
        LrsCaller b = caller(lrs, "univ-b");
        lrs.forwarding.create("univ-a", settings("https://all.example/xapi", null, null), "admin-a");
        lrs.forwarding.create("univ-a", settings("https://verbs.example/xapi/",
                List.of("http://adlnet.gov/expapi/verbs/passed"), null), "admin-a");
        lrs.forwarding.create("univ-a", settings("https://quiz.example/xapi/", null,
                List.of("https://manabi.example/quiz/")), "admin-a");
        lrs.forwarding.create("univ-b", settings("https://b.example/xapi/", null, null), "admin-b");

        String passedQuiz = UUID.randomUUID().toString();
        String experiencedVideo = UUID.randomUUID().toString();
        lrs.ledger.store(a, List.of(statement(passedQuiz, "ada", "passed", "https://manabi.example/quiz/7"),
                statement(experiencedVideo, "ada", "experienced", "https://manabi.example/video/3")), List.of());
        assertThat(outbox(ds)).containsExactly(
                "https://all.example/xapi/ " + passedQuiz + " P",
                "https://verbs.example/xapi/ " + passedQuiz + " P",
                "https://quiz.example/xapi/ " + passedQuiz + " P",
                "https://all.example/xapi/ " + experiencedVideo + " P");

        // The same statement again is not stored again, so not queued again.
        lrs.ledger.store(a, List.of(statement(passedQuiz, "ada", "passed", "https://manabi.example/quiz/7")),
                List.of());
        assertThat(outbox(ds)).hasSize(4);

        // A batch refused as a whole (409 on its second statement) leaves neither statements nor deliveries.
        String fresh = UUID.randomUUID().toString();
        assertThatThrownBy(() -> lrs.ledger.store(a, List.of(statement(fresh, "bo", "passed", "https://x.example/1"),
                statement(passedQuiz, "eve", "failed", "https://x.example/2")), List.of()))
                .isInstanceOf(XapiException.class);
        assertThat(outbox(ds)).hasSize(4).noneMatch(row -> row.contains(fresh));

        // Voiding always goes to every endpoint of the institution; another institution's statements never do.
        ObjectNode voiding = (ObjectNode) JSON.readTree("""
                {"actor":{"mbox":"mailto:admin@univ.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"%s"}}""".formatted(experiencedVideo));
        lrs.ledger.store(a, List.of(voiding), List.of());
        lrs.ledger.store(b, List.of(statement(null, "ada", "passed", "https://manabi.example/quiz/7")), List.of());
        assertThat(outbox(ds)).hasSize(8);
        assertThat(outbox(ds).subList(4, 7)).allMatch(row -> !row.startsWith("https://b.example"));
        assertThat(outbox(ds).get(7)).startsWith("https://b.example/xapi/ ");

        // A disabled endpoint queues nothing.
        String all = lrs.forwarding.list("univ-a").stream().filter(e -> e.url().startsWith("https://all."))
                .findFirst().orElseThrow().id();
        lrs.forwarding.update("univ-a", all, new ForwardingEndpoints.Settings("Consortium LRS",
                "https://all.example/xapi/", "fwd-key", null, "2.0.0", null, null, false));
        lrs.ledger.store(a, List.of(statement(null, "ada", "experienced", "https://manabi.example/video/3")),
                List.of());
        assertThat(outbox(ds)).hasSize(8);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void endpoints_are_per_institution_and_never_show_their_secret(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        ForwardingEndpoints.Endpoint e = lrs.forwarding.create("univ-a", settings("https://lrs.example/xapi", null,
                List.of("https://manabi.example/scorm/")), "admin-a");
        assertThat(e.url()).isEqualTo("https://lrs.example/xapi/");
        assertThat(e.activityPrefixes()).containsExactly("https://manabi.example/scorm/");
        assertThat(lrs.forwarding.list(null).toString()).doesNotContain("fwd-secret");

        // An update without a secret keeps the stored one.
        lrs.forwarding.update("univ-a", e.id(), new ForwardingEndpoints.Settings("Renamed", "http://lrs.example/x",
                "other-key", "", "1.0.3", List.of("http://adlnet.gov/expapi/verbs/completed"), null, true));
        try (Connection c = ds.getConnection()) {
            ForwardingOutbox.Target t = ForwardingEndpoints.target(c, e.id(), lrs.secrets).orElseThrow();
            assertThat(t.secret()).isEqualTo("fwd-secret");
            assertThat(t.key()).isEqualTo("other-key");
            assertThat(t.xapiVersion()).isEqualTo("1.0.3");
            assertThat(t.verbs()).containsExactly("http://adlnet.gov/expapi/verbs/completed");
            assertThat(t.activityPrefixes()).isEmpty();
        }

        // Another institution does not find it, whatever it does.
        assertThat(lrs.forwarding.list("univ-b")).isEmpty();
        assertThatThrownBy(() -> lrs.forwarding.get("univ-b", e.id())).isInstanceOfSatisfying(PlayerException.class,
                x -> assertThat(x.status()).isEqualTo(404));
        assertThatThrownBy(() -> lrs.forwarding.delete("univ-b", e.id())).isInstanceOfSatisfying(
                PlayerException.class, x -> assertThat(x.status()).isEqualTo(404));
        assertThatThrownBy(() -> lrs.forwarding.replay("univ-b", e.id(), null)).isInstanceOfSatisfying(
                PlayerException.class, x -> assertThat(x.status()).isEqualTo(404));
        lrs.forwarding.delete("univ-a", e.id());
        assertThat(lrs.forwarding.list(null)).isEmpty();
    }

    @Test
    void settings_are_checked_with_stable_codes() {
        TestLrs lrs = new TestLrs(dev.manabi.core.TestDatabases.h2());
        record Case(ForwardingEndpoints.Settings settings, String code) {
        }
        List<Case> cases = List.of(
                new Case(null, "invalid-forwarding"),
                new Case(new ForwardingEndpoints.Settings(" ", "https://l.example/", "k", "s", null, null, null, null),
                        "invalid-label"),
                new Case(new ForwardingEndpoints.Settings("L", "ftp://l.example/", "k", "s", null, null, null, null),
                        "invalid-forwarding-url"),
                new Case(new ForwardingEndpoints.Settings("L", "lrs/xapi", "k", "s", null, null, null, null),
                        "invalid-forwarding-url"),
                new Case(new ForwardingEndpoints.Settings("L", "https://l.example/", "", "s", null, null, null, null),
                        "invalid-forwarding-key"),
                new Case(new ForwardingEndpoints.Settings("L", "https://l.example/", "k", null, null, null, null, null),
                        "invalid-forwarding-secret"),
                new Case(new ForwardingEndpoints.Settings("L", "https://l.example/", "k", "s", "1.0.1", null, null,
                        null), "invalid-xapi-version"),
                new Case(new ForwardingEndpoints.Settings("L", "https://l.example/", "k", "s", null,
                        List.of("passed"), null, null), "invalid-forwarding-filter"));
        for (Case c : cases) {
            assertThatThrownBy(() -> lrs.forwarding.create("univ-a", c.settings(), "admin"))
                    .isInstanceOfSatisfying(PlayerException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo(c.code());
                    });
        }
        assertThat(lrs.forwarding.list(null)).isEmpty();
    }
}
