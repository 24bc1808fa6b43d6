package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of question: how its definition is validated, how a response is scored, what the browser may see, and
 * which ES module renders it. The engine handles everything the types share ({@code id}, {@code type},
 * {@code prompt}, {@code points}, {@code feedback}, {@code explanation}); a type handles only its own members,
 * which it should declare with {@link #members()}.
 *
 * <p>Implementations are found two ways: as CDI beans in the host application (any bean of this type, e.g.
 * {@code @ApplicationScoped}), and through {@link java.util.ServiceLoader} ({@code META-INF/services/
 * dev.manabi.quiz.QuestionType}) for libraries without CDI. Ids must be unique; the built-in ids are
 * {@code single-choice}, {@code multiple-choice}, {@code true-false}, {@code numeric}, {@code short-text},
 * {@code ordering} and {@code matching}. Implementations must be stateless and thread-safe.
 *
 * <p>Scoring runs only on the server. {@link #clientView} is the only way a question reaches the browser before
 * submission, so it must leave out every correct answer, tolerance and accepted text.
 */
public interface QuestionType {

    /** The value of the {@code type} member of questions of this kind: lower-case, hyphenated. */
    String id();

    /**
     * The members this type's questions may have besides the shared ones, e.g. {@code Set.of("options", "correct")}.
     * When declared, the engine reports every other member of a question of this type as unknown, at its path, so a
     * misspelt {@code "tolerence"} is an import error instead of a setting silently ignored. The default, empty,
     * leaves the members of types written before this method existed unchecked (their {@link #validate} may still
     * check them).
     */
    default Optional<Set<String>> members() {
        return Optional.empty();
    }

    /**
     * Checks the type's own members of one question and reports each problem at its path, e.g.
     * {@code problems.add("correct", "must name one of the options")}. Called only on objects; the shared members
     * are already checked.
     */
    void validate(ObjectNode question, Problems problems);

    /**
     * Scores a learner's response. Never throws for a malformed response: anything that is not a correct answer
     * scores zero. The result's maximum must be {@link Question#points()}; use {@link Score#full},
     * {@link Score#zero} or {@link Score#fraction} for partial credit.
     *
     * @param response the JSON the browser sent for this question, never null and never JSON null (an unanswered
     *                 question scores zero without asking the type)
     */
    Score score(Question question, JsonNode response);

    /**
     * The type's members as the browser sees them: texts resolved with {@link View#text}, options ordered with
     * {@link View#optionOrder}. The engine adds {@code id}, {@code type}, {@code prompt}, {@code points} and
     * {@code renderer}. Include answers only when {@link View#revealAnswers()} is true.
     */
    ObjectNode clientView(Question question, View view);

    /**
     * Where the browser loads this type's renderer ES module: an absolute URL, a path starting with {@code /}, or
     * a path relative to the SDK's assets base ({@code /manabi/assets/}), e.g. {@code quiz/types/numeric.js}.
     * The module's contract is documented in the quiz-engine README ("How to write a question type").
     */
    String rendererModule();
}
