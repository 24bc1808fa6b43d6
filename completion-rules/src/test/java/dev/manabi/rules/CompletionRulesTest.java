package dev.manabi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.Sql;
import dev.manabi.core.TestClock;
import dev.manabi.core.spi.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Completion rules with no quiz engine on the class path (this module's tests): units and courses of SCORM, video
 * and cmi5 facts, the generalized pass aggregate over any scored parts, its older {@code quizzes} form, and how
 * stored rules are read back.
 */
class CompletionRulesTest {

    static final Tenant UNI_A = new Tenant("uni-a", "University A");
    static final LearnerContext AUTHOR = person("author", Role.CONTENT_AUTHOR);
    static final LearnerContext ALICE = person("alice", Role.LEARNER);
    static final LearnerContext CAROL = person("carol", Role.LEARNER);

    static LearnerContext person(String id, Role role) {
        return new LearnerContext(id, id, null, UNI_A, Set.of(role), null);
    }

    static RulesHarness harness(DataSource ds) {
        return new RulesHarness(ds, new TestClock(Instant.parse("2026-12-06T09:00:00Z")));
    }

    static ProgressFact sco(String ref, boolean completed, Double score) {
        return new ProgressFact("sco", ref, completed, null, score, score == null ? null : 100.0);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aScormOnlyCourseCompletesUnitsAndPassesOnScoFacts(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "scorm:golf-line");
        rules.put(AUTHOR, courseId, RulesHarness.json("""
                {'units': [{'id': 'rules-of-golf', 'when': [
                    {'type': 'fact', 'kind': 'sco', 'ref': 'golf-line/item-1', 'minPercent': 80}]}],
                 'course': {'units': ['rules-of-golf'],
                            'pass': {'parts': [{'kind': 'sco', 'ref': 'golf-line/item-1'},
                                               {'kind': 'sco', 'ref': 'golf-line/item-2'}],
                                     'aggregate': 'average', 'atLeast': 75}}}
                """));

        rules.record(ALICE, courseId, sco("golf-line/item-1", false, 79.0));
        assertThat(rules.fired(UnitCompleted.class)).as("79 of 100 is below 80 %").isEmpty();
        rules.record(ALICE, courseId, sco("golf-line/item-1", true, 90.0));
        assertThat(rules.fired(UnitCompleted.class)).singleElement().satisfies(u -> {
            assertThat(u.unitId()).isEqualTo("rules-of-golf");
            assertThat(u.score()).as("a fact condition gives the unit no score").isNull();
        });
        assertThat(rules.fired(CourseCompleted.class)).as("item 2 not taken yet").isEmpty();

        rules.record(ALICE, courseId, sco("golf-line/item-2", false, null));
        assertThat(rules.fired(CourseCompleted.class)).as("launched, neither completed nor scored").isEmpty();
        rules.record(ALICE, courseId, sco("golf-line/item-2", true, 59.0));
        assertThat(rules.fired(CourseCompleted.class)).singleElement().satisfies(c -> {
            assertThat(c.passed()).as("(90 + 59) / 2 = 74.5").isFalse();
            assertThat(c.score()).isEqualTo(74.5);
        });
        // The latest fact's score counts for SCOs (the ledger keeps one fact per part).
        rules.record(ALICE, courseId, sco("golf-line/item-2", true, 60.0));
        assertThat(rules.fired(CourseCompleted.class)).hasSize(2).last().satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.score()).isEqualTo(75.0);
        });
        assertThat(rules.status(ALICE, courseId)).isEqualTo(new CompletionRules.Status(courseId,
                Map.of("rules-of-golf", true), true, true, 75.0));
        assertThat(rules.outcomes(ALICE, List.of(courseId)))
                .containsEntry(courseId, new CourseOutcomes.Outcome(true, true, 75.0));
        assertThat(rules.statementsQueued).as("unit, course completed/failed, course passed").isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theSumOfAnyScoredPartsPassesAtExactlyTheGivenPoints(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "scorm:line", "cmi5:pkg", "quiz:chapter-3");
        rules.put(AUTHOR, courseId, RulesHarness.json("""
                {'course': {'pass': {'parts': [{'kind': 'sco', 'ref': 'line/a'}, {'kind': 'cmi5-au', 'ref': 'pkg/au1'},
                                               {'kind': 'quiz', 'ref': 'chapter-3'}],
                                     'aggregate': 'sum', 'atLeast': 70}}}
                """));
        for (LearnerContext who : List.of(ALICE, CAROL)) {
            rules.record(who, courseId, sco("line/a", true, 30.0));
            rules.record(who, courseId, new ProgressFact("cmi5-au", "pkg/au1", true, true, 20.0, 20.0));
        }
        rules.record(ALICE, courseId, new ProgressFact("quiz", "chapter-3", true, false, 19.0, 30.0));
        rules.record(CAROL, courseId, new ProgressFact("quiz", "chapter-3", true, false, 20.0, 30.0));
        assertThat(rules.fired(CourseCompleted.class)).extracting(c -> c.learner().learnerId(), CourseCompleted::passed,
                CourseCompleted::score).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", false, 69.0),
                        org.assertj.core.groups.Tuple.tuple("carol", true, 70.0));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theOlderQuizzesFormStillMeansQuizParts(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "quiz:q1", "quiz:q2");
        rules.put(AUTHOR, courseId, RulesHarness.json(
                "{'course': {'pass': {'quizzes': ['q1', 'q2'], 'aggregate': 'average', 'atLeast': 7}}}"));
        rules.record(ALICE, courseId, new ProgressFact("quiz", "q1", true, true, 8.0, 8.0));
        assertThat(rules.fired(CourseCompleted.class)).isEmpty();
        rules.record(ALICE, courseId, new ProgressFact("quiz", "q2", true, false, 6.0, 8.0));
        assertThat(rules.fired(CourseCompleted.class)).singleElement().satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.score()).isEqualTo(7.0);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void passPartsAreValidatedWithJsonPaths(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "scorm:line");
        JsonNode bad = RulesHarness.json("""
                {'course': {'pass': {'parts': [{'kind': 'sco'}, 'x', {'kind': 'sco', 'ref': 'a', 'weight': 2},
                                               {'kind': 'sco', 'ref': 'a'}],
                                     'quizzes': ['q'], 'aggregate': 'sum', 'atLeast': -1, 'atleast': 3}}}
                """);
        PlayerException e = catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, bad));
        assertThat(e.code()).isEqualTo("invalid-completion-rules");
        assertThat(paths(e)).containsExactlyInAnyOrder("$.course.pass", "$.course.pass.atLeast",
                "$.course.pass.atleast");
        JsonNode parts = RulesHarness.json("""
                {'course': {'pass': {'parts': [{'kind': 'sco'}, 'x', {'kind': 'sco', 'ref': 'line/a', 'weight': 2},
                                               {'kind': 'sco', 'ref': 'line/a'}], 'aggregate': 'sum', 'atLeast': 1}}}
                """);
        e = catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, parts));
        assertThat(paths(e)).containsExactlyInAnyOrder("$.course.pass.parts[0].ref", "$.course.pass.parts[1]",
                "$.course.pass.parts[2].weight", "$.course.pass.parts[3]");
    }

    /**
     * Review B-5: a typo in a part's or a fact condition's ref was accepted and the course or unit never judged. Refs
     * of the SDK's fact kinds are checked against the course's components; other kinds are taken as given.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void refsThatNoComponentOfTheCourseCanRecordAreRefused(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "scorm:golf-line", "book:handbook", "cmi5:pkg");
        JsonNode typos = RulesHarness.json("""
                {'units': [{'id': 'u', 'when': [
                    {'type': 'fact', 'kind': 'video-topic', 'ref': 'handbok/passwords'},
                    {'type': 'fact', 'kind': 'scorm', 'ref': ['golf-line', 'golf-lien']},
                    {'type': 'fact', 'kind': 'book', 'ref': 'handbook'},
                    {'type': 'fact', 'kind': 'xapi-activity', 'ref': 'https://example.org/a/1'}]}],
                 'course': {'pass': {'parts': [{'kind': 'sco', 'ref': 'golf-line/item-1'},
                                               {'kind': 'sco', 'ref': 'gold-line/item-2'},
                                               {'kind': 'scorm', 'ref': 'golf'},
                                               {'kind': 'cmi5-au', 'ref': 'pkg'},
                                               {'kind': 'quiz', 'ref': 'chapter-1'},
                                               {'kind': 'cmi5-au', 'ref': 'pkg/#0123abcd'}],
                                     'aggregate': 'sum', 'atLeast': 1}}}
                """);
        PlayerException e = catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, typos));
        assertThat(e.code()).isEqualTo("invalid-completion-rules");
        assertThat(paths(e)).containsExactly("$.units[0].when[0].ref", "$.units[0].when[1].ref[1]",
                "$.course.pass.parts[1]", "$.course.pass.parts[2]", "$.course.pass.parts[3]",
                "$.course.pass.parts[4]");
        assertThat(e.details().toString()).contains("'golf' is not a scorm component of this course; its scorm"
                + " components: [golf-line]", "'chapter-1' is not a quiz component of this course");
        assertThat(rules.put(AUTHOR, courseId, RulesHarness.json("""
                {'units': [{'id': 'u', 'when': [{'type': 'fact', 'kind': 'video-topic', 'ref': 'handbook/passwords'},
                                                {'type': 'fact', 'kind': 'scorm', 'ref': 'golf-line'}]}],
                 'course': {'pass': {'parts': [{'kind': 'sco', 'ref': 'golf-line/item-2'},
                                               {'kind': 'cmi5', 'ref': 'pkg'}], 'aggregate': 'sum', 'atLeast': 1}}}
                """))).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aConditionKindUninstalledSinceNeverHoldsAndChangedRulesAreReadAgain(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "book:handbook");
        assertThat(catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId,
                RulesHarness.json("{'units': [{'id': 'u', 'when': [{'type': 'moon-phase'}]}]}")))).satisfies(e ->
                assertThat(paths(e)).containsExactly("$.units[0].when[0].type"));

        rules.put(AUTHOR, courseId, RulesHarness.json("""
                {'units': [{'id': 'u', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'handbook'}]},
                           {'id': 'v', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'handbook'}]}]}
                """));
        rules.record(CAROL, courseId, new ProgressFact("book", "other", true, null, null, null));
        // As if a module providing 'moon-phase' had been uninstalled after these rules were stored.
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_rules_course set rules_json = ? where course_id = ?",
                RulesHarness.json("""
                        {'units': [{'id': 'u', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'handbook'},
                                                        {'type': 'moon-phase'}]},
                                   {'id': 'v', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'handbook'}]}]}
                        """).toString(), courseId));
        rules.record(ALICE, courseId, new ProgressFact("book", "handbook", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).as("u never holds; v does (the changed rules were read)")
                .extracting(UnitCompleted::unitId).containsExactly("v");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aFactConditionWithAlternativeRefsCoversEveryLanguageVariant(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "scorm:line-ja", "scorm:line-en");
        rules.put(AUTHOR, courseId, RulesHarness.json("""
                {'units': [{'id': 'golf', 'when': [
                   {'type': 'fact', 'kind': 'scorm', 'ref': ['line-ja', 'line-en'], 'completed': true}]}]}
                """));
        rules.record(ALICE, courseId, new ProgressFact("scorm", "line-ja", false, null, null, null));
        rules.record(ALICE, courseId, new ProgressFact("scorm", "line-other", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).as("neither variant completed").isEmpty();

        // Started in Japanese, finished after switching to English.
        rules.record(ALICE, courseId, new ProgressFact("scorm", "line-en", true, null, null, null));
        assertThat(rules.fired(UnitCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.unitId()).isEqualTo("golf");
            assertThat(e.score()).as("fact conditions give no unit score").isNull();
        });

        JsonNode bad = RulesHarness.json("""
                {'units': [{'id': 'u', 'when': [{'type': 'fact', 'kind': 'scorm', 'ref': []},
                                                {'type': 'fact', 'kind': 'scorm', 'ref': ['line-ja', 3]}]}]}
                """);
        PlayerException e = catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, bad));
        assertThat(paths(e)).containsExactlyInAnyOrder(
                "$.units[0].when[0].ref", "$.units[0].when[1].ref[1]");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void badgesAreValidatedWithTheRulesAndTheSavedRulesAreAnnounced(DataSource ds) {
        RulesHarness rules = harness(ds);
        String courseId = rules.course(AUTHOR, "book:b");
        JsonNode bad = RulesHarness.json("""
                {'units': [{'id': 'u1', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'b'}]}],
                 'badges': [
                   {'id': 'b1', 'name': 'Unit one', 'description': {'en': 'Did it', 'fr': 'Fait'},
                    'criteria': 'unit:u9'},
                   {'id': 'b1', 'name': '', 'description': 'x', 'criteria': 'course-passed', 'colour': 'red'},
                   {'id': 'b3', 'name': 'Pic', 'description': 'x', 'criteria': 'sometimes',
                    'image': 'https://example.org/a.png'},
                   {'id': 'b4', 'name': 'Pic', 'description': 'x', 'criteria': 'unit:u1',
                    'image': 'data:image/png;base64,PHN2Zz4='}]}
                """);
        PlayerException e = catchThrowableOfType(PlayerException.class, () -> rules.put(AUTHOR, courseId, bad));
        assertThat(e.code()).isEqualTo("invalid-completion-rules");
        assertThat(paths(e)).containsExactlyInAnyOrder(
                "$.badges[0].description.fr",
                "$.badges[0].criteria",
                "$.badges[1].id",
                "$.badges[1].name",
                "$.badges[1].criteria",
                "$.badges[1].colour",
                "$.badges[2].criteria",
                "$.badges[2].image",
                "$.badges[3].image");
        assertThat(rules.fired).isEmpty();

        JsonNode good = RulesHarness.json("""
                {'units': [{'id': 'u1', 'when': [{'type': 'fact', 'kind': 'book', 'ref': 'b'}]}], 'course': {'units': ['u1']},
                 'badges': [{'id': 'b1', 'name': {'en': 'Unit one', 'ja': '第1章'}, 'description': 'Did it',
                             'criteria': 'unit:u1'},
                            {'id': 'b2', 'name': 'All', 'description': 'x', 'criteria': 'course-completed'}]}
                """);
        rules.put(AUTHOR, courseId, good);
        assertThat(rules.fired(CompletionRulesSaved.class)).singleElement().satisfies(saved -> {
            assertThat(saved.courseId()).isEqualTo(courseId);
            assertThat(RulesHarness.json(saved.rulesJson()).get("badges")).isEqualTo(good.get("badges"));
        });
    }

    @SuppressWarnings("unchecked")
    static List<String> paths(PlayerException e) {
        return ((List<Problems.Problem>) ((Map<String, Object>) e.details()).get("problems")).stream()
                .map(Problems.Problem::path).toList();
    }
}
