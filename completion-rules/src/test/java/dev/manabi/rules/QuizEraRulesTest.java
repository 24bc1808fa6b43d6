package dev.manabi.rules;

import static dev.manabi.rules.CompletionRulesTest.ALICE;
import static dev.manabi.rules.CompletionRulesTest.AUTHOR;
import static dev.manabi.rules.CompletionRulesTest.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.Sql;
import dev.manabi.core.TestClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Review B-3: a host upgrading without the quiz engine (its migrations are not on this class path) keeps the rules
 * and awards the quiz engine stored in {@code manabi_quiz_completion_rules} and {@code manabi_quiz_award}: this module
 * copies them once the schema is current, nothing is awarded again, and the copy is never repeated.
 */
class QuizEraRulesTest {

    private static final Instant SAVED = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant AWARDED = Instant.parse("2026-03-01T10:00:00Z");

    /** The two tables as the quiz engine's V1 created them (its scripts are not on this class path). */
    static void createQuizEraTables(DataSource ds) {
        Sql.inTransaction(ds, c -> {
            Sql.update(c, "create table manabi_quiz_completion_rules (course_id varchar(64) primary key,"
                    + " rules_json varchar(100000) not null, updated_by varchar(256) not null,"
                    + " updated_at timestamp not null)");
            Sql.update(c, "create table manabi_quiz_award (tenant_id varchar(128) not null,"
                    + " learner_id varchar(256) not null, course_id varchar(64) not null, kind varchar(16) not null,"
                    + " ref varchar(128) not null, passed boolean not null, score double precision,"
                    + " awarded_at timestamp not null, primary key (tenant_id, learner_id, course_id, kind, ref))");
            return null;
        });
    }

