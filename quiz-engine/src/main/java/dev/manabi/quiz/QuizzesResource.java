package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.core.CurrentLearner;
import dev.manabi.i18n.UiLanguage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quizzes: import (authors), attempts (learners), results (learners and institution admins). */
@Path("/quizzes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "quizzes")
public class QuizzesResource {

    @Inject
    CurrentLearner current;

    @Inject
    QuizEngine engine;

    /** Responses by question id; a JSON null removes a saved response. */
    public record ResponsesBody(Map<String, JsonNode> responses) {
    }

    /** The response to check now (may be omitted to check the saved one). */
    public record CheckBody(JsonNode response) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a quiz definition (new quiz or next version); 400 with JSON paths of every problem")
    public Response importQuiz(@QueryParam("course") String courseId, InputStream body) {
        LearnerContext author = current.require();
        Views.Imported imported = engine.service().importQuiz(author, QuizService.readJson(body), courseId);
        return Response.status(201).entity(imported).build();
    }

    @GET
    @Path("/{quizId}")
    @Operation(summary = "The quiz as the learner sees it in a course: settings, own attempts, open attempt")
    public Views.QuizView quiz(@PathParam("quizId") String quizId, @QueryParam("course") String courseId,
                               @QueryParam("lang") String lang) {
        LearnerContext learner = current.require();
        return engine.service().quiz(learner, quizId, courseId, language(learner, lang));
    }

    @GET
    @Path("/{quizId}/definition")
    @Operation(summary = "The current definition with answers, for authors of the owning institution")
    public JsonNode definition(@PathParam("quizId") String quizId) {
        return engine.service().definitionFor(current.require(), quizId);
    }

    @POST
    @Path("/{quizId}/attempts")
    @Operation(summary = "Start an attempt (or resume the open one); 409 attempt-limit when none are left")
    public Views.AttemptView start(@PathParam("quizId") String quizId, @QueryParam("course") String courseId,
                                   @QueryParam("lang") String lang) {
        LearnerContext learner = current.require();
        return engine.service().start(learner, quizId, courseId, language(learner, lang));
    }

    @GET
    @Path("/{quizId}/attempts/{attemptId}")
    @Operation(summary = "One of the caller's attempts: answer-free questions, saved responses, result once submitted")
    public Views.AttemptView attempt(@PathParam("quizId") String quizId, @PathParam("attemptId") String attemptId,
                                     @QueryParam("lang") String lang) {
        LearnerContext learner = current.require();
        return engine.service().attempt(learner, quizId, attemptId, language(learner, lang));
    }

    @PUT
    @Path("/{quizId}/attempts/{attemptId}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save progress (responses merged by question id); 409 time-up after the time limit")
    public Views.AttemptView save(@PathParam("quizId") String quizId, @PathParam("attemptId") String attemptId,
                                  @QueryParam("lang") String lang, ResponsesBody body) {
        LearnerContext learner = current.require();
        return engine.service().save(learner, quizId, attemptId, body == null ? null : body.responses(),
                language(learner, lang));
    }

    @POST
    @Path("/{quizId}/attempts/{attemptId}/questions/{questionId}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feedback policy after-each: score one question now and lock its response")
    public Views.QuestionOutcome check(@PathParam("quizId") String quizId, @PathParam("attemptId") String attemptId,
                                       @PathParam("questionId") String questionId, @QueryParam("lang") String lang,
                                       CheckBody body) {
        LearnerContext learner = current.require();
        return engine.service().check(learner, quizId, attemptId, questionId, body == null ? null : body.response(),
                language(learner, lang));
    }

    @POST
    @Path("/{quizId}/attempts/{attemptId}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit (idempotent): score on the server, record progress, fire QuizSubmitted/QuizPassed")
    public Views.AttemptView submit(@PathParam("quizId") String quizId, @PathParam("attemptId") String attemptId,
                                    @QueryParam("lang") String lang, ResponsesBody body) {
        LearnerContext learner = current.require();
        return engine.service().submit(learner, quizId, attemptId, body == null ? null : body.responses(),
                language(learner, lang));
    }

    @GET
    @Path("/{quizId}/results/mine")
    @Operation(summary = "The caller's own attempts at this quiz, in every course")
    public List<Views.AttemptSummary> mine(@PathParam("quizId") String quizId) {
        return engine.service().myResults(current.require(), quizId);
    }

    @GET
    @Path("/{quizId}/results")
    @Operation(summary = "Institution admins: every attempt of their institution's learners (403 for another tenant)")
    public Views.Report results(@PathParam("quizId") String quizId, @QueryParam("tenant") String tenantId) {
        return engine.service().report(current.require(), quizId, tenantId);
    }

    @GET
    @Path("/{quizId}/results.csv")
    // Always CSV, whatever the Accept header asks for; JSON is listed because failures answer with a JSON error body.
    @Produces({"text/csv; charset=UTF-8", MediaType.APPLICATION_JSON})
    @Operation(summary = "The same report as CSV for Excel (UTF-8 with BOM, CRLF, formula injection neutralized)")
    public Response resultsCsv(@PathParam("quizId") String quizId, @QueryParam("tenant") String tenantId,
                               @QueryParam("lang") String lang, @QueryParam("zone") String zone) {
        LearnerContext admin = current.require();
        Views.Report report = engine.service().report(admin, quizId, tenantId);
        byte[] csv = ResultsCsv.write(report, language(admin, lang), zone(zone));
        String file = quizId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + report.tenantId()
                .replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    static UiLanguage language(LearnerContext learner, String lang) {
        return UiLanguage.ofTag(lang).or(() -> UiLanguage.of(learner.preferredLocale())).orElse(UiLanguage.EN);
    }

    /** Report times in the admin's zone when given (e.g. Asia/Tokyo), else UTC. */
    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw dev.manabi.api.PlayerException.badRequest("bad-zone", "Unknown time zone '" + zone + "'");
        }
    }
}
