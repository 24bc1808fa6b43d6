package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.FlowTraversal.Direction;
import dev.manabi.scorm.seq.FlowTraversal.Found;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.RuleAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Choice Sequencing Request Process (SB.2.9) with Choice Activity Traversal (SB.2.4), Choice Flow Subprocess
 * (SB.2.9.1) and Choice Flow Tree Traversal (SB.2.9.2): every choice constraint of the book in one place —
 * hiddenFromChoice, choice control mode, stopForwardTraversal, forwardOnly, choiceExit, constrainChoice and
 * preventActivation.
 */
final class ChoiceSequencingRequestProcess {
    private final Context ctx;
    private final SequencingRules rules;
    private final FlowTraversal flow;
    private final TerminationRequestProcess termination;
    private final SelectionRandomization selection;

    ChoiceSequencingRequestProcess(Context ctx, SequencingRules rules, FlowTraversal flow,
                                   TerminationRequestProcess termination, SelectionRandomization selection) {
        this.ctx = ctx;
        this.rules = rules;
        this.flow = flow;
        this.termination = termination;
        this.selection = selection;
    }

    /** SB.2.9. */
    SequencingRequestProcess.Result choose(ActivityDefinition target) {
        if (target == null) {
            throw new SnException(SnCode.SB_2_9_1);
        }
        List<ActivityDefinition> path = ctx.tree.pathFromRoot(target);
        for (ActivityDefinition a : path) {
            if (!ctx.isRoot(a) && !ctx.isAvailable(a)) {
                throw new SnException(SnCode.SB_2_9_2, a.id());
            }
            if (rules.has(a, RuleAction.HIDDEN_FROM_CHOICE)) {
                throw new SnException(SnCode.SB_2_9_3, a.id());
            }
        }
        if (!ctx.isRoot(target) && !ctx.parent(target).sequencing().controlMode().choice()) {
            throw new SnException(SnCode.SB_2_9_4, ctx.parent(target).id());
        }
        ActivityDefinition current = ctx.current();
        ActivityDefinition common = current == null ? ctx.tree.root() : ctx.tree.commonAncestor(current, target);

        if (current != null && current == target) {
            // nothing to check: the current activity is chosen again
        } else if (current != null && !ctx.isRoot(target) && ctx.parent(current) == ctx.parent(target)) {
            siblings(current, target);
        } else if (current == null || current == common) {
            descend(common, target);
        } else if (target == common) {
            // target is an ancestor of the current activity: every activity left must allow choice exit
            List<ActivityDefinition> up = pathUp(current, target, true);
            if (up.isEmpty()) {
                throw new SnException(SnCode.SB_2_9_5);
            }
            for (ActivityDefinition a : up.subList(0, up.size() - 1)) {
                if (!a.sequencing().controlMode().choiceExit()) {
                    throw new SnException(SnCode.SB_2_9_7, a.id());
                }
            }
        } else {
            elsewhere(current, target, common);
        }

        if (target.leaf()) {
            return new SequencingRequestProcess.Result(target, false);
        }
        try {
            selection.prepare(target);
            Found found = flow.flow(target, Direction.FORWARD, true);
            if (!found.endSession()) {
                return new SequencingRequestProcess.Result(found.activity(), false);
            }
        } catch (SnException e) {
            // fall through to SB.2.9-9 below
        }
        termination.terminateDescendentAttempts(common);
        termination.endAttempt(common);
        ctx.setCurrent(target);
        throw new SnException(SnCode.SB_2_9_9, target.id());
    }

    /** SB.2.9 case 2: the target is a sibling of the current activity. */
    private void siblings(ActivityDefinition current, ActivityDefinition target) {
        List<ActivityDefinition> siblings = ctx.available(ctx.parent(current));
        int from = Context.indexOf(siblings, current);
        int to = Context.indexOf(siblings, target);
        if (from < 0 || to < 0) {
            throw new SnException(SnCode.SB_2_9_5);
        }
        Direction direction = to > from ? Direction.FORWARD : Direction.BACKWARD;
        int step = to > from ? 1 : -1;
        for (int i = from; i != to + step; i += step) {
            choiceActivityTraversal(siblings.get(i), direction);
        }
    }

    /** SB.2.9 case 3: the target is below the current activity (or there is none): descend from the ancestor. */
    private void descend(ActivityDefinition common, ActivityDefinition target) {
        // Empty only when the target is the common ancestor itself (a choice of the root at the start).
        for (ActivityDefinition a : pathDown(common, target)) {
            choiceActivityTraversal(a, Direction.FORWARD);
            if (!ctx.st(a).active && a != common && a.sequencing().preventActivation()) {
                throw new SnException(SnCode.SB_2_9_6, a.id());
            }
        }
    }

