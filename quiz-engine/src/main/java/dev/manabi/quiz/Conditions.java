package dev.manabi.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in {@link ConditionKind}s. */
final class Conditions {

    private Conditions() {
    }

    static Optional<ProgressFact> find(List<ProgressFact> facts, String kind, String ref) {
        return facts.stream().filter(f -> f.kind().equals(kind) && f.ref().equals(ref)).findFirst();
    }

    static void unknownMembers(ObjectNode condition, Set<String> known, Problems problems) {
        for (Map.Entry<String, JsonNode> e : condition.properties()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getKey(), "unknown member; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    /**
     * {@code {"type": "fact", "kind": "video-topic", "ref": "t1", "completed": true, "passed": true,
     * "minScore": 8, "minPercent": 80}}: any progress fact of any module. Every criterion given must hold; with none
     * given the part must be completed. {@code "ref"} may list alternatives ({@code ["line-ja", "line-en"]}): the
     * condition holds when one of them does, which is how one rule covers the language variants of a part.
     */
    static final class FactCondition implements ConditionKind {

        @Override
        public String id() {
            return "fact";
        }

        @Override
        public void validate(ObjectNode c, Problems problems) {
            unknownMembers(c, Set.of("type", "kind", "ref", "completed", "passed", "minScore", "minPercent"),
                    problems);
            problems.requireString(c, "kind");
            JsonNode ref = c.get("ref");
            if (ref != null && ref.isArray()) {
                if (ref.isEmpty()) {
                    problems.add("ref", "must list at least one ref");
                }
                for (int i = 0; i < ref.size(); i++) {
                    if (!ref.get(i).isTextual() || ref.get(i).asText().isBlank()) {
                        problems.at("ref").add(i, "must be a non-blank string");
                    }
                }
            } else {
                problems.requireString(c, "ref");
            }
            problems.optionalBoolean(c, "completed");
            problems.optionalBoolean(c, "passed");
            problems.optionalNumber(c, "minScore");
            problems.optionalNumber(c, "minPercent").filter(p -> p < 0 || p > 100)
                    .ifPresent(p -> problems.add("minPercent", "must be between 0 and 100"));
        }

        @Override
        public boolean holds(ObjectNode c, List<ProgressFact> facts) {
            JsonNode ref = c.path("ref");
            List<String> refs = new ArrayList<>();
            if (ref.isArray()) {
                ref.forEach(r -> refs.add(r.asText()));
            } else {
                refs.add(ref.asText());
            }
            String kind = c.path("kind").asText();
            return refs.stream().map(r -> find(facts, kind, r)).flatMap(Optional::stream)
                    .anyMatch(f -> meets(c, f));
        }

        private static boolean meets(ObjectNode c, ProgressFact f) {
            boolean any = false;
            boolean ok = true;
            if (c.has("completed")) {
                any = true;
                ok &= f.completed() == c.get("completed").asBoolean();
            }
            if (c.has("passed")) {
                any = true;
                ok &= Boolean.valueOf(c.get("passed").asBoolean()).equals(f.passed());
            }
            if (c.has("minScore")) {
                any = true;
                ok &= f.score() != null && f.score() >= c.get("minScore").asDouble() - Score.EPSILON;
            }
            if (c.has("minPercent")) {
                any = true;
                ok &= f.percent().isPresent() && f.percent().getAsDouble() >= c.get("minPercent").asDouble()
                        - Score.EPSILON;
            }
            return any ? ok : f.completed();
        }
    }

    /**
     * {@code {"type": "quiz", "quiz": "q1"}}: the quiz passed by its own threshold; with {@code "minPercent"} or
     * {@code "minPoints"} the learner's best score must reach that instead.
     */
    static final class QuizCondition implements ConditionKind {

        static final String ID = "quiz";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public void validate(ObjectNode c, Problems problems) {
            unknownMembers(c, Set.of("type", "quiz", "minPercent", "minPoints"), problems);
            problems.requireString(c, "quiz");
            if (c.has("minPercent") && c.has("minPoints")) {
                problems.add("give minPercent or minPoints, not both");
            }
            problems.optionalNumber(c, "minPercent").filter(p -> p < 0 || p > 100)
                    .ifPresent(p -> problems.add("minPercent", "must be between 0 and 100"));
            problems.optionalNumber(c, "minPoints").filter(p -> p < 0)
                    .ifPresent(p -> problems.add("minPoints", "must not be negative"));
        }

        @Override
        public boolean holds(ObjectNode c, List<ProgressFact> facts) {
            Optional<ProgressFact> fact = find(facts, QuizEngine.KIND, c.path("quiz").asText());
            if (fact.isEmpty()) {
                return false;
            }
            ProgressFact f = fact.get();
            if (c.has("minPercent")) {
                return f.percent().isPresent()
                        && f.percent().getAsDouble() >= c.get("minPercent").asDouble() - Score.EPSILON;
            }
            if (c.has("minPoints")) {
                return f.score() != null && f.score() >= c.get("minPoints").asDouble() - Score.EPSILON;
            }
            return Boolean.TRUE.equals(f.passed());
        }
    }
}
