package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the forwarding outbox to the institutions' external LRSs (issue 13 "Forwarding"): at least once, in order per
 * learner, in batches (xAPI 2.0 Part Three 2.1.2 POST of an array), keeping the statement ids so that the target
 * stores each statement once however often it is sent (Part Three 2.1.2: a known id with the same statement is
 * accepted, not stored again).
 *
 * <p>A batch the target refuses (4xx) is sent again one statement at a time with {@code PUT ?statementId=}, so one bad
 * statement does not hold the others back, and a 409 for a single statement ("already have that id") counts as
 * delivered. A target that fails (5xx, 408, 429, a timeout, no connection) gets the batch again after an exponential
 * backoff with jitter drawn from the endpoint's stored seed; after {@link #maxAttempts} the item becomes a dead letter.
 * Time comes from {@link LrsClock}; {@link #deliverDue()} is one pass, driven by {@link ForwardingWorker}.
 */
@ApplicationScoped
public class ForwardingDelivery {

    private static final Logger LOG = Logger.getLogger(ForwardingDelivery.class.getName());
    /** Batches one endpoint gets per pass, so that one busy endpoint does not hold the others up. */
    private static final int BATCHES_PER_PASS = 20;

    @Inject
    Database database;

    @Inject
    LrsClock clock;

    @Inject
    ForwardingSecrets secrets;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.batch-size", defaultValue = "50")
    int batchSize = 50;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.max-attempts", defaultValue = "10")
    int maxAttempts = 10;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.first-retry-millis", defaultValue = "2000")
    long firstRetryMillis = 2000;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.max-retry-millis", defaultValue = "3600000")
    long maxRetryMillis = 3_600_000;

    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.timeout-millis", defaultValue = "10000")
    long timeoutMillis = 10_000;

    /** This server's name in the endpoints' delivery leases. */
    @Inject
    @ConfigProperty(name = "manabi.lrs.forwarding.allow-internal-addresses", defaultValue = "false")
    boolean allowInternal;

    private final String owner = UUID.randomUUID().toString();
    private volatile HttpClient http;

    private enum Outcome { DELIVERED, REFUSED, UNAVAILABLE }

    private record Answer(Outcome outcome, String message) {
    }

    /** One pass over every endpoint with due items; answers how many statements were delivered. */
    public int deliverDue() {
        secrets.sealStoredInClear();
        List<String> endpoints = Sql.inTransaction(ds(), c -> ForwardingOutbox.endpointsWithDueItems(c, clock.now()));
        int delivered = 0;
        for (String endpoint : endpoints) {
            delivered += deliverEndpoint(endpoint);
        }
        return delivered;
    }

    private int deliverEndpoint(String endpointId) {
        Duration lease = Duration.ofMillis(2 * timeoutMillis).plusSeconds(30);
        int delivered = 0;
        try {
            for (int batch = 0; batch < BATCHES_PER_PASS; batch++) {
                Instant now = clock.now();
                Optional<ForwardingOutbox.Target> target = Sql.inTransaction(ds(), c ->
                        ForwardingOutbox.lease(c, endpointId, owner, now, now.plus(lease))
                                ? ForwardingEndpoints.target(c, endpointId, secrets) : Optional.empty());
                if (target.isEmpty() || !target.get().enabled()) {
                    break;
                }
                List<ForwardingOutbox.Item> items = Sql.inTransaction(ds(), c ->
                        ForwardingOutbox.due(c, endpointId, now, batchSize));
                if (items.isEmpty()) {
                    break;
                }
                int sent = send(target.get(), items);
                delivered += Math.max(sent, 0);
                if (sent < items.size()) {
                    break; // the target is failing: leave the rest for a later pass
                }
            }
        } catch (ForwardingSecrets.Unreadable e) {
            // Not the target's fault: nothing is attempted, so no item moves towards the dead letters meanwhile.
            LOG.warning("LRS forwarding: endpoint " + endpointId + " skipped: " + e.getMessage());
        } finally {
            Sql.inTransaction(ds(), c -> {
                ForwardingOutbox.release(c, endpointId, owner);
                return null;
            });
        }
        return delivered;
    }

    /** Sends one batch; answers how many of its items were delivered. */
    private int send(ForwardingOutbox.Target target, List<ForwardingOutbox.Item> items) {
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        List<ObjectNode> sent = new ArrayList<>();
        items.forEach(i -> sent.add(outgoing(i.statement(), target.xapiVersion())));
        batch.addAll(sent);
        Answer answer = exchange(target, "POST", "statements", body(target, sent, batch.toString()));
        if (answer.outcome() == Outcome.DELIVERED) {
            record(target, items, List.of(), null);
            return items.size();
        }
        if (answer.outcome() == Outcome.UNAVAILABLE || items.size() == 1 && answer.outcome() == Outcome.REFUSED) {
            record(target, List.of(), items, answer.message());
            return 0;
        }
        // Refused as a whole (400, 409, ...): one at a time, so that only the statement at fault stays behind.
        List<ForwardingOutbox.Item> delivered = new ArrayList<>();
        Set<String> held = new HashSet<>();
        int count = 0;
        for (ForwardingOutbox.Item item : items) {
            if (held.contains(item.actorKey())) {
                continue; // behind this learner's failed statement: it waits for that one's retry
            }
            String id = item.statement().path("id").asText();
            ObjectNode out = outgoing(item.statement(), target.xapiVersion());
            Answer one = exchange(target, "PUT", "statements?statementId=" + URLEncoder.encode(id,
                    StandardCharsets.UTF_8), body(target, List.of(out), out.toString()));
            // A 409 means the target holds a different statement under this id (2.0 Part Three 2.1.2: the same one
            // is answered 204), so this one was not stored there: it stays behind like any refusal.
            if (one.outcome() == Outcome.DELIVERED) {
                delivered.add(item);
                count++;
            } else {
                record(target, delivered, List.of(item), one.message());
                delivered.clear();
                held.add(item.actorKey());
                if (one.outcome() == Outcome.UNAVAILABLE) {
                    return count; // the rest stays due, untouched
                }
            }
        }
        record(target, delivered, List.of(), null);
        return count;
    }

    private void record(ForwardingOutbox.Target target, List<ForwardingOutbox.Item> delivered,
                        List<ForwardingOutbox.Item> failed, String error) {
        Instant now = clock.now();
        Sql.inTransaction(ds(), c -> {
            ForwardingOutbox.delivered(c, delivered);
            for (ForwardingOutbox.Item item : failed) {
                int attempt = item.attempts() + 1;
                Instant retry = attempt >= maxAttempts ? null
                        : now.plus(backoff(target.jitterSeed(), item.seq(), attempt));
                ForwardingOutbox.failed(c, item, error, retry, now);
            }
            return null;
        });
    }

    /**
     * The wait before attempt {@code attempt + 1}: {@code first-retry * 2^(attempt-1)}, capped, of which a random half
     * ("equal jitter") so that a target coming back is not hit by every waiting server at once. The randomness is a
     * function of the endpoint's stored seed, the item and the attempt: the schedule can be replayed exactly.
     */
    Duration backoff(long seed, long itemSeq, int attempt) {
        long exponential = firstRetryMillis << Math.min(attempt - 1, 30);
        long capped = exponential <= 0 || exponential > maxRetryMillis ? maxRetryMillis : exponential;
        double r = new SplittableRandom(seed ^ (itemSeq * 0x9E3779B97F4A7C15L) ^ attempt).nextDouble();
        return Duration.ofMillis(capped / 2 + (long) (r * (capped / 2.0)));
    }

    /**
     * The statement as the target gets it: without {@code stored} and {@code authority}, which the target sets itself
     * from its own clock and from the credential used (2.0 Part Two 2.4.8 / 2.4.9); for a 1.0.3 target without the
     * 2.0-only context properties and with a 1.0 version (1.0.3 2.4.10: the LRS rejects other versions).
     */
    static ObjectNode outgoing(ObjectNode stored, String xapiVersion) {
        ObjectNode s = stored.deepCopy();
        s.remove("stored");
        s.remove("authority");
        if ("1.0.3".equals(xapiVersion)) {
            if (!s.path("version").asText("1.0.0").startsWith("1.0")) {
                s.put("version", "1.0.0");
            }
            withoutContextAgents(s);
            JsonNode object = s.path("object");
            if (object instanceof ObjectNode sub && "SubStatement".equals(sub.path("objectType").asText())) {
                withoutContextAgents(sub);
            }
        }
        return s;
    }

    private static void withoutContextAgents(ObjectNode statement) {
        if (statement.get("context") instanceof ObjectNode context) {
            context.remove("contextAgents");
            context.remove("contextGroups");
        }
    }

    /** A request body and its media type. */
    private record Body(String contentType, byte[] bytes) {
    }

    /**
     * The statements as the request body: JSON, or multipart/mixed with one part per attachment held here when they
     * declare attachments (2.0 Part Three 1.5.2, 1.0.3 Data 2.4.11: an attachment without {@code fileUrl} travels as
     * a part with its {@code X-Experience-API-Hash} and, for 1.0.3, {@code Content-Transfer-Encoding: binary}, which
     * {@link Multipart#write} sets for both).
     */
    private Body body(ForwardingOutbox.Target target, List<ObjectNode> statements, String json) {
        Set<String> sha2s = new LinkedHashSet<>();
        statements.forEach(s -> s.path("attachments").forEach(a -> sha2s.add(a.path("sha2").asText()
                .toLowerCase(Locale.ROOT))));
        Map<String, StatementLedger.Attachment> held = sha2s.isEmpty() ? Map.of()
                : Sql.inTransaction(ds(), c -> StatementLedger.Store.attachments(c, target.tenantId(), sha2s));
        if (held.isEmpty()) {
            return new Body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }
        Multipart.Written written = Multipart.write(json, StatementLedger.asDeclared(statements, held));
        return new Body(written.contentType(), written.body());
    }

    private Answer exchange(ForwardingOutbox.Target target, String method, String resource, Body body) {
        if (!allowInternal) {
            java.util.Optional<String> internal = ForwardingAddresses.internal(URI.create(target.url()).getHost());
            if (internal.isPresent()) {
                return new Answer(Outcome.UNAVAILABLE, "not sent: " + internal.get());
            }
        }
        String basic = Base64.getEncoder().encodeToString((target.key() + ":" + target.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url() + resource))
                .timeout(Duration.ofMillis(timeoutMillis))
                .header("Authorization", "Basic " + basic)
                .header("X-Experience-API-Version", target.xapiVersion())
                .header("Content-Type", body.contentType())
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        try {
            HttpResponse<String> r = http().send(request, HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            // Only an LRS's own error text is kept (it is shown to admins in the dead-letter list), never a page.
            String type = r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
            String message = status + (type.startsWith("application/json") || type.startsWith("text/plain")
                    ? " " + abbreviate(r.body()) : "");
            if (status >= 200 && status < 300) {
                return new Answer(Outcome.DELIVERED, message);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return new Answer(Outcome.UNAVAILABLE, message);
            }
            if (status == 401 || status == 403 || status == 404 || status == 405) {
                // The endpoint's credentials or URL are wrong (rotated secret, moved LRS): no statement is at fault,
                // so the endpoint backs off like an unavailable one instead of dead-lettering every learner's head.
                return new Answer(Outcome.UNAVAILABLE, message + " (check the endpoint's URL and credentials)");
            }
            return new Answer(Outcome.REFUSED, message);
        } catch (HttpTimeoutException e) {
            return new Answer(Outcome.UNAVAILABLE, "timeout after " + timeoutMillis + " ms");
        } catch (IOException e) {
            return new Answer(Outcome.UNAVAILABLE, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.UNAVAILABLE, "interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Forwarding to " + target.url() + " failed", e);
            return new Answer(Outcome.UNAVAILABLE, "failed: " + e);
        }
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }

    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            // HTTP/1.1: no h2c upgrade attempt on plain http, which some servers mishandle on a request with a body.
            c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(timeoutMillis))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            http = c;
        }
        return c;
    }

    private DataSource ds() {
        return database.ready();
    }
}
