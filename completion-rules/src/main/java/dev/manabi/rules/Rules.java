package dev.manabi.rules;

import dev.manabi.rules.spi.Conditions;
import dev.manabi.rules.spi.ConditionKind;
import dev.manabi.rules.spi.RulesCourse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.spi.Plugins;
import dev.manabi.core.spi.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A course's completion rules parsed once into typed records (README "Rules JSON"): the units with their conditions
 * (each bound to its {@link ConditionKind}), the course rule and its pass aggregate. Badge declarations are only
 * validated here; the badges module reads them from {@code CompletionRulesSaved}.
 *
 * @param course null without a course rule
 */
record Rules(List<Unit> units, CourseRule course) {

    /** @param title the unit's localized title, or null */
    record Unit(String id, JsonNode title, List<Condition> when) {
    }

    /** One condition of a unit; {@code kind} is empty when its type is not installed (then it never holds). */
    record Condition(String type, Optional<ConditionKind> kind, ObjectNode json) {
    }

    /**
     * @param units the units the course needs, null for all of them
     * @param pass  null for no pass rule
     */
    record CourseRule(List<String> units, Pass pass) {
    }

    /** A scored part of the course: the progress fact of {@code kind} and {@code ref} (a quiz, a SCO, a cmi5 AU...). */
    record Part(String kind, String ref) {
    }

    /**
     * {@code "pass": {"parts": [...], "aggregate": "sum"|"average", "atLeast": n}}: the course passes when the sum
     * (or average) of its parts' scores reaches {@code atLeast} points. A part's score is its fact's: the quiz engine
     * keeps a quiz's best attempt in its fact, the other modules the latest result.
     */
    record Pass(List<Part> parts, boolean average, double atLeast) {

        double measure(List<ProgressFact> facts) {
            double sum = 0;
            for (Part part : parts) {
                sum += Conditions.find(facts, part.kind(), part.ref()).map(ProgressFact::score).orElse(0.0);
            }
            return average ? sum / parts.size() : sum;
        }

        /**
         * Every part was taken: its fact is completed or carries a score (a submitted quiz, a SCO that reported a
         * score). Until then the course is not judged, so a part not yet tried never fails it.
         */
        boolean allTaken(List<ProgressFact> facts) {
            return parts.stream().allMatch(p -> Conditions.find(facts, p.kind(), p.ref())
                    .filter(f -> f.completed() || f.score() != null).isPresent());
        }

        boolean passes(double score) {
            return Conditions.reaches(score, atLeast);
        }
    }

    List<String> neededUnits() {
        return course.units() != null ? course.units() : units.stream().map(Unit::id).toList();
    }

    /**
     * Parses rules, reporting every problem at its JSON path.
     *
     * @param course the course when an editor saves the rules: unknown condition types are problems and references
     *               are checked against the course; null when stored rules are re-read (a type uninstalled since is
     *               kept as a condition that never holds)
     * @return the rules, or null when there are problems
     */
    static Rules parse(JsonNode json, Plugins<ConditionKind> kinds, Course course, Problems problems) {
        return new Parser(kinds, course, problems).rules(json);
    }

    private static final class Parser {
        private final Plugins<ConditionKind> kinds;
        /** The SPI's view of the course being saved ({@link RulesCourse}); null when stored rules are re-read. */
        private final RulesCourse course;
        private final Problems problems;
        private final Set<String> unitIds = new HashSet<>();

        Parser(Plugins<ConditionKind> kinds, Course course, Problems problems) {
            this.kinds = kinds;
            this.course = course == null ? null : CourseParts.view(course);
            this.problems = problems;
        }

