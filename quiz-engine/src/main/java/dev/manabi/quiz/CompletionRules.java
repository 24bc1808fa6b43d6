package dev.manabi.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.Course;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A course's completion rules (see the README for the JSON): units complete when all their conditions hold, the
 * course completes when its units are complete and its pass rule's quizzes are taken, and passes when the sum or
 * average of those quizzes' best scores reaches the rule's points.
 *
 * <p>Rules are evaluated whenever a progress fact of the course is recorded, by any module. What was awarded is
 * stored, so {@link UnitCompleted} fires once per unit and learner, and {@link CourseCompleted} once on completion
 * plus once more if a course completed without passing is passed later (badges hang on the passing one).
 */
final class CompletionRules {

    private static final Logger LOG = Logger.getLogger(CompletionRules.class.getName());

    record Rules(List<Unit> units, CourseRule course) {
    }

    record Unit(String id, List<ObjectNode> when) {
    }

    /** @param units the units the course needs, null for all of them; @param pass null for no pass rule */
    record CourseRule(List<String> units, Pass pass) {
    }

    record Pass(List<String> quizzes, boolean average, double atLeast) {

        double measure(List<ProgressFact> facts) {
            double sum = 0;
            for (String quiz : quizzes) {
                sum += Conditions.find(facts, QuizEngine.KIND, quiz).map(ProgressFact::score).orElse(0.0);
            }
            return average ? sum / quizzes.size() : sum;
        }

        boolean allTaken(List<ProgressFact> facts) {
            return quizzes.stream().allMatch(q -> Conditions.find(facts, QuizEngine.KIND, q).isPresent());
        }
    }

    /** A learner's standing under the rules. */
    record Status(String courseId, Map<String, Boolean> units, boolean completed, boolean passed, Double score) {
    }

    private final DataSource ds;
    private final Registry<ConditionKind> kinds;
    private final Platform platform;
    private final Clock clock;

    CompletionRules(DataSource ds, Registry<ConditionKind> kinds, Platform platform, Clock clock) {
        this.ds = ds;
        this.kinds = kinds;
        this.platform = platform;
        this.clock = clock;
    }

    JsonNode get(LearnerContext who, String courseId) {
        visibleCourse(who, courseId);
        return Store.rulesJson(ds, courseId).orElseThrow(() -> new PlayerException(404, "no-completion-rules",
                "Course '" + courseId + "' has no completion rules"));
    }

    /** Validates and stores the rules whole; 400 with every problem's JSON path otherwise. */
    JsonNode put(LearnerContext editor, String courseId, JsonNode json) {
        Course course = visibleCourse(editor, courseId);
        if (!course.editableBy(editor)) {
            throw PlayerException.forbidden("Only authors and admins of the owning institution may change the rules");
        }
        Problems problems = new Problems();
        parse(json, course, problems);
        if (!problems.isEmpty()) {
            throw new PlayerException(400, "invalid-completion-rules", "The completion rules have "
                    + problems.list().size() + " problem(s); nothing was stored", Map.of("problems", problems.list()));
        }
        Instant now = clock.instant();
        Store.saveRules(ds, courseId, json.toString(), editor.learnerId(), now);
        platform.fire(new CompletionRulesSaved(courseId, json.toString(), editor, now));
        return json;
    }

    Status status(LearnerContext learner, String courseId) {
        visibleCourse(learner, courseId);
        Rules rules = Store.rulesJson(ds, courseId).map(j -> parse(j, null, new Problems()))
                .orElseThrow(() -> new PlayerException(404, "no-completion-rules", "Course '" + courseId
                        + "' has no completion rules"));
        List<ProgressFact> facts = platform.facts(learner, courseId);
        Set<String> awarded = Store.awardedUnits(ds, learner, courseId);
        Map<String, Boolean> units = new LinkedHashMap<>();
        rules.units().forEach(u -> units.put(u.id(), awarded.contains(u.id()) || holds(u, facts)));
        Optional<Store.Award> course = Store.courseAward(ds, learner, courseId);
        return new Status(courseId, units, course.isPresent(), course.map(Store.Award::passed).orElse(false),
                course.map(Store.Award::score).orElse(null));
    }

