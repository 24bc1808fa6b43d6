package dev.manabi.core;

import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Where one learner stands in every course they may play, across every content kind, from the shared
 * {@link ProgressLedger} facts: the course list ({@code <manabi-course-list>}, {@code GET /me/courses}) reads it in a
 * fixed number of queries however many courses there are (the catalog's three and one for the learner's facts).
 *
 * <p>A course's <em>parts</em> are grouped as the player shell groups them ({@code manabi-player.js parts()}): each
 * component without a language is a part, and the language variants of one kind are one part, done when any variant
 * is. A part's own fact is the fact whose kind and ref are the component's ({@code scorm}/line, {@code quiz}/quiz,
 * {@code book}/book); finer facts (SCOs, video topics) count as activity, not as parts.
 */
@ApplicationScoped
public class CourseStandings {

    /** The learner's standing in a course, as the list filters it. */
    public enum Status {
        NOT_STARTED, IN_PROGRESS, COMPLETED, PASSED, FAILED;

        /** The name in JSON and in the UI bundles' keys, e.g. {@code in-progress}. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean finished() {
            return this == COMPLETED || this == PASSED || this == FAILED;
        }
    }

    /** The list's filters: one status, or {@code completed} for every finished one. */
    public enum Filter {
        ALL, NOT_STARTED, IN_PROGRESS, COMPLETED;

        /** The name in the {@code status} query parameter, e.g. {@code not-started}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Filter of(String id) {
            if (id == null || id.isBlank()) {
                return ALL;
            }
            for (Filter f : values()) {
                if (f.id().equals(id)) {
                    return f;
                }
            }
            throw PlayerException.badRequest("bad-status-filter",
                    "status must be one of all, not-started, in-progress, completed");
        }

        boolean accepts(Status s) {
            return switch (this) {
                case ALL -> true;
                case NOT_STARTED -> s == Status.NOT_STARTED;
                case IN_PROGRESS -> s == Status.IN_PROGRESS;
                case COMPLETED -> s.finished();
            };
        }
    }

    /**
     * One course in the list. {@code progress} is the share of parts done (0..1); {@code bestScore} the best
     * percentage any part reports; {@code resumePart} the index (in the player's part order) of the part the learner
     * worked on last, null before they started.
     */
    public record Standing(String courseId, Map<String, String> title, String language, Status status,
                           int partsDone, int parts, double progress, Double bestScore, Instant lastActivity,
                           Integer resumePart) {

        Standing inLanguage(String tag) {
            return new Standing(courseId, title, tag, status, partsDone, parts, progress, bestScore, lastActivity,
                    resumePart);
        }
    }

    /** One page of the list; {@code counts} are per filter over all the learner's courses matching the search. */
    public record Page(List<Standing> items, int total, int offset, int limit, Map<String, Integer> counts) {
    }

    /** A ledger fact with its time, as the list needs it. */
    record TimedFact(ProgressFact fact, Instant updatedAt) {
    }

    public static final int MAX_LIMIT = 100;

    /**
     * The learner's language in each course of one page (by course id), asked once per page so the languages the
     * courses offer are read in bulk ({@link OfferedLanguages}).
     */
    @FunctionalInterface
    public interface PageLanguages {
        Map<String, String> of(List<Course> courses);

        /** The same language in every course (tests, benchmarks). */
        static PageLanguages everywhere(String tag) {
            return courses -> {
                Map<String, String> tags = new HashMap<>();
                courses.forEach(c -> tags.put(c.id(), tag));
                return tags;
            };
        }
    }

    static PlayerException badPage() {
        return PlayerException.badRequest("bad-page", "offset must be an integer >= 0 and limit an integer between 1 and "
                + MAX_LIMIT);
    }

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    /** Modules whose completion rules decide some courses' status (the quiz engine's); may be unset in tests. */
    @Inject
    @Any
    Instance<CourseOutcomes> outcomeModules;

    /** The learner's standing in the courses visible to them matching {@code search}, filtered and paged. */
    public Page page(LearnerContext learner, PageLanguages languages, String status,
                     String search, int offset, int limit) {
        Filter filter = Filter.of(status);
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw badPage();
        }
        Map<String, List<TimedFact>> facts = Store.facts(database.ready(), learner);
        String needle = normalize(search);
        List<Standing> matching = new ArrayList<>();
        Map<String, Course> courses = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Filter f : Filter.values()) {
            counts.put(f.id(), 0);
        }
        List<Course> found = catalog.visibleTo(learner).stream().filter(course -> needle.isEmpty()
                || course.title().values().values().stream().anyMatch(t -> normalize(t).contains(needle))).toList();
        Map<String, CourseOutcomes.Outcome> outcomes = outcomes(learner,
                found.stream().map(Course::id).filter(facts::containsKey).toList());
        for (Course course : found) {
            Standing s = standing(course, facts.getOrDefault(course.id(), List.of()), null,
                    outcomes.get(course.id()));
            courses.put(course.id(), course);
            for (Filter f : Filter.values()) {
                if (f.accepts(s.status())) {
                    counts.merge(f.id(), 1, Integer::sum);
                }
            }
            if (filter.accepts(s.status())) {
                matching.add(s);
            }
        }
        // Most recent activity first (what the learner was doing), then courses never opened in catalog order.
        matching.sort(Comparator.comparing(Standing::lastActivity, Comparator.nullsLast(Comparator.reverseOrder())));
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        List<Standing> items = matching.subList(from, to);
        Map<String, String> tags = languages.of(items.stream().map(s -> courses.get(s.courseId())).toList());
        return new Page(items.stream().map(s -> s.inLanguage(tags.get(s.courseId()))).toList(), matching.size(),
                offset, limit, counts);
    }

