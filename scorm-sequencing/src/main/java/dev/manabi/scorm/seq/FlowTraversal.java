package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import java.util.List;

/**
 * Flow traversal (SN 4.7.2): Flow Tree Traversal (SB.2.1), Flow Activity Traversal (SB.2.2) and Flow Subprocess
 * (SB.2.3). Leaving the last activity of the tree forward ends the sequencing session (4th Ed. SB.2.1 step 3.1).
 */
final class FlowTraversal {

    enum Direction { FORWARD, BACKWARD }

    /** What a traversal found: an activity, the end of the session, or (via exception) nothing. */
    record Found(ActivityDefinition activity, boolean endSession, Direction direction) {
    }

    private final Context ctx;
    private final SequencingRules rules;
    private final SelectionRandomization selection;
    private final TerminationRequestProcess termination;

    FlowTraversal(Context ctx, SequencingRules rules, SelectionRandomization selection,
                  TerminationRequestProcess termination) {
        this.ctx = ctx;
        this.rules = rules;
        this.selection = selection;
        this.termination = termination;
    }

    /** SB.2.1 Flow Tree Traversal: the next activity in preorder among available children. */
    Found treeTraversal(ActivityDefinition activity, Direction direction, boolean considerChildren,
                        Direction previousDirection) {
        boolean reversed = false;
        ActivityDefinition parent = ctx.parent(activity);
        if (previousDirection == Direction.BACKWARD && parent != null && last(parent) == activity) {
            direction = Direction.BACKWARD;
            activity = ctx.available(parent).get(0);
            reversed = true;
        }
        if (direction == Direction.FORWARD) {
            boolean descend = considerChildren && !activity.leaf();
            if ((!descend && lastInTree(activity)) || (ctx.isRoot(activity) && !considerChildren)) {
                ActivityDefinition root = ctx.tree.root();
                termination.terminateDescendentAttempts(root);
                termination.endAttempt(root);
                return new Found(null, true, direction);
            }
            if (activity.leaf() || !considerChildren) {
                parent = ctx.parent(activity);
                List<ActivityDefinition> siblings = ctx.available(parent);
                int i = Context.indexOf(siblings, activity);
                if (i == siblings.size() - 1) {
                    return treeTraversal(parent, Direction.FORWARD, false, null);
                }
                return new Found(siblings.get(i + 1), false, direction);
            }
            selection.prepare(activity);
            List<ActivityDefinition> children = ctx.available(activity);
            if (children.isEmpty()) {
                throw new SnException(SnCode.SB_2_1_2, activity.id());
            }
            return new Found(children.get(0), false, direction);
        }
        // backward
        if (ctx.isRoot(activity)) {
            throw new SnException(SnCode.SB_2_1_3, activity.id());
        }
        if (activity.leaf() || !considerChildren) {
            if (!reversed) {
                parent = ctx.parent(activity);
                List<ActivityDefinition> siblings = ctx.available(parent);
                int i = Context.indexOf(siblings, activity);
                if (i <= 0) {
                    return treeTraversal(parent, Direction.BACKWARD, false, null);
                }
                return new Found(siblings.get(i - 1), false, direction);
            }
            return new Found(activity, false, direction);
        }
        selection.prepare(activity);
        List<ActivityDefinition> children = ctx.available(activity);
        if (children.isEmpty()) {
            throw new SnException(SnCode.SB_2_1_2, activity.id());
        }
        if (activity.sequencing().controlMode().forwardOnly()) {
            // A forward-only cluster is entered from its first child even when moving backward.
            return new Found(children.get(0), false, Direction.FORWARD);
        }
        return new Found(children.get(children.size() - 1), false, direction);
    }

    /** SB.2.2 Flow Activity Traversal: skips skipped activities, refuses disabled ones, descends into clusters. */
    Found activityTraversal(ActivityDefinition activity, Direction direction, Direction previousDirection) {
        ActivityDefinition parent = ctx.parent(activity);
        if (parent != null && !parent.sequencing().controlMode().flow()) {
            throw new SnException(SnCode.SB_2_2_1, parent.id());
        }
        if (rules.has(activity, RuleAction.SKIP)) {
            Found next = treeTraversal(activity, direction, false, previousDirection);
            if (next.endSession()) {
                return next;
            }
            if (previousDirection == Direction.BACKWARD && next.direction() == Direction.BACKWARD) {
                return activityTraversal(next.activity(), next.direction(), null);
            }
            return activityTraversal(next.activity(), direction, previousDirection);
        }
        if (rules.checkActivity(activity)) {
            throw new SnException(SnCode.SB_2_2_2, activity.id());
        }
        if (!activity.leaf()) {
            Found next = treeTraversal(activity, direction, true, null);
            if (next.endSession()) {
                return next;
            }
            if (direction == Direction.BACKWARD && next.direction() == Direction.FORWARD) {
                return activityTraversal(next.activity(), Direction.FORWARD, Direction.BACKWARD);
            }
            return activityTraversal(next.activity(), direction, null);
        }
        return new Found(activity, false, direction);
    }

    /** SB.2.3 Flow Subprocess: from {@code activity}, the next deliverable activity in {@code direction}. */
    Found flow(ActivityDefinition activity, Direction direction, boolean considerChildren) {
        Found next = treeTraversal(activity, direction, considerChildren, null);
        if (next.endSession()) {
            return next;
        }
        return activityTraversal(next.activity(), direction, null);
    }

    private ActivityDefinition last(ActivityDefinition cluster) {
        List<ActivityDefinition> c = ctx.available(cluster);
        return c.isEmpty() ? null : c.get(c.size() - 1);
    }

    /** The last activity of a forward preorder traversal over available children. */
    private boolean lastInTree(ActivityDefinition activity) {
        ActivityDefinition a = ctx.tree.root();
        while (!a.leaf()) {
            ActivityDefinition l = last(a);
            if (l == null) {
                break;
            }
            a = l;
        }
        return a == activity;
    }
}