    /** SB.2.9 case 5: the target is elsewhere in the tree. */
    private void elsewhere(ActivityDefinition current, ActivityDefinition target, ActivityDefinition common) {
        List<ActivityDefinition> up = pathUp(current, common, false);
        if (up.isEmpty()) {
            throw new SnException(SnCode.SB_2_9_5);
        }
        ActivityDefinition constrained = null;
        for (ActivityDefinition a : up) {
            if (!a.sequencing().controlMode().choiceExit()) {
                throw new SnException(SnCode.SB_2_9_7, a.id());
            }
            if (constrained == null && a.sequencing().constrainChoice()) {
                constrained = a;
            }
        }
        if (constrained != null) {
            Direction direction = ctx.tree.position(target) > ctx.tree.position(constrained) ? Direction.FORWARD
                    : Direction.BACKWARD;
            ActivityDefinition consider = choiceFlow(constrained, direction);
            if (!ctx.tree.isDescendantOrSelf(target, consider) && target != constrained) {
                throw new SnException(SnCode.SB_2_9_8, target.id());
            }
        }
        List<ActivityDefinition> down = pathDown(common, target);
        if (down.isEmpty()) {
            throw new SnException(SnCode.SB_2_9_5);
        }
        boolean forward = ctx.tree.position(target) > ctx.tree.position(current);
        for (ActivityDefinition a : down) {
            if (forward) {
                choiceActivityTraversal(a, Direction.FORWARD);
            }
            if (!ctx.st(a).active && a != common && a.sequencing().preventActivation()) {
                throw new SnException(SnCode.SB_2_9_6, a.id());
            }
        }
    }

    /** SB.2.4 Choice Activity Traversal. */
    private void choiceActivityTraversal(ActivityDefinition a, Direction direction) {
        if (direction == Direction.FORWARD) {
            if (rules.has(a, RuleAction.STOP_FORWARD_TRAVERSAL)) {
                throw new SnException(SnCode.SB_2_4_1, a.id());
            }
            return;
        }
        ActivityDefinition parent = ctx.parent(a);
        if (parent == null) {
            throw new SnException(SnCode.SB_2_4_3, a.id());
        }
        if (parent.sequencing().controlMode().forwardOnly()) {
            throw new SnException(SnCode.SB_2_4_2, parent.id());
        }
    }

    /** SB.2.9.1: the activity a constrained choice may reach from {@code a}: the next (or previous) one. */
    private ActivityDefinition choiceFlow(ActivityDefinition a, Direction direction) {
        ActivityDefinition next = choiceFlowTree(a, direction);
        return next == null ? a : next;
    }

    /** SB.2.9.2 Choice Flow Tree Traversal: the next / previous sibling, climbing when at the end. */
    private ActivityDefinition choiceFlowTree(ActivityDefinition a, Direction direction) {
        ActivityDefinition parent = ctx.parent(a);
        if (parent == null) {
            return null;
        }
        List<ActivityDefinition> siblings = ctx.available(parent);
        int i = Context.indexOf(siblings, a);
        if (direction == Direction.FORWARD) {
            return i == siblings.size() - 1 ? choiceFlowTree(parent, direction) : siblings.get(i + 1);
        }
        return i <= 0 ? choiceFlowTree(parent, direction) : siblings.get(i - 1);
    }

    /** From {@code from} up to {@code to}: {@code from} inclusive, {@code to} inclusive or not. */
    private List<ActivityDefinition> pathUp(ActivityDefinition from, ActivityDefinition to, boolean inclusive) {
        List<ActivityDefinition> out = new ArrayList<>();
        for (ActivityDefinition a = from; a != null; a = ctx.parent(a)) {
            if (a == to) {
                if (inclusive) {
                    out.add(a);
                }
                return out;
            }
            out.add(a);
        }
        return out;
    }

    /** From {@code ancestor} down to {@code target}: the ancestor inclusive, the target exclusive. */
    private List<ActivityDefinition> pathDown(ActivityDefinition ancestor, ActivityDefinition target) {
        List<ActivityDefinition> path = ctx.tree.pathFromRoot(target);
        int i = Context.indexOf(path, ancestor);
        return i < 0 ? List.of() : new ArrayList<>(path.subList(i, path.size() - 1));
    }
}
