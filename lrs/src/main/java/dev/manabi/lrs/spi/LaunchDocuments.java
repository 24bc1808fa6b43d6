package dev.manabi.lrs.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.lrs.DocumentStore;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Documents an LMS writes into the embedded LRS itself before a launch, as the learner's AU will read them: State
 * API documents (cmi5 section 10, {@code LMS.LaunchData}) and Agent Profile documents (section 11,
 * {@code cmi5LearnerPreferences}). JSON only; written without ETag preconditions, as the LMS owns them.
 */
@ApplicationScoped
public class LaunchDocuments {

    private static final String JSON = "application/json";
    private static final ObjectMapper READER = new ObjectMapper();

    @Inject
    DocumentStore documents;

    public LaunchDocuments() {
        // for CDI
    }

    /** Documents written to {@code documents}, outside CDI (tests). */
    public LaunchDocuments(DocumentStore documents) {
        this.documents = documents;
    }

    /** Replaces the state document {@code stateId} of the activity, agent and registration. */
    public void putState(String tenantId, String activityId, JsonNode agent, String registration, String stateId,
                         ObjectNode document) {
        documents.put(tenantId, new DocumentStore.Scope(DocumentStore.Kind.STATE, activityId, key(agent),
                registration), stateId, JSON, bytes(document), false, new DocumentStore.Preconditions(null, null),
                false);
    }

    /**
     * Merges {@code document} into the agent's profile document {@code profileId} (xAPI JSON merge: properties it
     * names are replaced, others, e.g. an AU's own choices, are kept).
     */
    public void mergeAgentProfile(String tenantId, JsonNode agent, String profileId, ObjectNode document) {
        documents.put(tenantId, new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null, key(agent), null),
                profileId, JSON, bytes(document), true, new DocumentStore.Preconditions(null, null), false);
    }

    /**
     * {@link #mergeAgentProfile} that also removes the properties named in {@code removed} (a preference the learner
     * no longer sets is omitted, as cmi5 section 11.2 allows, instead of keeping the value of an earlier launch).
     */
    public void mergeAgentProfile(String tenantId, JsonNode agent, String profileId, ObjectNode document,
                                  Set<String> removed) {
        DocumentStore.Scope scope = new DocumentStore.Scope(DocumentStore.Kind.AGENT_PROFILE, null, key(agent), null);
        ObjectNode merged = documents.get(tenantId, scope, profileId).map(LaunchDocuments::object)
                .orElseGet(() -> document.objectNode());
        merged.setAll(document);
        merged.remove(removed);
        documents.put(tenantId, scope, profileId, JSON, bytes(merged), false,
                new DocumentStore.Preconditions(null, null), false);
    }

    /** A stored document as a JSON object, or an empty one when it is not (it is replaced then). */
    private static ObjectNode object(DocumentStore.Document d) {
        try {
            JsonNode n = READER.readTree(d.content());
            return n instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static String key(JsonNode agent) {
        return AgentIdentity.of(agent).orElseThrow(() -> new IllegalArgumentException("Not an identified agent"))
                .key();
    }

    private static byte[] bytes(ObjectNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }
}
