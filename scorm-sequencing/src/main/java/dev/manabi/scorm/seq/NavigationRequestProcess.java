package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ControlMode;

/**
 * Navigation Request Process (NB.2.1, SN 4.4.2): whether a navigation request is valid now, and which
 * termination and sequencing requests carry it out.
 */
final class NavigationRequestProcess {

    /** The requests a valid navigation request turns into (termination may be null). */
    record Translation(TerminationRequestProcess.Request termination, SequencingRequestProcess.Request sequencing,
                       String target) {
    }

    private final Context ctx;

    NavigationRequestProcess(Context ctx) {
        this.ctx = ctx;
    }

    Translation translate(NavigationRequest request) {
        ActivityDefinition current = ctx.current();
        boolean active = current != null && ctx.st(current).active;
        var exit = active ? TerminationRequestProcess.Request.EXIT : null;
        return switch (request.type()) {
            case START -> {
                if (current != null) {
                    throw new SnException(SnCode.NB_2_1_1);
                }
                yield new Translation(null, SequencingRequestProcess.Request.START, null);
            }
            case RESUME_ALL -> {
                if (current != null) {
                    throw new SnException(SnCode.NB_2_1_1);
                }
                if (ctx.suspended() == null) {
                    throw new SnException(SnCode.NB_2_1_3);
                }
                yield new Translation(null, SequencingRequestProcess.Request.RESUME_ALL, null);
            }
            case CONTINUE -> {
                requireCurrent(current);
                if (ctx.isRoot(current) || !ctx.parent(current).sequencing().controlMode().flow()) {
                    throw new SnException(SnCode.NB_2_1_4, ctx.isRoot(current) ? current.id()
                            : ctx.parent(current).id());
                }
                yield new Translation(exit, SequencingRequestProcess.Request.CONTINUE, null);
            }
            case PREVIOUS -> {
                requireCurrent(current);
                if (ctx.isRoot(current)) {
                    throw new SnException(SnCode.NB_2_1_6, current.id());
                }
                ControlMode mode = ctx.parent(current).sequencing().controlMode();
                if (!mode.flow() || mode.forwardOnly()) {
                    throw new SnException(SnCode.NB_2_1_5, ctx.parent(current).id());
                }
                yield new Translation(exit, SequencingRequestProcess.Request.PREVIOUS, null);
            }
            case FORWARD, BACKWARD -> throw new SnException(SnCode.NB_2_1_7);
            case CHOICE -> {
                ActivityDefinition target = ctx.tree.find(request.target())
                        .orElseThrow(() -> new SnException(SnCode.NB_2_1_11, request.target()));
                if (!ctx.isRoot(target) && !ctx.parent(target).sequencing().controlMode().choice()) {
                    throw new SnException(SnCode.NB_2_1_10, ctx.parent(target).id());
                }
                // NB.2.1 step 7: every active activity from the current one up to, not including, the common
                // ancestor must allow choice exit. That includes the current activity itself when the target is its
                // sibling (their parent is the common ancestor): an active leaf with choiceExit="false" can only be
                // left by flow, as ADL's CM-07a script expects (Act6V1, Act10V1: no choice at all).
                if (current != null) {
                    ActivityDefinition common = ctx.tree.commonAncestor(current, target);
                    for (ActivityDefinition a = current; a != null && a != common; a = ctx.parent(a)) {
                        if (ctx.st(a).active && !a.sequencing().controlMode().choiceExit()) {
                            throw new SnException(SnCode.NB_2_1_8, a.id());
                        }
                    }
                }
                yield new Translation(exit, SequencingRequestProcess.Request.CHOICE, target.id());
            }
            case JUMP -> {
                ActivityDefinition target = ctx.tree.find(request.target())
                        .orElseThrow(() -> new SnException(SnCode.NB_2_1_11, request.target()));
                requireCurrent(current);
                yield new Translation(exit, SequencingRequestProcess.Request.JUMP, target.id());
            }
            case EXIT -> {
                requireCurrent(current);
                if (!active) {
                    throw new SnException(SnCode.NB_2_1_12, current.id());
                }
                yield new Translation(TerminationRequestProcess.Request.EXIT, SequencingRequestProcess.Request.EXIT,
                        null);
            }
            case EXIT_ALL -> {
                requireCurrent(current);
                yield new Translation(TerminationRequestProcess.Request.EXIT_ALL,
                        SequencingRequestProcess.Request.EXIT, null);
            }
            case ABANDON -> {
                requireCurrent(current);
                if (!active) {
                    throw new SnException(SnCode.NB_2_1_12, current.id());
                }
                yield new Translation(TerminationRequestProcess.Request.ABANDON,
                        SequencingRequestProcess.Request.EXIT, null);
            }
            case ABANDON_ALL -> {
                requireCurrent(current);
                yield new Translation(TerminationRequestProcess.Request.ABANDON_ALL,
                        SequencingRequestProcess.Request.EXIT, null);
            }
            case SUSPEND_ALL -> {
                requireCurrent(current);
                yield new Translation(TerminationRequestProcess.Request.SUSPEND_ALL,
                        SequencingRequestProcess.Request.EXIT, null);
            }
        };
    }

    private static void requireCurrent(ActivityDefinition current) {
        if (current == null) {
            throw new SnException(SnCode.NB_2_1_2);
        }
    }
}
