package dev.manabi.quiz;

import dev.manabi.core.spi.Plugins;
import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.PlayerException;
import dev.manabi.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a quiz definition and builds a {@link QuizDefinition}. Every problem is collected with its JSON path; a
 * definition with any problem is rejected whole ({@link InvalidDefinition}), so nothing half-valid is ever stored.
 */
final class DefinitionParser {

    static final Set<String> ROOT_MEMBERS = Set.of("$schema", "id", "title", "description", "settings", "questions",
            "pools");
    static final Set<String> SETTINGS_MEMBERS = Set.of("passThreshold", "maxAttempts", "timeLimitSeconds", "feedback",
            "review", "shuffleQuestions", "shuffleOptions");
    static final Set<String> QUESTION_MEMBERS = Set.of("id", "type", "prompt", "points", "feedback", "explanation");
    static final Set<String> POOL_MEMBERS = Set.of("id", "draw", "questions");
    static final int MAX_QUESTIONS = 500;
    static final int MAX_TIME_LIMIT = 24 * 3600;

    private final Plugins<QuestionType> types;

    DefinitionParser(Plugins<QuestionType> types) {
        this.types = types;
    }

    /** A definition with problems, reported as 400 {@code invalid-quiz} with {@code details.problems}. */
    static final class InvalidDefinition extends PlayerException {
        private static final long serialVersionUID = 1L;

        InvalidDefinition(List<Problems.Problem> problems) {
            super(400, "invalid-quiz", "The quiz definition has " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "; nothing was stored", Map.of("problems", problems));
        }

        @SuppressWarnings("unchecked")
        List<Problems.Problem> problems() {
            return (List<Problems.Problem>) ((Map<String, Object>) details()).get("problems");
        }
    }

    QuizDefinition parse(JsonNode root) {
        Problems problems = new Problems();
        QuizDefinition parsed = parse(root, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinition(problems.list());
        }
        return parsed;
    }

    private QuizDefinition parse(JsonNode root, Problems problems) {
        if (root == null || !root.isObject()) {
            problems.add("must be a JSON object");
            return null;
        }
        unknownMembers(root, ROOT_MEMBERS, problems);
        Optional<String> id = problems.requireId(root, "id");
        Optional<LocalizedText> title = problems.localizedText(root, "title", true);
        Optional<LocalizedText> description = problems.localizedText(root, "description", false);

        Set<String> questionIds = new HashSet<>();
        List<Question> questions = new ArrayList<>();
        JsonNode fixed = root.get("questions");
        if (fixed != null && !fixed.isNull()) {
            Optional<JsonNode> array = problems.requireArray(root, "questions", 0);
            array.ifPresent(a -> questions.addAll(questions(a, problems.at("questions"), questionIds)));
        }
        List<QuizDefinition.Pool> pools = new ArrayList<>();
        JsonNode poolsNode = root.get("pools");
        if (poolsNode != null && !poolsNode.isNull()) {
            Optional<JsonNode> array = problems.requireArray(root, "pools", 0);
            array.ifPresent(a -> pools.addAll(pools(a, problems.at("pools"), questionIds)));
        }
        if (fixed == null && poolsNode == null || questionIds.isEmpty() && problems.isEmpty()) {
            problems.add("questions", "a quiz needs at least one question (in questions or in a pool)");
        }
        if (questionIds.size() > MAX_QUESTIONS) {
            problems.add("a quiz may have at most " + MAX_QUESTIONS + " questions");
        }
        QuizDefinition.Settings settings = settings(root.get("settings"), problems.at("settings"));
        if (!problems.isEmpty()) {
            return null;
        }
        QuizDefinition definition = new QuizDefinition(id.orElseThrow(), title.orElseThrow(),
                description.orElse(new LocalizedText(null)), settings, questions, pools, root);
        QuizDefinition.Threshold threshold = settings.threshold();
        if (threshold.kind() == QuizDefinition.Threshold.Kind.POINTS
                && threshold.value() > definition.minimumMaxPoints() + Score.EPSILON) {
            problems.at("settings").at("passThreshold").add("points", "is more than the " + definition.minimumMaxPoints()
                    + " points some attempts can earn at most");
        }
        return definition;
    }

