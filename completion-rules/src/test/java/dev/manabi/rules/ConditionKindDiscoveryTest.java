package dev.manabi.rules;

import static dev.manabi.rules.CompletionRulesTest.ALICE;
import static dev.manabi.rules.CompletionRulesTest.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.TestClock;
import dev.manabi.core.Sql;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.spi.Plugins;
import dev.manabi.rules.extension.AtLeastCompleted;
import dev.manabi.rules.spi.ConditionKind;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * Condition kinds come from the built-ins, the SDK modules' reserved ids, CDI beans and ServiceLoader services, in
 * that priority; a later kind cannot take an id already taken, and two classes with one id at the same priority are
 * both refused (ConditionKind's "Discovery and priority").
 */
class ConditionKindDiscoveryTest {

    @Test
    void builtInsThenBeansThenServicesAndTheFirstIdWins() {
        Plugins<ConditionKind> kinds = RulesEngine.kinds(List.of(new RulesHarness.Impostor("fact"), new RulesHarness.Impostor("at-least-completed"),
                new RulesHarness.Impostor("Bad Id"), new RulesHarness.Impostor("always")));
        assertThat(kinds.ids()).containsExactly("always", "at-least-completed", "fact");
        assertThat(kinds.find("fact")).containsInstanceOf(FactCondition.class);
        assertThat(kinds.find("at-least-completed")).as("the bean came before the service")
                .containsInstanceOf(RulesHarness.Impostor.class);
        assertThat(RulesEngine.kinds(List.of()).find("at-least-completed")).as("found through ServiceLoader")
                .containsInstanceOf(AtLeastCompleted.class);
    }

    @Test
    void aPluginConditionKindDrivesCompletion() {
        DataSource ds = TestDatabases.h2();
        RulesHarness rules = new RulesHarness(ds, new TestClock(Instant.parse("2026-12-06T09:00:00Z")));
        String courseId = rules.course(AUTHOR, "book:b");
        rules.put(AUTHOR, courseId, RulesHarness.json(
                "{'units': [{'id': 'videos', 'when': [{'type': 'at-least-completed', 'kind': 'video-topic',"
                        + " 'count': 2}]}]}"));
        rules.record(ALICE, courseId, new ProgressFact("video-topic", "b/t1", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).isEmpty();
        rules.record(ALICE, courseId, new ProgressFact("video-topic", "b/t2", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.unitId()).isEqualTo("videos"));
    }

    /**
     * Review B-2: two beans of different classes with one id have no defined order (CDI's Instance gives none), so
     * neither judges: rules naming the id are refused when saved, stored ones count as unmet, readiness is down.
     */
    @Test
    void twoBeansClaimingOneIdAreBothRefusedAndReadinessSaysSo() {
        DataSource ds = TestDatabases.h2();
        RulesHarness rules = new RulesHarness(ds, new TestClock(Instant.parse("2026-12-06T09:00:00Z")), e -> { },
                List.of(new RulesHarness.Impostor("at-least-completed"), new AtLeastCompleted()));
        Plugins<ConditionKind> kinds = RulesEngine.kinds(List.of(new RulesHarness.Impostor("at-least-completed"),
                new AtLeastCompleted()));
        assertThat(kinds.find("at-least-completed")).isEmpty();
        assertThat(kinds.conflicts()).containsOnlyKeys("at-least-completed");

        String courseId = rules.course(AUTHOR, "book:b");
        assertThat(catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, RulesHarness.json(
                "{'units': [{'id': 'u', 'when': [{'type': 'at-least-completed', 'kind': 'book', 'count': 1}]}]}")))).satisfies(e -> {
                    assertThat(e.code()).isEqualTo("invalid-completion-rules");
                    assertThat(e.getMessage() + e.details()).contains("claimed by several installed kinds");
                });

        HealthCheckResponse down = RulesReadiness.answer(kinds.conflicts(), false);
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("reason", RulesReadiness.KIND_CONFLICT)
                .containsEntry("ids", "at-least-completed");
        assertThat(RulesReadiness.answer(RulesEngine.kinds(List.of()).conflicts(), false).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    /**
     * Review B-1, declarative since issue 15 review 3: an id an SDK module reserves for its class in the resource it
     * ships ({@code Plugins.RESERVED_IDS}; here a test resource, as the quiz engine's jar declares {@code quiz})
     * belongs to that class only, also while the class is not found: a host's kind of that id never judges
     * conditions stored with it, which count as unmet. This module names no other module's kind
     * ({@code RulesEngine} has no list of them any more).
     */
    @Test
    void aHostKindCannotTakeAnIdAnSdkModuleReserves() {
        DataSource ds = TestDatabases.h2();
        RulesHarness rules = new RulesHarness(ds, new TestClock(Instant.parse("2026-12-06T09:00:00Z")), e -> { },
                List.of(new RulesHarness.Impostor("sdk-survey")));
        assertThat(RulesEngine.kinds(List.of(new RulesHarness.Impostor("sdk-survey"))).ids())
                .doesNotContain("sdk-survey");
        String courseId = rules.course(AUTHOR, "quiz:q1", "book:b");
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_rules_course (course_id, rules_json, updated_by,"
                + " updated_at) values (?, ?, ?, ?)", courseId, RulesHarness.json("{'units': [{'id': 'u1', 'when':"
                + " [{'type': 'sdk-survey', 'survey': 's1'}]}]}").toString(), "author",
                java.sql.Timestamp.from(Instant.parse("2026-12-01T09:00:00Z"))));

        rules.record(ALICE, courseId, new ProgressFact("video-topic", "b/t1", true, null, null, null));

        assertThat(rules.fired(UnitCompleted.class)).as("the impostor would hold for everyone").isEmpty();
        assertThat(rules.status(ALICE, courseId).units()).containsEntry("u1", false);
    }
}
