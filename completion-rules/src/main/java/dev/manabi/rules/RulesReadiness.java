package dev.manabi.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness of the completion rules (README "Condition kinds", "Upgrading"): down while rules
 * could be judged wrongly or not at all, with a stable reason ({@code /health} is public: ids and codes only; the
 * classes and the database's words are in the server log).
 * <ul>
 *   <li>{@value #KIND_CONFLICT}: a condition kind id is claimed by different classes at the same priority, so
 *       conditions of that type hold for no one until only one is installed ({@code ids} lists them);</li>
 *   <li>{@value #QUIZ_ERA_RULES_NOT_COPIED}: rules and awards the quiz engine stored before this module could not be
 *       copied yet (retried while this is asked); until then those courses are judged without them.</li>
 * </ul>
 */
@Readiness
@ApplicationScoped
public class RulesReadiness implements HealthCheck {

    static final String NAME = "manabi-completion-rules";
    static final String KIND_CONFLICT = "condition-kind-conflict";
    static final String QUIZ_ERA_RULES_NOT_COPIED = "quiz-era-rules-not-copied";

    @Inject
    CompletionRules rules;

    @Override
    public HealthCheckResponse call() {
        return answer(rules.conditionKindConflicts(), rules.quizEraRulesFailed());
    }

    /** Built directly (public constructor), so tests need no server's response builder. */
    static HealthCheckResponse answer(Map<String, List<String>> conflicts, boolean quizEraRulesFailed) {
        if (!conflicts.isEmpty()) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("reason",
                    KIND_CONFLICT, "ids", String.join(",", conflicts.keySet()))));
        }
        if (quizEraRulesFailed) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("reason", QUIZ_ERA_RULES_NOT_COPIED)));
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.empty());
    }
}
