package dev.manabi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.Formats;
import dev.manabi.xapi.LanguageMaps;
import dev.manabi.xapi.SignedStatements;
import dev.manabi.xapi.StatementValidator;
import dev.manabi.xapi.Statements;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Statement Resource (xAPI 2.0 Part Three 2.1 / 1.0.3 Communication 2.1): PUT one statement by id, POST one or
 * a batch, GET one by id or a filtered, paged list.
 */
@Path("/statements")
@RequestScoped
public class StatementsResource {

    /** Most statements one page holds; {@code limit=0} means this many (2.0 Part Three 2.1.3 "limit"). */
    static final int PAGE_LIMIT = 200;

    private static final Set<String> QUERY_PARAMETERS = Set.of("agent", "verb", "activity", "registration",
            "related_activities", "related_agents", "since", "until", "limit", "format", "attachments", "ascending");
    private static final Set<String> SINGLE_PARAMETERS = Set.of("statementId", "voidedStatementId", "format",
            "attachments");

    /** The cursor's entry in a {@code more} token (no query parameter has this name). */
    private static final String CURSOR = "~cursor";

    @Inject
    StatementLedger ledger;

    /** Carries what {@link LrsRequestFilter} found (JAX-RS request properties are servlet request attributes). */
    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @PUT
    @Consumes("*/*")
    public Response put(byte[] body) {
        MultivaluedMap<String, String> q = parameters(Set.of("statementId"));
        String id = q.getFirst("statementId");
        if (id == null) {
            throw XapiException.badRequest("missing-parameter", "PUT statements needs a statementId parameter");
        }
        if (!Formats.isUuid(id)) {
            throw XapiException.badRequest("invalid-parameter", "statementId must be a UUID");
        }
        Incoming in = incoming(body);
        if (in.statements().size() != 1 || in.batch()) {
            throw XapiException.badRequest("invalid-statement", "PUT statements takes exactly one statement");
        }
        ObjectNode s = in.statements().get(0);
        if (s.has("id") && !s.get("id").asText().equalsIgnoreCase(id)) {
            throw XapiException.badRequest("invalid-statement", "The statement's id differs from statementId");
        }
        s.put("id", id);
        SessionScope.checkWrite(caller(), in.statements());
        ledger.store(caller(), in.statements(), in.attachments());
        return Response.noContent().build();
    }

    @POST
    @Consumes("*/*")
    public Response post(byte[] body) {
        parameters(Set.of());
        Incoming in = incoming(body);
        SessionScope.checkWrite(caller(), in.statements());
        List<String> ids = ledger.store(caller(), in.statements(), in.attachments());
        return Response.ok(LrsJson.write(ids), LrsMediaTypes.JSON).build();
    }

    @GET
    public Response get() {
        MultivaluedMap<String, String> all = uri.getQueryParameters();
        LrsCaller caller = caller();
        Instant consistent = ledger.consistentThrough();
        if (all.containsKey("statementId") || all.containsKey("voidedStatementId")) {
            return single(caller, consistent);
        }
        Map<String, String> params;
        long cursor = 0;
        if (all.containsKey("more")) {
            if (all.size() != 1) {
                throw XapiException.badRequest("invalid-parameter", "'more' stands alone");
            }
            Map<String, String> state = decodeMore(all.getFirst("more"));
            try {
                cursor = Long.parseLong(state.remove(CURSOR));
            } catch (NumberFormatException e) {
                throw XapiException.badRequest("invalid-parameter", "'more' is not a link this LRS gave out");
            }
            params = state;
        } else {
            params = new LinkedHashMap<>();
            parameters(QUERY_PARAMETERS).forEach((k, v) -> params.put(k, v.get(0)));
        }
        // Also for a 'more' link: it is only Base64 of the query, which a caller could write with any registration.
        String registration = SessionScope.queryRegistration(caller, params.get("registration"));
        if (registration != null) {
            params.put("registration", registration);
        }
        StatementLedger.Query query = query(params, cursor);
        Statements.Format format = Statements.Format.of(params.get("format"));
        boolean withAttachments = bool(params, "attachments");
        StatementLedger.Page found = ledger.query(caller, query);
        StatementLedger.Page page = new StatementLedger.Page(found.statements().stream()
                .filter(s -> SessionScope.sees(caller, s)).toList(), found.next());
        List<Locale.LanguageRange> languages = LanguageMaps.ranges(headers.getHeaderString("Accept-Language"));
        ObjectNode result = LrsJson.mapper().createObjectNode();
        ArrayNode list = result.putArray("statements");
        page.statements().forEach(s -> list.add(Statements.format(s, format, languages)));
        String more = "";
        if (page.next() != null) {
            Map<String, String> state = new LinkedHashMap<>(params);
            state.put(CURSOR, Long.toString(page.next()));
            more = uri.getBaseUri().getPath().replaceAll("/+$", "") + "/statements?more=" + encodeMore(state);
        }
        result.put("more", more);
        return answer(result, page.statements(), withAttachments, caller)
                .header(LrsResponseFilter.CONSISTENT_THROUGH, time(consistent)).build();
    }

