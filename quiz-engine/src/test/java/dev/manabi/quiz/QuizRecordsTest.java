package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.manabi.api.CourseVisibility;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.i18n.UiLanguage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The quiz engine's learning records (README "Learning records") on H2 and PostgreSQL. */
class QuizRecordsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void eachAttemptIsOneRecordOfItsOwnInstitutionOnly(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = AttemptsTest.course(p, "all-types.json");
        new CoreFixtures(ds, tmp).catalog.share(courseId, CourseVisibility.GLOBAL, Set.of());
        QuizService quizzes = p.quizzes();

        assertThat(quizzes.recordModules(List.of("all-types", "no-such-quiz"))).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("quiz:all-types");
            assertThat(m.kind()).isEqualTo("quiz");
            assertThat(m.title().values()).containsEntry("ja", "全問題タイプ");
        });

        Views.AttemptView first = quizzes.start(AttemptsTest.ALICE, "all-types", courseId, UiLanguage.EN);
        p.clock.advance(Duration.ofMinutes(3));
        quizzes.submit(AttemptsTest.ALICE, "all-types", first.attemptId(), null, UiLanguage.EN);
        p.clock.advance(Duration.ofDays(1));
        quizzes.start(AttemptsTest.ALICE, "all-types", courseId, UiLanguage.EN);
        Views.AttemptView bobs = quizzes.start(AttemptsTest.BOB, "all-types", courseId, UiLanguage.EN);
        quizzes.submit(AttemptsTest.BOB, "all-types", bobs.attemptId(), AttemptsTest.allRight(), UiLanguage.EN);

        Instant t0 = Instant.parse("2026-04-01T09:00:00Z");
        List<LearningRecords.Attempt> alice = quizzes.recordAttempts(new LearningRecords.Query("uni-a", courseId,
                List.of("all-types"), List.of("alice", "bob"), null, null));
        assertThat(alice).extracting(LearningRecords.Attempt::learnerId, LearningRecords.Attempt::moduleId,
                LearningRecords.Attempt::number, LearningRecords.Attempt::completion, LearningRecords.Attempt::success,
                LearningRecords.Attempt::scoreScaled, LearningRecords.Attempt::scoreRaw,
                LearningRecords.Attempt::timeSpent, LearningRecords.Attempt::startedAt,
                LearningRecords.Attempt::endedAt)
                .containsExactlyInAnyOrder(
                        tuple("alice", "quiz:all-types", 1, "completed", "failed", 0.0, 0.0, Duration.ofMinutes(3),
                                t0, t0.plus(Duration.ofMinutes(3))),
                        tuple("alice", "quiz:all-types", 2, "incomplete", "unknown", null, null, null,
                                t0.plus(Duration.ofMinutes(3)).plus(Duration.ofDays(1)), null));

        List<LearningRecords.Attempt> bob = quizzes.recordAttempts(new LearningRecords.Query("uni-b", courseId,
                List.of("all-types"), List.of("alice", "bob"), null, null));
        assertThat(bob).singleElement().satisfies(a -> {
            assertThat(a.learnerId()).isEqualTo("bob");
            assertThat(a.success()).isEqualTo("passed");
            assertThat(a.scoreScaled()).isEqualTo(1.0);
        });

        // The period keeps attempts active in it: from the next day on, only alice's open second attempt.
        assertThat(quizzes.recordAttempts(new LearningRecords.Query("uni-a", courseId, List.of("all-types"),
                List.of("alice"), t0.plus(Duration.ofHours(12)), null)))
                .extracting(LearningRecords.Attempt::number).containsExactly(2);
        // Another course's quiz components are not this query's.
        assertThat(quizzes.recordAttempts(new LearningRecords.Query("uni-a", courseId, List.of("other"),
                List.of("alice"), null, null))).isEmpty();
    }
}
