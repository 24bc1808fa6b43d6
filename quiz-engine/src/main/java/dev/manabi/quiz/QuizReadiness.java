package dev.manabi.quiz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness of the quiz engine (README "Question types"), as the completion rules' for condition
 * kinds: down with reason {@value #TYPE_CONFLICT} while a question type id is claimed by different classes at the
 * same priority (two beans, two services), so neither is used and quizzes with that type cannot be imported or
 * scored until one is removed ({@code ids} lists them; {@code /health} is public: ids only, the classes are in the
 * server log). Before (issue 15, review 3) the conflict was only logged.
 */
@Readiness
@ApplicationScoped
public class QuizReadiness implements HealthCheck {

    static final String NAME = "manabi-quiz-engine";
    static final String TYPE_CONFLICT = "question-type-conflict";

    @Inject
    QuizEngine engine;

    @Override
    public HealthCheckResponse call() {
        return answer(engine.questionTypeConflicts());
    }

    /** Built directly (public constructor), so tests need no server's response builder. */
    static HealthCheckResponse answer(Map<String, List<String>> conflicts) {
        if (!conflicts.isEmpty()) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("reason",
                    TYPE_CONFLICT, "ids", String.join(",", conflicts.keySet()))));
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.empty());
    }
}
