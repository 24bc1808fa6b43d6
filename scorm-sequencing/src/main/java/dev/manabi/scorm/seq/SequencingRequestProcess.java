package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.FlowTraversal.Direction;
import dev.manabi.scorm.seq.FlowTraversal.Found;
import dev.manabi.scorm.seq.model.ActivityDefinition;

/**
 * Sequencing Request Process (SB.2.12) and the flow-family requests it dispatches to: Start (SB.2.5), Resume All
 * (SB.2.6), Continue (SB.2.7), Previous (SB.2.8), Retry (SB.2.10), Exit (SB.2.11) and Jump (SB.2.13). Choice
 * (SB.2.9) lives in {@link ChoiceSequencingRequestProcess}.
 */
final class SequencingRequestProcess {

    /** SN 4.7 sequencing requests. */
    enum Request { START, RESUME_ALL, CONTINUE, PREVIOUS, CHOICE, JUMP, EXIT, RETRY }

    /** What a sequencing request yields: an activity for the delivery request process, or the end of session. */
    record Result(ActivityDefinition deliver, boolean endSession) {
        static final Result NOTHING = new Result(null, false);
        static final Result END = new Result(null, true);

        static Result of(Found found) {
            return found.endSession() ? END : new Result(found.activity(), false);
        }
    }

    private final Context ctx;
    private final FlowTraversal flow;
    private final ChoiceSequencingRequestProcess choice;
    private final SelectionRandomization selection;

    SequencingRequestProcess(Context ctx, FlowTraversal flow, ChoiceSequencingRequestProcess choice,
                             SelectionRandomization selection) {
        this.ctx = ctx;
        this.flow = flow;
        this.choice = choice;
        this.selection = selection;
    }

    /** SB.2.12. */
    Result sequence(Request request, String target) {
        return switch (request) {
            case START -> start();
            case RESUME_ALL -> resumeAll();
            case CONTINUE -> continueRequest();
            case PREVIOUS -> previous();
            case CHOICE -> choice.choose(ctx.tree.find(target).orElse(null));
            case JUMP -> jump(target);
            case EXIT -> exit();
            case RETRY -> retry();
        };
    }

    /** SB.2.5 Start. */
    private Result start() {
        if (ctx.current() != null) {
            throw new SnException(SnCode.SB_2_5_1);
        }
        ActivityDefinition root = ctx.tree.root();
        if (root.leaf()) {
            return new Result(root, false);
        }
        return Result.of(flow.flow(root, Direction.FORWARD, true));
    }

    /** SB.2.6 Resume All. */
    private Result resumeAll() {
        if (ctx.current() != null) {
            throw new SnException(SnCode.SB_2_6_1);
        }
        ActivityDefinition suspended = ctx.suspended();
        if (suspended == null) {
            throw new SnException(SnCode.SB_2_6_2);
        }
        return new Result(suspended, false);
    }

    /** SB.2.7 Continue. */
    private Result continueRequest() {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            throw new SnException(SnCode.SB_2_7_1);
        }
        if (!ctx.isRoot(current) && !ctx.parent(current).sequencing().controlMode().flow()) {
            throw new SnException(SnCode.SB_2_7_2, ctx.parent(current).id());
        }
        return Result.of(flow.flow(current, Direction.FORWARD, false));
    }

    /** SB.2.8 Previous. */
    private Result previous() {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            throw new SnException(SnCode.SB_2_8_1);
        }
        if (!ctx.isRoot(current) && !ctx.parent(current).sequencing().controlMode().flow()) {
            throw new SnException(SnCode.SB_2_8_2, ctx.parent(current).id());
        }
        return Result.of(flow.flow(current, Direction.BACKWARD, false));
    }

    /** SB.2.10 Retry: a new attempt on the current activity (its children prepared anew). */
    private Result retry() {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            throw new SnException(SnCode.SB_2_10_1);
        }
        if (ctx.st(current).active || ctx.st(current).suspended) {
            throw new SnException(SnCode.SB_2_10_2, current.id());
        }
        if (current.leaf()) {
            return new Result(current, false);
        }
        if (ctx.isRoot(current) && !ctx.tree.objectivesGlobalToSystem()) {
            // adlseq:objectivesGlobalToSystem="false" (CAM 4th Ed. 3.4.1.11; SN 3.10.2): the global objectives
            // belong to one attempt on the activity tree, i.e. on its root. Retrying the root begins another one,
            // so it starts without them, before the flow below evaluates any rule (ADL suite RU-13d).
            ctx.globals.clear();
        }
        selection.prepare(current);
        try {
            Found found = flow.flow(current, Direction.FORWARD, true);
            if (found.endSession()) {
                throw new SnException(SnCode.SB_2_10_3, current.id());
            }
            return new Result(found.activity(), false);
        } catch (SnException e) {
            throw new SnException(SnCode.SB_2_10_3, current.id());
        }
    }

    /** SB.2.11 Exit: ends the session when the root was exited. */
    private Result exit() {
        ActivityDefinition current = ctx.current();
        if (current == null) {
            throw new SnException(SnCode.SB_2_11_1);
        }
        if (ctx.st(current).active) {
            throw new SnException(SnCode.SB_2_11_2, current.id());
        }
        return ctx.isRoot(current) ? Result.END : Result.NOTHING;
    }

    /** SB.2.13 Jump (4th Ed.): delivers the target, bypassing sequencing rules; delivery checks still apply. */
    private Result jump(String target) {
        if (ctx.current() == null) {
            throw new SnException(SnCode.SB_2_13_1);
        }
        return new Result(ctx.tree.get(target), false);
    }
}
