package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.i18n.UiLanguage;
import java.util.List;

/**
 * What a {@link QuestionType} needs to build the browser's view of a question: the learner's language, the attempt's
 * deterministic shuffling, and whether answers may be shown.
 */
public interface View {

    /** The language the learner reads; {@link #text(JsonNode)} resolves texts for it. */
    UiLanguage language();

    /** A {@code {"ja": ..., "en": ...}} member resolved for the learner (fallbacks of {@code LocalizedText}). */
    String text(JsonNode localized);

    /**
     * The items in the order the learner sees answer options: shuffled when the quiz sets {@code shuffleOptions},
     * else as authored. The order is fixed per attempt and question, so reloading the page does not reorder.
     * It is shuffled independently of {@link #scrambled}, so two lists ordered one way each (like a matching
     * question's prompts and choices) do not line up.
     */
    <T> List<T> optionOrder(List<T> items);

    /**
     * The items always shuffled (per attempt and question, reproducibly), and never in the order given when there
     * are at least two different ones; every other order is equally likely. For ordering and matching questions, whose
     * given order may be the answer: the built-in ordering type passes its items in the correct order, so the correct
     * sequence is never what the learner starts from.
     */
    <T> List<T> scrambled(List<T> items);

    /**
     * True only in the review after submission, when the quiz's review policy allows it. When false, the view
     * must contain nothing that reveals or narrows down the correct answer.
     */
    boolean revealAnswers();

    /** A new, empty JSON object to build the view in. */
    ObjectNode object();
}
