package dev.manabi.quiz;

import static dev.manabi.quiz.AttemptsTest.ALICE;
import static dev.manabi.quiz.AttemptsTest.AUTHOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.TestClock;
import dev.manabi.core.TestDatabases;
import dev.manabi.rules.RulesHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review of issue 15 (branch rules): before the move, {@code quiz} was a built-in condition kind, which no plug-in
 * could replace ("replacing how existing rules are judged would change learners' results"). Now the quiz engine
 * contributes it as a {@link java.util.ServiceLoader} service, the last tier of {@code Plugins}, so any CDI bean of
 * the host with id {@code quiz} (here one that holds for everyone) takes its place and decides every stored
 * {@code quiz} condition.
 */
class QuizConditionPriorityTest {

    @Test
    void a_host_bean_named_quiz_does_not_replace_the_quiz_engines_condition() {
        RulesHarness rules = new RulesHarness(TestDatabases.h2(), new TestClock(Instant.parse("2026-12-06T10:00:00Z")),
                e -> { }, List.of(new RulesHarness.Impostor("quiz")));
        String courseId = rules.course(AUTHOR, "quiz:q1", "book:b");
        rules.put(AUTHOR, courseId, RulesHarness.json(
                "{'units': [{'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'q1', 'minPercent': 80}]}]}"));

        rules.record(ALICE, courseId, new ProgressFact("video-topic", "b/t1", true, null, null, null));

        assertThat(rules.fired(UnitCompleted.class)).as("q1 was never taken: the quiz engine's 'quiz' says unmet")
                .isEmpty();
    }
}