    private static void oldAward(DataSource ds, LearnerContext who, String courseId, String kind, String ref,
                                 Instant at) {
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_quiz_award (tenant_id, learner_id, course_id,"
                + " kind, ref, passed, score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", who.tenant().id(),
                who.learnerId(), courseId, kind, ref, true, null, Timestamp.from(at)));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void rulesAndAwardsStoredByTheQuizEngineAreCopiedWithoutIt(DataSource ds) {
        assertThat(Thread.currentThread().getContextClassLoader()
                .getResource("META-INF/manabi/db/quiz/V3__completion_rules_to_platform.sql"))
                .as("the quiz engine's migrations are absent").isNull();
        RulesHarness rules = new RulesHarness(ds, new TestClock(Instant.parse("2026-12-06T10:00:00Z")));
        String courseId = rules.course(AUTHOR, "book:b");
        String otherCourse = rules.course(AUTHOR, "book:c");
        createQuizEraTables(ds);
        String stored = "{\"units\": [{\"id\": \"u1\", \"when\": [{\"type\": \"fact\", \"kind\": \"book\","
                + " \"ref\": \"b\"}]}, {\"id\": \"u2\", \"when\": [{\"type\": \"fact\", \"kind\": \"video-topic\","
                + " \"ref\": \"b/t2\"}]}], \"course\": {\"units\": [\"u1\"]}}";
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_quiz_completion_rules (course_id, rules_json,"
                + " updated_by, updated_at) values (?, ?, ?, ?)", courseId, stored, "author", Timestamp.from(SAVED)));
        oldAward(ds, ALICE, courseId, "unit", "u1", AWARDED);
        oldAward(ds, ALICE, courseId, "course", "", AWARDED);
        // Carol's unit of another course was awarded again by this module before the copy (a host that ran the
        // release without it): her award here stays the only one; the old one is removed (issue 15, review 3).
        oldAward(ds, CAROL, otherCourse, "unit", "x", AWARDED);
        Instant reawarded = AWARDED.plus(Duration.ofDays(30));
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_rules_award (tenant_id, learner_id, course_id,"
                + " kind, ref, passed, score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", CAROL.tenant().id(),
                CAROL.learnerId(), otherCourse, "unit", "x", true, null, Timestamp.from(reawarded)));

        // The other course's rules were re-entered here too: the old ones are superseded.
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_quiz_completion_rules (course_id, rules_json,"
                + " updated_by, updated_at) values (?, ?, ?, ?)", otherCourse, "{\"units\": []}", "author",
                Timestamp.from(SAVED)));
        String current = "{'units': [{'id': 'x', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'c'}]}]}";
        rules.put(AUTHOR, otherCourse, RulesHarness.json(current));

        assertThat(QuizEraRules.copy(ds)).isEqualTo(new QuizEraRules.Copied(1, 2, 1, 1));

        assertThat(rules.get(ALICE, courseId)).isEqualTo(RulesHarness.json(stored.replace('"', '\'')));
        assertThat(rules.status(ALICE, courseId).units()).isEqualTo(Map.of("u1", true, "u2", false));
        assertThat(rules.outcomes(ALICE, List.of(courseId)))
                .containsEntry(courseId, new CourseOutcomes.Outcome(true, null, null));
        assertThat(awardedAt(ds, ALICE, courseId, "course")).as("the award keeps its time").isEqualTo(AWARDED);
        assertThat(awardedAt(ds, CAROL, otherCourse, "unit")).as("the newer award stays").isEqualTo(reawarded);
        assertThat(count(ds, "manabi_quiz_award")).as("one source of truth: nothing left behind").isZero();
        assertThat(count(ds, "manabi_quiz_completion_rules")).isZero();
        assertThat(rules.get(AUTHOR, otherCourse)).as("the rules saved here").isEqualTo(RulesHarness.json(current));

        rules.record(ALICE, courseId, new ProgressFact("book", "b", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).as("u1 was awarded by the quiz engine").isEmpty();
        assertThat(rules.fired(CourseCompleted.class)).as("so was the course").isEmpty();
        rules.record(ALICE, courseId, new ProgressFact("video-topic", "b/t2", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).extracting(UnitCompleted::unitId).containsExactly("u2");

        assertThat(QuizEraRules.copy(ds)).as("again: nothing left to copy").isEqualTo(QuizEraRules.Copied.NOTHING);
        assertThat(awardedAt(ds, CAROL, otherCourse, "unit")).isEqualTo(reawarded);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void withoutTheOldTablesThereIsNothingToDo(DataSource ds) {
        assertThat(QuizEraRules.copy(ds)).isEqualTo(QuizEraRules.Copied.NOTHING);
    }

    /** A failed copy is reported to readiness, retried after the interval, and cleared once it succeeds. */
    @Test
    void aFailedCopyIsReportedAndRetried() {
        DataSource ds = dev.manabi.core.TestDatabases.h2();
        TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
        QuizEraRules upgrade = new QuizEraRules(clock);
        boolean[] broken = {true};
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (broken[0]) {
                        throw new SQLException("connection refused");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        upgrade.copyOnce(flaky);
        assertThat(upgrade.failed()).isTrue();
        HealthCheckResponse down = RulesReadiness.answer(Map.of(), upgrade.failed());
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("reason", RulesReadiness.QUIZ_ERA_RULES_NOT_COPIED);

        broken[0] = false;
        upgrade.copyOnce(flaky);
        assertThat(upgrade.failed()).as("not retried within the interval").isTrue();
        clock.advance(QuizEraRules.RETRY_INTERVAL);
        upgrade.copyOnce(flaky);
        assertThat(upgrade.failed()).isFalse();
        assertThat(RulesReadiness.answer(Map.of(), upgrade.failed()).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static Instant awardedAt(DataSource ds, LearnerContext who, String courseId, String kind) {
        return Sql.inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select awarded_at from manabi_rules_award where tenant_id = ? and"
                    + " learner_id = ? and course_id = ? and kind = ?")) {
                Sql.bind(ps, who.tenant().id(), who.learnerId(), courseId, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getTimestamp(1).toInstant() : null;
                }
            }
        });
    }

    private static int count(DataSource ds, String table) {
        return Sql.inTransaction(ds, c -> {
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
