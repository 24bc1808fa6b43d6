package dev.manabi.api;

import java.util.Collection;
import java.util.Map;

/**
 * Says whether learners completed and passed courses whose completion a module decides by rules of its own (the quiz
 * engine's completion rules: "each unit's quiz ≥ 80%", "all chapter tests together ≥ 70 points"). Where a course has
 * such rules, their verdict, not the parts' own results, is the course's status in the course list: every quiz can
 * pass by its own threshold while the course fails its 70-point total.
 *
 * <p>Discovered as CDI beans (any normal scope, default qualifier); asked once per course-list request for every
 * course on the page, so answer in a fixed number of queries.
 */
public interface CourseOutcomes {

    /**
     * The verdict of a course's rules for one learner.
     *
     * @param completed whether the rules say the course is complete
     * @param passed    whether its pass rule holds; null when the rules have no pass rule (complete is all there is)
     * @param score     the score the pass rule measured, or null
     */
    record Outcome(boolean completed, Boolean passed, Double score) {
    }

    /**
     * @return the outcome for each of {@code courseIds} whose completion this module decides; courses it has no rules
     * for are absent
     */
    Map<String, Outcome> outcomes(LearnerContext learner, Collection<String> courseIds);
}
