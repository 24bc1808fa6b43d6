package dev.manabi.lrs;

import static dev.manabi.lrs.ForwardingOutboxTest.caller;
import static dev.manabi.lrs.ForwardingOutboxTest.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.manabi.core.TestDatabases;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delivery to a second, real Manabi LRS (its ledger on its own database behind a JDK HTTP server) that fails with
 * 500, then stores but answers too late, then comes back (and refuses statements of {@code .../refused}): every statement arrives once per id, each learner's in
 * order; after the attempt limit items become dead letters, and a replay delivers them.
 */
class ForwardingDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Mode { OK, FAIL, TIMEOUT }

    private TargetLrs target;

    /** The external LRS: statement POST (batch) and PUT, Basic-authenticated, storing into a real ledger. */
    static final class TargetLrs {
        final TestLrs lrs = new TestLrs(TestDatabases.h2());
        final LrsCaller caller = caller(lrs, "consortium");
        final HttpServer server;
        final ExecutorService threads = Executors.newCachedThreadPool();
        final AtomicInteger requests = new AtomicInteger();
        volatile Mode mode = Mode.OK;

        TargetLrs() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/xapi/statements", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/xapi";
        }

        private void handle(HttpExchange x) throws IOException {
            requests.incrementAndGet();
            byte[] body = x.getRequestBody().readAllBytes();
            String type = x.getRequestHeaders().getFirst("Content-Type");
            String expected = "Basic " + Base64.getEncoder().encodeToString("fwd-key:fwd-secret".getBytes(
                    StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "unauthenticated");
                return;
            }
            if (mode == Mode.FAIL) {
                answer(x, 500, "down");
                return;
            }
            XapiVersion version = XapiVersion.ofHeader(x.getRequestHeaders().getFirst(XapiVersion.HEADER));
            try {
                // Attachments as multipart/mixed (2.0 Part Three 1.5.2): the statements first, then one part each.
                List<StatementLedger.Attachment> attachments = new ArrayList<>();
                if (type != null && type.startsWith("multipart/mixed")) {
                    List<Multipart.Part> parts = Multipart.parse(type, body);
                    body = parts.get(0).content();
                    for (Multipart.Part p : parts.subList(1, parts.size())) {
                        String hash = p.header("X-Experience-API-Hash");
                        if (!hash.equals(Digests.sha2(p.content(), hash.length()))
                                || !"binary".equals(p.header("Content-Transfer-Encoding"))) {
                            throw XapiException.badRequest("invalid-attachment", "A part does not match its hash");
                        }
                        attachments.add(new StatementLedger.Attachment(hash, p.header("Content-Type"), p.content()));
                    }
                }
                JsonNode parsed = JSON.readTree(body);
                List<ObjectNode> statements = new ArrayList<>();
                if (parsed.isArray()) {
                    parsed.forEach(s -> statements.add((ObjectNode) s));
                } else {
                    statements.add((ObjectNode) parsed);
                }
                if ("PUT".equals(x.getRequestMethod())) {
                    statements.get(0).put("id", x.getRequestURI().getQuery().replace("statementId=", ""));
                }
                StatementValidator validator = new StatementValidator(version);
                statements.forEach(validator::validate);
                if (statements.stream().anyMatch(st -> st.at("/object/id").asText().endsWith("/refused"))) {
                    throw XapiException.badRequest("refused", "This LRS refuses that activity");
                }
                for (ObjectNode st : statements) {
                    for (JsonNode a : st.path("attachments")) {
                        if (!a.has("fileUrl") && attachments.stream().noneMatch(p -> p.sha2().equals(
                                a.path("sha2").asText()))) {
                            throw XapiException.badRequest("missing-attachment", "No part for " + a.path("sha2"));
                        }
                    }
                }
                List<String> ids = lrs.ledger.store(caller, statements, attachments);
                if (mode == Mode.TIMEOUT) {
                    sleep(Duration.ofMillis(1500)); // stored, but the answer comes after the sender gave up
                }
                if ("PUT".equals(x.getRequestMethod())) {
                    answer(x, 204, null);
                } else {
                    answer(x, 200, JSON.writeValueAsString(ids));
                }
            } catch (XapiException e) {
                answer(x, e.status(), e.getMessage());
            }
        }

        private static void answer(HttpExchange x, int status, String body) throws IOException {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                x.getResponseBody().write(bytes);
            }
            x.close();
        }

        /** Every statement the target holds, oldest first, as (learner -> statement ids). */
        Map<String, List<String>> byLearner() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            StatementLedger.Page page = lrs.ledger.query(caller, new StatementLedger.Query(null, null, null, null,
                    false, false, null, null, 200, true, 0));
            for (ObjectNode s : page.statements()) {
                out.computeIfAbsent(s.at("/actor/account/name").asText(s.at("/actor/mbox").asText()),
                        k -> new ArrayList<>()).add(s.get("id").asText());
            }
            return out;
        }

        void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @BeforeEach
    void startTarget() throws IOException {
        target = new TargetLrs();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int deliverUntilQuiet(TestLrs lrs) {
        int total = 0;
        for (int pass = 0; pass < 20; pass++) {
            int n = lrs.delivery.deliverDue();
            if (n == 0) {
                return total;
            }
            total += n;
        }
        return total;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void delivers_once_per_id_in_order_per_learner_through_failures_timeouts_and_dead_letters(DataSource ds)
            throws Exception {
        TestLrs lrs = new TestLrs(ds);
        lrs.delivery.batchSize = 4;
        lrs.delivery.maxAttempts = 3;
        lrs.delivery.firstRetryMillis = 1000;
        lrs.delivery.timeoutMillis = 500;
        LrsCaller a = caller(lrs, "univ-a");
        ForwardingEndpoints.Endpoint endpoint = lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings(
                "Consortium", target.url(), "fwd-key", "fwd-secret", "2.0.0", null, null, null), "admin-a");

        // Ten statements of three learners, interleaved, some in one request.
        List<String> learners = List.of("ada", "bo", "cy", "ada", "bo", "ada", "cy", "bo", "ada", "cy");
        Map<String, List<String>> sent = new LinkedHashMap<>();
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < learners.size(); i++) {
            String id = UUID.randomUUID().toString();
            all.add(statement(id, learners.get(i), "experienced", "https://manabi.example/video/" + i));
            sent.computeIfAbsent(learners.get(i), k -> new ArrayList<>()).add(id);
        }
        lrs.ledger.store(a, all.subList(0, 3), List.of());
        for (ObjectNode s : all.subList(3, 10)) {
            lrs.clock.advance(1);
            lrs.ledger.store(a, List.of(s), List.of());
        }
        // The target already has bo's second statement (the same one, e.g. sent before a lost answer): the target
        // takes the batch holding it again without storing it twice.
        target.lrs.ledger.store(target.caller, List.of(ForwardingDelivery.outgoing(lrs.ledger.find(a,
                sent.get("bo").get(1), false).orElseThrow().statement(), "2.0.0")), List.of());

        // 1. The target is down: one batch tried, nothing delivered, nothing tried again before the backoff.
        target.mode = Mode.FAIL;
        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(target.requests.get()).isEqualTo(1);
        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(target.requests.get()).isEqualTo(1);

        // 2. After the first backoff (at most 1 s) the target stores the batch but answers too late.
        lrs.clock.advance(1000);
        target.mode = Mode.TIMEOUT;
        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(target.requests.get()).isEqualTo(2);

        // 3. Back again after the second backoff (at most 2 s): everything arrives, once per id, in order.
        lrs.clock.advance(2000);
        target.mode = Mode.OK;
        assertThat(deliverUntilQuiet(lrs)).isEqualTo(10);
        Map<String, List<String>> arrived = target.byLearner();
        assertThat(arrived.get("ada")).isEqualTo(sent.get("ada"));
        assertThat(arrived.get("cy")).isEqualTo(sent.get("cy"));
        // bo's second was at the target first; the others came in order.
        String preStored = sent.get("bo").get(1);
        assertThat(arrived.get("bo")).containsExactlyInAnyOrderElementsOf(sent.get("bo"));
        assertThat(arrived.get("bo").stream().filter(id -> !id.equals(preStored)))
                .containsExactlyElementsOf(sent.get("bo").stream().filter(id -> !id.equals(preStored)).toList());
        assertThat(arrived.values().stream().mapToInt(List::size).sum()).isEqualTo(10);
        assertThat(ForwardingOutboxTest.outbox(ds)).isEmpty();
        assertThat(lrs.forwarding.get("univ-a", endpoint.id()).pending()).isZero();

        // 4. Down for longer than the attempt limit: dead letters, no more attempts.
        target.mode = Mode.FAIL;
        String late1 = UUID.randomUUID().toString();
        String late2 = UUID.randomUUID().toString();
        lrs.ledger.store(a, List.of(statement(late1, "ada", "completed", "https://manabi.example/video/1"),
                statement(late2, "ada", "passed", "https://manabi.example/quiz/1")), List.of());
        for (int attempt = 0; attempt < 3; attempt++) {
            lrs.delivery.deliverDue();
            lrs.clock.advance(60_000);
        }
        int requests = target.requests.get();
        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(target.requests.get()).isEqualTo(requests);
        List<ForwardingEndpoints.DeadLetter> dead = lrs.forwarding.deadLetters("univ-a", endpoint.id());
        assertThat(dead).extracting(ForwardingEndpoints.DeadLetter::statementId).containsExactly(late1, late2);
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).startsWith("500");
            assertThat(d.actor()).isEqualTo("account=https://univ.example ada");
        });
        assertThat(lrs.forwarding.get("univ-a", endpoint.id()).deadLetters()).isEqualTo(2);

        // 5. Replayed once the target is back: delivered, in order, and the list is empty.
        target.mode = Mode.OK;
        assertThat(lrs.forwarding.replay("univ-a", endpoint.id(), List.of(dead.get(0).id()))).isEqualTo(1);
        assertThat(lrs.forwarding.replay("univ-a", endpoint.id(), null)).isEqualTo(1);
        assertThat(deliverUntilQuiet(lrs)).isEqualTo(2);
        assertThat(target.byLearner().get("ada")).endsWith(late1, late2);
        assertThat(lrs.forwarding.deadLetters("univ-a", endpoint.id())).isEmpty();
    }

    @Test
    void a_refused_statement_waits_alone_while_later_statements_of_its_learner_wait_behind_it() throws Exception {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        lrs.delivery.batchSize = 10;
        LrsCaller a = caller(lrs, "univ-a");
        lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings("Consortium", target.url(), "fwd-key",
                "fwd-secret", "1.0.3", null, null, null), "admin-a");
        // A statement the target refuses (400) stands for any statement a target will not take.
        ObjectNode refused = statement(null, "ada", "experienced", "https://manabi.example/refused");
        lrs.ledger.store(a, List.of(statement(null, "ada", "experienced", "https://manabi.example/video/0")),
                List.of());
        lrs.ledger.store(a, List.of(statement(null, "bo", "experienced", "https://manabi.example/video/0")),
                List.of());
        lrs.ledger.store(a, List.of(refused), List.of());
        lrs.ledger.store(a, List.of(statement(null, "ada", "completed", "https://manabi.example/video/2")),
                List.of());
        lrs.ledger.store(a, List.of(statement(null, "bo", "completed", "https://manabi.example/video/2")),
                List.of());

        assertThat(deliverUntilQuiet(lrs)).isEqualTo(3);
        Map<String, List<String>> arrived = target.byLearner();
        assertThat(arrived.get("bo")).hasSize(2);
        assertThat(arrived.get("ada")).hasSize(1); // ada's third waits behind her refused second
        assertThat(ForwardingOutboxTest.outbox(ds(lrs))).hasSize(2);
    }

    @Test
    void a_different_statement_under_the_same_id_at_the_target_is_not_taken_for_delivered() throws Exception {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        LrsCaller a = caller(lrs, "univ-a");
        ForwardingEndpoints.Endpoint endpoint = lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings(
                "Consortium", target.url(), "fwd-key", "fwd-secret", "2.0.0", null, null, null), "admin-a");
        String id = UUID.randomUUID().toString();
        lrs.ledger.store(a, List.of(statement(id, "ada", "experienced", "https://manabi.example/video/0")),
                List.of());
        // The target holds other content under that id: it answers 409 (2.0 Part Three 2.1.2).
        target.lrs.ledger.store(target.caller, List.of(statement(id, "ada", "attempted",
                "https://elsewhere.example/1")), List.of());

        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(ForwardingOutboxTest.outbox(ds(lrs))).hasSize(1);
        assertThat(lrs.forwarding.get("univ-a", endpoint.id()).pending()).isEqualTo(1);
    }

    @Test
    void wrong_credentials_back_the_endpoint_off_instead_of_dead_lettering_statements() throws Exception {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        lrs.delivery.maxAttempts = 1;
        LrsCaller a = caller(lrs, "univ-a");
        ForwardingEndpoints.Endpoint endpoint = lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings(
                "Consortium", target.url(), "fwd-key", "rotated", "2.0.0", null, null, null), "admin-a");
        lrs.ledger.store(a, List.of(statement(null, "ada", "experienced", "https://manabi.example/video/0")),
                List.of());

        assertThat(lrs.delivery.deliverDue()).isZero();
        List<ForwardingEndpoints.DeadLetter> dead = lrs.forwarding.deadLetters("univ-a", endpoint.id());
        // With one attempt allowed the statement ends as a dead letter, but the reason names the endpoint, not it.
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.lastError())
                .startsWith("401").contains("check the endpoint's URL and credentials"));
    }

    @Test
    void endpoints_on_the_servers_own_network_are_refused_unless_the_operator_allows_them() throws Exception {
        TestLrs lrs = new TestLrs(TestDatabases.h2());
        lrs.forwarding.allowInternal = false;
        for (String url : List.of("http://127.0.0.1:8080/xapi/", "http://localhost/xapi/",
                "http://169.254.169.254/latest/", "http://10.1.2.3/xapi/", "http://192.168.0.10/xapi/",
                "http://[::1]/xapi/", "http://[fd00::1]/xapi/")) {
            assertThatThrownBy(() -> lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings("Inside", url,
                    "k", "s", "2.0.0", null, null, null), "admin-a"))
                    .as(url).isInstanceOfSatisfying(dev.manabi.api.PlayerException.class,
                            e -> assertThat(e.code()).isEqualTo("forwarding-url-internal"));
        }
        assertThat(lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings("Outside",
                "https://203.0.113.7/xapi/", "k", "s", "2.0.0", null, null, null), "admin-a").url())
                .isEqualTo("https://203.0.113.7/xapi/");
        // Delivery checks again on the resolved address (a name may point inside later).
        lrs.delivery.allowInternal = false;
        lrs.forwarding.allowInternal = true;
        ForwardingEndpoints.Endpoint inside = lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings(
                "Inside", target.url(), "fwd-key", "fwd-secret", "2.0.0", null, null, null), "admin-a");
        lrs.ledger.store(caller(lrs, "univ-a"), List.of(statement(null, "ada", "experienced",
                "https://manabi.example/video/0")), List.of());
        int before = target.requests.get();
        assertThat(lrs.delivery.deliverDue()).isZero();
        assertThat(target.requests.get()).isEqualTo(before);
        assertThat(lrs.forwarding.get("univ-a", inside.id()).pending()).isEqualTo(1);
    }

    private static DataSource ds(TestLrs lrs) {
        return lrs.ledger.database.ready();
    }

    @Test
    void statements_are_sent_without_what_the_target_sets_and_downgraded_for_a_1_0_3_target() throws Exception {
        ObjectNode stored = (ObjectNode) JSON.readTree("""
                {"id":"6fbd600f-d17c-4c74-801a-2ec2e53231c7","version":"2.0.0","stored":"2026-03-01T00:00:00.000Z",
                 "authority":{"account":{"homePage":"urn:manabi:lrs:credential","name":"k"}},
                 "actor":{"mbox":"mailto:ada@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},
                 "object":{"id":"https://manabi.example/quiz/1"},
                 "context":{"contextAgents":[{"objectType":"contextAgent","agent":{"mbox":"mailto:t@example.org"}}],
                            "registration":"6fbd600f-d17c-4c74-801a-2ec2e53231c8"}}""");
        ObjectNode two = ForwardingDelivery.outgoing(stored, "2.0.0");
        assertThat(two.has("stored")).isFalse();
        assertThat(two.has("authority")).isFalse();
        assertThat(two.at("/context/contextAgents").size()).isEqualTo(1);
        ObjectNode one = ForwardingDelivery.outgoing(stored, "1.0.3");
        assertThat(one.get("version").asText()).isEqualTo("1.0.0");
        assertThat(one.path("context").has("contextAgents")).isFalse();
        assertThat(one.at("/context/registration").asText()).endsWith("c8");
        new StatementValidator(XapiVersion.V1_0_3).validate(one);
        assertThat(stored.has("stored")).isTrue(); // the stored statement is left alone
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statements_with_attachments_travel_as_multipart_with_their_parts(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller a = caller(lrs, "univ-a");
        lrs.forwarding.create("univ-a", new ForwardingEndpoints.Settings("Consortium", target.url(), "fwd-key",
                "fwd-secret", "2.0.0", null, null, null), "admin-a");
        byte[] certificate = "Certificate of completion: ada".getBytes(StandardCharsets.UTF_8);
        String sha2 = Digests.sha2(certificate, 64);
        ObjectNode withAttachment = statement(UUID.randomUUID().toString(), "ada", "completed",
                "https://manabi.example/course/1");
        withAttachment.set("attachments", JSON.readTree(("[{\"usageType\":"
                + "\"http://id.tincanapi.com/attachment/certificate_of_completion\",\"display\":{\"en\":\"Certificate\"},"
                + "\"contentType\":\"text/plain\",\"length\":%d,\"sha2\":\"%s\"}]")
                .formatted(certificate.length, sha2)));
        // In one batch with a statement the target refuses: the batch (multipart) gets 400, then each statement
        // goes alone (PUT, multipart for the one with the attachment).
        lrs.ledger.store(a, List.of(withAttachment, statement(null, "bo", "experienced",
                "https://manabi.example/refused")), List.of(new StatementLedger.Attachment(sha2, "text/plain",
                certificate)));
        ObjectNode alone = statement(UUID.randomUUID().toString(), "cy", "completed", "https://manabi.example/c/2");
        alone.set("attachments", withAttachment.get("attachments"));
        lrs.ledger.store(a, List.of(alone), List.of());

        lrs.delivery.deliverDue();
        assertThat(target.byLearner()).containsOnlyKeys("ada", "cy");
        assertThat(target.lrs.ledger.attachments(target.caller, List.of(sha2)).get(sha2).content())
                .isEqualTo(certificate);
    }

    @Test
    void backoff_doubles_with_jitter_from_the_stored_seed_and_is_capped() {
        ForwardingDelivery d = new ForwardingDelivery();
        d.firstRetryMillis = 1000;
        d.maxRetryMillis = 60_000;
        for (int attempt = 1; attempt <= 12; attempt++) {
            long ceiling = Math.min(1000L << (attempt - 1), 60_000);
            Duration wait = d.backoff(42, 7, attempt);
            assertThat(wait.toMillis()).isBetween(ceiling / 2, ceiling);
            assertThat(d.backoff(42, 7, attempt)).isEqualTo(wait); // reproducible from the seed
        }
        assertThat(d.backoff(42, 7, 3)).isNotEqualTo(d.backoff(43, 7, 3));
    }
}
