package dev.manabi.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The learner's download of everything the player holds about them (issue 15; README "Personal data"). */
@Path("/me/data")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "learner")
public class MyDataResource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    @Inject
    CurrentLearner current;

    @Inject
    PersonalDataRules rules;

    @GET
    @Operation(summary = "Download all of the current learner's own data as one JSON document")
    public Response download() {
        LearnerContext learner = current.require();
        ObjectNode data = rules.export(learner);
        String day = DAY.format(java.time.Instant.parse(data.get("exportedAt").asText()));
        return Response.ok(data)
                .header("Content-Disposition", "attachment; filename=\"manabi-my-data-" + day + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