    private Response single(LrsCaller caller, Instant consistent) {
        MultivaluedMap<String, String> q = parameters(SINGLE_PARAMETERS);
        if (q.containsKey("statementId") && q.containsKey("voidedStatementId")) {
            throw XapiException.badRequest("invalid-parameter", "Use statementId or voidedStatementId, not both");
        }
        boolean voided = q.containsKey("voidedStatementId");
        String id = q.getFirst(voided ? "voidedStatementId" : "statementId");
        if (!Formats.isUuid(id)) {
            throw XapiException.badRequest("invalid-parameter", (voided ? "voidedStatementId" : "statementId")
                    + " must be a UUID");
        }
        Map<String, String> params = new HashMap<>();
        q.forEach((k, v) -> params.put(k, v.get(0)));
        Statements.Format format = Statements.Format.of(params.get("format"));
        boolean withAttachments = bool(params, "attachments");
        StatementLedger.Found found = ledger.find(caller, id, voided)
                .filter(f -> SessionScope.sees(caller, f.statement()))
                .orElseThrow(() -> new XapiException(404, "not-found", "No such statement"));
        ObjectNode s = Statements.format(found.statement(), format,
                LanguageMaps.ranges(headers.getHeaderString("Accept-Language")));
        return answer(s, List.of(found.statement()), withAttachments, caller)
                .header(LrsResponseFilter.CONSISTENT_THROUGH, time(consistent))
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(found.stored().atOffset(ZoneOffset.UTC)))
                .build();
    }

    private Response.ResponseBuilder answer(JsonNode json, List<ObjectNode> statements, boolean withAttachments,
                                            LrsCaller caller) {
        if (!withAttachments) {
            return Response.ok(json.toString(), LrsMediaTypes.JSON);
        }
        Set<String> sha2s = new LinkedHashSet<>();
        statements.forEach(s -> s.path("attachments").forEach(a -> sha2s.add(a.path("sha2").asText())));
        List<StatementLedger.Attachment> parts = StatementLedger.asDeclared(statements,
                ledger.attachments(caller, sha2s));
        Multipart.Written written = Multipart.write(json.toString(), parts);
        return Response.ok(written.body(), written.contentType());
    }

    private StatementLedger.Query query(Map<String, String> p, long cursor) {
        AgentIdentity agent = p.containsKey("agent")
                ? AgentIdentity.ofParameter("agent", LrsJson.read(p.get("agent"), "agent")) : null;
        String verb = p.get("verb");
        if (verb != null && !Formats.isIri(verb)) {
            throw XapiException.badRequest("invalid-parameter", "verb must be an IRI");
        }
        String activity = p.get("activity");
        if (activity != null && !Formats.isIri(activity)) {
            throw XapiException.badRequest("invalid-parameter", "activity must be an IRI");
        }
        String registration = p.get("registration");
        if (registration != null && !Formats.isUuid(registration)) {
            throw XapiException.badRequest("invalid-parameter", "registration must be a UUID");
        }
        int limit = PAGE_LIMIT;
        if (p.containsKey("limit")) {
            try {
                limit = Integer.parseInt(p.get("limit"));
            } catch (NumberFormatException e) {
                throw XapiException.badRequest("invalid-parameter", "limit must be a whole number");
            }
            if (limit < 0) {
                throw XapiException.badRequest("invalid-parameter", "limit must not be negative");
            }
            limit = limit == 0 ? PAGE_LIMIT : Math.min(limit, PAGE_LIMIT);
        }
        return new StatementLedger.Query(agent, verb, activity, registration, bool(p, "related_activities"),
                bool(p, "related_agents"), instant(p, "since"), instant(p, "until"), limit, bool(p, "ascending"), cursor);
    }

    private static Instant instant(Map<String, String> p, String name) {
        if (!p.containsKey(name)) {
            return null;
        }
        OffsetDateTime t = Formats.parseTimestamp(p.get(name));
        if (t == null) {
            throw XapiException.badRequest("invalid-parameter", name + " must be an ISO 8601 timestamp");
        }
        return t.toInstant();
    }

    private static boolean bool(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return false;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw XapiException.badRequest("invalid-parameter", name + " must be true or false");
        }
        return v.equals("true");
    }

    /** The query parameters, 400 for any this call does not know (2.0 Part Three 2.1.1). */
    private MultivaluedMap<String, String> parameters(Set<String> allowed) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        for (String name : q.keySet()) {
            if (!allowed.contains(name)) {
                throw XapiException.badRequest("unknown-parameter", "Unknown or misplaced parameter '" + name + "'");
            }
            if (q.get(name).size() > 1) {
                throw XapiException.badRequest("invalid-parameter", "Parameter '" + name + "' is given twice");
            }
        }
        return q;
    }

    /** Statements and attachment parts of a PUT or POST body. */
    private record Incoming(List<ObjectNode> statements, boolean batch, List<StatementLedger.Attachment> attachments) {
    }

    private Incoming incoming(byte[] body) {
        String contentType = headers.getHeaderString("Content-Type");
        String essence = LrsMediaTypes.essence(contentType);
        byte[] json;
        List<Multipart.Part> parts = List.of();
        boolean multipart = essence.equals(LrsMediaTypes.MULTIPART_MIXED);
        if (multipart) {
            List<Multipart.Part> all = Multipart.parse(contentType, body);
            if (all.isEmpty() || !LrsMediaTypes.isJson(all.get(0).header("Content-Type"))) {
                throw XapiException.badRequest("malformed-multipart", "The first part must be the statements as"
                        + " application/json");
            }
            json = all.get(0).content();
            parts = all.subList(1, all.size());
        } else if (LrsMediaTypes.isJson(contentType)) {
            json = body;
        } else {
            throw XapiException.badRequest("unsupported-content-type", "Statements are sent as application/json or"
                    + " multipart/mixed");
        }
        JsonNode parsed = LrsJson.read(json, "The statement body");
        List<ObjectNode> statements = new ArrayList<>();
        boolean batch = parsed.isArray();
        for (JsonNode n : batch ? parsed : List.of(parsed)) {
            if (!(n instanceof ObjectNode o)) {
                throw XapiException.badRequest("invalid-statement", "A statement must be a JSON object");
            }
            statements.add(o);
        }
        if (statements.isEmpty()) {
            throw XapiException.badRequest("invalid-statement", "The batch is empty");
        }
        StatementValidator validator = new StatementValidator(version());
        statements.forEach(validator::validate);
        return new Incoming(statements, batch, attachments(statements, parts, multipart));
    }

    /**
     * Matches attachment parts to the statements' attachment declarations (2.0 Part Three 2.1.1 "Attachments"): every
     * declaration without a fileUrl needs its part, every part a declaration, each part's bytes the SHA-2 it claims;
     * signatures are checked (2.0 Part Two 2.6).
     */
    private List<StatementLedger.Attachment> attachments(List<ObjectNode> statements, List<Multipart.Part> parts,
                                                         boolean multipart) {
        Map<String, StatementLedger.Attachment> received = new LinkedHashMap<>();
        for (Multipart.Part p : parts) {
            String hash = p.header("X-Experience-API-Hash");
            if (hash == null || hash.isBlank()) {
                throw XapiException.badRequest("invalid-attachment", "Every attachment part needs an"
                        + " X-Experience-API-Hash header");
            }
            String encoding = p.header("Content-Transfer-Encoding");
            if ((encoding != null || version() == XapiVersion.V1_0_3) && !"binary".equalsIgnoreCase(encoding)) {
                throw XapiException.badRequest("invalid-attachment", "Attachment parts need Content-Transfer-Encoding:"
                        + " binary (1.0.3 Data 2.4.11)");
            }
            if (!hash.equalsIgnoreCase(Digests.sha2(p.content(), hash.length()))) {
                throw XapiException.badRequest("invalid-attachment", "An attachment's bytes do not match its"
                        + " X-Experience-API-Hash");
            }
            String type = p.header("Content-Type") == null ? LrsMediaTypes.OCTETS : p.header("Content-Type");
            received.put(hash.toLowerCase(Locale.ROOT), new StatementLedger.Attachment(hash.toLowerCase(Locale.ROOT),
                    type, p.content()));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (ObjectNode s : statements) {
            for (JsonNode a : s.path("attachments")) {
                String sha2 = a.path("sha2").asText().toLowerCase(Locale.ROOT);
                declared.add(sha2);
                if (!a.has("fileUrl") && !received.containsKey(sha2)) {
                    throw XapiException.badRequest("missing-attachment", multipart
                            ? "No part carries the attachment with sha2 " + sha2
                            : "Attachments without fileUrl are sent as multipart/mixed");
                }
            }
            JsonNode signature = SignedStatements.signatureAttachment(s);
            if (signature != null) {
                StatementLedger.Attachment jws = received.get(signature.path("sha2").asText().toLowerCase(Locale.ROOT));
                if (jws == null) {
                    throw XapiException.badRequest("invalid-signature", "The signature attachment is missing");
                }
                SignedStatements.verify(s, jws.content());
            }
        }
        for (String sha2 : received.keySet()) {
            if (!declared.contains(sha2)) {
                throw XapiException.badRequest("invalid-attachment", "Part " + sha2 + " matches no declared attachment");
            }
        }
        return List.copyOf(received.values());
    }


    private LrsCaller caller() {
        return (LrsCaller) request.getAttribute(LrsRequestFilter.CALLER);
    }

    private XapiVersion version() {
        return (XapiVersion) request.getAttribute(LrsRequestFilter.VERSION);
    }

    private static String time(Instant t) {
        return Formats.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String encodeMore(Map<String, String> state) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(LrsJson.write(state).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> decodeMore(String token) {
        try {
            JsonNode n = LrsJson.read(Base64.getUrlDecoder().decode(token), "more");
            Map<String, String> state = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> state.put(e.getKey(), e.getValue().asText()));
            if (!state.containsKey(CURSOR)) {
                throw new IllegalArgumentException();
            }
            return state;
        } catch (IllegalArgumentException e) {
            throw XapiException.badRequest("invalid-parameter", "'more' is not a link this LRS gave out");
        }
    }
}
