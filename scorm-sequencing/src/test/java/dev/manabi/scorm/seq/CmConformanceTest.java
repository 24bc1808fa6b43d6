package dev.manabi.scorm.seq;

import static dev.manabi.scorm.seq.Seq.cluster;
import static dev.manabi.scorm.seq.Seq.cond;
import static dev.manabi.scorm.seq.Seq.leaf;
import static dev.manabi.scorm.seq.Seq.seq;
import static dev.manabi.scorm.seq.Seq.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CM family (control modes, constrained choice) of the ADL SCORM 2004 4th Edition conformance test packages, played
 * as the suite's expected-behaviour script says (where the packages and scripts are: see {@link SxConformanceTest}).
 * A script's {@code start=Activity n} means the learner starts by choosing that activity in the table of contents;
 * its {@code UIQ}/{@code UIA} pairs are what the TOC must offer, checked here against the look-ahead.
 */
class CmConformanceTest {

    /**
     * CM-10 (every control mode at its default: choice, no flow). Act1V1 (chosen) asks for
     * {@code {target=activity_2}choice}; Act2V1 asks for exit all, which ends the attempt. Relaunched, a start
     * request cannot flow (SB.2.2-1: the organization has no flow) and continue is not offered; the learner
     * chooses activity_4 (Act4V1).
     */
    @Test
    void cm_10_default_control_modes_choice_only() {
        ActivityTree tree = tree(cluster("CM-10", seq(),
                leaf("activity_1"), leaf("activity_2"), leaf("activity_3"), leaf("activity_4")));
        Learner l = new Learner(tree);
        assertThat(l.choose("activity_1").deliver()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.sequencer.lookAhead().continueValid()).isFalse();
        assertThat(l.choose("activity_2").deliver()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.nav(Type.EXIT_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);

        Learner relaunched = new Learner(tree, 7, l.globals);
        assertThat(relaunched.nav(Type.START).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(relaunched.choose("activity_4").deliver()).as("Act4V1").isEqualTo("activity_4");
    }

    /**
     * CM-16 ({@code constrainChoice="true"} on the organization). Started by choosing activity_2 (Act2V1), which
     * suspends all; relaunched, resume all delivers it again (Act2V2); its SCO chooses activity_3 (Act3V1), whose
     * SCO chooses activity_1 (Act1V1): the constraint belongs to the organization, which is never left, and the
     * choices are among siblings (SB.2.9 case 2), so it restricts nothing here.
     */
    @Test
    void cm_16_constrain_choice_on_the_organization_does_not_constrain_its_children() {
        ActivityTree tree = tree(cluster("CM-16", seq().constrainChoice(),
                leaf("activity_1"), leaf("activity_2"), leaf("activity_3")));
        Learner l = new Learner(tree);
        assertThat(l.choose("activity_2").deliver()).as("Act2V1").isEqualTo("activity_2");
        assertThat(l.nav(Type.SUSPEND_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        l.reload();
        assertThat(l.nav(Type.RESUME_ALL).deliver()).as("Act2V2").isEqualTo("activity_2");
        assertThat(l.choose("activity_3").deliver()).as("Act3V1").isEqualTo("activity_3");
        assertThat(l.choose("activity_1").deliver()).as("Act1V1").isEqualTo("activity_1");
    }

    /**
     * CM-17a ({@code preventActivation="true"} on activity_2 and on activity_4 inside it; the organization has
     * choice and no flow). Script, with the TOC's "enabled and selectable" answers:
     * Act8V1 (chosen at the start): activity_1 yes, activity_4 and activity_6 no (activity_2 is not active, SB.2.9-6);
     * choosing activity_2 itself is allowed and flows to Act3V1: activity_1 and activity_2 yes, activity_6 no
     * (activity_4 not active); choosing activity_4 flows to Act5V1: activity_2, activity_6 and activity_7 yes;
     * choosing activity_8 (Act8V2) ends activity_2's attempt: activity_1 yes, activity_3 and activity_5 no; the
     * SCO's {@code {target=activity_5}jump} bypasses the constraint (SB.2.13) and delivers Act5V2.
     */
    @Test
    void cm_17a_prevent_activation_opens_a_cluster_only_through_itself() {
        Learner l = new Learner(tree(cluster("CM-17a", seq(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().preventActivation(),
                        leaf("activity_3"),
                        cluster("activity_4", seq().flow().preventActivation(), leaf("activity_5"),
                                leaf("activity_6")),
                        leaf("activity_7")),
                leaf("activity_8"))));
        assertThat(l.choose("activity_8").deliver()).as("Act8V1").isEqualTo("activity_8");
        assertToc(l, Map.of("activity_1", true, "activity_4", false, "activity_6", false));
        assertThat(l.choose("activity_2").deliver()).as("Act3V1").isEqualTo("activity_3");
        assertToc(l, Map.of("activity_1", true, "activity_2", true, "activity_6", false));
        assertThat(l.choose("activity_4").deliver()).as("Act5V1").isEqualTo("activity_5");
        assertToc(l, Map.of("activity_2", true, "activity_6", true, "activity_7", true));
        assertThat(l.choose("activity_8").deliver()).as("Act8V2").isEqualTo("activity_8");
        assertToc(l, Map.of("activity_1", true, "activity_3", false, "activity_5", false));
        assertThat(l.choose("activity_5").exception()).isEqualTo(SnCode.SB_2_9_6);
        assertThat(l.sequencer.navigate(NavigationRequest.jump("activity_5")).deliver()).as("Act5V2")
                .isEqualTo("activity_5");
    }

    private static void assertToc(Learner l, Map<String, Boolean> selectable) {
        LookAhead la = l.sequencer.lookAhead();
        selectable.forEach((id, valid) -> assertThat(la.activity(id).orElseThrow().choiceValid())
                .as("%s selectable at %s", id, l.sequencer.currentActivity()).isEqualTo(valid));
    }

    /**
     * CM-07b (no script in the suite; the book's reading of the manifest): an organization with choice and no flow
     * over clusters with flow. Choosing activity_1 flows past its always-skipped first child to activity_3;
     * activity_4 is always disabled, so neither it nor anything below it can be delivered (DB.1.1-3 names it, also
     * in the table of contents); choosing activity_13 flows through the forward-only activity_14, skipping
     * activity_15, to activity_16 (skipped once attempted) and on to activity_17; from activity_10's last child,
     * continue reaches activity_17 directly since activity_16 is attempted now; activity_18 has no flow, so
     * choosing it delivers nothing (SB.2.9-9) and its children are reached by choice only, continue being invalid
     * inside it (NB.2.1-4).
     */
    @Test
    void cm_07b_skip_disabled_and_forward_only_under_an_organization_without_flow() {
        RuleCondition always = cond(ConditionType.ALWAYS);
        Learner l = new Learner(tree(cluster("CM-07b", seq(),
                cluster("activity_1", seq().flow(),
                        leaf("activity_2", seq().preAny(RuleAction.SKIP, always, cond(ConditionType.SATISFIED))),
                        leaf("activity_3")),
                cluster("activity_4", seq().flow().pre(RuleAction.DISABLED, always),
                        cluster("activity_5", seq().flow(), leaf("activity_6"), leaf("activity_7")),
                        leaf("activity_8")),
                cluster("activity_9", seq().flow(),
                        cluster("activity_10", seq().flow(), leaf("activity_11"), leaf("activity_12")),
                        cluster("activity_13", seq().flow(),
                                cluster("activity_14", seq().flow().forwardOnly(),
                                        leaf("activity_15", seq().pre(RuleAction.SKIP, always)),
                                        leaf("activity_16", seq().pre(RuleAction.SKIP,
                                                cond(ConditionType.ATTEMPTED)))),
                                leaf("activity_17"))),
                cluster("activity_18", seq(), leaf("activity_19"), leaf("activity_20"), leaf("activity_21")))));
        assertThat(l.choose("activity_1").deliver()).isEqualTo("activity_3");
        for (String below : new String[] {"activity_4", "activity_6", "activity_8"}) {
            LookAhead.ActivityAvailability toc = l.sequencer.lookAhead().activity(below).orElseThrow();
            assertThat(toc.choiceValid()).as(below).isFalse();
            assertThat(toc.reason()).isEqualTo(SnCode.DB_1_1_3);
            assertThat(toc.reasonActivity()).isEqualTo("activity_4");
        }
        assertThat(l.choose("activity_13").deliver()).isEqualTo("activity_16");
        assertThat(l.next()).isEqualTo("activity_17");
        assertThat(l.choose("activity_10").deliver()).isEqualTo("activity_11");
        assertThat(l.next()).isEqualTo("activity_12");
        assertThat(l.next()).as("activity_15 and the attempted activity_16 skipped").isEqualTo("activity_17");
        assertThat(l.choose("activity_18").exception()).isEqualTo(SnCode.SB_2_9_9);
        assertThat(l.choose("activity_19").deliver()).isEqualTo("activity_19");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.NB_2_1_4);
    }

    /**
     * CM-07a as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s), with the TOC's answers
     * at each step. Act3V1: activity_5 (disabled) no, activity_7 (inside activity_1) yes, activity_10 and
     * activity_14 no (outside activity_1, whose choiceExit is false). Choice of activity_6 (Act6V1): the leaf
     * activity_6 itself has choiceExit false and is active, so no choice at all is valid, not even its sibling
     * activity_7 (NB.2.1: the path from the current activity up to, not including, the common ancestor includes the
     * current activity itself); previous is not valid (activity_5 is disabled), continue is. Act7V1: activity_9 no,
     * activity_4 yes, the organization no, previous and continue yes; continue leaves activity_1 (Act9V1):
     * activity_1 and activity_3 no (activity_8 forbids choice exit now), activity_13 yes. Choice of activity_13
     * (Act13V1): activity_11 yes, the organization, activity_1 and the disabled activity_14 no. Choice of
     * activity_10 (Act10V1): no choice at all again (its own choiceExit); previous and continue yes, on to Act12V1,
     * where choice is possible again, and Act13V2.
     */
    @Test
    void cm_07a_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.cm07a();
        assertThat(l.start()).as("Act3V1").isEqualTo("activity_3");
        assertToc(l, Map.of("activity_5", false, "activity_7", true, "activity_10", false, "activity_14", false));
        assertThat(l.choose("activity_6").deliver()).as("Act6V1").isEqualTo("activity_6");
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.activities()).as("no choice at all").noneMatch(a -> a.choiceValid() && !a.current());
        assertThat(la.activity("activity_7").orElseThrow().reason()).isEqualTo(SnCode.NB_2_1_8);
        assertThat(la.previousValid()).isFalse();
        assertThat(la.continueValid()).isTrue();
        assertThat(l.next()).as("Act7V1").isEqualTo("activity_7");
        assertToc(l, Map.of("activity_9", false, "activity_4", true, "CM-07a", false));
        assertThat(l.sequencer.lookAhead().previousValid()).isTrue();
        assertThat(l.next()).as("Act9V1").isEqualTo("activity_9");
        assertToc(l, Map.of("activity_1", false, "activity_3", false, "activity_13", true));
        assertThat(l.choose("activity_13").deliver()).as("Act13V1").isEqualTo("activity_13");
        assertToc(l, Map.of("activity_11", true, "CM-07a", false, "activity_1", false, "activity_14", false));
        assertThat(l.choose("activity_10").deliver()).as("Act10V1").isEqualTo("activity_10");
        la = l.sequencer.lookAhead();
        assertThat(la.activities()).noneMatch(a -> a.choiceValid() && !a.current());
        assertThat(la.previousValid()).isTrue();
        assertThat(la.continueValid()).isTrue();
        assertThat(l.next()).as("Act12V1").isEqualTo("activity_12");
        assertThat(l.sequencer.lookAhead().activities()).anyMatch(LookAhead.ActivityAvailability::choiceValid);
        assertThat(l.next()).as("Act13V2").isEqualTo("activity_13");
    }

    /**
     * CM-05 as its script plays it: Act1V1's SCO chooses activity_6, deep in activity_2 and activity_3 (Act6V1),
     * which suspends all; relaunched, resume all delivers it again (Act6V2); its SCO chooses activity_8 (Act8V1),
     * which suspends all; resumed: Act8V2.
     */
    @Test
    void cm_05_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.cm05();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertThat(l.choose("activity_6").deliver()).as("Act6V1").isEqualTo("activity_6");
        assertThat(l.nav(Type.SUSPEND_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        l.reload();
        assertThat(l.nav(Type.RESUME_ALL).deliver()).as("Act6V2").isEqualTo("activity_6");
        assertThat(l.choose("activity_8").deliver()).as("Act8V1").isEqualTo("activity_8");
        assertThat(l.nav(Type.SUSPEND_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        l.reload();
        assertThat(l.nav(Type.RESUME_ALL).deliver()).as("Act8V2").isEqualTo("activity_8");
        assertThat(l.state.activity("activity_3").suspended).isFalse();
    }

    /**
     * CM-02a as its script plays it (the manifest's case is {@link ConformanceCasesTest}'s), with the LMS's
     * continue/previous answers at each step: Act1V1 continue yes, previous no; Act2V1 both yes; Act3V1 both yes
     * (continue would end the session); previous skips the satisfied activity_2: Act1V2, continue yes, previous no;
     * continue skips it too: Act3V2, previous yes; previous: Act1V3.
     */
    @Test
    void cm_02a_as_the_script_plays_it() {
        Learner l = ConformanceCasesTest.cm02a();
        assertThat(l.start()).as("Act1V1").isEqualTo("activity_1");
        assertFlowButtons(l, true, false);
        assertThat(l.next()).as("Act2V1").isEqualTo("activity_2");
        assertFlowButtons(l, true, true);
        assertThat(l.next()).as("Act3V1").isEqualTo("activity_3");
        assertFlowButtons(l, true, true);
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("Act1V2").isEqualTo("activity_1");
        assertFlowButtons(l, true, false);
        assertThat(l.next()).as("Act3V2").isEqualTo("activity_3");
        assertThat(l.sequencer.lookAhead().previousValid()).isTrue();
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("Act1V3").isEqualTo("activity_1");
    }

    private static void assertFlowButtons(Learner l, boolean continueValid, boolean previousValid) {
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.continueValid()).as("continue").isEqualTo(continueValid);
        assertThat(la.previousValid()).as("previous").isEqualTo(previousValid);
    }

    /**
     * CM-02b (no script in the suite; the book's reading of the manifest): flow without choice; activity_2 is
     * skipped when satisfied and has {@code objectiveSetByContent="true"}, so the LMS does not satisfy it when its
     * attempt ends (UP.4). Act1, Act2 (sets nothing), Act3; previous delivers activity_2 again (not satisfied, not
     * skipped); it passes now, so continue and then previous skip it: activity_3, then activity_1.
     */
    @Test
    void cm_02b_objective_set_by_content_is_not_satisfied_by_the_lms() {
        Learner l = new Learner(tree(cluster("CM-02b", seq().flow().noChoice(),
                leaf("activity_1", seq().primary(null).objective("obj1").objective("obj2").objective("obj3")),
                leaf("activity_2", seq().pre(RuleAction.SKIP, cond(ConditionType.SATISFIED))
                        .primary("PRIMARYOBJ").objective("obj1").objectiveSetByContent()),
                leaf("activity_3", seq().primary(null).objective("obj1")))));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.state.activity("activity_2").objective("PRIMARYOBJ").progressStatus).isFalse();
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("not satisfied: not skipped").isEqualTo("activity_2");
        l.report(null, "passed");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("satisfied by the content: skipped").isEqualTo("activity_1");
    }

    /**
     * CM-03b (no script; the book's reading): the organization's own {@code controlMode choice="false" flow="true"}
     * replaces its collection entry's {@code forwardOnly="true"} (the element is replaced as a whole, see
     * {@code SequencingCollectionMergeTest}), so previous is allowed at the top; activity_4 is forward only and each
     * of its children is skipped once attempted and not completed. Going back from activity_8 enters activity_4 at
     * its first child (SB.2.1: a forward-only cluster is entered forward): with activity_5 and activity_6 left
     * incomplete, activity_7 (completed by the LMS) is delivered; once all three are incomplete, the traversal
     * reaches the end of activity_4 having come backward, reverses (SB.2.1 step 3.1) and goes on backward to
     * activity_1's last child, activity_3.
     */
    @Test
    void cm_03b_previous_into_a_forward_only_cluster() {
        RuleAction skip = RuleAction.SKIP;
        RuleCondition attempted = cond(ConditionType.ATTEMPTED);
        RuleCondition notCompleted = Seq.not(ConditionType.COMPLETED);
        Learner l = new Learner(tree(cluster("CM-03b", seq().flow().noChoice(),
                cluster("activity_1", seq().flow().noChoice(), leaf("activity_2"), leaf("activity_3")),
                cluster("activity_4", seq().flow().noChoice().forwardOnly(),
                        leaf("activity_5", seq().pre(skip, attempted, notCompleted)),
                        leaf("activity_6", seq().pre(skip, attempted, notCompleted)),
                        leaf("activity_7", seq().pre(skip, attempted, notCompleted))),
                leaf("activity_8"))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.next()).isEqualTo("activity_5");
        l.report("incomplete", null);
        assertThat(l.next()).isEqualTo("activity_6");
        l.report("incomplete", null);
        assertThat(l.next()).isEqualTo("activity_7");
        assertThat(l.next()).isEqualTo("activity_8");
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("entered at its first child, 5 and 6 skipped")
                .isEqualTo("activity_7");
        l.report("incomplete", null);
        assertThat(l.next()).isEqualTo("activity_8");
        assertThat(l.nav(Type.PREVIOUS).deliver()).as("all of activity_4 skipped: reversed to activity_3")
                .isEqualTo("activity_3");
    }

    /**
     * CM-04b (no script; the book's reading): flow on the organization, activity_1, activity_10 and activity_11, not
     * on activity_4 and activity_8; choice everywhere. Continue cannot enter activity_4 (its children's parent has no
     * flow, SB.2.2-1); a choice of activity_4 delivers nothing (SB.2.9-9) but its leaves are chosen; continue inside
     * it is invalid (NB.2.1-4). A choice of activity_10 flows to activity_12; flow leaves activity_10 at its end and
     * climbs past activity_8 (whose flow is not asked: SB.2.2 checks the parent of the activity it would deliver) to
     * activity_15; previous from there would enter activity_8 and is refused (SB.2.2-1). A choice of activity_10 now
     * skips the attempted activity_11 (its pre-condition is checked when flow enters it): activity_14.
     */
    @Test
    void cm_04b_flow_only_where_the_parent_allows_it() {
        Learner l = new Learner(tree(cluster("CM-04b", seq().flow(),
                cluster("activity_1", seq().flow(), leaf("activity_2"), leaf("activity_3")),
                cluster("activity_4", seq(), leaf("activity_5"), leaf("activity_6"), leaf("activity_7")),
                cluster("activity_8", seq(),
                        leaf("activity_9"),
                        cluster("activity_10", seq().flow(),
                                cluster("activity_11", seq().flow().pre(RuleAction.SKIP,
                                        cond(ConditionType.ATTEMPTED)), leaf("activity_12"), leaf("activity_13")),
                                leaf("activity_14"))),
                leaf("activity_15"))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(l.choose("activity_4").exception()).isEqualTo(SnCode.SB_2_9_9);
        assertThat(l.choose("activity_6").deliver()).isEqualTo("activity_6");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.NB_2_1_4);
        assertThat(l.choose("activity_10").deliver()).isEqualTo("activity_12");
        assertThat(l.next()).isEqualTo("activity_13");
        assertThat(l.next()).isEqualTo("activity_14");
        assertThat(l.next()).isEqualTo("activity_15");
        assertThat(l.nav(Type.PREVIOUS).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(l.choose("activity_10").deliver()).as("activity_11 attempted: skipped").isEqualTo("activity_14");
    }

    /**
     * CM-06 (no script; the book's reading): activity_2 is retried whenever its activity progress is known after an
     * attempt (post-condition, TB.2.2). The LMS completes it when the SCO sets nothing (UP.4), so continue brings it
     * back as a new attempt (the retry replaces the continue); a SCO that says {@code cmi.completion_status =
     * "unknown"} itself keeps its progress unknown (the content set it, UP.4 leaves it alone) and the learner goes on.
     */
    @Test
    void cm_06_retry_while_activity_progress_is_known() {
        Learner l = new Learner(tree(cluster("CM-06", seq().flow().noChoice(),
                leaf("activity_1"),
                leaf("activity_2", seq().post(RuleAction.RETRY, cond(ConditionType.ACTIVITY_PROGRESS_KNOWN))),
                leaf("activity_3"))));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.next()).isEqualTo("activity_2");
        assertThat(l.next()).as("retried").isEqualTo("activity_2");
        assertThat(l.state.activity("activity_2").attemptCount).isEqualTo(2);
        l.report("unknown", null);
        assertThat(l.next()).isEqualTo("activity_3");
    }

    /**
     * CM-07d (no script; the book's reading): constrained choice and prevent activation, merged from a collection
     * entry at three levels (the reader's job: each own {@code adlseq:constrainedChoiceConsiderations} replaces the
     * entry's as a whole, so activity_11 constrains choice only, activity_12 prevents activation only, activity_16
     * both). The organization has no choice (its children cannot be chosen, NB.2.1-10 already) and activity_4 no flow
     * (continue cannot enter it, SB.2.2-1). From activity_3, activity_6 is chosen (nothing constrains leaving
     * activity_1); from there activity_8 inside activity_4 is free, but leaving activity_4 (constrainChoice) is
     * limited to its next activity in flow, activity_9 and its descendants (SB.2.9.1): activity_17 is refused
     * (SB.2.9-8), activity_10 is chosen. activity_12 prevents activation: activity_13 cannot be chosen while it is
     * not active (SB.2.9-6), a choice of activity_11 flows into it, then activity_13 is free. Leaving activity_11
     * (constrainChoice) backwards reaches only activity_10: activity_8 is refused; a choice of activity_16 (a child
     * of the organization) is refused, and its leaves need it active first (SB.2.9-6).
     */
    @Test
    void cm_07d_constrained_choice_and_prevent_activation_at_three_levels() {
        Learner l = new Learner(tree(cluster("CM-07d", seq().flow().noChoice(),
                cluster("activity_1", seq().flow(), leaf("activity_2"), leaf("activity_3")),
                cluster("activity_4", seq().constrainChoice(),
                        cluster("activity_5", seq(), leaf("activity_6"), leaf("activity_7", seq().noChoice())),
                        leaf("activity_8")),
                cluster("activity_9", seq().flow().constrainChoice(),
                        leaf("activity_10"),
                        cluster("activity_11", seq().flow().constrainChoice(),
                                cluster("activity_12", seq().flow().preventActivation(),
                                        leaf("activity_13", seq().constrainChoice().preventActivation()),
                                        leaf("activity_14")),
                                leaf("activity_15"))),
                cluster("activity_16", seq().flow().constrainChoice().preventActivation(),
                        leaf("activity_17"), leaf("activity_18")))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.next()).isEqualTo("activity_3");
        assertThat(l.nav(Type.CONTINUE).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(l.choose("activity_4").exception()).isEqualTo(SnCode.NB_2_1_10);
        assertThat(l.choose("activity_6").deliver()).isEqualTo("activity_6");
        assertThat(l.choose("activity_8").deliver()).isEqualTo("activity_8");
        assertThat(l.choose("activity_17").exception()).isEqualTo(SnCode.SB_2_9_8);
        assertThat(l.choose("activity_10").deliver()).isEqualTo("activity_10");
        assertThat(l.choose("activity_13").exception()).isEqualTo(SnCode.SB_2_9_6);
        assertThat(l.choose("activity_11").deliver()).isEqualTo("activity_13");
        assertThat(l.choose("activity_14").deliver()).isEqualTo("activity_14");
        assertThat(l.choose("activity_8").exception()).isEqualTo(SnCode.SB_2_9_8);
        assertThat(l.choose("activity_16").exception()).isEqualTo(SnCode.NB_2_1_10);
        assertThat(l.choose("activity_17").exception()).isIn(SnCode.SB_2_9_6, SnCode.SB_2_9_8);
    }

    /**
     * CM-07e (no script; the book's reading): the organization's identifier is {@code "   CASETEST   "} (the
     * reader trims identifiers, XML schema {@code xs:ID}) and one item is {@code CaseTest}, a different activity;
     * activity_2 is forward only and activity_4 always stops forward traversal. Flow is not affected by
     * stopForwardTraversal (only SB.2.4 checks it): CaseTest, activity_5, activity_6. A choice that would traverse
     * activity_4 forward is refused (SB.2.4-1: activity_5 from activity_1), a choice of activity_4 itself is not (the
     * target is not traversed) and flows into it. activity_2's forward only restricts backward choice among siblings
     * only (SB.2.9 case 2 with SB.2.4): from inside activity_4, CaseTest is not a sibling and may be chosen.
     */
    @Test
    void cm_07e_stop_forward_traversal_in_choice_not_in_flow() {
        ActivityTree tree = tree(cluster("CASETEST", seq().flow(),
                leaf("activity_1"),
                cluster("activity_2", seq().flow().forwardOnly(),
                        leaf("CaseTest"),
                        cluster("activity_4", seq().flow().pre(RuleAction.STOP_FORWARD_TRAVERSAL,
                                cond(ConditionType.ALWAYS)), leaf("activity_5"), leaf("activity_6")))));
        Learner l = new Learner(tree);
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.choose("activity_5").exception()).isEqualTo(SnCode.SB_2_4_1);
        assertThat(l.next()).isEqualTo("CaseTest");
        assertThat(l.next()).isEqualTo("activity_5");
        assertThat(l.next()).isEqualTo("activity_6");
        assertThat(l.nav(Type.PREVIOUS).deliver()).isEqualTo("activity_5");
        assertThat(l.choose("CaseTest").deliver()).as("not a sibling: forward only does not apply")
                .isEqualTo("CaseTest");

        Learner other = new Learner(tree);
        assertThat(other.start()).isEqualTo("activity_1");
        assertThat(other.choose("activity_4").deliver()).isEqualTo("activity_5");
        assertThat(other.nav(Type.PREVIOUS).exception()).isNull();
    }

    /**
     * CM-08 (no script; the book's reading): identifiers with surrounding spaces ({@code "  activity_1  "}, the
     * entry {@code "GeneralSequencing       "} referenced as {@code "  GeneralSequencing  "}) name the same things
     * once trimmed (the reader's job); the entry gives flow to the organization and to activity_1, whose own rule
     * exits all after it. Continue from activity_1 ends the session; activity_2 is never delivered.
     */
    @Test
    void cm_08_exit_all_after_the_first_activity() {
        Learner l = new Learner(tree(cluster("CM-08", seq().flow(),
                leaf("activity_1", seq().flow().post(RuleAction.EXIT_ALL, cond(ConditionType.ALWAYS))),
                leaf("activity_2"))));
        assertThat(l.start()).isEqualTo("activity_1");
        assertThat(l.nav(Type.CONTINUE).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);
        assertThat(l.state.activity("activity_2")).satisfies(s -> assertThat(s.attemptCount).isZero());
    }

    /**
     * CM-11 (no script; the book's reading): one SCO under an organization with the default control modes (choice,
     * no flow): start cannot flow (SB.2.2-1), the learner chooses activity_1. Its obj1 writes to gObj-CM11 and, by the
     * IMS defaults of {@code mapInfo}, reads it: with {@code objectivesGlobalToSystem} at its default (true) the
     * status outlives the attempt, so after exit all a new attempt launches activity_1 with obj1 "passed".
     */
    @Test
    void cm_11_a_global_objective_outlives_the_attempt() {
        ActivityTree tree = tree(cluster("CM-11", seq(),
                leaf("activity_1", seq().primary(null).objective("obj1",
                        dev.manabi.scorm.seq.model.ObjectiveMap.of("gObj-CM11", true, true, true, true)))));
        Learner l = new Learner(tree);
        assertThat(l.nav(Type.START).exception()).isEqualTo(SnCode.SB_2_2_1);
        assertThat(l.choose("activity_1").deliver()).isEqualTo("activity_1");
        assertThat(l.launched("activity_1", "obj1").successStatus()).isEqualTo("unknown");
        l.objectives(Learner.objective("obj1", "passed", 0.9));
        assertThat(l.nav(Type.EXIT_ALL).kind()).isEqualTo(Outcome.Kind.SESSION_ENDED);

        Learner again = new Learner(tree, 7, l.globals);
        assertThat(again.choose("activity_1").deliver()).isEqualTo("activity_1");
        assertThat(again.launched("activity_1", "obj1").successStatus()).isEqualTo("passed");
        assertThat(again.launched("activity_1", "obj1").scoreScaled()).isEqualTo(0.9);
    }

    /**
     * CM-13 (no script; the book's reading): activity_1 and activity_2 are hidden from choice when satisfied; all
     * three primary objectives read gObj-CM13-1, which nothing writes, so only the LMS's satisfaction at the end of
     * each attempt (UP.4) and rollup decide. After activity_2, it is hidden (SB.2.9-3) and activity_3 is not; after
     * activity_3, activity_1 is satisfied (all its children are) and hidden with everything below it.
     */
    @Test
    void cm_13_hidden_from_choice_once_satisfied() {
        RuleCondition satisfied = cond(ConditionType.SATISFIED);
        Learner l = new Learner(tree(cluster("CM-13", seq().flow(),
                cluster("activity_1", seq().flow().pre(RuleAction.HIDDEN_FROM_CHOICE,
                                Seq.on("PRIMARYOBJ", ConditionType.SATISFIED, false))
                                .primary("PRIMARYOBJ", Seq.read("gObj-CM13-1")),
                        leaf("activity_2", seq().pre(RuleAction.HIDDEN_FROM_CHOICE, satisfied)
                                .primary("PRIMARYOBJ", Seq.read("gObj-CM13-1"))),
                        leaf("activity_3", seq().primary("PRIMARYOBJ", Seq.read("gObj-CM13-1")))),
                leaf("activity_4"))));
        assertThat(l.start()).isEqualTo("activity_2");
        assertThat(l.sequencer.lookAhead().activity("activity_2").orElseThrow().hiddenFromChoice()).isFalse();
        assertThat(l.next()).isEqualTo("activity_3");
        LookAhead la = l.sequencer.lookAhead();
        assertThat(la.activity("activity_2").orElseThrow().hiddenFromChoice()).isTrue();
        assertThat(la.activity("activity_1").orElseThrow().hiddenFromChoice()).isFalse();
        assertThat(l.choose("activity_2").exception()).isEqualTo(SnCode.SB_2_9_3);
        assertThat(l.next()).isEqualTo("activity_4");
        la = l.sequencer.lookAhead();
        assertThat(la.activity("activity_1").orElseThrow().hiddenFromChoice()).isTrue();
        assertThat(la.activity("activity_3").orElseThrow().hiddenFromChoice()).isTrue();
        assertThat(l.choose("activity_3").exception()).isEqualTo(SnCode.SB_2_9_3);
    }
}
