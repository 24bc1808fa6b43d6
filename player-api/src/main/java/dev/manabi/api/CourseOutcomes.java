package dev.manabi.api;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Says whether learners completed and passed courses whose completion a module decides by rules of its own (the
 * completion rules module: "each unit's quiz ≥ 80%", "all chapter tests together ≥ 70 points"), and which of the
 * rules' units they completed. Where a course has such rules, their verdict, not the parts' own results, is the
 * course's status in the course list: every quiz can pass by its own threshold while the course fails its 70-point
 * total. The badges module reads both to issue badges whose criteria a learner met before the badge was declared or
 * the badges module was installed.
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

    /**
     * The units of the course's rules the learner completed, as the rules awarded them: the ids
     * {@link UnitCompleted#unitId()} carried, whether or not anyone observed that event. One query.
     *
     * @return empty when the course has no rules of this module or the learner completed none of their units
     */
    default Set<String> completedUnits(LearnerContext learner, String courseId) {
        return Set.of();
    }
}
