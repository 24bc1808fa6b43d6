package dev.manabi.scorm.seq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.seq.NavigationRequest.Type;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ControlMode;
import dev.manabi.scorm.seq.model.RandomizationControls;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The look-ahead shares its translation and termination across requests and only checks delivery
 * ({@link RequestSimulation}); this compares it, on random trees walked by a random learner, with the
 * straightforward evaluation: every request run through OP.1 on its own overlay of the state. Seeds are fixed, so a
 * failure names the seed that reproduces it.
 */
class LookAheadEquivalenceTest {

    static Stream<Long> seeds() {
        return LongStream.range(1, 121).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_look_ahead_answers_as_every_request_run_on_its_own(long seed) {
        Random random = new Random(seed);
        ActivityTree tree = Seq.tree(randomCluster(random, "r", 0));
        Learner l = new Learner(tree, seed);
        List<String> ids = tree.activities().stream().map(ActivityDefinition::id).toList();
        for (int step = 0; step < 30; step++) {
            String context = "seed " + seed + " step " + step + " current " + l.state.currentActivity;
            LookAhead actual = l.sequencer.lookAhead();
            assertThat(actual).as(context).isEqualTo(StraightforwardLookAhead.of(tree, l.state, l.globals, l.clock));
            randomStep(random, l, ids);
        }
    }

    /** The learner reports something random on the current SCO, then makes a random navigation request. */
    private static void randomStep(Random random, Learner l, List<String> ids) {
        if (l.sequencer.currentActive() && random.nextInt(3) > 0) {
            String[] completion = {"completed", "incomplete", "unknown"};
            String[] success = {"passed", "failed", "unknown"};
            l.report(completion[random.nextInt(3)], success[random.nextInt(3)],
                    random.nextBoolean() ? null : random.nextDouble() * 2 - 1);
        }
        if (l.sequencer.currentActivity() == null) {
            l.nav(l.sequencer.suspendedActivity() != null ? Type.RESUME_ALL : Type.START);
            return;
        }
        String target = ids.get(random.nextInt(ids.size()));
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> l.nav(Type.CONTINUE);
            case 3 -> l.nav(Type.PREVIOUS);
            case 4, 5, 6 -> l.choose(target);
            case 7 -> l.sequencer.navigate(NavigationRequest.jump(target));
            case 8 -> l.nav(random.nextBoolean() ? Type.EXIT : Type.SUSPEND_ALL);
            default -> l.nav(random.nextBoolean() ? Type.EXIT_ALL : Type.ABANDON);
        }
    }

    private static ActivityDefinition randomCluster(Random random, String id, int depth) {
        int n = 2 + random.nextInt(3);
        ActivityDefinition[] children = new ActivityDefinition[n];
        for (int i = 0; i < n; i++) {
            String child = id + i;
            children[i] = depth < 2 && random.nextInt(3) == 0 ? randomCluster(random, child, depth + 1)
                    : Seq.leaf(child, randomSequencing(random, true));
        }
        Seq seq = randomSequencing(random, false);
        if (random.nextInt(6) == 0) {
            seq.select(1 + random.nextInt(n), RandomizationControls.Timing.ONCE);
        }
        return Seq.cluster(id, seq, children);
    }

    private static Seq randomSequencing(Random random, boolean leaf) {
        Seq seq = Seq.seq().mode(new ControlMode(random.nextInt(6) > 0, random.nextInt(5) > 0,
                random.nextInt(6) > 0, random.nextInt(5) == 0, true, true));
        if (random.nextInt(7) == 0) {
            seq.constrainChoice();
        }
        if (random.nextInt(7) == 0) {
            seq.preventActivation();
        }
        if (random.nextInt(5) == 0) {
            seq.attemptLimit(1 + random.nextInt(2));
        }
        if (leaf && random.nextBoolean()) {
            seq.setByContent();
        }
        RuleAction[] pre = {RuleAction.SKIP, RuleAction.DISABLED, RuleAction.HIDDEN_FROM_CHOICE,
            RuleAction.STOP_FORWARD_TRAVERSAL};
        RuleAction[] post = {RuleAction.EXIT_PARENT, RuleAction.RETRY, RuleAction.CONTINUE, RuleAction.PREVIOUS,
            RuleAction.EXIT_ALL};
        for (int i = random.nextInt(3); i > 0; i--) {
            seq.pre(pre[random.nextInt(pre.length)], randomCondition(random));
        }
        if (random.nextInt(4) == 0) {
            seq.post(post[random.nextInt(post.length)], randomCondition(random));
        }
        if (!leaf && random.nextInt(6) == 0) {
            seq.exit(RuleAction.EXIT, randomCondition(random));
        }
        return seq;
    }

    private static RuleCondition randomCondition(Random random) {
        ConditionType[] types = {ConditionType.SATISFIED, ConditionType.OBJECTIVE_STATUS_KNOWN,
            ConditionType.COMPLETED, ConditionType.ACTIVITY_PROGRESS_KNOWN, ConditionType.ATTEMPTED,
            ConditionType.ATTEMPT_LIMIT_EXCEEDED, ConditionType.OBJECTIVE_MEASURE_GREATER_THAN};
        ConditionType type = types[random.nextInt(types.length)];
        return new RuleCondition(type, null, type == ConditionType.OBJECTIVE_MEASURE_GREATER_THAN ? 0.2 : 0,
                random.nextInt(3) == 0);
    }
}
