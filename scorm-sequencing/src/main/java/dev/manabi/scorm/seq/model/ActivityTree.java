package dev.manabi.scorm.seq.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable activity tree of one organization (SN 1.2), indexed for the processes: parent links, preorder
 * positions and lookup by identifier.
 */
public final class ActivityTree {

    private final ActivityDefinition root;
    private final boolean objectivesGlobalToSystem;
    private final Map<String, ActivityDefinition> byId = new HashMap<>();
    private final Map<String, ActivityDefinition> parents = new HashMap<>();
    private final Map<String, Integer> preorder = new HashMap<>();
    private final List<ActivityDefinition> inOrder = new ArrayList<>();
    private final Map<String, List<ActivityDefinition>> readers = new HashMap<>();

    /** A tree whose global objectives are the learner's ({@code objectivesGlobalToSystem}, its default true). */
    public ActivityTree(ActivityDefinition root) {
        this(root, true);
    }

    /**
     * @param objectivesGlobalToSystem the organization's {@code adlseq:objectivesGlobalToSystem} (CAM 4th Ed.
     *                                 3.4.1.11): true, global objectives are the learner's across attempts; false,
     *                                 they belong to one attempt on the tree (its root)
     */
    public ActivityTree(ActivityDefinition root, boolean objectivesGlobalToSystem) {
        this.root = root;
        this.objectivesGlobalToSystem = objectivesGlobalToSystem;
        index(root, null);
    }

    private void index(ActivityDefinition a, ActivityDefinition parent) {
        if (byId.putIfAbsent(a.id(), a) != null) {
            throw new IllegalArgumentException("duplicate activity identifier '" + a.id() + "'");
        }
        if (parent != null) {
            parents.put(a.id(), parent);
        }
        preorder.put(a.id(), inOrder.size());
        inOrder.add(a);
        a.sequencing().objectives().stream().flatMap(o -> o.maps().stream())
                .filter(m -> m.readSatisfiedStatus() || m.readNormalizedMeasure() || m.readCompletionStatus()
                        || m.readProgressMeasure())
                .map(ObjectiveMap::targetObjectiveId).distinct()
                .forEach(t -> readers.computeIfAbsent(t, k -> new ArrayList<>()).add(a));
        a.children().forEach(c -> index(c, a));
    }

    public ActivityDefinition root() {
        return root;
    }

    /** The organization's {@code adlseq:objectivesGlobalToSystem} (default true). */
    public boolean objectivesGlobalToSystem() {
        return objectivesGlobalToSystem;
    }

    public Optional<ActivityDefinition> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The activity with this id; IllegalArgumentException if the tree has none. */
    public ActivityDefinition get(String id) {
        ActivityDefinition a = byId.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no activity '" + id + "' in the tree");
        }
        return a;
    }

    /** The parent, or null for the root. */
    public ActivityDefinition parent(ActivityDefinition a) {
        return parents.get(a.id());
    }

    /** Position in a preorder traversal of the whole tree (SN "forward in the activity tree"). */
    public int position(ActivityDefinition a) {
        return preorder.get(a.id());
    }

    /**
     * The activities with an objective that reads the global objective {@code target} (satisfied status, measure,
     * completion or progress measure), in preorder.
     */
    public List<ActivityDefinition> readersOf(String target) {
        return Collections.unmodifiableList(readers.getOrDefault(target, List.of()));
    }

    /** Every activity in preorder. */
    public List<ActivityDefinition> activities() {
        return Collections.unmodifiableList(inOrder);
    }

    /** Root first, down to {@code a} inclusive (SN "activity path from the root"). */
    public List<ActivityDefinition> pathFromRoot(ActivityDefinition a) {
        List<ActivityDefinition> path = new ArrayList<>();
        for (ActivityDefinition x = a; x != null; x = parent(x)) {
            path.add(x);
        }
        Collections.reverse(path);
        return path;
    }

    /** Whether {@code a} is {@code ancestor} or below it. */
    public boolean isDescendantOrSelf(ActivityDefinition a, ActivityDefinition ancestor) {
        for (ActivityDefinition x = a; x != null; x = parent(x)) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The deepest activity that is an ancestor of (or equal to) both. */
    public ActivityDefinition commonAncestor(ActivityDefinition a, ActivityDefinition b) {
        List<ActivityDefinition> pa = pathFromRoot(a);
        List<ActivityDefinition> pb = pathFromRoot(b);
        ActivityDefinition common = root;
        for (int i = 0; i < Math.min(pa.size(), pb.size()) && pa.get(i) == pb.get(i); i++) {
            common = pa.get(i);
        }
        return common;
    }
}
