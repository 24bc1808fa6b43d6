package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * A validated quiz definition (see the README for the JSON format). Built only by {@link DefinitionParser}, so every
 * instance is known to be consistent.
 *
 * @param source the definition JSON as imported; stored as the version learners' attempts pin
 */
record QuizDefinition(String id, LocalizedText title, LocalizedText description, Settings settings,
                      List<Question> questions, List<Pool> pools, JsonNode source) {

    QuizDefinition {
        questions = List.copyOf(questions);
        pools = List.copyOf(pools);
    }

    /** A group of interchangeable questions of which each attempt draws {@code draw}. */
    record Pool(String id, int draw, List<Question> questions) {
        Pool {
            questions = List.copyOf(questions);
        }
    }

    /** When an attempt passes: at least {@code value} percent of the attempt's maximum, or at least that many points. */
    record Threshold(Kind kind, double value) {
        enum Kind { PERCENT, POINTS }

        boolean reachedBy(Score score) {
            double measured = kind == Kind.PERCENT ? score.percent() : score.points();
            return measured >= value - Score.EPSILON;
        }
    }

    enum FeedbackPolicy {
        /** Each question can be checked once before submission; its answer is then locked. */
        AFTER_EACH,
        /** Per-question outcome and feedback texts come with the result. */
        AFTER_SUBMIT,
        /** Only the total score and pass/fail. */
        NEVER;

        String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    enum ReviewPolicy {
        /** Correct answers and explanations are never shown. */
        NEVER,
        /** Shown with every submitted attempt. */
        AFTER_SUBMIT,
        /** Shown once the learner passed or has no attempts left, so they cannot be used for a retake. */
        AFTER_FINAL_ATTEMPT;

        String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    record Settings(Threshold threshold, Integer maxAttempts, Integer timeLimitSeconds, FeedbackPolicy feedback,
                    ReviewPolicy review, boolean shuffleQuestions, boolean shuffleOptions) {
    }

    /** Every question, fixed and pooled, by id. */
    Optional<Question> question(String questionId) {
        return allQuestions().stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    List<Question> allQuestions() {
        List<Question> all = new ArrayList<>(questions);
        pools.forEach(p -> all.addAll(p.questions()));
        return all;
    }

    /**
     * The questions of one attempt: all fixed questions, then {@code draw} questions of each pool, the whole list
     * shuffled when the quiz says so. Deterministic in {@code seed} so tests and support can reproduce an attempt.
     */
    List<Question> draw(long seed) {
        Random random = new Random(seed);
        List<Question> out = new ArrayList<>(questions);
        for (Pool pool : pools) {
            List<Question> candidates = new ArrayList<>(pool.questions());
            Collections.shuffle(candidates, random);
            out.addAll(candidates.subList(0, pool.draw()));
        }
        if (settings.shuffleQuestions()) {
            Collections.shuffle(out, random);
        }
        return out;
    }

    /** The smallest maximum any draw can have: fixed questions plus each pool's cheapest {@code draw} questions. */
    double minimumMaxPoints() {
        double sum = questions.stream().mapToDouble(Question::points).sum();
        for (Pool pool : pools) {
            sum += pool.questions().stream().mapToDouble(Question::points).sorted().limit(pool.draw()).sum();
        }
        return sum;
    }
}
