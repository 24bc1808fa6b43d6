package dev.manabi.lrs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.Formats;
import dev.manabi.xapi.XapiException;
import dev.manabi.xapi.XapiVersion;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.Set;

/**
 * The document resources and the two lookups beside them (xAPI 2.0 Part Three 2.3 - 2.7 / 1.0.3 Communication
 * 2.3 - 2.7): {@code activities/state}, {@code activities/profile}, {@code agents/profile}, {@code activities}
 * and {@code agents}.
 */
@Path("/")
@RequestScoped
public class DocumentsResource {

    @Inject
    DocumentStore documents;

    @Inject
    StatementLedger ledger;

    /** Carries what {@link LrsRequestFilter} found (JAX-RS request properties are servlet request attributes). */
    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    // ---- activities/state (2.0 Part Three 2.3): activityId + agent (+ registration), stateId

    @GET
    @Path("activities/state")
    public Response getState() {
        return read(stateScope(false), "stateId");
    }

    @PUT
    @Path("activities/state")
    @Consumes("*/*")
    public Response putState(byte[] body) {
        return write(stateScope(false), "stateId", body, false);
    }

    @POST
    @Path("activities/state")
    @Consumes("*/*")
    public Response postState(byte[] body) {
        return write(stateScope(false), "stateId", body, true);
    }

    @DELETE
    @Path("activities/state")
    public Response deleteState() {
        return delete(stateScope(true), "stateId", true);
    }

    private DocumentStore.Scope stateScope(boolean deleting) {
        MultivaluedMap<String, String> q = parameters(deleting
                ? Set.of("activityId", "agent", "registration", "stateId")
                : Set.of("activityId", "agent", "registration", "stateId", "since"));
        String registration = q.getFirst("registration");
        if (registration != null && !Formats.isUuid(registration)) {
            throw XapiException.badRequest("invalid-parameter", "registration must be a UUID");
        }
        return new DocumentStore.Scope(DocumentStore.Kind.STATE, activityId(q), agent(q).key(),
                registration == null ? null : registration.toLowerCase(java.util.Locale.ROOT));
    }

    // ---- activities/profile (2.0 Part Three 2.7): activityId, profileId

    @GET
    @Path("activities/profile")
    public Response getActivityProfile() {
        return read(activityProfileScope(), "profileId");
    }

    @PUT
    @Path("activities/profile")
    @Consumes("*/*")
    public Response putActivityProfile(byte[] body) {
        return write(activityProfileScope(), "profileId", body, false);
    }

    @POST
    @Path("activities/profile")
    @Consumes("*/*")
    public Response postActivityProfile(byte[] body) {
        return write(activityProfileScope(), "profileId", body, true);
    }

    @DELETE
    @Path("activities/profile")
    public Response deleteActivityProfile() {
        return delete(activityProfileScope(), "profileId", false);
    }

    private DocumentStore.Scope activityProfileScope() {
        MultivaluedMap<String, String> q = parameters(Set.of("activityId", "profileId", "since"));
        return new DocumentStore.Scope(DocumentStore.Kind.ACTIVITY_PROFILE, activityId(q), null, null);
    }

    // ---- agents/profile (2.0 Part Three 2.6): agent, profileId

    @GET
    @Path("agents/profile")
    public Response getAgentProfile() {
        return read(agentProfileScope(), "profileId");
    }

    @PUT
    @Path("agents/profile")
    @Consumes("*/*")
    public Response putAgentProfile(byte[] body) {
        return write(agentProfileScope(), "profileId", body, false);
    }

    @POST
    @Path("agents/profile")
    @Consumes("*/*")
    public Response postAgentProfile(byte[] body) {
        return write(agentProfileScope(), "profileId", body, true);
    }

    @DELETE
    @Path("agents/profile")
    public Response deleteAgentProfile() {
        return delete(agentProfileScope(), "profileId", false);
    }