    /**
     * What the rules of each of {@code courseIds} say about the learner ({@link CourseOutcomes}): courses whose rules
     * have a course rule are decided by it, complete once awarded; the others are absent. Two queries.
     */
    Map<String, CourseOutcomes.Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
        Map<String, Boolean> hasPassRule = new HashMap<>();
        Store.rulesJson(ds, courseIds).forEach((courseId, rules) -> {
            JsonNode course = rules.path("course");
            if (course.isObject()) {
                hasPassRule.put(courseId, course.path("pass").isObject());
            }
        });
        Map<String, Store.Award> awards = Store.courseAwards(ds, learner, hasPassRule.keySet());
        Map<String, CourseOutcomes.Outcome> out = new HashMap<>();
        hasPassRule.forEach((courseId, withPass) -> {
            Store.Award award = awards.get(courseId);
            out.put(courseId, award == null ? new CourseOutcomes.Outcome(false, null, null)
                    : new CourseOutcomes.Outcome(true, withPass ? award.passed() : null, award.score()));
        });
        return out;
    }

    /** Re-evaluates one learner's rules in one course after a progress fact changed. */
    void evaluate(LearnerContext learner, String courseId) {
        Optional<JsonNode> json = Store.rulesJson(ds, courseId);
        if (json.isEmpty()) {
            return;
        }
        Rules rules = parse(json.get(), null, new Problems());
        if (rules == null) {
            LOG.warning(() -> "Completion rules of course " + courseId + " no longer validate; not evaluated");
            return;
        }
        List<ProgressFact> facts = platform.facts(learner, courseId);
        Instant now = clock.instant();
        Set<String> complete = new HashSet<>(Store.awardedUnits(ds, learner, courseId));
        for (Unit unit : rules.units()) {
            if (!complete.contains(unit.id()) && holds(unit, facts)) {
                complete.add(unit.id());
                Double score = quizScore(unit, facts);
                if (Store.award(ds, learner, courseId, "unit", unit.id(), true, score, now,
                        (c, change) -> statements(c, learner, now, e -> CompletionStatements.unitCompleted(e,
                                learner, courseId, unit.id(), score))) != Store.Change.NONE) {
                    platform.statementsQueued();
                    platform.fire(new UnitCompleted(learner, courseId, unit.id(), score, now));
                }
            }
        }
        CourseRule course = rules.course();
        if (course == null) {
            return;
        }
        List<String> needed = course.units() != null ? course.units() : rules.units().stream().map(Unit::id).toList();
        boolean unitsDone = complete.containsAll(needed);
        boolean taken = course.pass() == null || course.pass().allTaken(facts);
        if (!unitsDone || !taken) {
            return;
        }
        Double score = course.pass() == null ? null : course.pass().measure(facts);
        boolean passed = course.pass() == null || score >= course.pass().atLeast() - Score.EPSILON;
        boolean judged = course.pass() != null;
        if (Store.award(ds, learner, courseId, "course", "", passed, score, now,
                (c, change) -> statements(c, learner, now, e -> CompletionStatements.courseAwarded(e, learner,
                        courseId, change == Store.Change.AWARDED, judged, passed, score))) != Store.Change.NONE) {
            platform.statementsQueued();
            platform.fire(new CourseCompleted(learner, courseId, passed, score, now));
        }
    }

    /** Runs {@code write} with an emitter on the award's transaction {@code c}. */
    private void statements(Connection c, LearnerContext learner, Instant now, CompletionStatements.Write write)
            throws SQLException {
        StatementOutbox.Emitter e = platform.statements(c, learner, now);
        if (e != null) {
            write.to(e);
        }
    }

    /**
     * The score a unit's completion carries: the learner's best score in the quizzes its {@code quiz} conditions
     * name (the progress fact keeps the best attempt), summed when there are several; null without any.
     */
    private static Double quizScore(Unit unit, List<ProgressFact> facts) {
        Double sum = null;
        for (ObjectNode condition : unit.when()) {
            if (Conditions.QuizCondition.ID.equals(condition.path("type").asText())) {
                Double score = Conditions.find(facts, QuizEngine.KIND, condition.path("quiz").asText())
                        .map(ProgressFact::score).orElse(null);
                if (score != null) {
                    sum = sum == null ? score : sum + score;
                }
            }
        }
        return sum;
    }

    private boolean holds(Unit unit, List<ProgressFact> facts) {
        for (ObjectNode condition : unit.when()) {
            Optional<ConditionKind> kind = kinds.find(condition.path("type").asText());
            if (kind.isEmpty()) {
                LOG.warning(() -> "Unknown completion condition type " + condition.path("type") + "; treated as unmet");
                return false;
            }
            try {
                if (!kind.get().holds(condition, facts)) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Condition kind " + kind.get().id() + " failed; treated as unmet", e);
                return false;
            }
        }
        return true;
    }

    private Course visibleCourse(LearnerContext who, String courseId) {
        return platform.course(courseId).filter(c -> c.visibleTo(who))
                .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
    }

    /**
     * Parses rules, reporting problems at their JSON paths. With a course, quiz references are checked against the
     * course's quiz components, which catches typos when the rules are set.
     */
    Rules parse(JsonNode json, Course course, Problems problems) {
        if (json == null || !json.isObject()) {
            problems.add("must be an object with units and/or course");
            return null;
        }
        json.fieldNames().forEachRemaining(f -> {
            if (!Set.of("units", "course", "badges").contains(f)) {
                problems.add(f, "unknown member; expected units, course or badges");
            }
        });
        Set<String> quizzes = new HashSet<>();
        if (course != null) {
            course.components().stream().filter(p -> p.kind().equals(QuizEngine.KIND)).forEach(p -> quizzes.add(p.ref()));
        }
        List<Unit> units = new ArrayList<>();
        Set<String> unitIds = new HashSet<>();
        if (json.has("units")) {
            Optional<JsonNode> array = problems.requireArray(json, "units", 0);
            for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
                unit(array.get().get(i), problems.at("units").at(i), course, quizzes, unitIds).ifPresent(units::add);
            }
        }
        CourseRule courseRule = null;
        JsonNode c = json.get("course");
        if (c != null && !c.isNull()) {
            courseRule = courseRule(c, problems.at("course"), course, quizzes, unitIds);
        }
        if (json.has("badges")) {
            BadgeDeclarations.validate(json.get("badges"), problems.at("badges"), unitIds, courseRule != null);
        }
        if (!json.has("units") && courseRule == null && problems.isEmpty()) {
            problems.add("give units and/or a course rule");
        }
        return problems.isEmpty() ? new Rules(units, courseRule) : null;
    }

    private Optional<Unit> unit(JsonNode u, Problems at, Course course, Set<String> quizzes, Set<String> unitIds) {
        if (!u.isObject()) {
            at.add("must be an object with id and when");
            return Optional.empty();
        }
        u.fieldNames().forEachRemaining(f -> {
            if (!Set.of("id", "title", "when").contains(f)) {
                at.add(f, "unknown member; expected id, title or when");
            }
        });
        Optional<String> id = at.requireId(u, "id");
        if (id.isPresent() && !unitIds.add(id.get())) {
            at.add("id", "duplicate unit id '" + id.get() + "'");
        }
        at.localizedText(u, "title", false);
        Optional<JsonNode> when = at.requireArray(u, "when", 1);
        List<ObjectNode> conditions = new ArrayList<>();
        for (int i = 0; when.isPresent() && i < when.get().size(); i++) {
            JsonNode condition = when.get().get(i);
            Problems cp = at.at("when").at(i);
            if (!condition.isObject()) {
                cp.add("must be an object with a type");
                continue;
            }
            Optional<String> type = cp.requireString(condition, "type");
            Optional<ConditionKind> kind = type.flatMap(kinds::find);
            if (type.isPresent() && kind.isEmpty()) {
                cp.add("type", "unknown condition type '" + type.get() + "'; known: " + kinds.ids());
            }
            kind.ifPresent(k -> {
                try {
                    k.validate((ObjectNode) condition, cp);
                } catch (RuntimeException e) {
                    cp.add("condition type '" + k.id() + "' could not validate this condition: " + e);
                }
            });
            if (course != null && Conditions.QuizCondition.ID.equals(type.orElse(null)) && condition.path("quiz").isTextual()
                    && !quizzes.contains(condition.path("quiz").asText())) {
                cp.add("quiz", "'" + condition.path("quiz").asText() + "' is not a quiz of this course");
            }
            conditions.add((ObjectNode) condition);
        }
        return id.map(i -> new Unit(i, conditions));
    }

    private CourseRule courseRule(JsonNode c, Problems at, Course course, Set<String> quizzes, Set<String> unitIds) {
        if (!c.isObject()) {
            at.add("must be an object with units and/or pass");
            return null;
        }
        c.fieldNames().forEachRemaining(f -> {
            if (!Set.of("units", "pass").contains(f)) {
                at.add(f, "unknown member; expected units or pass");
            }
        });
        List<String> units = null;
        if (c.has("units")) {
            Optional<List<String>> ids = at.requireArray(c, "units", 1).flatMap(Options::sequence);
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
            Problems pp = at.at("pass");
            if (!p.isObject()) {
                pp.add("must be an object with quizzes, aggregate and atLeast");
            } else {
                Optional<List<String>> named = pp.requireArray(p, "quizzes", 1).flatMap(Options::sequence);
                if (named.isEmpty()) {
                    pp.add("quizzes", "must be an array of quiz ids");
                }
                for (int i = 0; named.isPresent() && i < named.get().size(); i++) {
                    if (course != null && !quizzes.contains(named.get().get(i))) {
                        pp.at("quizzes").add(i, "'" + named.get().get(i) + "' is not a quiz of this course");
                    }
                }
                Optional<String> aggregate = pp.optionalEnum(p, "aggregate", Set.of("sum", "average"));
                if (!p.has("aggregate")) {
                    pp.add("aggregate", "is required: sum or average");
                }
                Optional<Double> atLeast = pp.requireNumber(p, "atLeast");
                atLeast.filter(v -> v < 0).ifPresent(v -> pp.add("atLeast", "must not be negative"));
                if (named.isPresent() && aggregate.isPresent() && atLeast.isPresent()) {
                    pass = new Pass(named.get(), aggregate.get().equals("average"), atLeast.get());
                }
            }
        }
        if (!c.has("units") && !c.has("pass")) {
            at.add("give units and/or pass");
        }
        return new CourseRule(units, pass);
    }

    // ------------------------------------------------------------------------------------------------ SQL

    static final class Store {

        enum Change { NONE, AWARDED, UPGRADED }

        record Award(boolean passed, Double score) {
        }

        private Store() {
        }

        static Optional<JsonNode> rulesJson(DataSource ds, String courseId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select rules_json from manabi_quiz_completion_rules where course_id = ?")) {
                    ps.setString(1, courseId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        try {
                            return Optional.of(Json.mapper().readTree(rs.getString(1)));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("Corrupt completion rules of " + courseId, e);
                        }
                    }
                }
            });
        }

        /** The stored rules of each of {@code courseIds} that has any. */
        static Map<String, JsonNode> rulesJson(DataSource ds, Collection<String> courseIds) {
            Map<String, JsonNode> out = new HashMap<>();
            Sql.selectIn(ds, "select course_id, rules_json from manabi_quiz_completion_rules where course_id ?in",
                    List.of(), courseIds, rs -> {
                        try {
                            out.put(rs.getString(1), Json.mapper().readTree(rs.getString(2)));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException("Corrupt completion rules of " + rs.getString(1), e);
                        }
                    });
            return out;
        }

        /** The learner's course awards in each of {@code courseIds} that has one. */
        static Map<String, Award> courseAwards(DataSource ds, LearnerContext learner, Collection<String> courseIds) {
            Map<String, Award> out = new HashMap<>();
            Sql.selectIn(ds, "select course_id, passed, score from manabi_quiz_award where tenant_id = ?"
                    + " and learner_id = ? and kind = 'course' and course_id ?in",
                    List.of(learner.tenant().id(), learner.learnerId()), courseIds,
                    rs -> out.put(rs.getString(1), new Award(rs.getBoolean(2), (Double) rs.getObject(3))));
            return out;
        }

        static void saveRules(DataSource ds, String courseId, String json, String by, Instant now) {
            Sql.inTransaction(ds, c -> {
                Object[] values = {json, by, Timestamp.from(now), courseId};
                if (Sql.update(c, "update manabi_quiz_completion_rules set rules_json = ?, updated_by = ?,"
                        + " updated_at = ? where course_id = ?", values) == 0) {
                    QuizService.Store.insertOrConflict(c, "insert into manabi_quiz_completion_rules (rules_json,"
                            + " updated_by, updated_at, course_id) values (?, ?, ?, ?)", values);
                }
                return null;
            });
        }

        static Set<String> awardedUnits(DataSource ds, LearnerContext learner, String courseId) {
            return Sql.inTransaction(ds, c -> {
                Set<String> out = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("select ref from manabi_quiz_award where tenant_id = ?"
                        + " and learner_id = ? and course_id = ? and kind = 'unit'")) {
                    ps.setString(1, learner.tenant().id());
                    ps.setString(2, learner.learnerId());
                    ps.setString(3, courseId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
        }

        static Optional<Award> courseAward(DataSource ds, LearnerContext learner, String courseId) {
            return Sql.inTransaction(ds, c -> award(c, learner, courseId, "course", ""));
        }

        private static Optional<Award> award(Connection c, LearnerContext learner, String courseId, String kind,
                                             String ref) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select passed, score from manabi_quiz_award where"
                    + " tenant_id = ? and learner_id = ? and course_id = ? and kind = ? and ref = ?")) {
                ps.setString(1, learner.tenant().id());
                ps.setString(2, learner.learnerId());
                ps.setString(3, courseId);
                ps.setString(4, kind);
                ps.setString(5, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Award(rs.getBoolean(1), (Double) rs.getObject(2)))
                            : Optional.empty();
                }
            }
        }

        /**
         * Records an award unless it exists; upgrades an unpassed award to passed. A concurrent evaluation that
         * awarded first makes this one a no-op (the primary key decides), so events never fire twice.
         */
        /** What else an award writes in its transaction (its statements), told whether it is new or upgraded. */
        @FunctionalInterface
        interface OnAward {
            void awarded(Connection c, Change change) throws SQLException;
        }

        static Change award(DataSource ds, LearnerContext learner, String courseId, String kind, String ref,
                            boolean passed, Double score, Instant now, OnAward then) {
            try {
                return Sql.inTransaction(ds, c -> {
                    Optional<Award> existing = award(c, learner, courseId, kind, ref);
                    if (existing.isEmpty()) {
                        QuizService.Store.insertOrConflict(c, "insert into manabi_quiz_award (tenant_id, learner_id,"
                                + " course_id, kind, ref, passed, score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                                learner.tenant().id(), learner.learnerId(), courseId, kind, ref, passed, score,
                                Timestamp.from(now));
                        then.awarded(c, Change.AWARDED);
                        return Change.AWARDED;
                    }
                    if (!existing.get().passed() && passed && Sql.update(c, "update manabi_quiz_award set passed = ?,"
                            + " score = ?, awarded_at = ? where tenant_id = ? and learner_id = ? and course_id = ?"
                            + " and kind = ? and ref = ? and passed = ?", true, score, Timestamp.from(now),
                            learner.tenant().id(), learner.learnerId(), courseId, kind, ref, false) == 1) {
                        then.awarded(c, Change.UPGRADED);
                        return Change.UPGRADED;
                    }
                    return Change.NONE;
                });
            } catch (PlayerException raced) {
                if (raced.status() == 409) {
                    return Change.NONE;
                }
                throw raced;
            }
        }
    }
}
