package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The xAPI statements of a submitted quiz attempt, written into the statement outbox in the transaction that scores
 * and closes it: {@code answered} for each question the learner answered (result: the response, success when it got
 * every point, score) and {@code passed} or {@code failed} for the quiz (result: score, success, completion,
 * duration from start to submission). Registration: the attempt's id. Activities: the quiz
 * {@code urn:manabi:quiz/<quiz>} (type assessment), each question {@code urn:manabi:quiz/<quiz>/question/<id>}
 * (type question, its parent the quiz), the course as grouping.
 *
 * <p>The response is the question type's JSON as the learner sent it (a string in result.response): the quiz's
 * question types are not mapped to xAPI interaction types and response patterns (yet), so the questions carry no
 * {@code interactionType}.
 */
final class QuizStatements {

    static final String ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment";
    static final String QUESTION_TYPE = "http://adlnet.gov/expapi/activities/question";

    private QuizStatements() {
    }

    static String quizActivity(String quizId) {
        return LearnerStatement.activityId("quiz", quizId);
    }

    /** One question's outcome in a submitted attempt. */
    record Answer(Question question, JsonNode response, Score score) {
    }

    static void submitted(StatementOutbox.Emitter e, Attempt a, QuizDefinition d, Iterable<Answer> answers,
                          Score total, boolean passed, Instant submittedAt) throws SQLException {
        String quiz = quizActivity(a.quizId());
        String quizTitle = d.title().resolve(Locale.ROOT);
        for (Answer answer : answers) {
            if (answer.response() == null || answer.response().isNull() || answer.response().isMissingNode()) {
                continue;
            }
            Question q = answer.question();
            LearnerStatement s = e.statement(Verb.ANSWERED, LearnerStatement.registration(a.id()), a.courseOrNull());
            s.activity(LearnerStatement.activityId("quiz", a.quizId(), "question", q.id()), QUESTION_TYPE,
                    q.prompt().resolve(Locale.ROOT));
            s.contextActivity("parent", quiz, ASSESSMENT_TYPE);
            s.result().put("response", answer.response().toString());
            s.result().put("success", answer.score().isFull());
            s.score(answer.score().points(), answer.score().max());
            e.append(s);
        }
        LearnerStatement s = e.statement(passed ? Verb.PASSED : Verb.FAILED, LearnerStatement.registration(a.id()),
                a.courseOrNull());
        s.activity(quiz, ASSESSMENT_TYPE, quizTitle);
        s.result().put("success", passed);
        s.result().put("completion", true);
        s.score(total.points(), total.max());
        Duration took = Duration.between(a.startedAt(), submittedAt);
        if (!took.isNegative()) {
            s.result().put("duration", took.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        }
        e.append(s);
    }
}
