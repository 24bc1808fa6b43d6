package dev.manabi.rules;

import dev.manabi.rules.spi.ConditionKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.AuditLog;
import dev.manabi.core.Course;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.Plugins;
import dev.manabi.core.spi.Problems;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stores, evaluates and reports a course's completion rules (README): units complete when all their conditions
 * hold, the course completes when its units are complete and its pass rule's parts were taken, and passes when the
 * sum or average of those parts' scores reaches the rule's points.
 *
 * <p>Rules are evaluated whenever a progress fact of the course is recorded, by any module. What was awarded is
 * stored, so {@link UnitCompleted} fires once per unit and learner, and {@link CourseCompleted} once on completion
 * plus once more if a course completed without passing is passed later (badges hang on the passing one).
 */
final class RulesEngine {

    private static final Logger LOG = Logger.getLogger(RulesEngine.class.getName());

    /** Rules as last parsed per course, with the stored text they came from (re-parsed only when it changes). */
    record Parsed(String text, Rules rules) {
    }

    private final DataSource ds;
    private final Plugins<ConditionKind> kinds;
    private final Platform platform;
    private final Clock clock;
    private final ConcurrentMap<String, Parsed> parsed;

    RulesEngine(DataSource ds, Plugins<ConditionKind> kinds, Platform platform, Clock clock,
                ConcurrentMap<String, Parsed> parsed) {
        this.ds = ds;
        this.kinds = kinds;
        this.platform = platform;
        this.clock = clock;
        this.parsed = parsed;
    }

    /**
     * The condition kinds: the built-in, then the ids the SDK's other modules reserve for their classes in the
     * resources they ship ({@link Plugins#RESERVED_IDS}, e.g. the quiz engine's {@code quiz}; this module names
     * none of them), then beans and services (ConditionKind "Discovery and priority").
     */
    static Plugins<ConditionKind> kinds(Iterable<? extends ConditionKind> beans) {
        return Plugins.of(ConditionKind::id, List.of(new FactCondition()), beans, ConditionKind.class);
    }

    JsonNode get(LearnerContext who, String courseId) {
        visibleCourse(who, courseId);
        return Store.rulesText(ds, courseId).map(RulesEngine::tree).orElseThrow(() -> noRules(courseId));
    }

    /** Validates and stores the rules whole; 400 with every problem's JSON path otherwise. */
    JsonNode put(LearnerContext editor, String courseId, JsonNode json) {
        Course course = visibleCourse(editor, courseId);
        if (!course.editableBy(editor)) {
            throw PlayerException.forbidden("Only authors and admins of the owning institution may change the rules");
        }
        Problems problems = new Problems();
        Rules.parse(json, kinds, course, problems);
        if (!problems.isEmpty()) {
            throw new PlayerException(400, "invalid-completion-rules", "The completion rules have "
                    + problems.list().size() + " problem(s); nothing was stored", Map.of("problems", problems.list()));
        }
        Instant now = clock.instant();
        Sql.inTransaction(ds, c -> {
            Store.saveRules(c, courseId, json.toString(), editor, now);
            // Issue 15 (review 3): a change of the rules decides who gets a badge; audited with the save.
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("units", json.path("units").size());
            detail.put("badges", json.path("badges").size());
            platform.audit(c, editor, AuditLog.Action.RULES_SAVED, course.ownerTenantId(), courseId, detail);
            return null;
        });
        platform.fire(new CompletionRulesSaved(courseId, json.toString(), editor, now));
        return json;
    }

    CompletionRules.Status status(LearnerContext learner, String courseId) {
        visibleCourse(learner, courseId);
        Rules rules = rules(courseId).orElseThrow(() -> noRules(courseId));
        List<ProgressFact> facts = platform.facts(learner, courseId);
        Set<String> awarded = Store.awardedUnits(ds, learner, courseId);
        Map<String, Boolean> units = new LinkedHashMap<>();
        rules.units().forEach(u -> units.put(u.id(), awarded.contains(u.id()) || holds(u, facts)));
        Optional<Store.Award> course = Store.courseAward(ds, learner, courseId);
        return new CompletionRules.Status(courseId, units, course.isPresent(), course.map(Store.Award::passed).orElse(false),
                course.map(Store.Award::score).orElse(null));
    }