        Rules rules(JsonNode json) {
            if (json == null || !json.isObject()) {
                problems.add("must be an object with units and/or course");
                return null;
            }
            members(json, Set.of("units", "course", "badges"), problems, "units, course or badges");
            List<Unit> units = new ArrayList<>();
            if (json.has("units")) {
                Optional<JsonNode> array = problems.requireArray(json, "units", 0);
                for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
                    unit(array.get().get(i), problems.at("units").at(i)).ifPresent(units::add);
                }
            }
            CourseRule courseRule = null;
            JsonNode c = json.get("course");
            if (c != null && !c.isNull()) {
                courseRule = courseRule(c, problems.at("course"));
            }
            if (json.has("badges")) {
                BadgeDeclarations.validate(json.get("badges"), problems.at("badges"), unitIds, courseRule != null);
            }
            if (!json.has("units") && courseRule == null && problems.isEmpty()) {
                problems.add("give units and/or a course rule");
            }
            return problems.isEmpty() ? new Rules(List.copyOf(units), courseRule) : null;
        }

        private static void members(JsonNode node, Set<String> known, Problems at, String expected) {
            node.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    at.add(f, "unknown member; expected " + expected);
                }
            });
        }

        private Optional<Unit> unit(JsonNode u, Problems at) {
            if (!u.isObject()) {
                at.add("must be an object with id and when");
                return Optional.empty();
            }
            members(u, Set.of("id", "title", "when"), at, "id, title or when");
            Optional<String> id = at.requireId(u, "id");
            if (id.isPresent() && !unitIds.add(id.get())) {
                at.add("id", "duplicate unit id '" + id.get() + "'");
            }
            at.localizedText(u, "title", false);
            Optional<JsonNode> when = at.requireArray(u, "when", 1);
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; when.isPresent() && i < when.get().size(); i++) {
                condition(when.get().get(i), at.at("when").at(i)).ifPresent(conditions::add);
            }
            return id.map(i -> new Unit(i, u.get("title"), List.copyOf(conditions)));
        }

        private Optional<Condition> condition(JsonNode condition, Problems cp) {
            if (!condition.isObject()) {
                cp.add("must be an object with a type");
                return Optional.empty();
            }
            Optional<String> type = cp.requireString(condition, "type");
            if (type.isEmpty()) {
                return Optional.empty();
            }
            Optional<ConditionKind> kind = kinds.find(type.get());
            if (kind.isEmpty()) {
                if (course != null && kinds.conflicts().containsKey(type.get())) {
                    cp.add("type", "condition type '" + type.get() + "' is claimed by several installed kinds, so"
                            + " none is used (the server log names them); known: " + kinds.ids());
                } else if (course != null) {
                    cp.add("type", "unknown condition type '" + type.get() + "'; known: " + kinds.ids());
                }
                return Optional.of(new Condition(type.get(), kind, (ObjectNode) condition));
            }
            ConditionKind k = kind.get();
            try {
                k.validate((ObjectNode) condition, cp);
                if (course != null) {
                    k.checkReferences((ObjectNode) condition, course, cp);
                }
            } catch (RuntimeException e) {
                cp.add("condition type '" + k.id() + "' could not validate this condition: " + e);
            }
            return Optional.of(new Condition(type.get(), kind, (ObjectNode) condition));
        }

        private CourseRule courseRule(JsonNode c, Problems at) {
            if (!c.isObject()) {
                at.add("must be an object with units and/or pass");
                return null;
            }
            members(c, Set.of("units", "pass"), at, "units or pass");
            List<String> units = null;
            if (c.has("units")) {
                Optional<List<String>> ids = at.requireArray(c, "units", 1).flatMap(Parser::strings);
                if (ids.isEmpty()) {
                    at.add("units", "must be an array of unit ids");
                } else {
                    units = ids.get();
                    for (int i = 0; i < units.size(); i++) {
                        if (!unitIds.contains(units.get(i))) {
                            at.at("units").add(i, "'" + units.get(i) + "' is not a unit of these rules");
                        }
                    }
                }
            }
            Pass pass = null;
            JsonNode p = c.get("pass");
            if (p != null && !p.isNull()) {
                pass = pass(p, at.at("pass"));
            }
            if (!c.has("units") && !c.has("pass")) {
                at.add("give units and/or pass");
            }
            return new CourseRule(units, pass);
        }

        /**
         * {@code parts}, or the older {@code quizzes} (kept: {@code "quizzes": ["q1"]} means {@code "parts":
         * [{"kind": "quiz", "ref": "q1"}]}); not both.
         */
        private Pass pass(JsonNode p, Problems pp) {
            if (!p.isObject()) {
                pp.add("must be an object with parts, aggregate and atLeast");
                return null;
            }
            if (course != null) {
                // Only when saving: rules stored before this check must still load.
                members(p, Set.of("parts", "quizzes", "aggregate", "atLeast"), pp, "parts, aggregate or atLeast");
            }
            Optional<List<Part>> parts = Optional.empty();
            if (p.has("parts") && p.has("quizzes")) {
                pp.add("give parts or quizzes, not both");
            } else if (p.has("quizzes")) {
                Optional<List<String>> named = pp.requireArray(p, "quizzes", 1).flatMap(Parser::strings);
                if (named.isEmpty()) {
                    pp.add("quizzes", "must be an array of quiz ids");
                } else {
                    parts = Optional.of(named.get().stream().map(q -> new Part("quiz", q)).toList());
                    for (int i = 0; i < named.get().size(); i++) {
                        checkPart("quiz", named.get().get(i), pp.at("quizzes").at(i));
                    }
                }
            } else {
                parts = parts(p, pp);
            }
            Optional<String> aggregate = pp.optionalEnum(p, "aggregate", Set.of("sum", "average"));
            if (!p.has("aggregate")) {
                pp.add("aggregate", "is required: sum or average");
            }
            Optional<Double> atLeast = pp.requireNumber(p, "atLeast");
            atLeast.filter(v -> v < 0).ifPresent(v -> pp.add("atLeast", "must not be negative"));
            if (parts.isPresent() && aggregate.isPresent() && atLeast.isPresent()) {
                return new Pass(parts.get(), aggregate.get().equals("average"), atLeast.get());
            }
            return null;
        }

        private Optional<List<Part>> parts(JsonNode p, Problems pp) {
            Optional<JsonNode> array = pp.requireArray(p, "parts", 1);
            if (array.isEmpty()) {
                return Optional.empty();
            }
            List<Part> parts = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < array.get().size(); i++) {
                JsonNode part = array.get().get(i);
                Problems at = pp.at("parts").at(i);
                if (!part.isObject()) {
                    at.add("must be an object with kind and ref");
                    ok = false;
                    continue;
                }
                members(part, Set.of("kind", "ref"), at, "kind or ref");
                Optional<String> kind = at.requireString(part, "kind");
                Optional<String> ref = at.requireString(part, "ref");
                if (kind.isEmpty() || ref.isEmpty()) {
                    ok = false;
                    continue;
                }
                Part named = new Part(kind.get(), ref.get());
                if (parts.contains(named)) {
                    at.add("the same part is named twice");
                }
                parts.add(named);
                checkPart(kind.get(), ref.get(), at);
            }
            return ok ? Optional.of(List.copyOf(parts)) : Optional.empty();
        }

        private void checkPart(String kind, String ref, Problems at) {
            if (course == null) {
                return;
            }
            int before = problems.list().size();
            for (String id : kinds.ids()) {
                ConditionKind k = kinds.find(id).orElseThrow();
                try {
                    k.checkScoredPart(kind, ref, course, at);
                } catch (RuntimeException e) {
                    at.add("condition type '" + id + "' could not check this part: " + e);
                }
            }
            if (problems.list().size() == before) {
                // The modules' own checks said nothing (the quiz engine's names quizzes): the course's components.
                CourseParts.problem(course, kind, ref).ifPresent(at::add);
            }
        }

        /** An array of non-blank strings, or empty. */
        private static Optional<List<String>> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : array) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    return Optional.empty();
                }
                out.add(n.asText());
            }
            return Optional.of(out);
        }
    }
}
