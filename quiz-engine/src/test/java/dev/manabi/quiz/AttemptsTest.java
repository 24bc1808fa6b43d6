package dev.manabi.quiz;

import static dev.manabi.quiz.TestPlatform.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.QuizPassed;
import dev.manabi.api.QuizSubmitted;
import dev.manabi.api.Role;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.CoreTestAccess;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.i18n.UiLanguage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import, attempts, scoring, limits and reports against H2 and a real PostgreSQL. */
class AttemptsTest {

    static final LearnerContext AUTHOR = person("author", "uni-a", Role.CONTENT_AUTHOR, Role.LEARNER);
    static final LearnerContext ALICE = person("alice", "uni-a", Role.LEARNER);
    static final LearnerContext ADMIN_A = person("admin-a", "uni-a", Role.INSTITUTION_ADMIN);
    static final LearnerContext BOB = person("bob", "uni-b", Role.LEARNER);
    static final LearnerContext ADMIN_B = person("admin-b", "uni-b", Role.INSTITUTION_ADMIN);

    /** Every answer of all-types.json right. */
    static Map<String, JsonNode> allRight() {
        Map<String, JsonNode> r = new LinkedHashMap<>();
        r.put("single", TextNode.valueOf("b"));
        r.put("multi", Fixtures.node("['urgent', 'sender', 'link']"));
        r.put("tf", BooleanNode.TRUE);
        r.put("num", IntNode.valueOf(12));
        r.put("text", TextNode.valueOf("ｍｆａ"));
        r.put("order", Fixtures.node("['detect', 'contain', 'recover']"));
        r.put("match", Fixtures.node("{'conf': 'secret', 'integ': 'unchanged'}"));
        return r;
    }

