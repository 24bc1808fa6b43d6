package dev.manabi.rules;

import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Courses with a completion rule for the whole course are complete and passed as that rule says; a learner's
 * completed units are the units awarded (README "Evaluation").
 */
@ApplicationScoped
public class RuleOutcomes implements CourseOutcomes {

    @Inject
    CompletionRules rules;

    @Override
    public Map<String, Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
        return rules.engine().outcomes(learner, courseIds);
    }

    @Override
    public Set<String> completedUnits(LearnerContext learner, String courseId) {
        return rules.engine().completedUnits(learner, courseId);
    }
}
