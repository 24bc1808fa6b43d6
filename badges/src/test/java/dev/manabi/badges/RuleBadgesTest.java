package dev.manabi.badges;

import static dev.manabi.badges.TestBadges.ALICE;
import static dev.manabi.badges.TestBadges.AUTHOR;
import static dev.manabi.badges.TestBadges.CAROL;
import static dev.manabi.badges.TestBadges.URLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.CoreTestAccess;
import dev.manabi.core.TestClock;
import dev.manabi.rules.RulesHarness;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Badges issued end to end through the completion rules (issue 15, "Badge issuing per criteria kind"): progress facts
 * go into the ledger, the real rules engine awards units and the course and fires its events, and the badges
 * module's own handlers issue from them, as their CDI observers do. Neither the quiz engine nor any content module is
 * on this class path: quiz scores arrive as the {@code quiz} progress facts the quiz engine records (best attempt),
 * read with the rules' built-in {@code fact} condition, which is all a SCORM-only course has too.
 */
class RuleBadgesTest {

    /** The rules engine wired to the badges module as the CDI container wires them. */
    private static final class Wired {
        final DataSource ds;
        final RulesHarness rules;
        final TestBadges badges;
        /** Whether the badges module observes the rules' events (false: not installed yet). */
        boolean observing = true;

        Wired(DataSource ds) {
            this.ds = ds;
            RulesHarness[] self = new RulesHarness[1];
            this.badges = new TestBadges(ds, id -> CoreTestAccess.findCourse(ds, id), new CourseOutcomes() {
                @Override
                public Map<String, Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
                    return self[0].verdicts().outcomes(learner, courseIds);
                }

                @Override
                public Set<String> completedUnits(LearnerContext learner, String courseId) {
                    return self[0].verdicts().completedUnits(learner, courseId);
                }
            });
            this.rules = new RulesHarness(ds, new TestClock(TestBadges.T0), event -> {
                if (!observing) {
                    return;
                }
                if (event instanceof CompletionRulesSaved saved) {
                    badges.badges.rulesSaved(saved);
                } else if (event instanceof UnitCompleted unit) {
                    badges.badges.unitCompleted(unit);
                } else if (event instanceof CourseCompleted course) {
                    badges.badges.courseCompleted(course);
                }
            }, List.of());
            self[0] = rules;
        }

        String course(String... parts) {
            return rules.course(AUTHOR, parts);
        }

        void rules(String courseId, String json) {
            rules.put(AUTHOR, courseId, RulesHarness.json(json));
        }

        /** A module records a fact: the ledger's event reaches the rules, then the badges (ProgressRecorded). */
        void record(LearnerContext who, String courseId, ProgressFact fact) {
            rules.record(who, courseId, fact);
            if (observing) {
                badges.badges.progressed(who, courseId);
            }
        }

