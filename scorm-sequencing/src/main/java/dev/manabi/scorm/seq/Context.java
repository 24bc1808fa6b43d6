package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.state.ActivityState;
import dev.manabi.scorm.seq.state.GlobalObjectives;
import dev.manabi.scorm.seq.state.SequencingState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What every process works on: the immutable tree, the mutable tracking state, the global objectives and the clock.
 * Also the small tree questions the book asks of "available children" (the children left after selection and
 * randomization, SN 4.2.1.4).
 */
final class Context {
    final ActivityTree tree;
    final SequencingState state;
    final GlobalObjectives globals;
    final Clock clock;
    /**
     * Global objectives written since the overall rollup last looked (target ids): the activities that read them
     * need rolling up too ({@link Rollup#overall}).
     */
    final Set<String> writtenGlobals = new HashSet<>();

    Context(ActivityTree tree, SequencingState state, GlobalObjectives globals, Clock clock) {
        this.tree = tree;
        this.state = state;
        this.globals = globals;
        this.clock = clock;
    }

    ActivityState st(ActivityDefinition a) {
        return state.activity(a.id());
    }

    ActivityDefinition parent(ActivityDefinition a) {
        return tree.parent(a);
    }

    boolean isRoot(ActivityDefinition a) {
        return a == tree.root();
    }

    ActivityDefinition current() {
        return state.currentActivity == null ? null : tree.find(state.currentActivity).orElse(null);
    }

    void setCurrent(ActivityDefinition a) {
        state.currentActivity = a == null ? null : a.id();
    }

    ActivityDefinition suspended() {
        return state.suspendedActivity == null ? null : tree.find(state.suspendedActivity).orElse(null);
    }

    boolean tracked(ActivityDefinition a) {
        return a.sequencing().deliveryControls().tracked();
    }

    /** The activity's available children (SN 4.2.1.4), in order. */
    List<ActivityDefinition> available(ActivityDefinition a) {
        var s = state.find(a.id());
        List<String> ids = s == null ? null : s.availableChildren;
        if (ids == null) {
            return a.children();
        }
        List<ActivityDefinition> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            tree.find(id).ifPresent(out::add);
        }
        return out;
    }

    /** Whether {@code a} is among its parent's available children (the root always is). */
    boolean isAvailable(ActivityDefinition a) {
        ActivityDefinition p = parent(a);
        return p == null || indexOf(available(p), a) >= 0;
    }

    /**
     * Position of {@code a} in {@code activities}, by identity, else -1. Activity ids are unique in a tree, so this
     * is what {@code List.indexOf} answers, without comparing whole subtrees (the definitions are records, whose
     * {@code equals} compares children and sequencing first).
     */
    static int indexOf(List<ActivityDefinition> activities, ActivityDefinition a) {
        for (int i = 0; i < activities.size(); i++) {
            if (activities.get(i) == a) {
                return i;
            }
        }
        return -1;
    }

    long now() {
        return clock.millis();
    }
}
