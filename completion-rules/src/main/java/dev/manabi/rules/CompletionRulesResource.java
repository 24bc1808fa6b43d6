package dev.manabi.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A course's completion rules and the caller's standing under them. */
@Path("/courses/{courseId}/completion-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "completion rules")
public class CompletionRulesResource {

    @Inject
    CurrentLearner current;

    @Inject
    CompletionRules rules;

    @GET
    @Operation(summary = "The course's rules (404 no-completion-rules when none are set)")
    public JsonNode get(@PathParam("courseId") String courseId) {
        return rules.engine().get(current.require(), courseId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the rules (authors and admins of the owning institution); 400 with JSON paths")
    public JsonNode put(@PathParam("courseId") String courseId, JsonNode body) {
        return rules.engine().put(current.require(), courseId, body);
    }

    @GET
    @Path("/status")
    @Operation(summary = "The caller's units completed, course completed and passed")
    public CompletionRules.Status status(@PathParam("courseId") String courseId) {
        return rules.engine().status(current.require(), courseId);
    }
}
