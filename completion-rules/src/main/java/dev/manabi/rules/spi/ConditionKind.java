package dev.manabi.rules.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.spi.Problems;
import java.util.List;
import java.util.Optional;

/**
 * A kind of condition in a course's completion rules: {@code {"type": "<id>", ...}} inside a unit's {@code when}
 * list (README "Condition kinds"). The built-in kind is {@code fact} (any module's {@link ProgressFact}: completed,
 * passed, minimum score or percent); modules add theirs, e.g. the quiz engine's {@code quiz}.
 *
 * <h2>Discovery and priority</h2>
 * Kinds are collected once per application (at start-up), and which kind judges a type never depends on chance,
 * because replacing how stored rules are judged would change learners' results. In this order:
 * <ol>
 *   <li>the built-ins of this module ({@code fact});</li>
 *   <li>the kinds of the SDK's other modules, each id reserved for one class by name in a resource the module
 *       ships ({@code META-INF/manabi/reserved-ids/dev.manabi.rules.spi.ConditionKind}, {@code id=class} lines):
 *       {@code quiz} for the quiz engine's {@code dev.manabi.quiz.QuizCondition}, found wherever it is registered.
 *       No other class gets a reserved id while the reserving module is installed;</li>
 *   <li>CDI beans implementing this interface (any scope, any qualifier);</li>
 *   <li>{@link java.util.ServiceLoader} services listed in {@code META-INF/services/dev.manabi.rules.spi.ConditionKind}
 *       (public no-argument constructor), from the SDK's class loader, then from the application's (thread context)
 *       class loader.</li>
 * </ol>
 * Unlike configuration sources there is no ordinal to raise: a kind whose id an earlier tier has is <b>ignored</b>
 * with a warning naming both classes. Two <b>different classes</b> with one id in the <b>same tier</b> (two beans, two
 * services) have no defined order, so <b>neither</b> is used: conditions of that type count as not met, rules naming
 * it cannot be saved, and the readiness check {@code manabi-completion-rules} is down with reason
 * {@code condition-kind-conflict} until one is removed. One class found several times (a bean also listed as a
 * service, a CDI client proxy of the bean) is one kind. Ids are lower-case letters, digits and {@code -}, at most 64
 * characters; a kind with another id is ignored with a warning.
 *
 * <h2>Missing kinds</h2>
 * Saving rules that name a kind not installed is refused ({@code 400 invalid-completion-rules}, the problem at
 * {@code $.units[i].when[j].type}, listing the installed ids). Rules stored earlier whose kind was uninstalled since
 * still load: such a condition counts as <b>not met</b> (logged), never as met, so nothing is awarded on it; awards
 * already made stay.
 *
 * <p>Implementations must be stateless and thread-safe; {@link #holds} runs on every recorded progress fact of a
 * course with rules, so it must not query the database.
 */
public interface ConditionKind {

    /** The value of the condition's {@code type} member. */
    String id();

    /**
     * Checks one condition object (its {@code type} is this kind's id) and reports problems at paths relative to it:
     * {@code problems.add("count", "must be at least 1")} reports at {@code $.units[0].when[2].count}.
     */
    void validate(ObjectNode condition, Problems problems);

    /**
     * Whether the condition holds for one learner in one course.
     *
     * @param facts the learner's latest progress facts in the course, one per kind and ref, from every module
     */
    boolean holds(ObjectNode condition, List<ProgressFact> facts);

    /**
     * The points this condition adds to its unit's score when the unit completes ({@code UnitCompleted.score}, the
     * unit statement's {@code result.score.raw}; several conditions' points are summed, a unit without any has no
     * score). Default: none. The quiz engine's {@code quiz} kind gives the learner's best score in its quiz.
     */
    default Optional<Double> unitScore(ObjectNode condition, List<ProgressFact> facts) {
        return Optional.empty();
    }

    /**
     * When an editor saves rules for {@code course}: reports references the course cannot satisfy (e.g. a quiz that
     * is not one of its parts), so typos are caught then. Not called when stored rules are re-read. Default: none.
     */
    default void checkReferences(ObjectNode condition, RulesCourse course, Problems problems) {
    }

    /**
     * When an editor saves rules for {@code course}: reports a {@code course.pass.parts} entry {@code {"kind",
     * "ref"}} that the course cannot satisfy, if it names progress facts this module records (the quiz engine checks
     * {@code kind} {@code quiz} against the course's quizzes). Every installed kind sees every part; ignore other
     * fact kinds. Default: none.
     */
    default void checkScoredPart(String factKind, String ref, RulesCourse course, Problems problems) {
    }
}
