package dev.manabi.core;

import dev.manabi.core.spi.LearningRecords;
import dev.manabi.core.spi.LearningRecords.Attempt;
import dev.manabi.core.spi.LearningRecords.Module;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * A course's learning records across every content kind, gathered from the modules' {@link LearningRecords} beans:
 * its modules in course order, and for one page of an institution's members their attempts (one call per content
 * kind per page, whatever the page's size) and grades. Who may ask, and for which institution, is the caller's
 * business ({@link RecordsResource}); everything here is read for one tenant only.
 */
@ApplicationScoped
public class CourseRecords {

    @Inject
    Instance<LearningRecords> contributions;

    /** Replaces the CDI beans (tests). */
    List<LearningRecords> contributionsOverride;

    /**
     * One module's grade for one learner.
     *
     * @param status     {@code passed}, {@code waived}, {@code completed}, {@code failed}, {@code in-progress} or
     *                   {@code not-attempted}: the best any attempt reached (a pass anywhere is a pass; else an
     *                   administrator's waiver, cmi5 9.3.7; else completion; else a failure)
     * @param attempts   how many attempts there are
     * @param bestScore  the highest scaled score of any attempt, or null
     * @param lastScore  the scaled score of the latest attempt (by last activity), or null
     * @param lastActivityAt the latest activity, or null
     */
    public record Grade(String moduleId, String status, int attempts, Double bestScore, Double lastScore,
                        Instant lastActivityAt) {
    }

    /** The course's modules, in the course's component order, then each component's own order. */
    public List<Module> modules(Course course) {
        Map<String, LearningRecords> byKind = byKind();
        Map<String, List<String>> refsByKind = refsByKind(course, byKind);
        Map<String, List<Module>> byRef = new HashMap<>();
        refsByKind.forEach((kind, refs) -> byKind.get(kind).modules(course.id(), refs)
                .forEach(m -> byRef.computeIfAbsent(kind + "\u0000" + m.ref(), k -> new ArrayList<>()).add(m)));
        List<Module> ordered = new ArrayList<>();
        for (Course.Component component : course.components()) {
            List<Module> of = byRef.remove(component.kind() + "\u0000" + component.ref());
            if (of != null) {
                ordered.addAll(of);
            }
        }
        return ordered;
    }

    /**
     * The attempts of {@code learnerIds} (members of {@code tenantId}) on the course in the period, ordered by learner,
     * module (as {@code modules} lists them) and attempt number.
     */
    public List<Attempt> attempts(String tenantId, Course course, List<Module> modules, List<String> learnerIds,
                                  Instant from, Instant to) {
        if (learnerIds.isEmpty()) {
            return List.of();
        }
        Map<String, LearningRecords> byKind = byKind();
        List<Attempt> all = new ArrayList<>();
        refsByKind(course, byKind).forEach((kind, refs) -> all.addAll(byKind.get(kind).attempts(
                new LearningRecords.Query(tenantId, course.id(), refs, learnerIds, from, to))));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            position.put(modules.get(i).id(), i);
        }
        // Attempts on modules no longer in the content (an item dropped by a later package version) sort last.
        Set<String> asked = Set.copyOf(learnerIds);
        return all.stream().filter(a -> asked.contains(a.learnerId()))
                .sorted(Comparator.comparing(Attempt::learnerId)
                        .thenComparing(a -> position.getOrDefault(a.moduleId(), Integer.MAX_VALUE))
                        .thenComparing(Attempt::moduleId).thenComparingInt(Attempt::number))
                .toList();
    }

    /** Each learner's grade per module (every module, attempted or not), from their attempts. */
    public static Map<String, List<Grade>> grades(List<String> learnerIds, List<Module> modules, List<Attempt> attempts) {
        Map<String, Map<String, List<Attempt>>> byLearner = new HashMap<>();
        attempts.forEach(a -> byLearner.computeIfAbsent(a.learnerId(), k -> new HashMap<>())
                .computeIfAbsent(a.moduleId(), k -> new ArrayList<>()).add(a));
        Map<String, List<Grade>> out = new LinkedHashMap<>();
        for (String learner : learnerIds) {
            Map<String, List<Attempt>> mine = byLearner.getOrDefault(learner, Map.of());
            out.put(learner, modules.stream().map(m -> grade(m.id(), mine.getOrDefault(m.id(), List.of()))).toList());
        }
        return out;
    }

    static Grade grade(String moduleId, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return new Grade(moduleId, "not-attempted", 0, null, null, null);
        }
        String status;
        if (attempts.stream().anyMatch(a -> LearningRecords.PASSED.equals(a.success()))) {
            status = "passed";
        } else if (attempts.stream().anyMatch(a -> LearningRecords.WAIVED.equals(a.satisfaction()))) {
            status = LearningRecords.WAIVED;
        } else if (attempts.stream().anyMatch(a -> LearningRecords.COMPLETED.equals(a.completion()))) {
            status = "completed";
        } else if (attempts.stream().anyMatch(a -> LearningRecords.FAILED.equals(a.success()))) {
            status = "failed";
        } else if (attempts.stream().allMatch(a -> LearningRecords.NOT_ATTEMPTED.equals(a.completion()))) {
            status = "not-attempted";
        } else {
            status = "in-progress";
        }
        Double best = attempts.stream().map(Attempt::scoreScaled).filter(s -> s != null).max(Double::compare).orElse(null);
        Attempt last = attempts.stream().max(Comparator.comparing((Attempt a) -> a.lastActivityAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingInt(Attempt::number)).orElseThrow();
        return new Grade(moduleId, status, attempts.size(), best, last.scoreScaled(), last.lastActivityAt());
    }

    private Map<String, List<String>> refsByKind(Course course, Map<String, LearningRecords> byKind) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        course.components().stream().filter(c -> byKind.containsKey(c.kind()))
                .forEach(c -> refs.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.ref()));
        return refs;
    }

    private Map<String, LearningRecords> byKind() {
        Iterable<LearningRecords> all = contributionsOverride != null ? contributionsOverride : contributions;
        Map<String, LearningRecords> byKind = new HashMap<>();
        StreamSupport.stream(all.spliterator(), false).forEach(r -> {
            if (byKind.putIfAbsent(r.kind(), r) != null) {
                throw new IllegalStateException("Two LearningRecords beans answer for kind '" + r.kind() + "'");
            }
        });
        return byKind;
    }
}