        List<String> badgeIds(LearnerContext who) {
            return badges.badges.mine(who, URLS).stream().map(Badges.MyBadge::badgeId).sorted().toList();
        }
    }

    private static ProgressFact quiz(String ref, double score, double max, boolean passed) {
        return new ProgressFact("quiz", ref, true, passed, score, max);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void eachUnitsQuizAtEightyPercent(DataSource ds) {
        Wired w = new Wired(ds);
        String courseId = w.course("quiz:chapter-1", "quiz:chapter-2");
        w.rules(courseId, """
                {'units': [{'id': 'u1', 'when': [{'type': 'fact', 'kind': 'quiz', 'ref': 'chapter-1', 'minPercent': 80}]},
                           {'id': 'u2', 'when': [{'type': 'fact', 'kind': 'quiz', 'ref': 'chapter-2', 'minPercent': 80}]}],
                 'course': {'units': ['u1', 'u2']},
                 'badges': [{'id': 'every-unit', 'name': 'Every unit', 'description': 'Each unit quiz at 80 %',
                             'criteria': 'course-completed'}]}
                """);
        w.record(ALICE, courseId, quiz("chapter-1", 8, 10, true));
        w.record(ALICE, courseId, quiz("chapter-2", 7.9, 10, true));
        assertThat(w.badgeIds(ALICE)).as("79 % in unit 2, though the quiz itself was passed").isEmpty();
        w.record(ALICE, courseId, quiz("chapter-2", 8, 10, true));
        assertThat(w.badgeIds(ALICE)).containsExactly("every-unit");
        w.record(ALICE, courseId, quiz("chapter-2", 10, 10, true));
        assertThat(w.badges.badges.mine(ALICE, URLS)).as("issued once").hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void allChapterTestsTogetherSeventyPoints(DataSource ds) {
        Wired w = new Wired(ds);
        String courseId = w.course("quiz:chapter-1", "quiz:chapter-2", "quiz:chapter-3");
        w.rules(courseId, """
                {'course': {'pass': {'parts': [{'kind': 'quiz', 'ref': 'chapter-1'}, {'kind': 'quiz', 'ref': 'chapter-2'},
                                               {'kind': 'quiz', 'ref': 'chapter-3'}],
                                     'aggregate': 'sum', 'atLeast': 70}},
                 'badges': [{'id': 'seventy', 'name': 'Seventy', 'description': 'All chapter tests total 70 points',
                             'criteria': 'course-passed'},
                            {'id': 'finisher', 'name': 'Finisher', 'description': 'Took every chapter test',
                             'criteria': 'course-completed'}]}
                """);
        for (LearnerContext who : List.of(ALICE, CAROL)) {
            w.record(who, courseId, quiz("chapter-1", 25, 34, true));
            w.record(who, courseId, quiz("chapter-2", 25, 33, true));
        }
        w.record(ALICE, courseId, quiz("chapter-3", 19, 33, false));
        w.record(CAROL, courseId, quiz("chapter-3", 20, 33, false));
        assertThat(w.badgeIds(ALICE)).as("69 points").containsExactly("finisher");
        assertThat(w.badgeIds(CAROL)).as("70 points").containsExactly("finisher", "seventy");

        // Alice retakes chapter 3; the quiz engine's fact now carries the better attempt.
        w.record(ALICE, courseId, quiz("chapter-3", 20, 33, false));
        assertThat(w.badgeIds(ALICE)).containsExactly("finisher", "seventy");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void videoWatchedAndQuizPassed(DataSource ds) {
        Wired w = new Wired(ds);
        String courseId = w.course("book:handbook", "quiz:phishing");
        w.rules(courseId, """
                {'units': [{'id': 'phishing', 'when': [
                    {'type': 'fact', 'kind': 'video-topic', 'ref': 'handbook/phishing', 'completed': true},
                    {'type': 'fact', 'kind': 'quiz', 'ref': 'phishing', 'passed': true}]}],
                 'badges': [{'id': 'watched-and-passed', 'name': {'en': 'Phishing aware', 'ja': 'フィッシング対策'},
                             'description': 'Watched the video and passed the quiz', 'criteria': 'unit:phishing'}]}
                """);
        w.record(ALICE, courseId, new ProgressFact("video-topic", "handbook/phishing", true, null, null, null));
        assertThat(w.badgeIds(ALICE)).as("video only").isEmpty();
        w.record(CAROL, courseId, quiz("phishing", 5, 5, true));
        assertThat(w.badgeIds(CAROL)).as("quiz only").isEmpty();
        w.record(ALICE, courseId, quiz("phishing", 2, 5, false));
        assertThat(w.badgeIds(ALICE)).as("video and a failed quiz").isEmpty();
        w.record(ALICE, courseId, quiz("phishing", 5, 5, true));
        assertThat(w.badgeIds(ALICE)).containsExactly("watched-and-passed");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aScormOnlyCourseAwardsItsUnitAndBadgesWithoutTheQuizEngine(DataSource ds) {
        Wired w = new Wired(ds);
        String courseId = w.course("scorm:rdm-line");
        w.rules(courseId, """
                {'units': [{'id': 'data-plan', 'when': [
                    {'type': 'fact', 'kind': 'sco', 'ref': 'rdm-line/plan', 'completed': true, 'minScore': 60}]}],
                 'course': {'units': ['data-plan']},
                 'badges': [{'id': 'plan', 'name': 'Data plan', 'description': 'Wrote a data management plan',
                             'criteria': 'unit:data-plan'},
                            {'id': 'rdm', 'name': 'Research data', 'description': 'Completed the course',
                             'criteria': 'course-completed'}]}
                """);
        w.record(ALICE, courseId, new ProgressFact("sco", "rdm-line/plan", true, null, 59.0, 100.0));
        assertThat(w.badgeIds(ALICE)).isEmpty();
        w.record(ALICE, courseId, new ProgressFact("sco", "rdm-line/plan", true, null, 60.0, 100.0));
        assertThat(w.rules.fired(UnitCompleted.class)).extracting(UnitCompleted::unitId).containsExactly("data-plan");
        assertThat(w.badgeIds(ALICE)).containsExactly("plan", "rdm");
        assertThat(w.badges.badges.mine(ALICE, URLS)).allSatisfy(b -> assertThat(b.courseId()).isEqualTo(courseId));
        assertThat(Thread.currentThread().getContextClassLoader().getResource("dev/manabi/quiz/QuizEngine.class"))
                .as("no quiz engine on this class path").isNull();
    }

    /**
     * Issue 15 ("also for learners who met them before the badge was declared, on their next progress"), review B-4:
     * the unit was awarded while the badges module was not installed, so it never recorded the unit's achievement;
     * the rules' own award (CourseOutcomes#completedUnits) issues the badge declared later.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aUnitBadgeDeclaredAfterTheUnitWasAwardedIsIssuedOnTheNextProgress(DataSource ds) {
        Wired w = new Wired(ds);
        String courseId = w.course("scorm:rdm-line", "book:handbook");
        String units = "{'units': [{'id': 'data-plan', 'when': [{'type': 'fact', 'kind': 'sco',"
                + " 'ref': 'rdm-line/plan', 'completed': true}]}]";
        w.observing = false;
        w.rules(courseId, units + "}");
        w.record(ALICE, courseId, new ProgressFact("sco", "rdm-line/plan", true, null, null, null));
        assertThat(w.rules.fired(UnitCompleted.class)).extracting(UnitCompleted::unitId).containsExactly("data-plan");

        w.observing = true;
        w.rules(courseId, units + ", 'badges': [{'id': 'plan', 'name': 'Data plan',"
                + " 'description': 'Wrote a data management plan', 'criteria': 'unit:data-plan'}]}");
        assertThat(w.badgeIds(ALICE)).as("nothing happened to Alice since").isEmpty();
        w.record(ALICE, courseId, new ProgressFact("video-topic", "handbook/intro", true, null, null, null));

        assertThat(w.badgeIds(ALICE)).containsExactly("plan");
        assertThat(w.badgeIds(CAROL)).as("Carol never completed the unit").isEmpty();
        assertThat(w.rules.fired(UnitCompleted.class)).as("the unit was not awarded again").hasSize(1);
    }
}