    private DocumentStore.Scope agentProfileScope() {
        MultivaluedMap<String, String> q = parameters(Set.of("agent", "profileId", "since"));
        return new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null, agent(q).key(), null);
    }

    // ---- activities (2.0 Part Three 2.5) and agents (2.4)

    /** The LRS's canonical definition of an activity; just its id when no statement defined it. */
    @GET
    @Path("activities")
    public Response activity() {
        MultivaluedMap<String, String> q = parameters(Set.of("activityId"));
        String id = activityId(q);
        ObjectNode activity = ledger.activity(caller(), id).orElseGet(() ->
                LrsJson.mapper().createObjectNode().put("objectType", "Activity").put("id", id));
        return Response.ok(activity.toString(), LrsMediaTypes.JSON).build();
    }

    /**
     * The Person object for an agent (2.0 Part Three 2.4): this LRS does not merge identities, so it lists the one
     * identifier asked for (and the name, if the agent parameter has one).
     */
    @GET
    @Path("agents")
    public Response person() {
        MultivaluedMap<String, String> q = parameters(Set.of("agent"));
        var agentJson = LrsJson.read(required(q, "agent"), "agent");
        AgentIdentity agent = AgentIdentity.ofParameter("agent", agentJson);
        SessionScope.checkAgent(caller(), agent);
        ObjectNode ifi = agent.toAgent("Agent");
        ObjectNode person = LrsJson.mapper().createObjectNode().put("objectType", "Person");
        if (agentJson.has("name")) {
            person.putArray("name").add(agentJson.get("name").asText());
        }
        ifi.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("objectType")) {
                person.putArray(e.getKey()).add(e.getValue());
            }
        });
        return Response.ok(person.toString(), LrsMediaTypes.JSON).build();
    }

    // ---- shared

    private Response read(DocumentStore.Scope scope, String idParameter) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String id = q.getFirst(idParameter);
        SessionScope.checkDocument(caller(), scope, id, false);
        if (id == null) {
            Instant since = null;
            if (q.containsKey("since")) {
                OffsetDateTime t = Formats.parseTimestamp(q.getFirst("since"));
                if (t == null) {
                    throw XapiException.badRequest("invalid-parameter", "since must be an ISO 8601 timestamp");
                }
                since = t.toInstant();
            }
            List<String> ids = documents.ids(caller().tenantId(), scope, since);
            ArrayNode list = LrsJson.mapper().createArrayNode();
            ids.forEach(list::add);
            String body = list.toString();
            return Response.ok(body, LrsMediaTypes.JSON)
                    .header("ETag", "\"" + Digests.sha1(body.getBytes(StandardCharsets.UTF_8)) + "\"").build();
        }
        if (q.containsKey("since")) {
            throw XapiException.badRequest("invalid-parameter", "since lists documents; it does not go with " + idParameter);
        }
        DocumentStore.Document d = documents.get(caller().tenantId(), scope, id)
                .orElseThrow(() -> new XapiException(404, "not-found", "No such document"));
        return Response.ok(d.content(), d.contentType())
                .header("ETag", "\"" + d.etag() + "\"")
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(d.updated().atOffset(ZoneOffset.UTC)))
                .build();
    }

    private Response write(DocumentStore.Scope scope, String idParameter, byte[] body, boolean merge) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        if (q.containsKey("since")) {
            throw XapiException.badRequest("invalid-parameter", "since is only for GET");
        }
        String id = required(q, idParameter);
        SessionScope.checkDocument(caller(), scope, id, true);
        String contentType = headers.getHeaderString("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            contentType = LrsMediaTypes.OCTETS;
        }
        if (LrsMediaTypes.isJson(contentType)) {
            LrsJson.read(body, "The JSON document"); // a document declared JSON must be JSON (2.0 Part Three 2.2)
        }
        // 1.0.3 asks for preconditions on the profile resources only; 2.0 on every document resource (4.1.4).
        boolean requirePrecondition = scope.kind() != DocumentStore.Kind.STATE
                || ((XapiVersion) request.getAttribute(LrsRequestFilter.VERSION)).atLeast2();
        DocumentStore.Document d = documents.put(caller().tenantId(), scope, id, contentType, body, merge,
                preconditions(), requirePrecondition);
        return Response.noContent().header("ETag", "\"" + d.etag() + "\"").build();
    }

    private Response delete(DocumentStore.Scope scope, String idParameter, boolean manyAllowed) {
        String id = uri.getQueryParameters().getFirst(idParameter);
        if (id == null && !manyAllowed) {
            throw XapiException.badRequest("missing-parameter", idParameter + " is required");
        }
        SessionScope.checkDocument(caller(), scope, id, true);
        documents.delete(caller().tenantId(), scope, id, preconditions(), SessionScope.keptStateIds(caller(), scope));
        return Response.noContent().build();
    }

    private DocumentStore.Preconditions preconditions() {
        return new DocumentStore.Preconditions(headers.getHeaderString("If-Match"),
                headers.getHeaderString("If-None-Match"));
    }

    private String activityId(MultivaluedMap<String, String> q) {
        String id = required(q, "activityId");
        if (!Formats.isIri(id)) {
            throw XapiException.badRequest("invalid-parameter", "activityId must be an IRI");
        }
        return id;
    }

    private AgentIdentity agent(MultivaluedMap<String, String> q) {
        return AgentIdentity.ofParameter("agent", LrsJson.read(required(q, "agent"), "agent"));
    }

    private static String required(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            throw XapiException.badRequest("missing-parameter", name + " is required");
        }
        return v;
    }

    private MultivaluedMap<String, String> parameters(Set<String> allowed) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        for (String name : q.keySet()) {
            if (!allowed.contains(name)) {
                throw XapiException.badRequest("unknown-parameter", "Unknown parameter '" + name + "'");
            }
        }
        return q;
    }

    private LrsCaller caller() {
        return (LrsCaller) request.getAttribute(LrsRequestFilter.CALLER);
    }
}
