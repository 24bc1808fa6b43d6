package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.not;
import static dev.manabi.scorm.seq.Seq.on;
import static dev.manabi.scorm.seq.Seq.read;
import static dev.manabi.scorm.seq.Seq.readWrite;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static dev.manabi.scorm.seq.Seq.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RandomizationControls.Timing;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golf sequencing designs institutions build courses on, each as a small tree that reproduces the design:
 * forced sequential order (as in the corpus's SequencingForcedSequential manifest), post-test locked until the
 * content is done, remediation after a failed test, pre/post test with test-out, and a random test form with an
 * attempt limit.
 */
class GolfDesignsTest {

    // --- forced sequential: each SCO disabled until the previous one's global objective is satisfied ----------

    private static ActivityDefinition sequential(String id, String previous) {
        Seq s = seq().setByContent().weight(0).primary(id + "_satisfied", readWrite("g." + id));
        if (previous != null) {
            s.objective("previous_sco_satisfied", read("g." + previous))
                    .preAny(RuleAction.DISABLED, on("previous_sco_satisfied", ConditionType.SATISFIED, true),
                            on("previous_sco_satisfied", ConditionType.OBJECTIVE_STATUS_KNOWN, true));
        }
        return leaf(id, s);
    }

    static ActivityTree forcedSequential() {
        ActivityDefinition quiz = leaf("quiz", seq().setByContent().weight(0).primary("assessment_satisfied")
                .objective("previous_sco_satisfied", read("g.havingfun"))
                .preAny(RuleAction.DISABLED, on("previous_sco_satisfied", ConditionType.SATISFIED, true),
                        on("previous_sco_satisfied", ConditionType.OBJECTIVE_STATUS_KNOWN, true)));
        return tree(cluster("org", seq().flow(), sequential("playing", null),
                sequential("etiquette", "playing"), sequential("handicapping", "etiquette"),
                sequential("havingfun", "handicapping"), quiz));
    }

    private static void passContent(Learner l) {
        assertThat(l.start()).isEqualTo("playing");
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("etiquette");
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("handicapping");
        l.report("completed", "passed");
        assertThat(l.next()).isEqualTo("havingfun");
        l.report("completed", "passed");
    }

    @Test
    void forced_sequential_quiz_is_disabled_at_the_start_and_the_look_ahead_says_why() {
        Learner l = new Learner(forcedSequential());
        LookAhead before = l.sequencer.lookAhead();
        assertThat(before.activity("quiz").orElseThrow().choiceValid()).isFalse();
        assertThat(before.activity("quiz").orElseThrow().reason()).isEqualTo(SnCode.DB_1_1_3);
        assertThat(before.activity("playing").orElseThrow().choiceValid()).isTrue();
        Outcome o = l.choose("quiz");
        assertThat(o.exception()).isEqualTo(SnCode.DB_1_1_3);
        assertThat(l.sequencer.currentActivity()).isNull();
    }

    @Test
    void forced_sequential_failing_the_quiz_fails_the_course() {
        Learner l = new Learner(forcedSequential());
        passContent(l);
        assertThat(l.next()).isEqualTo("quiz");
        l.report("completed", "failed");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
    }

    @Test
    void forced_sequential_passing_the_quiz_passes_the_course() {
        Learner l = new Learner(forcedSequential());
        passContent(l);
        assertThat(l.next()).isEqualTo("quiz");
        l.report("completed", "passed");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    @Test
    void forced_sequential_a_content_sco_left_unsatisfied_keeps_the_next_one_disabled() {
        Learner l = new Learner(forcedSequential());
        l.start();
        l.report("incomplete", "unknown");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_2);
        assertThat(l.sequencer.lookAhead().continueValid()).isFalse();
    }

    // --- post-test locked until the content is completed ------------------------------------------------------

    static ActivityTree postTestLocked() {
        RollupControls completionOnly = new RollupControls(false, true, 0, RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true);
        return tree(cluster("course", seq().flow(),
                cluster("content", seq().flow().rollup(completionOnly).primary("content_done", write("g.done"))
                                .rollupRule(ChildActivitySet.ALL, RollupAction.SATISFIED, ConditionType.COMPLETED),
                        leaf("c1", seq().setByContent()), leaf("c2", seq().setByContent())),
                leaf("posttest", seq().setByContent().objective("content", read("g.done"))
                        .preAny(RuleAction.DISABLED, on("content", ConditionType.SATISFIED, true),
                                on("content", ConditionType.OBJECTIVE_STATUS_KNOWN, true)))));
    }

    @Test
    void post_test_is_locked_until_every_content_sco_is_completed() {
        Learner l = new Learner(postTestLocked());
        assertThat(l.choose("posttest").exception()).isEqualTo(SnCode.DB_1_1_3);
        assertThat(l.choose("c2").deliver()).isEqualTo("c2");
        l.report("completed", "unknown");
        assertThat(l.sequencer.lookAhead().activity("posttest").orElseThrow().choiceValid()).isFalse();
        assertThat(l.choose("c1").deliver()).isEqualTo("c1");
        l.report("completed", "unknown");
        assertThat(l.sequencer.lookAhead().activity("posttest").orElseThrow().choiceValid()).isTrue();
        assertThat(l.choose("posttest").deliver()).isEqualTo("posttest");
        l.report("completed", "passed");
        l.nav(Type.EXIT_ALL);
        assertThat(l.sequencer.courseStatus().satisfied()).as("only the post-test decides").isTrue();
        assertThat(l.sequencer.courseStatus().completed()).isTrue();
    }

    // --- remediation: a failed test sends the learner back to the content of the failed objectives -----------

    static ActivityTree remediation() {
        // "not satisfied" holds only once the status is known (SN 3.4.2): the lesson rolls up both ways.
        Seq lesson = seq().flow().post(RuleAction.RETRY, not(ConditionType.SATISFIED))
                .rollupRule(ChildActivitySet.ALL, RollupAction.NOT_SATISFIED, ConditionType.OBJECTIVE_STATUS_KNOWN)
                .rollupRule(ChildActivitySet.ALL, RollupAction.SATISFIED, ConditionType.SATISFIED);
        RollupControls notForObjectives = new RollupControls(false, true, 0, RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, RollupConsideration.ALWAYS, true);
        return tree(cluster("course", seq().flow(), cluster("lesson", lesson,
                leaf("c1", seq().rollup(notForObjectives).objective("obj1", read("g.obj1"))
                        .pre(RuleAction.SKIP, on("obj1", ConditionType.SATISFIED, false))),
                leaf("c2", seq().rollup(notForObjectives).objective("obj2", read("g.obj2"))
                        .pre(RuleAction.SKIP, on("obj2", ConditionType.SATISFIED, false))),
                leaf("test", seq().setByContent().objective("obj1", write("g.obj1"))
                        .objective("obj2", write("g.obj2"))
                        .post(RuleAction.EXIT_PARENT, not(ConditionType.SATISFIED))))));
    }

    private static RteResults testResult(String success, String obj1, String obj2) {
        return new RteResults("completed", success, null, null, null, null, null, null, List.of(
                new RteResults.Objective("obj1", obj1, null, null, null, null, null, null),
                new RteResults.Objective("obj2", obj2, null, null, null, null, null, null)));
    }

    @Test
    void remediation_after_a_failed_test_repeats_only_the_failed_content() {
        Learner l = new Learner(remediation());
        assertThat(l.start()).isEqualTo("c1");
        assertThat(l.next()).isEqualTo("c2");
        assertThat(l.next()).isEqualTo("test");
        l.sequencer.report("test", testResult("failed", "passed", "failed"));
        Outcome o = l.nav(Type.CONTINUE);
        assertThat(o.deliver()).as("obj1 mastered: c1 skipped, c2 again: %s", o).isEqualTo("c2");
        assertThat(l.state.activity("lesson").attemptCount).isEqualTo(2);
        assertThat(l.next()).isEqualTo("test");
        l.sequencer.report("test", testResult("passed", "passed", "passed"));
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
    }

    // --- pre-test / post-test with test-out --------------------------------------------------------------------

    static ActivityTree preAndPostTest() {
        RollupControls skippable = new RollupControls(false, true, 0, RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.IF_NOT_SKIPPED, RollupConsideration.IF_NOT_SKIPPED,
                true);
        RollupControls posttestControls = new RollupControls(true, true, 1, RollupConsideration.ALWAYS,
                RollupConsideration.ALWAYS, RollupConsideration.IF_NOT_SKIPPED, RollupConsideration.IF_NOT_SKIPPED,
                true);
        RuleCondition testedOut = on("pretest", ConditionType.SATISFIED, false);
        return tree(cluster("course", seq().flow()
                        .rollupRule(ChildActivitySet.ANY, RollupAction.SATISFIED, ConditionType.SATISFIED)
                        .rollupRule(new dev.manabi.scorm.seq.model.RollupRule(ChildActivitySet.ALL, 0, 0, false,
                                List.of(RuleCondition.not(ConditionType.SATISFIED)), RollupAction.NOT_SATISFIED)),
                leaf("pretest", seq().setByContent().primary("pre", write("g.pretest"))),
                cluster("content", seq().flow().rollup(skippable).objective("pretest", read("g.pretest"))
                                .pre(RuleAction.SKIP, testedOut),
                        leaf("c1"), leaf("c2")),
                leaf("posttest", seq().setByContent().rollup(posttestControls)
                        .objective("pretest", read("g.pretest")).pre(RuleAction.SKIP, testedOut))));
    }

    @Test
    void passing_the_pre_test_tests_out_of_content_and_post_test() {
        Learner l = new Learner(preAndPostTest());
        assertThat(l.start()).isEqualTo("pretest");
        l.report("completed", "passed");
        assertThat(l.nav(Type.CONTINUE).kind()).as("everything else skipped").isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().satisfied()).isTrue();
        assertThat(l.sequencer.courseStatus().completed()).as("skipped activities do not count").isTrue();
    }

    @Test
    void failing_the_pre_test_leads_through_content_to_the_post_test_which_decides() {
        Learner l = new Learner(preAndPostTest());
        l.start();
        l.report("completed", "failed");
        assertThat(l.next()).isEqualTo("c1");
        assertThat(l.next()).isEqualTo("c2");
        assertThat(l.next()).isEqualTo("posttest");
        l.report("completed", "failed");
        l.nav(Type.CONTINUE);
        assertThat(l.sequencer.courseStatus().satisfied()).as("both tests failed").isFalse();

        Learner again = new Learner(preAndPostTest());
        again.start();
        again.report("completed", "failed");
        again.next();
        again.next();
        again.next();
        again.report("completed", "passed");
        again.nav(Type.CONTINUE);
        assertThat(again.sequencer.courseStatus().satisfied()).isTrue();
    }

    // --- one random test form out of four, two attempts ---------------------------------------------------------

    static ActivityTree randomTest() {
        Seq form = seq().setByContent().post(RuleAction.EXIT_PARENT, not(ConditionType.SATISFIED));
        return tree(cluster("course", seq().flow(), leaf("content"),
                cluster("test", seq().flow().select(1, Timing.ON_EACH_NEW_ATTEMPT).attemptLimit(2)
                                .post(RuleAction.RETRY, not(ConditionType.SATISFIED),
                                        not(ConditionType.ATTEMPT_LIMIT_EXCEEDED))
                                .rollupRule(ChildActivitySet.ANY, RollupAction.SATISFIED, ConditionType.SATISFIED)
                                .rollupRule(ChildActivitySet.ANY, RollupAction.NOT_SATISFIED,
                                        ConditionType.OBJECTIVE_STATUS_KNOWN),
                        leaf("form1", form), leaf("form2", form), leaf("form3", form), leaf("form4", form))));
    }

    @Test
    void random_test_delivers_one_form_and_allows_two_attempts() {
        Learner l = new Learner(randomTest(), 5);
        l.start();
        String form = l.next();
        assertThat(form).startsWith("form");
        assertThat(l.state.activity("test").availableChildren).containsExactly(form);
        l.report("completed", "failed");
        String second = l.next();
        assertThat(second).as("a retry draws a form again").startsWith("form");
        assertThat(l.state.activity("test").attemptCount).isEqualTo(2);
        l.report("completed", "failed");
        Outcome o = l.nav(Type.CONTINUE);
        assertThat(o.kind()).as("attempt limit reached: no third try, the course ends")
                .isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.sequencer.courseStatus().satisfied()).isFalse();
        Learner reopened = new Learner(randomTest(), 5);
        reopened.state = l.state;
        reopened.reload();
        assertThat(reopened.choose("test").exception()).as("limit reached").isEqualTo(SnCode.DB_1_1_3);
    }
}
