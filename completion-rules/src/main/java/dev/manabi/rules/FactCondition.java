package dev.manabi.rules;

import dev.manabi.rules.spi.Conditions;
import dev.manabi.rules.spi.ConditionKind;
import dev.manabi.rules.spi.RulesCourse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.spi.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in {@code fact} condition: {@code {"type": "fact", "kind": "video-topic", "ref": "t1", "completed": true,
 * "passed": true, "minScore": 8, "minPercent": 80}} on any progress fact of any module, including kinds added later
 * (a cmi5 AU, a Tin Can activity) without code here. Every criterion given must hold; with none given the part must
 * be completed. {@code "ref"} may list alternatives ({@code ["line-ja", "line-en"]}): the condition holds when one of
 * them does, which is how one rule covers the language variants of a part.
 */
final class FactCondition implements ConditionKind {

    static final String ID = "fact";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void validate(ObjectNode c, Problems problems) {
        Conditions.unknownMembers(c, Set.of("type", "kind", "ref", "completed", "passed", "minScore", "minPercent"),
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

    /** Each ref (each alternative) must be able to be recorded in the course ({@link CourseParts}). */
    @Override
    public void checkReferences(ObjectNode c, RulesCourse course, Problems problems) {
        String kind = c.path("kind").asText();
        JsonNode ref = c.path("ref");
        if (ref.isTextual()) {
            CourseParts.problem(course, kind, ref.asText()).ifPresent(m -> problems.add("ref", m));
        }
        for (int i = 0; ref.isArray() && i < ref.size(); i++) {
            int index = i;
            if (!ref.get(i).isTextual()) {
                continue; // reported by validate
            }
            CourseParts.problem(course, kind, ref.get(i).asText()).ifPresent(m -> problems.at("ref").add(index, m));
        }
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
        return refs.stream().map(r -> Conditions.find(facts, kind, r)).flatMap(Optional::stream)
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
            ok &= Conditions.reaches(f.score(), c.get("minScore").asDouble());
        }
        if (c.has("minPercent")) {
            any = true;
            ok &= f.percent().isPresent() && Conditions.reaches(f.percent().getAsDouble(),
                    c.get("minPercent").asDouble());
        }
        return any ? ok : f.completed();
    }
}
