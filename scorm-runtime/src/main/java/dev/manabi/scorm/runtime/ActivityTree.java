package dev.manabi.scorm.runtime;

import dev.manabi.i18n.LocalizedText;
import dev.manabi.scorm.pkg.Item;
import dev.manabi.scorm.pkg.ScormPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
        return navigate(request, current, target, a -> true);
    }

    /**
     * As {@link #navigate(String, String, String)}, delivering only activities that are {@code available} (SCORM
     * 1.2: their prerequisites are met). As SCORM 1.2 LMSs do, continue and previous pass over an unavailable SCO
     * to the next available one in tree order (the learner is not stopped at a locked lesson), start opens the
     * first available one, and a choice or jump of an unavailable one delivers nothing ({@code prerequisites}).
     */
    Delivery navigate(String request, String current, String target, Predicate<Activity> available) {
        int at = -1;
        for (int i = 0; i < flow.size(); i++) {
            if (flow.get(i).id().equals(current)) {
                at = i;
            }
        }
        return switch (request == null ? "" : request) {
            case "start", "resumeAll" -> find(current == null ? "" : current).filter(available)
                    .or(() -> flow.stream().filter(available).findFirst()).map(Delivery::of)
                    .orElse(Delivery.none(flow.isEmpty() ? "empty" : "prerequisites"));
            case "continue" -> step(at, 1, available).map(Delivery::of).orElse(Delivery.none("end"));
            case "previous" -> at < 0 ? Delivery.none("start")
                    : step(at, -1, available).map(Delivery::of).orElse(Delivery.none("start"));
            case "choice", "jump" -> find(target == null ? "" : target)
                    .filter(a -> a.visible() || request.equals("jump"))
                    .map(a -> available.test(a) ? Delivery.of(a) : Delivery.none("prerequisites"))
                    .orElse(Delivery.none("invalid-target"));
            default -> Delivery.none("unsupported");
        };
    }

    /** The first available activity from {@code at} in {@code direction} (+1 continue, -1 previous). */
    private Optional<Activity> step(int at, int direction, Predicate<Activity> available) {
        for (int i = at + direction; i >= 0 && i < flow.size(); i += direction) {
            if (available.test(flow.get(i))) {
                return Optional.of(flow.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * SCORM 1.2 CAM 2.3.4 {@code adlcp:prerequisites}: an activity is available when it has none or they hold on
     * the lesson statuses the attempt has reached ({@code status}, by item identifier).
     */
    static Predicate<Activity> prerequisitesMet(Map<String, ScoStatus> status) {
        return a -> a.item().prerequisites() == null
                || a.item().prerequisites().holds(id -> lessonStatus(status.get(id)));
    }

    /** The SCORM 1.2 cmi.core.lesson_status a report status stands for (see {@link ScoStatus#of}). */
    static String lessonStatus(ScoStatus s) {
        if (s == null) {
            return "not attempted";
        }
        if (s.passed() != null) {
            return s.passed() ? "passed" : "failed";
        }
        return s.completed() ? "completed" : s.completion();
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
