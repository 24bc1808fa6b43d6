package dev.manabi.rules;

import static dev.manabi.rules.CompletionRulesTest.ALICE;
import static dev.manabi.rules.CompletionRulesTest.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.TestClock;
import dev.manabi.core.TestDatabases;
import dev.manabi.core.spi.Plugins;
import dev.manabi.rules.extension.AtLeastCompleted;
import dev.manabi.rules.spi.ConditionKind;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Condition kinds come from the built-ins, CDI beans and ServiceLoader services, in that priority; a later kind
 * cannot take an id already taken (ConditionKind's "Discovery and priority").
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
}
