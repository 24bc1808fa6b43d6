package dev.manabi.quiz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.i18n.LocalizedText;
import java.util.Objects;

/**
 * One validated question of a quiz definition: the parts every type shares, plus the question's whole JSON object
 * for the parts only its {@link QuestionType} understands (options, correct answers, tolerance...).
 *
 * @param id          unique within the quiz
 * @param type        the {@link QuestionType#id()} that validates, scores and renders it
 * @param prompt      what is asked
 * @param points      what a fully correct response is worth (&gt; 0)
 * @param feedback    texts shown after scoring, by outcome; each may be empty
 * @param explanation why the answer is what it is, shown in review; may be empty
 * @param definition  the question's JSON object exactly as imported (treat as read-only)
 */
public record Question(String id, String type, LocalizedText prompt, double points, Feedback feedback,
                       LocalizedText explanation, ObjectNode definition) {

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(definition, "definition");
        prompt = prompt == null ? new LocalizedText(null) : prompt;
        explanation = explanation == null ? new LocalizedText(null) : explanation;
        feedback = feedback == null ? Feedback.NONE : feedback;
        if (!(points > 0) || !Double.isFinite(points)) {
            throw new IllegalArgumentException("points must be positive: " + points);
        }
    }

    /** Feedback texts by outcome; {@code partial} falls back to {@code incorrect} when the author gave none. */
    public record Feedback(LocalizedText correct, LocalizedText incorrect, LocalizedText partial) {

        static final Feedback NONE = new Feedback(null, null, null);

        public Feedback {
            correct = correct == null ? new LocalizedText(null) : correct;
            incorrect = incorrect == null ? new LocalizedText(null) : incorrect;
            partial = partial == null ? new LocalizedText(null) : partial;
        }

        /** The text for a score's outcome. */
        public LocalizedText forScore(Score score) {
            if (score.isFull()) {
                return correct;
            }
            return score.isZero() || partial.isEmpty() ? incorrect : partial;
        }
    }
}