    static String course(TestPlatform p, String quizFile) {
        Views.Imported imported = p.quizzes().importQuiz(AUTHOR, Fixtures.resource(quizFile), null);
        assertThat(imported.courseCreated()).isTrue();
        return imported.courseId();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aQuizOffersTheLanguagesOfItsCurrentVersionsTitle(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        course(p, "all-types.json");

        // README "Languages": a multilingual quiz counts among the languages its course offers.
        assertThat(p.quizzes().languagesOf(java.util.List.of("all-types", "no-such-quiz")))
                .containsOnlyKeys("all-types").extractingByKey("all-types").asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.iterable(String.class))
                .containsExactlyInAnyOrder("ja", "en");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void importCreatesACourseAndSubmitScoresOnTheServerOnce(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = course(p, "all-types.json");
        Course course = p.course(courseId).orElseThrow();
        assertThat(course.components()).containsExactly(new Course.Component("quiz", "all-types", null));
        assertThat(course.title().values()).containsEntry("ja", "全問題タイプ");

        QuizService quizzes = p.quizzes();
        Views.AttemptView started = quizzes.start(ALICE, "all-types", courseId, UiLanguage.JA);
        String json = Json.mapper().valueToTree(started).toString();
        assertThat(json).doesNotContain("\"correct\":").doesNotContain("accepted").doesNotContain("\"answer\"")
                .doesNotContain("2FA").doesNotContain("explanation");
        assertThat(started.questions()).hasSize(7);
        assertThat(started.questions().get(0).get("prompt").asText()).isEqualTo("安全なパスワードは？");
        assertThat(started.questions().get(0).get("renderer").asText()).isEqualTo("quiz/types/single-choice.js");

        Map<String, JsonNode> half = new LinkedHashMap<>(allRight());
        half.put("single", TextNode.valueOf("a"));
        half.put("multi", Fixtures.node("['urgent', 'logo']"));
        quizzes.save(ALICE, "all-types", started.attemptId(), half, UiLanguage.JA);
        assertThat(quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN).attemptId())
                .as("a reload resumes the open attempt").isEqualTo(started.attemptId());

        Views.AttemptView submitted = quizzes.submit(ALICE, "all-types", started.attemptId(), null, UiLanguage.EN);
        // single 0/2, multi 1/3 right - 1/1 wrong < 0, so 0; the other five 1 each
        assertThat(submitted.result().score()).isEqualTo(5.0);
        assertThat(submitted.result().maxScore()).isEqualTo(8.0);
        assertThat(submitted.result().passed()).isFalse();
        assertThat(submitted.result().questions().get(0).feedback()).isEqualTo("Length matters most.");
        assertThat(submitted.result().questions().get(0).explanation()).isEqualTo("Length matters most.");
        assertThat(submitted.questions().get(0).get("correct").asText()).as("review after submit").isEqualTo("b");

        Views.AttemptView again = quizzes.submit(ALICE, "all-types", started.attemptId(), allRight(), UiLanguage.EN);
        assertThat(again.result().score()).as("idempotent: the stored result").isEqualTo(5.0);
        assertThat(p.events(QuizSubmitted.class)).singleElement()
                .satisfies(e -> assertThat(e.score()).isEqualTo(5.0));
        assertThat(p.events(QuizPassed.class)).isEmpty();
        assertThat(p.facts(ALICE, courseId)).containsExactly(new ProgressFact("quiz", "all-types", true, false, 5.0,
                8.0));

        Views.AttemptView second = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        assertThat(second.number()).isEqualTo(2);
        Views.AttemptView passed = quizzes.submit(ALICE, "all-types", second.attemptId(), allRight(), UiLanguage.EN);
        assertThat(passed.result().passed()).isTrue();
        assertThat(passed.result().attemptsLeft()).isZero();
        assertThat(p.events(QuizPassed.class)).singleElement().satisfies(e -> {
            assertThat(e.courseId()).isEqualTo(courseId);
            assertThat(e.score()).isEqualTo(8.0);
        });
        assertThat(p.facts(ALICE, courseId)).containsExactly(new ProgressFact("quiz", "all-types", true, true, 8.0,
                8.0));

        PlayerException limit = catchThrowableOfType(PlayerException.class,
                () -> quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN));
        assertThat(limit.status()).isEqualTo(409);
        assertThat(limit.code()).isEqualTo("attempt-limit");
        assertThat(quizzes.myResults(ALICE, "all-types")).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theServerEnforcesTheTimeLimit(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode timed = Fixtures.resource("all-types.json");
        ((ObjectNode) timed.get("settings")).put("timeLimitSeconds", 60);
        String courseId = p.quizzes().importQuiz(AUTHOR, timed, null).courseId();
        QuizService quizzes = p.quizzes();

        Views.AttemptView a = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        assertThat(a.remainingSeconds()).isEqualTo(60);
        quizzes.save(ALICE, "all-types", a.attemptId(), Map.of("tf", BooleanNode.TRUE), UiLanguage.EN);
        p.clock.advance(Duration.ofSeconds(63));
        assertThat(quizzes.attempt(ALICE, "all-types", a.attemptId(), UiLanguage.EN).remainingSeconds()).isZero();
        p.clock.advance(Duration.ofSeconds(3));
        Views.AttemptView late = quizzes.submit(ALICE, "all-types", a.attemptId(), allRight(), UiLanguage.EN);
        assertThat(late.result().timedOut()).isTrue();
        assertThat(late.result().score()).as("only what was saved in time counts").isEqualTo(1.0);

        Views.AttemptView b = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        p.clock.advance(Duration.ofMinutes(5));
        PlayerException timeUp = catchThrowableOfType(PlayerException.class,
                () -> quizzes.save(ALICE, "all-types", b.attemptId(), allRight(), UiLanguage.EN));
        assertThat(timeUp.code()).isEqualTo("time-up");
        assertThat(quizzes.attempt(ALICE, "all-types", b.attemptId(), UiLanguage.EN).status()).isEqualTo("submitted");
        assertThat(p.events(QuizSubmitted.class)).hasSize(2);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN)).code()).isEqualTo("attempt-limit");

        // Within the grace after the deadline the browser's own time-up submission still counts.
        LearnerContext carol = person("carol", "uni-a", Role.LEARNER);
        Views.AttemptView c = quizzes.start(carol, "all-types", courseId, UiLanguage.EN);
        p.clock.advance(Duration.ofSeconds(62));
        Views.AttemptView graced = quizzes.submit(carol, "all-types", c.attemptId(), allRight(), UiLanguage.EN);
        assertThat(graced.result().timedOut()).isTrue();
        assertThat(graced.result().score()).isEqualTo(8.0);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anAttemptKeepsTheVersionItStartedWith(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = course(p, "all-types.json");
        QuizService quizzes = p.quizzes();
        Views.AttemptView old = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);

        ObjectNode v2 = Fixtures.resource("all-types.json");
        ((ObjectNode) v2.get("questions").get(0)).put("correct", "c");
        Views.Imported imported = quizzes.importQuiz(AUTHOR, v2, courseId);
        assertThat(imported.version()).isEqualTo(2);
        assertThat(imported.courseCreated()).isFalse();
        assertThat(p.course(courseId).orElseThrow().components()).as("not added twice").hasSize(1);

        Views.AttemptView result = quizzes.submit(ALICE, "all-types", old.attemptId(),
                Map.of("single", TextNode.valueOf("b")), UiLanguage.EN);
        assertThat(result.result().score()).as("scored by version 1").isEqualTo(2.0);
        Views.AttemptView fresh = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        assertThat(quizzes.submit(ALICE, "all-types", fresh.attemptId(), Map.of("single", TextNode.valueOf("c")),
                UiLanguage.EN).result().score()).as("version 2").isEqualTo(2.0);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aQuizIsNeverStoredWithoutItsCourse(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        p.failNextCourseCreation = true;
        assertThatThrownBy(() -> p.quizzes().importQuiz(AUTHOR, Fixtures.resource("all-types.json"), null))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(QuizService.Store.quiz(ds, "all-types")).as("the quiz rolled back with its course").isEmpty();
        Views.Imported retry = p.quizzes().importQuiz(AUTHOR, Fixtures.resource("all-types.json"), null);
        assertThat(retry.courseCreated()).as("so a retry creates both").isTrue();
        assertThat(retry.version()).isEqualTo(1);
        assertThat(p.coursesContaining(QuizEngine.KIND, "all-types")).extracting(Course::id)
                .containsExactly(retry.courseId());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void invalidDefinitionsAndForeignCoursesStoreNothing(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode broken = Fixtures.resource("all-types.json");
        ((ObjectNode) broken.get("questions").get(3)).remove("answer");
        assertThatThrownBy(() -> p.quizzes().importQuiz(AUTHOR, broken, null))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(QuizService.Store.quiz(ds, "all-types")).isEmpty();
        assertThat(CoreTestAccess.allCourses(ds)).isEmpty();

        Course foreign = p.createCourse(person("author-b", "uni-b", Role.CONTENT_AUTHOR), new CourseCatalog.Draft(
                LocalizedText.of("en", "B only"), "en", CourseVisibility.TENANT, Set.of()));
        PlayerException notVisible = catchThrowableOfType(PlayerException.class,
                () -> p.quizzes().importQuiz(AUTHOR, Fixtures.resource("all-types.json"), foreign.id()));
        assertThat(notVisible.status()).isEqualTo(404);
        assertThat(QuizService.Store.quiz(ds, "all-types")).isEmpty();

        PlayerException learner = catchThrowableOfType(PlayerException.class,
                () -> p.quizzes().importQuiz(ALICE, Fixtures.resource("all-types.json"), null));
        assertThat(learner.status()).isEqualTo(403);

        p.quizzes().importQuiz(AUTHOR, Fixtures.resource("all-types.json"), null);
        PlayerException taken = catchThrowableOfType(PlayerException.class, () -> p.quizzes().importQuiz(
                person("author-b", "uni-b", Role.CONTENT_AUTHOR), Fixtures.resource("all-types.json"), null));
        assertThat(taken.code()).isEqualTo("quiz-id-taken");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void learnersOfOtherTenantsCannotReachQuizzesOrAttempts(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = course(p, "all-types.json");
        QuizService quizzes = p.quizzes();
        Views.AttemptView mine = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);

        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.start(BOB, "all-types", courseId, UiLanguage.EN)).status()).isEqualTo(404);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.attempt(BOB, "all-types", mine.attemptId(), UiLanguage.EN)).status()).isEqualTo(404);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.submit(BOB, "all-types", mine.attemptId(), null, UiLanguage.EN)).status())
                .isEqualTo(404);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.start(ALICE, "all-types", null, UiLanguage.EN)).status())
                .as("learners take quizzes through a course").isEqualTo(404);
        assertThat(quizzes.start(AUTHOR, "all-types", null, UiLanguage.EN).courseId())
                .as("authors may preview outside a course").isNull();

        assertThat(quizzes.myResults(ALICE, "all-types")).hasSize(1);
        PlayerException foreign = catchThrowableOfType(PlayerException.class,
                () -> quizzes.myResults(BOB, "all-types"));
        PlayerException missing = catchThrowableOfType(PlayerException.class,
                () -> quizzes.myResults(BOB, "no-such-quiz"));
        assertThat(foreign.status()).as("another tenant's quiz looks like no quiz").isEqualTo(404);
        assertThat(foreign.getMessage()).isEqualTo(missing.getMessage().replace("no-such-quiz", "all-types"));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void institutionAdminsGetTheirOwnTenantsResultsOnly(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = course(p, "all-types.json");
        p.course(courseId).orElseThrow();
        CoreTestAccess.remember(ds, ALICE);
        QuizService quizzes = p.quizzes();
        Views.AttemptView a = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        quizzes.submit(ALICE, "all-types", a.attemptId(), allRight(), UiLanguage.EN);

        Views.Report report = quizzes.report(ADMIN_A, "all-types", null);
        assertThat(report.tenantId()).isEqualTo("uni-a");
        assertThat(report.rows()).singleElement().satisfies(r -> {
            assertThat(r.learnerId()).isEqualTo("alice");
            assertThat(r.score()).isEqualTo(8.0);
            assertThat(r.passed()).isTrue();
        });

        PlayerException otherTenant = catchThrowableOfType(PlayerException.class,
                () -> quizzes.report(ADMIN_A, "all-types", "uni-b"));
        assertThat(otherTenant.status()).isEqualTo(403);
        PlayerException invisible = catchThrowableOfType(PlayerException.class,
                () -> quizzes.report(ADMIN_B, "all-types", null));
        assertThat(invisible.status()).as("uni-b cannot see uni-a's quiz at all").isEqualTo(404);
        PlayerException askingForA = catchThrowableOfType(PlayerException.class,
                () -> quizzes.report(ADMIN_B, "all-types", "uni-a"));
        assertThat(askingForA.status()).isEqualTo(403);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> quizzes.report(ALICE, "all-types", null)).status()).isEqualTo(403);

        assertThat(quizzes.report(person("root", "ops", Role.PLATFORM_ADMIN), "all-types", "uni-a").rows())
                .hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void afterEachFeedbackLocksTheCheckedResponse(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode def = Fixtures.resource("all-types.json");
        ((ObjectNode) def.get("settings")).put("feedback", "after-each").put("review", "never");
        String courseId = p.quizzes().importQuiz(AUTHOR, def, null).courseId();
        QuizService quizzes = p.quizzes();
        Views.AttemptView a = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);

        Views.QuestionOutcome wrong = quizzes.check(ALICE, "all-types", a.attemptId(), "single",
                TextNode.valueOf("a"), UiLanguage.EN);
        assertThat(wrong.outcome()).isEqualTo("incorrect");
        assertThat(wrong.feedback()).isEqualTo("Length matters most.");
        assertThat(wrong.explanation()).isNull();
        Views.QuestionOutcome retry = quizzes.check(ALICE, "all-types", a.attemptId(), "single",
                TextNode.valueOf("b"), UiLanguage.EN);
        assertThat(retry.outcome()).as("a check cannot be repeated with another answer").isEqualTo("incorrect");
        assertThat(catchThrowableOfType(PlayerException.class, () -> quizzes.save(ALICE, "all-types",
                a.attemptId(), Map.of("single", TextNode.valueOf("b")), UiLanguage.EN)).code())
                .isEqualTo("invalid-responses");

        Views.AttemptView done = quizzes.submit(ALICE, "all-types", a.attemptId(), Map.of("single",
                TextNode.valueOf("a"), "tf", BooleanNode.TRUE), UiLanguage.EN);
        assertThat(done.result().review()).isFalse();
        assertThat(Json.mapper().valueToTree(done).toString()).as("review never").doesNotContain("\"correct\":")
                .doesNotContain("explanation");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void responsesForUnknownQuestionsAreRejectedWhole(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        String courseId = course(p, "pooled.json");
        QuizService quizzes = p.quizzes();
        Views.AttemptView a = quizzes.start(ALICE, "pooled", courseId, UiLanguage.EN);
        String notDrawn = java.util.stream.Stream.of("p1", "p2", "p3", "p4")
                .filter(id -> a.questions().stream().noneMatch(q -> q.get("id").asText().equals(id)))
                .findFirst().orElseThrow();
        Map<String, JsonNode> responses = new LinkedHashMap<>();
        responses.put("fixed", BooleanNode.FALSE);
        responses.put(notDrawn, BooleanNode.TRUE);
        PlayerException e = catchThrowableOfType(PlayerException.class,
                () -> quizzes.save(ALICE, "pooled", a.attemptId(), responses, UiLanguage.EN));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.details().toString()).contains("$.responses." + notDrawn);
        assertThat(quizzes.attempt(ALICE, "pooled", a.attemptId(), UiLanguage.EN).responses()).isEmpty();
    }
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theLargestQuizTheValidatorAllowsCanBeTakenAndChecked(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode quiz = Fixtures.json("{'id': 'big', 'title': {'en': 'T'}, 'settings': {'passThreshold':"
                + " {'percent': 50}, 'feedback': 'after-each'}}");
        ArrayNode questions = quiz.putArray("questions");
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (int i = 0; i < DefinitionParser.MAX_QUESTIONS; i++) {
            String id = "q" + "%063d".formatted(i);
            questions.addObject().put("id", id).put("type", "true-false").put("correct", true)
                    .putObject("prompt").put("en", "P");
            answers.put(id, BooleanNode.TRUE);
        }
        String courseId = p.quizzes().importQuiz(AUTHOR, quiz, null).courseId();
        QuizService quizzes = p.quizzes();

        Views.AttemptView a = quizzes.start(ALICE, "big", courseId, UiLanguage.EN);
        assertThat(a.questions()).hasSize(DefinitionParser.MAX_QUESTIONS);
        quizzes.save(ALICE, "big", a.attemptId(), answers, UiLanguage.EN);
        // Every question checked: the longest checked list there can be.
        Sql.inTransaction(ds, c -> QuizService.Store.saveResponses(c, a.attemptId(),
                Json.mapper().valueToTree(answers), answers.keySet()));
        Views.AttemptView checked = quizzes.attempt(ALICE, "big", a.attemptId(), UiLanguage.EN);
        assertThat(checked.checked()).hasSize(DefinitionParser.MAX_QUESTIONS);
        assertThat(quizzes.submit(ALICE, "big", a.attemptId(), null, UiLanguage.EN).result().score())
                .isEqualTo(DefinitionParser.MAX_QUESTIONS);
    }
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void reportsSubmitAttemptsAbandonedPastTheirDeadline(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode timed = Fixtures.resource("all-types.json");
        ((ObjectNode) timed.get("settings")).put("timeLimitSeconds", 60);
        String courseId = p.quizzes().importQuiz(AUTHOR, timed, null).courseId();
        p.rules().put(AUTHOR, courseId, Fixtures.json(
                "{'units': [{'id': 'tried', 'when': [{'type': 'quiz', 'quiz': 'all-types', 'minPoints': 1}]}]}"));
        CoreTestAccess.remember(ds, ALICE);
        QuizService quizzes = p.quizzes();
        Views.AttemptView abandoned = quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        quizzes.save(ALICE, "all-types", abandoned.attemptId(), Map.of("tf", BooleanNode.TRUE), UiLanguage.EN);
        LearnerContext carol = person("carol", "uni-a", Role.LEARNER);
        Views.AttemptView carols = quizzes.start(carol, "all-types", courseId, UiLanguage.EN);

        p.clock.advance(Duration.ofSeconds(30));
        assertThat(quizzes.report(ADMIN_A, "all-types", null).rows()).as("still running")
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("open"));
        assertThat(p.events(QuizSubmitted.class)).isEmpty();

        // Alice never comes back; her institution's admin looks at the results.
        p.clock.advance(Duration.ofSeconds(60));
        Views.Report report = quizzes.report(ADMIN_A, "all-types", null);
        assertThat(report.rows()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("submitted");
            assertThat(r.timedOut()).isTrue();
        });
        assertThat(report.rows()).filteredOn(r -> r.learnerId().equals("alice")).singleElement()
                .satisfies(r -> assertThat(r.score()).as("what was saved in time").isEqualTo(1.0));
        assertThat(p.events(QuizSubmitted.class)).hasSize(2).anySatisfy(e -> {
            assertThat(e.learner().learnerId()).isEqualTo("alice");
            assertThat(e.learner().tenant().id()).isEqualTo("uni-a");
            assertThat(e.attemptId()).isEqualTo(abandoned.attemptId());
            assertThat(e.score()).isEqualTo(1.0);
        });
        assertThat(p.facts(ALICE, courseId)).containsExactly(new ProgressFact("quiz", "all-types", true, false, 1.0,
                8.0));
        assertThat(p.events(UnitCompleted.class)).as("completion rules saw it").singleElement()
                .satisfies(e -> assertThat(e.learner().learnerId()).isEqualTo("alice"));

        quizzes.report(ADMIN_A, "all-types", null);
        assertThat(quizzes.attempt(ALICE, "all-types", abandoned.attemptId(), UiLanguage.EN).result().timedOut())
                .isTrue();
        assertThat(quizzes.attempt(carol, "all-types", carols.attemptId(), UiLanguage.EN).status())
                .isEqualTo("submitted");
        assertThat(p.events(QuizSubmitted.class)).as("once per attempt").hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aLearnersOwnResultsSubmitTheirOverdueAttempt(DataSource ds) {
        TestPlatform p = new TestPlatform(ds);
        ObjectNode timed = Fixtures.resource("all-types.json");
        ((ObjectNode) timed.get("settings")).put("timeLimitSeconds", 60);
        String courseId = p.quizzes().importQuiz(AUTHOR, timed, null).courseId();
        QuizService quizzes = p.quizzes();
        quizzes.start(ALICE, "all-types", courseId, UiLanguage.EN);
        p.clock.advance(Duration.ofMinutes(2));
        assertThat(quizzes.myResults(ALICE, "all-types")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("submitted");
            assertThat(a.timedOut()).isTrue();
        });
        assertThat(p.events(QuizSubmitted.class)).singleElement()
                .satisfies(e -> assertThat(e.learner()).isEqualTo(ALICE));
    }
}