    /** What the modules' completion rules say about the learner in the courses they decide (bulk, per module). */
    private Map<String, CourseOutcomes.Outcome> outcomes(LearnerContext learner, List<String> courseIds) {
        Map<String, CourseOutcomes.Outcome> out = new HashMap<>();
        if (outcomeModules != null && !courseIds.isEmpty()) {
            for (CourseOutcomes module : outcomeModules) {
                module.outcomes(learner, courseIds).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    /**
     * The standing in one course from the learner's facts in it. Where completion rules decide the course
     * ({@code ruled} not null), their verdict is its status: complete as they say, and failed when every part is done
     * but the rules still do not hold (each quiz passed by its own threshold, the 70-point total missed).
     */
    static Standing standing(Course course, List<TimedFact> facts, String language, CourseOutcomes.Outcome ruled) {
        Map<String, TimedFact> byPart = new HashMap<>();
        Instant last = null;
        Double best = null;
        for (TimedFact tf : facts) {
            byPart.put(tf.fact().kind() + "\u0000" + tf.fact().ref(), tf);
            last = last == null || tf.updatedAt().isAfter(last) ? tf.updatedAt() : last;
        }
        List<List<Course.Component>> parts = parts(course);
        int done = 0;
        boolean anyJudged = false;
        boolean anyFailed = false;
        Integer resume = null;
        Instant resumeAt = null;
        for (int i = 0; i < parts.size(); i++) {
            boolean partDone = false;
            Boolean partPassed = null;
            for (Course.Component variant : parts.get(i)) {
                TimedFact tf = byPart.get(variant.kind() + "\u0000" + variant.ref());
                if (tf == null) {
                    continue;
                }
                ProgressFact f = tf.fact();
                partDone |= f.completed();
                if (f.passed() != null) {
                    partPassed = Boolean.TRUE.equals(partPassed) || f.passed();
                }
                if (f.percent().isPresent()) {
                    best = best == null ? f.percent().getAsDouble() : Math.max(best, f.percent().getAsDouble());
                }
                if (resumeAt == null || tf.updatedAt().isAfter(resumeAt)) {
                    resumeAt = tf.updatedAt();
                    resume = i;
                }
            }
            done += partDone ? 1 : 0;
            anyJudged |= partPassed != null;
            anyFailed |= Boolean.FALSE.equals(partPassed);
        }
        Status status;
        if (facts.isEmpty()) {
            status = Status.NOT_STARTED;
        } else if (ruled != null) {
            status = ruled.completed()
                    ? ruled.passed() == null ? Status.COMPLETED : ruled.passed() ? Status.PASSED : Status.FAILED
                    : !parts.isEmpty() && done == parts.size() ? Status.FAILED : Status.IN_PROGRESS;
        } else if (parts.isEmpty() || done < parts.size()) {
            status = Status.IN_PROGRESS;
        } else if (anyFailed) {
            status = Status.FAILED;
        } else {
            status = anyJudged ? Status.PASSED : Status.COMPLETED;
        }
        if (resume == null && !facts.isEmpty() && !parts.isEmpty()) {
            resume = 0;
        }
        double progress = parts.isEmpty() ? 0 : (double) done / parts.size();
        return new Standing(course.id(), course.title().values(), language, status, done, parts.size(), progress,
                best, last, resume);
    }

    /** The course's parts in the player's order (see the class comment). */
    static List<List<Course.Component>> parts(Course course) {
        List<List<Course.Component>> parts = new ArrayList<>();
        Map<String, List<Course.Component>> variantsByKind = new LinkedHashMap<>();
        for (Course.Component c : course.components()) {
            if (c.language() == null) {
                parts.add(List.of(c));
            } else {
                List<Course.Component> group = variantsByKind.get(c.kind());
                if (group == null) {
                    group = new ArrayList<>();
                    variantsByKind.put(c.kind(), group);
                    parts.add(group);
                }
                group.add(c);
            }
        }
        return parts;
    }

    /** Search is by substring in any title, compatibility-normalized (full-width Latin, half-width kana) and caseless. */
    static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    static final class Store {

        private Store() {
        }

        /** Every fact of the learner, by course: one query. */
        static Map<String, List<TimedFact>> facts(DataSource ds, LearnerContext learner) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select course_id, kind, ref, completed, passed, score,"
                        + " max_score, updated_at from manabi_progress_fact where tenant_id = ? and learner_id = ?")) {
                    ps.setString(1, learner.tenant().id());
                    ps.setString(2, learner.learnerId());
                    Map<String, List<TimedFact>> out = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TimedFact(
                                    new ProgressFact(rs.getString(2), rs.getString(3), rs.getBoolean(4),
                                            (Boolean) rs.getObject(5), (Double) rs.getObject(6),
                                            (Double) rs.getObject(7)), rs.getTimestamp(8).toInstant()));
                        }
                    }
                    return out;
                }
            });
        }
    }
}
