package dev.manabi.quiz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.spi.Problems;
import dev.manabi.rules.spi.ConditionKind;
import dev.manabi.rules.spi.RulesCourse;
import dev.manabi.rules.spi.Conditions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quiz engine's completion condition (README "Completion rules"), contributed to the completion rules like any
 * module's: {@code {"type": "quiz", "quiz": "q1"}} holds when the quiz was passed by its own threshold; with
 * {@code "minPercent"} or {@code "minPoints"} the learner's best score must reach that instead. It reads the
 * {@code quiz} progress fact, which carries the best attempt's score, so a worse retake never undoes it. Registered
 * as a {@link java.util.ServiceLoader} service ({@code META-INF/services/dev.manabi.rules.spi.ConditionKind}). This
 * module reserves the id {@code quiz} for this class by name in
 * {@code META-INF/manabi/reserved-ids/dev.manabi.rules.spi.ConditionKind} ({@code Plugins.RESERVED_IDS}): renaming
 * or moving it needs that line changed too, or stored quiz conditions would count as unmet.
 */
public final class QuizCondition implements ConditionKind {

    static final String ID = "quiz";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(ObjectNode c, Problems problems) {
        Conditions.unknownMembers(c, Set.of("type", "quiz", "minPercent", "minPoints"), problems);
        problems.requireString(c, "quiz");
        if (c.has("minPercent") && c.has("minPoints")) {
            problems.add("give minPercent or minPoints, not both");
        }
        problems.optionalNumber(c, "minPercent").filter(p -> p < 0 || p > 100)
                .ifPresent(p -> problems.add("minPercent", "must be between 0 and 100"));
        problems.optionalNumber(c, "minPoints").filter(p -> p < 0)
                .ifPresent(p -> problems.add("minPoints", "must not be negative"));
    }

    @Override
    public boolean holds(ObjectNode c, List<ProgressFact> facts) {
        Optional<ProgressFact> fact = Conditions.find(facts, QuizEngine.KIND, c.path("quiz").asText());
        if (fact.isEmpty()) {
            return false;
        }
        ProgressFact f = fact.get();
        if (c.has("minPercent")) {
            return f.percent().isPresent() && Conditions.reaches(f.percent().getAsDouble(),
                    c.get("minPercent").asDouble());
        }
        if (c.has("minPoints")) {
            return Conditions.reaches(f.score(), c.get("minPoints").asDouble());
        }
        return Boolean.TRUE.equals(f.passed());
    }

    /** The unit's score: the learner's best score in the quiz (the fact keeps the best attempt). */
    @Override
    public Optional<Double> unitScore(ObjectNode c, List<ProgressFact> facts) {
        return Conditions.find(facts, QuizEngine.KIND, c.path("quiz").asText()).map(ProgressFact::score);
    }

    @Override
    public void checkReferences(ObjectNode c, RulesCourse course, Problems problems) {
        if (c.path("quiz").isTextual() && !isQuizOf(course, c.path("quiz").asText())) {
            problems.add("quiz", "'" + c.path("quiz").asText() + "' is not a quiz of this course");
        }
    }

    @Override
    public void checkScoredPart(String factKind, String ref, RulesCourse course, Problems problems) {
        if (QuizEngine.KIND.equals(factKind) && !isQuizOf(course, ref)) {
            problems.add("'" + ref + "' is not a quiz of this course");
        }
    }

    private static boolean isQuizOf(RulesCourse course, String quizId) {
        return course.has(QuizEngine.KIND, quizId);
    }
}
