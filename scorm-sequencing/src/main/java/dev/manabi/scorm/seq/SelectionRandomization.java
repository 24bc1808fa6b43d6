package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.RandomizationControls;
import dev.manabi.scorm.seq.model.RandomizationControls.Timing;
import dev.manabi.scorm.seq.state.ActivityState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Select Children (SR.1) and Randomize Children (SR.2), SN 4.8. The outcome is stored as the activity's available
 * children, so a reload never reshuffles; the random source is derived from the state's stored seed, the activity id
 * and the attempt number, so the same attempt always yields the same order.
 *
 * <p>The book applies these "before the activity's children are considered" in an attempt; this implementation
 * prepares a cluster for the attempt about to begin whenever a traversal enters it while it is not active
 * ({@link #prepare}), and prepares every cluster for its first attempt when the session state is created.
 */
final class SelectionRandomization {
    private final Context ctx;

    SelectionRandomization(Context ctx) {
        this.ctx = ctx;
    }

    /** Prepares every cluster of the tree that has never been prepared (timing {@code once}, first attempt). */
    void prepareAll() {
        for (ActivityDefinition a : ctx.tree.activities()) {
            if (!a.leaf() && ctx.st(a).availableChildren == null) {
                prepare(a);
            }
        }
    }

    /** Prepares the cluster's children for its next attempt when it is not active (SR.1, then SR.2). */
    void prepare(ActivityDefinition a) {
        if (a.leaf()) {
            return;
        }
        ActivityState s = ctx.st(a);
        if (s.active) {
            return;
        }
        int attempt = s.attemptCount + 1;
        if (s.availableChildren != null && s.childrenPreparedForAttempt >= attempt) {
            return;
        }
        RandomizationControls rc = a.sequencing().randomization();
        boolean first = s.availableChildren == null;
        List<String> children = new ArrayList<>(first ? a.children().stream().map(ActivityDefinition::id).toList()
                : s.availableChildren);
        Random random = new Random(ctx.state.seed * 31 + a.id().hashCode() * 17L + attempt);
        if (applies(rc.selectionTiming(), first) && rc.selectCount() != null
                && rc.selectCount() < a.children().size()) {
            children = new ArrayList<>(select(a, rc.selectCount(), random));
        }
        if (applies(rc.randomizationTiming(), first) && rc.reorderChildren()) {
            Collections.shuffle(children, random);
        }
        s.availableChildren = children;
        s.childrenPreparedForAttempt = attempt;
    }

    private static boolean applies(Timing timing, boolean first) {
        return timing == Timing.ON_EACH_NEW_ATTEMPT || (timing == Timing.ONCE && first);
    }

    /** SR.1: a random subset of {@code count} children, kept in manifest order. */
    private static List<String> select(ActivityDefinition a, int count, Random random) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < a.children().size(); i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, random);
        List<Integer> chosen = new ArrayList<>(indexes.subList(0, count));
        Collections.sort(chosen);
        return chosen.stream().map(i -> a.children().get(i).id()).toList();
    }
}
