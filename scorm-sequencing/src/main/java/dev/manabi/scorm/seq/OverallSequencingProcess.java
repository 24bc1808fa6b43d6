package dev.manabi.scorm.seq;

import dev.manabi.scorm.seq.model.ActivityDefinition;

/**
 * Overall Sequencing Process (OP.1, SN 4.3): navigation request, then termination, then sequencing, then delivery.
 * Also wires the process families together for one {@link Context}.
 */
final class OverallSequencingProcess {
    final Context ctx;
    final Objectives objectives;
    final SequencingRules rules;
    final Rollup rollup;
    final SelectionRandomization selection;
    final TerminationRequestProcess termination;
    final FlowTraversal flow;
    final ChoiceSequencingRequestProcess choice;
    final SequencingRequestProcess sequencing;
    final DeliveryRequestProcess delivery;
    final NavigationRequestProcess navigation;

    OverallSequencingProcess(Context ctx) {
        this.ctx = ctx;
        this.objectives = new Objectives(ctx);
        this.rules = new SequencingRules(ctx, objectives);
        this.rollup = new Rollup(ctx, objectives, rules);
        this.selection = new SelectionRandomization(ctx);
        this.termination = new TerminationRequestProcess(ctx, objectives, rules, rollup);
        this.flow = new FlowTraversal(ctx, rules, selection, termination);
        this.choice = new ChoiceSequencingRequestProcess(ctx, rules, flow, termination, selection);
        this.sequencing = new SequencingRequestProcess(ctx, flow, choice, selection);
        this.delivery = new DeliveryRequestProcess(ctx, rules, termination, objectives);
        this.navigation = new NavigationRequestProcess(ctx);
    }

    /** OP.1 for one navigation request; changes the context's state as the book says. */
    Outcome run(NavigationRequest request) {
        try {
            NavigationRequestProcess.Translation t = navigation.translate(request);
            SequencingRequestProcess.Request seq = t.sequencing();
            if (t.termination() != null) {
                SequencingRequestProcess.Request replaced = termination.terminate(t.termination());
                if (replaced != null) {
                    seq = replaced;
                }
            }
            return sequenceAndDeliver(seq, t.target(), true);
        } catch (SnException e) {
            return Outcome.failed(e);
        }
    }

    /**
     * OP.1 from the sequencing request on (after navigation and termination): sequencing, then delivery. With
     * {@code deliver} false (the look-ahead) the content delivery environment (DB.2) is only checked, not run: its
     * only exception is DB.2-1, and what it changes (attempts begun, the current activity) is not part of the answer.
     */
    Outcome sequenceAndDeliver(SequencingRequestProcess.Request seq, String target, boolean deliver) {
        try {
            if (seq == null) {
                return Outcome.nothing();
            }
            SequencingRequestProcess.Result result = sequencing.sequence(seq, target);
            if (result.endSession()) {
                endSession();
                return Outcome.ended();
            }
            if (result.deliver() == null) {
                return Outcome.nothing();
            }
            ActivityDefinition activity = result.deliver();
            delivery.check(activity);
            if (deliver) {
                delivery.deliver(activity);
            } else {
                delivery.checkEnvironment(activity);
            }
            return Outcome.deliver(activity.id());
        } catch (SnException e) {
            return Outcome.failed(e);
        }
    }

    /**
     * The session is over (SN 4.3 "end sequencing session"): no activity is current any more, so the next session
     * begins with Start, or with Resume All when an activity was suspended.
     */
    private void endSession() {
        ctx.state.sessionEnded = true;
        ctx.state.currentActivity = null;
    }
}
