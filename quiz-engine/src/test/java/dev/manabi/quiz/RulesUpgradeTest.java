package dev.manabi.quiz;

import static dev.manabi.quiz.AttemptsTest.ALICE;
import static dev.manabi.quiz.AttemptsTest.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.CoreTestAccess;
import dev.manabi.core.MigrationSet;
import dev.manabi.core.SchemaMigrator;
import dev.manabi.core.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An installation from before completion rules moved to the platform (quiz schema V1-V2, rules and awards in
 * {@code manabi_quiz_completion_rules} and {@code manabi_quiz_award}) keeps its rules and awards when it upgrades:
 * quiz V3 copies them into the completion rules' tables, V4 drops the old ones, and nothing is awarded twice.
 */
class RulesUpgradeTest {

    private static final Instant AWARDED = Instant.parse("2026-03-01T10:00:00Z");

    /** The schema as the release before the move left it: no 'rules' module, the quiz module up to V2. */
    private static List<MigrationSet> olderSchema() {
        List<MigrationSet> sets = new ArrayList<>();
        for (MigrationSet s : ServiceLoader.load(MigrationSet.class)) {
            if (s.module().equals("quiz")) {
                sets.add(new MigrationSet() {
                    @Override
                    public String module() {
                        return "quiz";
                    }

                    @Override
                    public List<String> scripts() {
                        return s.scripts().subList(0, 2);
                    }
                });
            } else if (!s.module().equals("rules")) {
                sets.add(s);
            }
        }
        return sets;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#bothUnmigrated")
    void rulesAndAwardsStoredByTheQuizEngineSurviveTheUpgrade(DataSource ds) throws SQLException {
        new SchemaMigrator(ds, olderSchema()).migrate();
        assertThat(tableExists(ds, "manabi_rules_award")).as("the older schema").isFalse();
        TestPlatform p = new TestPlatform(ds);
        // Today's importer also writes the importer's institution (quiz V5, issue 15); the quiz as the older engine
        // stored it has no such column, so it is there only while this importer runs.
        Sql.inTransaction(ds, c -> Sql.update(c, "alter table manabi_quiz_version add column imported_by_tenant"
                + " varchar(128)"));
        String courseId = p.quizzes().importQuiz(AUTHOR, quiz("q1"), null).courseId();
        Sql.inTransaction(ds, c -> Sql.update(c, "alter table manabi_quiz_version drop column imported_by_tenant"));
        String rules = "{\"units\": [{\"id\": \"u1\", \"when\": [{\"type\": \"quiz\", \"quiz\": \"q1\"}]},"
                + " {\"id\": \"u2\", \"when\": [{\"type\": \"fact\", \"kind\": \"book\", \"ref\": \"b\"}]}],"
                + " \"course\": {\"units\": [\"u1\"], \"pass\": {\"quizzes\": [\"q1\"], \"aggregate\": \"sum\","
                + " \"atLeast\": 4}}}";
        Timestamp at = Timestamp.from(AWARDED);
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "insert into manabi_quiz_completion_rules (course_id, rules_json, updated_by, updated_at)"
                    + " values (?, ?, ?, ?)", courseId, rules, "author", at);
            for (Object[] award : List.of(new Object[] {"unit", "u1", true, 8.0},
                    new Object[] {"course", "", true, 8.0})) {
                Sql.update(c, "insert into manabi_quiz_award (tenant_id, learner_id, course_id, kind, ref, passed,"
                        + " score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", ALICE.tenant().id(),
                        ALICE.learnerId(), courseId, award[0], award[1], award[2], award[3], at);
            }
            return null;
        });
        CoreTestAccess.record(ds, ALICE, courseId, new ProgressFact("quiz", "q1", true, true, 8.0, 8.0));

        assertThat(SchemaMigrator.forClassPath(ds).migrate()).as("rules V1 and V2, quiz V3, V4 and V5").isEqualTo(5);

        assertThat(tableExists(ds, "manabi_quiz_award")).isFalse();
        assertThat(tableExists(ds, "manabi_quiz_completion_rules")).isFalse();
        assertThat(p.rules().get(ALICE, courseId)).isEqualTo(Fixtures.node(rules));
        assertThat(p.rules().status(ALICE, courseId).units()).isEqualTo(Map.of("u1", true, "u2", false));
        assertThat(p.rules().outcomes(ALICE, List.of(courseId)))
                .containsEntry(courseId, new CourseOutcomes.Outcome(true, true, 8.0));
        Instant courseAwardedAt = Sql.inTransaction(ds, c -> {
            try (ResultSet rs = c.createStatement().executeQuery("select awarded_at from manabi_rules_award"
                    + " where kind = 'course'")) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        });
        assertThat(courseAwardedAt).as("the award keeps its time").isEqualTo(AWARDED);

        p.events.clear();
        p.record(ALICE, courseId, new ProgressFact("quiz", "q1", true, true, 8.0, 8.0));
        assertThat(p.events(UnitCompleted.class)).as("u1 was awarded before the upgrade").isEmpty();
        assertThat(p.events(CourseCompleted.class)).as("so was the course").isEmpty();
        p.record(ALICE, courseId, new ProgressFact("book", "b", true, null, null, null));
        assertThat(p.events(UnitCompleted.class)).extracting(UnitCompleted::unitId).containsExactly("u2");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode quiz(String id) {
        com.fasterxml.jackson.databind.node.ObjectNode q = Fixtures.resource("all-types.json");
        q.put("id", id);
        return q;
    }

    private static boolean tableExists(DataSource ds, String table) {
        return Sql.inTransaction(ds, c -> {
            for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, name, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        });
    }
}
