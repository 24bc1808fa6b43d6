package dev.manabi.quiz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import java.util.List;

/**
 * A kind of condition in a course's completion rules ({@code {"type": "<id>", ...}} inside a unit's {@code when}
 * list). The built-ins are {@code fact} (any {@link ProgressFact}: completed, passed, minimum score or percent) and
 * {@code quiz} (a quiz passed, or a minimum score in it). Further kinds are CDI beans or
 * {@link java.util.ServiceLoader} services ({@code META-INF/services/dev.manabi.quiz.ConditionKind}) with unique ids.
 * Implementations must be stateless and thread-safe.
 */
public interface ConditionKind {

    /** The value of the condition's {@code type} member. */
    String id();

    /** Checks one condition object and reports problems at their paths. */
    void validate(ObjectNode condition, Problems problems);

    /**
     * Whether the condition holds for one learner in one course.
     *
     * @param facts the learner's latest progress facts in the course, from every module
     */
    boolean holds(ObjectNode condition, List<ProgressFact> facts);
}
