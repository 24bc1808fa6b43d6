package dev.manabi.core.spi;

import dev.manabi.i18n.LocalizedText;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a content module knows of a course's learning records: the modules it plays in the course (SCOs, quizzes,
 * video topics, cmi5 AUs, tincan packages) and each learner's attempts on them. Read by the records API
 * ({@code /manabi/api/records/...}, README "Learning records") that institutions' own systems pull histories and grade
 * downloads from; a later "delete or anonymize this learner" walks the same modules.
 *
 * <p><b>Discovery.</b> CDI beans (any normal scope, default qualifier), one per component {@link #kind()} as the
 * course's {@code Course.Component#kind()} names it ({@code scorm}, {@code quiz}, {@code book}, {@code cmi5}, {@code tincan}). A
 * component whose kind no bean answers for has no records. Two beans for one kind are a deployment error.
 *
 * <p><b>Ordering.</b> Modules are listed in the course's component order, and within one component in the order
 * {@link #modules} returns them (the content's own order: SCOs in tree order, topics in book order). Attempts carry
 * their own order (by learner, module, attempt number); the caller sorts, so implementations need not.
 *
 * <p><b>Bulk.</b> {@link #attempts} is asked for one page of learners at a time and must answer in a fixed number of
 * queries, whatever the number of learners (no query per learner). Only rows of {@link Query#tenantId()} may be read:
 * another institution's records are never visible.
 */
public interface LearningRecords {

    /** Completion as every module reports it (SCORM 2004 RTE 4.2.4 {@code cmi.completion_status} vocabulary). */
    String COMPLETED = "completed";
    String INCOMPLETE = "incomplete";
    String NOT_ATTEMPTED = "not-attempted";
    /** Success as every module reports it (SCORM 2004 RTE 4.2.22 {@code cmi.success_status} vocabulary). */
    String PASSED = "passed";
    String FAILED = "failed";
    String UNKNOWN = "unknown";
    /**
     * Satisfaction, for kinds whose content declares what satisfies a module (cmi5 Quartz section 10 "moveOn"): the
     * module's criterion holds; it does not (yet); an administrator waived it (9.3.7), which satisfies it whatever
     * the learner did. Kinds without such a criterion report null.
     */
    String SATISFIED = "satisfied";
    String NOT_SATISFIED = "not-satisfied";
    String WAIVED = "waived";

    /** The component kind answered for, e.g. {@code quiz}. */
    String kind();

    /**
     * The modules of the given components of {@code courseId}, each component's in the content's order.
     *
     * @param refs component refs of this kind in the course, in course order
     */
    List<Module> modules(String courseId, List<String> refs);

    /** The attempts of {@link Query#learnerIds()} on this kind's components of the course. */
    List<Attempt> attempts(Query query);

    /**
     * One trackable part of a course.
     *
     * @param id    stable across package versions and servers: {@code <kind>:<ref>[:<part>]}, e.g.
     *              {@code scorm:<line>:<item identifier>}, {@code quiz:<quiz id>}, {@code book:<book>:<topic>}
     * @param kind  the component kind
     * @param ref   the component ref it belongs to
     * @param title its title per language (as the author wrote it)
     */
    record Module(String id, String kind, String ref, LocalizedText title) {
        public Module {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            title = title == null ? LocalizedText.untagged(id) : title;
        }
    }

    /**
     * What to read.
     *
     * @param tenantId   the institution whose members' rows are read; never another's
     * @param courseId   the course
     * @param refs       component refs of this kind in the course
     * @param learnerIds members of {@code tenantId} (one page of them)
     * @param from       attempts active at or after this instant, or null
     * @param to         attempts started before this instant, or null
     */
    record Query(String tenantId, String courseId, List<String> refs, Collection<String> learnerIds, Instant from,
                 Instant to) {
        public Query {
            Objects.requireNonNull(tenantId, "tenantId");
            refs = List.copyOf(refs);
            learnerIds = List.copyOf(learnerIds);
        }

        /**
         * Whether an attempt falls in the period: it was active in it (started before {@code to}, last active at or
         * after {@code from}). An attempt whose start is unknown counts by its last activity alone.
         */
        public boolean covers(Instant startedAt, Instant lastActivityAt) {
            Instant start = startedAt == null ? lastActivityAt : startedAt;
            return (from == null || lastActivityAt == null || !lastActivityAt.isBefore(from))
                    && (to == null || start == null || start.isBefore(to));
        }
    }

    /**
     * One attempt of one learner on one module.
     *
     * @param learnerId      the member
     * @param moduleId       {@link Module#id()}
     * @param number         1 for the first attempt
     * @param completion     {@link #COMPLETED}, {@link #INCOMPLETE}, {@link #NOT_ATTEMPTED} or {@link #UNKNOWN}
     * @param success        {@link #PASSED}, {@link #FAILED} or {@link #UNKNOWN}
     * @param scoreScaled    -1..1 (a quiz: its score over its maximum), or null
     * @param scoreRaw       the score as the content counts it, or null
     * @param progress       share of the module done, 0..1, or null when the content reports none
     * @param timeSpent      the learner's time in it, or null when unknown
     * @param startedAt      when the attempt began, or null when the module does not keep it
     * @param endedAt        when it ended (submitted, finished, session closed), or null while open
     * @param lastActivityAt the latest stored activity
     * @param satisfaction   {@link #SATISFIED}, {@link #NOT_SATISFIED} or {@link #WAIVED} as the module stood when the
     *                       attempt ended (cmi5), or null for kinds without a satisfaction criterion
     */
    record Attempt(String learnerId, String moduleId, int number, String completion, String success,
                   Double scoreScaled, Double scoreRaw, Double progress, Duration timeSpent, Instant startedAt,
                   Instant endedAt, Instant lastActivityAt, String satisfaction) {
        public Attempt {
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(moduleId, "moduleId");
            completion = completion == null ? UNKNOWN : completion;
            success = success == null ? UNKNOWN : success;
        }

        /** An attempt of a kind without a satisfaction criterion (SCOs, quizzes, video topics). */
        public Attempt(String learnerId, String moduleId, int number, String completion, String success,
                       Double scoreScaled, Double scoreRaw, Double progress, Duration timeSpent, Instant startedAt,
                       Instant endedAt, Instant lastActivityAt) {
            this(learnerId, moduleId, number, completion, success, scoreScaled, scoreRaw, progress, timeSpent,
                    startedAt, endedAt, lastActivityAt, null);
        }
    }
}