    /**
     * What the rules of each of {@code courseIds} say about the learner ({@link CourseOutcomes}): courses whose rules
     * have a course rule are decided by it, complete once awarded; the others are absent. Two queries.
     */
    Map<String, CourseOutcomes.Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
        Map<String, Boolean> hasPassRule = new HashMap<>();
        Store.rulesText(ds, courseIds).forEach((courseId, text) -> {
            JsonNode course = tree(text).path("course");
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

    /** The units awarded to the learner in the course ({@link CourseOutcomes#completedUnits}). */
    Set<String> completedUnits(LearnerContext learner, String courseId) {
        return Store.awardedUnits(ds, learner, courseId);
    }

    /** Re-evaluates one learner's rules in one course after a progress fact changed. */
    void evaluate(LearnerContext learner, String courseId) {
        Optional<Rules> stored = rules(courseId);
        if (stored.isEmpty()) {
            return;
        }
        Rules rules = stored.get();
        List<ProgressFact> facts = platform.facts(learner, courseId);
        Instant now = clock.instant();
        Set<String> complete = new HashSet<>(Store.awardedUnits(ds, learner, courseId));
        for (Rules.Unit unit : rules.units()) {
            if (!complete.contains(unit.id()) && holds(unit, facts)) {
                complete.add(unit.id());
                Double score = unitScore(unit, facts);
                if (Store.award(ds, learner, courseId, "unit", unit.id(), true, score, now,
                        (c, change) -> statements(c, learner, now, e -> CompletionStatements.unitCompleted(e,
                                learner, courseId, unit.id(), score))) != Store.Change.NONE) {
                    platform.statementsQueued();
                    platform.fire(new UnitCompleted(learner, courseId, unit.id(), score, now));
                }
            }
        }
        Rules.CourseRule course = rules.course();
        if (course == null) {
            return;
        }
        Rules.Pass pass = course.pass();
        if (!complete.containsAll(rules.neededUnits()) || (pass != null && !pass.allTaken(facts))) {
            return;
        }
        Double score = pass == null ? null : pass.measure(facts);
        boolean passed = pass == null || pass.passes(score);
        boolean judged = pass != null;
        if (Store.award(ds, learner, courseId, "course", "", passed, score, now,
                (c, change) -> statements(c, learner, now, e -> CompletionStatements.courseAwarded(e, learner,
                        courseId, change == Store.Change.AWARDED, judged, passed, score))) != Store.Change.NONE) {
            platform.statementsQueued();
            platform.fire(new CourseCompleted(learner, courseId, passed, score, now));
        }
    }

    /**
     * The course's stored rules, parsed; parsed again only when the stored text changed. Rules that no longer
     * validate (not expected: they were validated when saved) are logged and treated as absent.
     */
    private Optional<Rules> rules(String courseId) {
        Optional<String> text = Store.rulesText(ds, courseId);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Parsed cached = parsed.get(courseId);
        if (cached != null && cached.text().equals(text.get())) {
            return Optional.of(cached.rules());
        }
        Problems problems = new Problems();
        Rules rules = Rules.parse(tree(text.get()), kinds, null, problems);
        if (rules == null) {
            LOG.warning(() -> "Completion rules of course " + courseId + " no longer validate; not evaluated: "
                    + problems.list());
            return Optional.empty();
        }
        parsed.put(courseId, new Parsed(text.get(), rules));
        return Optional.of(rules);
    }

    /** Runs {@code write} with an emitter on the award's transaction {@code c}. */
    private void statements(Connection c, LearnerContext learner, Instant now, CompletionStatements.Write write)
            throws SQLException {
        StatementOutbox.Emitter e = platform.statements(c, learner, now);
        if (e != null) {
            write.to(e);
        }
    }

    /** The points the unit's conditions give ({@link ConditionKind#unitScore}), summed; null without any. */
    private static Double unitScore(Rules.Unit unit, List<ProgressFact> facts) {
        Double sum = null;
        for (Rules.Condition condition : unit.when()) {
            Optional<Double> score = condition.kind().flatMap(k -> {
                try {
                    return k.unitScore(condition.json(), facts);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Condition kind " + k.id() + " failed to score; no score", e);
                    return Optional.empty();
                }
            });
            if (score.isPresent()) {
                sum = sum == null ? score.get() : sum + score.get();
            }
        }
        return sum;
    }

    private static boolean holds(Rules.Unit unit, List<ProgressFact> facts) {
        for (Rules.Condition condition : unit.when()) {
            if (condition.kind().isEmpty()) {
                LOG.warning(() -> "Completion condition type '" + condition.type() + "' is not installed;"
                        + " treated as unmet");
                return false;
            }
            ConditionKind kind = condition.kind().get();
            try {
                if (!kind.holds(condition.json(), facts)) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Condition kind " + kind.id() + " failed; treated as unmet", e);
                return false;
            }
        }
        return true;
    }

    private Course visibleCourse(LearnerContext who, String courseId) {
        return platform.course(courseId).filter(c -> c.visibleTo(who))
                .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
    }

    private static PlayerException noRules(String courseId) {
        return new PlayerException(404, "no-completion-rules", "Course '" + courseId + "' has no completion rules");
    }

    private static JsonNode tree(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt completion rules", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ SQL

    static final class Store {

        enum Change { NONE, AWARDED, UPGRADED }

        record Award(boolean passed, Double score) {
        }

        /** What else an award writes in its transaction (its statements), told whether it is new or upgraded. */
        @FunctionalInterface
        interface OnAward {
            void awarded(Connection c, Change change) throws SQLException;
        }

        private Store() {
        }

        static Optional<String> rulesText(DataSource ds, String courseId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select rules_json from manabi_rules_course where course_id = ?")) {
                    ps.setString(1, courseId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
        }

        /** The stored rules of each of {@code courseIds} that has any. */
        static Map<String, String> rulesText(DataSource ds, Collection<String> courseIds) {
            Map<String, String> out = new HashMap<>();
            Sql.selectIn(ds, "select course_id, rules_json from manabi_rules_course where course_id ?in",
                    List.of(), courseIds, rs -> out.put(rs.getString(1), rs.getString(2)));
            return out;
        }

        /** The learner's course awards in each of {@code courseIds} that has one. */
        static Map<String, Award> courseAwards(DataSource ds, LearnerContext learner, Collection<String> courseIds) {
            Map<String, Award> out = new HashMap<>();
            Sql.selectIn(ds, "select course_id, passed, score from manabi_rules_award where tenant_id = ?"
                    + " and learner_id = ? and kind = 'course' and course_id ?in",
                    List.of(learner.tenant().id(), learner.learnerId()), courseIds,
                    rs -> out.put(rs.getString(1), new Award(rs.getBoolean(2), (Double) rs.getObject(3))));
            return out;
        }

        /** The editor is kept as their institution and id: a platform admin edits other institutions' rules. */
        static void saveRules(Connection c, String courseId, String json, LearnerContext by, Instant now)
                throws SQLException {
            Object[] values = {json, by.learnerId(), by.tenant().id(), Timestamp.from(now), courseId};
            if (Sql.update(c, "update manabi_rules_course set rules_json = ?, updated_by = ?, updated_by_tenant = ?,"
                    + " updated_at = ? where course_id = ?", values) == 0) {
                Sql.insertOrConflict(c, "insert into manabi_rules_course (rules_json, updated_by, updated_by_tenant,"
                        + " updated_at, course_id) values (?, ?, ?, ?, ?)", values);
            }
        }

        static Set<String> awardedUnits(DataSource ds, LearnerContext learner, String courseId) {
            return Sql.inTransaction(ds, c -> {
                Set<String> out = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("select ref from manabi_rules_award where tenant_id = ?"
                        + " and learner_id = ? and course_id = ? and kind = 'unit'")) {
                    Sql.bind(ps, learner.tenant().id(), learner.learnerId(), courseId);
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
            try (PreparedStatement ps = c.prepareStatement("select passed, score from manabi_rules_award where"
                    + " tenant_id = ? and learner_id = ? and course_id = ? and kind = ? and ref = ?")) {
                Sql.bind(ps, learner.tenant().id(), learner.learnerId(), courseId, kind, ref);
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
        static Change award(DataSource ds, LearnerContext learner, String courseId, String kind, String ref,
                            boolean passed, Double score, Instant now, OnAward then) {
            try {
                return Sql.inTransaction(ds, c -> {
                    Optional<Award> existing = award(c, learner, courseId, kind, ref);
                    if (existing.isEmpty()) {
                        Sql.insertOrConflict(c, "insert into manabi_rules_award (tenant_id, learner_id, course_id,"
                                + " kind, ref, passed, score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                                learner.tenant().id(), learner.learnerId(), courseId, kind, ref, passed, score,
                                Timestamp.from(now));
                        then.awarded(c, Change.AWARDED);
                        return Change.AWARDED;
                    }
                    if (!existing.get().passed() && passed && Sql.update(c, "update manabi_rules_award set"
                            + " passed = ?, score = ?, awarded_at = ? where tenant_id = ? and learner_id = ?"
                            + " and course_id = ? and kind = ? and ref = ? and passed = ?", true, score,
                            Timestamp.from(now), learner.tenant().id(), learner.learnerId(), courseId, kind, ref,
                            false) == 1) {
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