    private List<Question> questions(JsonNode array, Problems problems, Set<String> ids) {
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            question(array.get(i), problems.at(i), ids).ifPresent(out::add);
        }
        return out;
    }

    private List<QuizDefinition.Pool> pools(JsonNode array, Problems problems, Set<String> questionIds) {
        List<QuizDefinition.Pool> out = new ArrayList<>();
        Set<String> poolIds = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode pool = array.get(i);
            Problems at = problems.at(i);
            if (!pool.isObject()) {
                at.add("must be an object with id, draw and questions");
                continue;
            }
            unknownMembers(pool, POOL_MEMBERS, at);
            Optional<String> id = at.requireId(pool, "id");
            if (id.isPresent() && !poolIds.add(id.get())) {
                at.add("id", "duplicate pool id '" + id.get() + "'");
            }
            Optional<JsonNode> questionArray = at.requireArray(pool, "questions", 1);
            List<Question> questions = questionArray.map(a -> questions(a, at.at("questions"), questionIds))
                    .orElse(List.of());
            Optional<Integer> draw = wholeNumber(pool, "draw", at, 1, Integer.MAX_VALUE, true);
            if (draw.isPresent() && questionArray.isPresent() && draw.get() > questionArray.get().size()) {
                at.add("draw", "cannot draw " + draw.get() + " of " + questionArray.get().size() + " questions");
            } else if (id.isPresent() && draw.isPresent() && questions.size() == questionArray.get().size()) {
                out.add(new QuizDefinition.Pool(id.get(), draw.get(), questions));
            }
        }
        return out;
    }

    private Optional<Question> question(JsonNode node, Problems at, Set<String> ids) {
        if (!node.isObject()) {
            at.add("must be an object");
            return Optional.empty();
        }
        Optional<String> id = at.requireId(node, "id");
        if (id.isPresent() && !ids.add(id.get())) {
            at.add("id", "duplicate question id '" + id.get() + "'");
        }
        Optional<LocalizedText> prompt = at.localizedText(node, "prompt", true);
        Optional<Double> points = at.optionalNumber(node, "points");
        if (points.isPresent() && (points.get() <= 0 || points.get() > 1000)) {
            at.add("points", "must be more than 0 and at most 1000");
        }
        Question.Feedback feedback = Question.Feedback.NONE;
        JsonNode fb = node.get("feedback");
        if (fb != null && !fb.isNull()) {
            if (!fb.isObject()) {
                at.add("feedback", "must be an object with correct, incorrect and/or partial texts");
            } else {
                unknownMembers(fb, Set.of("correct", "incorrect", "partial"), at.at("feedback"));
                Problems f = at.at("feedback");
                feedback = new Question.Feedback(f.localizedText(fb, "correct", false).orElse(null),
                        f.localizedText(fb, "incorrect", false).orElse(null),
                        f.localizedText(fb, "partial", false).orElse(null));
            }
        }
        Optional<LocalizedText> explanation = at.localizedText(node, "explanation", false);
        Optional<String> typeId = at.requireString(node, "type");
        Optional<QuestionType> type = typeId.flatMap(types::find);
        if (typeId.isPresent() && type.isEmpty()) {
            at.add("type", "unknown question type '" + typeId.get() + "'; known types: " + types.ids());
        }
        int before = at.list().size();
        type.ifPresent(t -> validateSafely(t, (ObjectNode) node, at));
        type.flatMap(t -> declaredMembers(t, at)).ifPresent(own -> {
            Set<String> known = new HashSet<>(QUESTION_MEMBERS);
            known.addAll(own);
            unknownMembers(node, known, at);
        });
        if (id.isEmpty() || prompt.isEmpty() || type.isEmpty() || at.list().size() > before
                || points.isPresent() && (points.get() <= 0 || points.get() > 1000)) {
            return Optional.empty();
        }
        return Optional.of(new Question(id.get(), typeId.get(), prompt.get(), points.orElse(1.0), feedback,
                explanation.orElse(null), ((ObjectNode) node).deepCopy()));
    }

    /** A plug-in type that throws must not turn an author's mistake into a 500. */
    private static void validateSafely(QuestionType type, ObjectNode node, Problems at) {
        try {
            type.validate(node, at);
        } catch (RuntimeException e) {
            at.add("question type '" + type.id() + "' could not validate this question: " + e);
        }
    }

    /** A type's own members, if it declares them; a plug-in that throws is reported like a failing validate. */
    private static Optional<Set<String>> declaredMembers(QuestionType type, Problems at) {
        try {
            Optional<Set<String>> members = type.members();
            return members == null ? Optional.empty() : members;
        } catch (RuntimeException e) {
            at.add("question type '" + type.id() + "' could not list its members: " + e);
            return Optional.empty();
        }
    }

    private QuizDefinition.Settings settings(JsonNode node, Problems at) {
        if (node == null || !node.isObject()) {
            at.add("is required: an object with at least passThreshold");
            return null;
        }
        unknownMembers(node, SETTINGS_MEMBERS, at);
        QuizDefinition.Threshold threshold = null;
        JsonNode t = node.get("passThreshold");
        Problems tp = at.at("passThreshold");
        if (t == null || !t.isObject() || t.size() != 1 || !(t.has("percent") || t.has("points"))) {
            tp.add("must be {\"percent\": 0-100} or {\"points\": n}");
        } else if (t.has("percent")) {
            Optional<Double> p = tp.requireNumber(t, "percent");
            if (p.isPresent() && (p.get() < 0 || p.get() > 100)) {
                tp.add("percent", "must be between 0 and 100");
            } else if (p.isPresent()) {
                threshold = new QuizDefinition.Threshold(QuizDefinition.Threshold.Kind.PERCENT, p.get());
            }
        } else {
            Optional<Double> p = tp.requireNumber(t, "points");
            if (p.isPresent() && p.get() < 0) {
                tp.add("points", "must not be negative");
            } else if (p.isPresent()) {
                threshold = new QuizDefinition.Threshold(QuizDefinition.Threshold.Kind.POINTS, p.get());
            }
        }
        Integer maxAttempts = wholeNumber(node, "maxAttempts", at, 1, 1000, false).orElse(null);
        Integer timeLimit = wholeNumber(node, "timeLimitSeconds", at, 10, MAX_TIME_LIMIT, false).orElse(null);
        String feedback = at.optionalEnum(node, "feedback", Set.of("after-each", "after-submit", "never"))
                .orElse("after-submit");
        String review = at.optionalEnum(node, "review", Set.of("never", "after-submit", "after-final-attempt"))
                .orElse("after-submit");
        boolean shuffleQuestions = at.optionalBoolean(node, "shuffleQuestions").orElse(false);
        boolean shuffleOptions = at.optionalBoolean(node, "shuffleOptions").orElse(false);
        return new QuizDefinition.Settings(threshold, maxAttempts, timeLimit,
                QuizDefinition.FeedbackPolicy.valueOf(feedback.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                QuizDefinition.ReviewPolicy.valueOf(review.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                shuffleQuestions, shuffleOptions);
    }

    private static Optional<Integer> wholeNumber(JsonNode parent, String field, Problems at, int min, int max,
                                                 boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                at.add(field, "is required");
            }
            return Optional.empty();
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < min
                || node.asInt() > max) {
            at.add(field, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(node.asInt());
    }

    private static void unknownMembers(JsonNode node, Set<String> known, Problems at) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                at.add(e.getKey(), "unknown member; expected one of " + known.stream().sorted().toList());
            }
        }
    }
}
