package dev.manabi.scorm.runtime;

import dev.manabi.i18n.LocalizedText;
import dev.manabi.scorm.pkg.Item;
import dev.manabi.scorm.pkg.ScormPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The activity tree of a package's played organization (SCORM 2004 SN 1.2 "activity tree"; a SCORM 1.2
 * organization read the same way) and the navigation the run-time supports today: continue and previous in tree
 * (pre-)order and choice (SN 4.2 navigation requests). Full sequencing (rules, rollup, limit conditions) will replace
 * {@link #navigate} behind the same server endpoint.
 */
final class ActivityTree {

    /** One activity: a cluster or a launchable leaf. */
    record Activity(String id, LocalizedText title, boolean visible, boolean launchable, boolean sco,
                    List<Activity> children, Item item) {
    }

    /** What a navigation request resolved to: the activity to deliver, or why there is none. */
    record Delivery(Activity activity, String reason) {
        static Delivery of(Activity a) {
            return new Delivery(a, null);
        }

        static Delivery none(String reason) {
            return new Delivery(null, reason);
        }
    }

    private final List<Activity> roots;
    private final List<Activity> flow = new ArrayList<>();

    ActivityTree(ScormPackage pkg) {
        this.roots = pkg.organization().map(o -> o.items().stream().map(ActivityTree::activity).toList())
                .orElse(List.of());
        roots.forEach(this::collect);
    }

    private static Activity activity(Item item) {
        return new Activity(item.identifier(), item.title(), item.visible(), item.launchable(), item.sco(),
                item.children().stream().map(ActivityTree::activity).toList(), item);
    }

    private void collect(Activity a) {
        if (a.launchable()) {
            flow.add(a);
        }
        a.children().forEach(this::collect);
    }

    List<Activity> roots() {
        return roots;
    }

    /** Launchable activities in tree order. */
    List<Activity> launchables() {
        return List.copyOf(flow);
    }

    Optional<Activity> find(String id) {
        return flow.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The activity to start with: the current one if still in the tree, else the first in tree order. */
    Optional<Activity> start(String current) {
        return find(current == null ? "" : current).or(() -> flow.stream().findFirst());
    }

    /**
     * Resolves a navigation request relative to the current activity: {@code start}, {@code continue},
     * {@code previous}, {@code choice} (target must be a visible launchable activity: hidden activities are not
     * offered for choice, SCORM CAM isvisible).
     */
    Delivery navigate(String request, String current, String target) {
        int at = -1;
        for (int i = 0; i < flow.size(); i++) {
            if (flow.get(i).id().equals(current)) {
                at = i;
            }
        }
        return switch (request == null ? "" : request) {
            case "start", "resumeAll" -> start(current).map(Delivery::of).orElse(Delivery.none("empty"));
            case "continue" -> at + 1 < flow.size() ? Delivery.of(flow.get(at + 1)) : Delivery.none("end");
            case "previous" -> at > 0 ? Delivery.of(flow.get(at - 1)) : Delivery.none("start");
            case "choice", "jump" -> find(target == null ? "" : target)
                    .filter(a -> a.visible() || request.equals("jump")).map(Delivery::of)
                    .orElse(Delivery.none("invalid-target"));
            default -> Delivery.none("unsupported");
        };
    }

    /**
     * adl.nav.request_valid as this tree decides it for the SCO {@code current} (SCORM 2004 RTE 4.4.2): whether
     * continue and previous would deliver something, and the targets a choice or a jump would deliver; any other
     * target would not.
     */
    record RequestValidity(boolean canContinue, boolean canPrevious, List<String> choosable, List<String> jumpable) {

        RequestValidity {
            choosable = List.copyOf(choosable);
            jumpable = List.copyOf(jumpable);
        }

        /** Continue and previous only, no targets known (launches outside a tree). */
        static RequestValidity of(boolean canContinue, boolean canPrevious) {
            return new RequestValidity(canContinue, canPrevious, List.of(), List.of());
        }
    }

    RequestValidity validity(String current) {
        return new RequestValidity(canContinue(current), canPrevious(current), targets("choice", current),
                targets("jump", current));
    }

    private List<String> targets(String request, String current) {
        return flow.stream().map(Activity::id).filter(id -> navigate(request, current, id).activity() != null)
                .toList();
    }

    /** Whether continue / previous would deliver something from {@code current} (adl.nav.request_valid). */
    boolean canContinue(String current) {
        return navigate("continue", current, null).activity() != null;
    }

    boolean canPrevious(String current) {
        return navigate("previous", current, null).activity() != null;
    }
}
