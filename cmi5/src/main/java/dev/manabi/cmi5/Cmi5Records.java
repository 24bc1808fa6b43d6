package dev.manabi.cmi5;

import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.i18n.LocalizedText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * cmi5's learning records (README "Learning records", issue 15) from the module's own tables. Per package line of
 * the course, over its latest course structure:
 *
 * <ul>
 *   <li>{@code cmi5:<line>}, the course as a whole: one attempt per registration (cmi5 Quartz section 3
 *       "Registration"), with the course's standing as its progress fact states it ({@link Cmi5Standing}: completed
 *       when satisfied, passed / failed, the mean percentage of the AUs' scores), from the registration to the
 *       course's satisfied statement (9.3.9).</li>
 *   <li>{@code cmi5:<line>:<AU id>} (13.1.4) per AU: one attempt per launch session (8.1; launched, initialized,
 *       terminated 9.3.8 or abandoned 9.3.6; time from the launch to the AU's last statement, as 9.5.4.2 measures an
 *       abandoned session) and one for a waiver (9.3.7, which has a session id of its own and no launch), numbered in
 *       time order. Each reports the AU's standing as it was when the attempt ended: completed (9.3.3; once per
 *       registration, so it stays completed in later sessions), the judgment in force (the session's own
 *       passed/failed with its score, else the latest earlier one: 9.3.4, 9.3.5, 9.5.1) and whether its moveOn is
 *       satisfied or it is waived (section 10).</li>
 *   <li>{@code cmi5:<line>:<block id>} per block (13.1.2), listed before what it holds: one attempt per
 *       registration with the block's satisfaction (9.3.9), so an institution's system can take a block as the unit
 *       it grades (a chapter, a week) without rebuilding the structure.</li>
 * </ul>
 *
 * <p>A page of learners costs five queries (registrations, sessions, AU statuses, judgments, satisfied objects; each
 * per chunk of 500 learners) plus one per package line and per package version their sessions played, whatever the
 * number of learners.
 */
@ApplicationScoped
public class Cmi5Records implements LearningRecords {

    @Inject
    CourseVersions versions;

    @Inject
    Database database;

    static String moduleId(String lineId, String auId) {
        return Cmi5PackageFormat.KIND + ":" + lineId + ":" + auId;
    }

    /** The course as a whole: {@code cmi5:<line>} (as {@code progress/me} names it). */
    static String courseModuleId(String lineId) {
        return Cmi5PackageFormat.KIND + ":" + lineId;
    }

    @Override
    public String kind() {
        return Cmi5PackageFormat.KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        List<Module> out = new ArrayList<>();
        for (String line : refs) {
            versions.latest(line).ifPresent(v -> {
                out.add(new Module(courseModuleId(line), Cmi5PackageFormat.KIND, line,
                        new LocalizedText(v.structure().course().title())));
                v.structure().children().forEach(n -> addModules(line, n, out));
            });
        }
        return out;
    }

    /**
     * A node's modules in content order: a block (13.1.2) before what it holds, nested blocks included; an AU.
     * Block and AU ids are unique within the course structure (13.1), so {@code cmi5:<line>:<id>} names either.
     */
    private static void addModules(String line, CourseStructure.Node n, List<Module> out) {
        if (n instanceof Au au) {
            out.add(new Module(moduleId(line, au.id()), Cmi5PackageFormat.KIND, line, au.localizedTitle()));
            return;
        }
        CourseStructure.Block block = (CourseStructure.Block) n;
        out.add(new Module(moduleId(line, block.id()), Cmi5PackageFormat.KIND, line,
                new LocalizedText(block.title())));
        block.children().forEach(child -> addModules(line, child, out));
    }

    @Override
    public List<Attempt> attempts(Query query) {
        return Store.attempts(database.ready(), query);
    }

    /** The SQL and the derivation. */
    static final class Store {

        private record Registration(String registration, String learnerId, Instant createdAt) {
        }

        /** One launch session, as its row keeps it. */
        private record Session(String registration, String lineId, String packageId, int auIndex, Instant launched,
                               Instant fetched, Instant initialized, String judged, Instant terminated,
                               Instant abandoned, Instant lastStatement, Double scoreScaled, Double scoreRaw) {

            /** The latest moment the row knows of. */
            Instant lastActivity() {
                return Stream.of(launched, fetched, initialized, lastStatement, terminated, abandoned)
                        .filter(t -> t != null).max(Comparator.naturalOrder()).orElse(launched);
            }

            /** 9.5.4.2: from the launch to the AU's last statement; null when the AU stated nothing. */
            Duration timeSpent() {
                return lastStatement == null ? null : Duration.between(launched, lastStatement);
            }
        }

        /** A session or a waiver on one AU of one registration, in time order. */
        private record Step(Session session, Instant waivedAt) {
            Instant at() {
                return session != null ? session.launched() : waivedAt;
            }

            Instant end() {
                return session != null ? session.lastActivity() : waivedAt;
            }
        }

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q) {
            Set<String> lines = Set.copyOf(q.refs());
            List<Object> leading = List.of(q.tenantId(), q.courseId());
            String mine = " join manabi_cmi5_registration r on r.registration = x.registration"
                    + " where r.tenant_id = ? and r.course_id = ? and r.learner_id ?in";

            Map<String, Registration> registrations = new HashMap<>();
            Sql.selectIn(ds, "select r.registration, r.learner_id, r.created_at from manabi_cmi5_registration r"
                    + " where r.tenant_id = ? and r.course_id = ? and r.learner_id ?in", leading, q.learnerIds(),
                    rs -> registrations.put(rs.getString(1), new Registration(rs.getString(1), rs.getString(2),
                            instant(rs, 3))));
            Map<String, List<Session>> sessions = new HashMap<>();
            Sql.selectIn(ds, "select x.registration, v.line_id, x.package_id, x.au_index, x.launched_at,"
                    + " x.fetched_at, x.initialized_at, x.judged, x.terminated_at, x.abandoned_at,"
                    + " x.last_statement_at, x.score_scaled, x.score_raw from manabi_cmi5_session x"
                    + " join manabi_cmi5_course_version v on v.package_id = x.package_id" + mine, leading,
                    q.learnerIds(), rs -> {
                        if (lines.contains(rs.getString(2))) {
                            sessions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                    instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), instant(rs, 9),
                                    instant(rs, 10), instant(rs, 11), (Double) rs.getObject(12),
                                    (Double) rs.getObject(13)));
                        }
                    });
            Map<String, Map<String, Satisfaction.AuStatus>> statuses = new HashMap<>();
            Sql.selectIn(ds, "select x.registration, x.au_id, x.completed_at, x.passed_at, x.waived_at"
                    + " from manabi_cmi5_au_status x" + mine, leading, q.learnerIds(), rs ->
                    statuses.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            new Satisfaction.AuStatus(instant(rs, 3), instant(rs, 4), instant(rs, 5))));
            Map<String, Map<String, Cmi5Standing.Judgment>> judgments = new HashMap<>();
            Sql.selectIn(ds, "select x.registration, x.au_id, x.success, x.score, x.max_score"
                    + " from manabi_cmi5_au_result x" + mine, leading, q.learnerIds(), rs ->
                    judgments.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            new Cmi5Standing.Judgment(rs.getBoolean(3), (Double) rs.getObject(4),
                                    (Double) rs.getObject(5))));
            Map<String, Instant> satisfied = new HashMap<>();
            Sql.selectIn(ds, "select x.registration, x.object_id, x.satisfied_at from manabi_cmi5_satisfied x" + mine,
                    leading, q.learnerIds(), rs -> satisfied.put(rs.getString(1) + "\u0000" + rs.getString(2),
                            instant(rs, 3)));

            Map<String, Optional<CourseVersions.CourseVersion>> latest = new HashMap<>();
            Map<String, Optional<CourseVersions.CourseVersion>> byPackage = new HashMap<>();
            for (String line : q.refs()) {
                latest.put(line, Sql.inTransaction(ds, c -> CourseVersions.Store.latest(c, line)));
            }
            List<Attempt> out = new ArrayList<>();
            Map<String, Integer> numbers = new HashMap<>();
            List<Registration> ordered = registrations.values().stream()
                    .sorted(Comparator.comparing(Registration::createdAt).thenComparing(Registration::registration))
                    .toList();
            for (Registration r : ordered) {
                Map<String, Satisfaction.AuStatus> status = statuses.getOrDefault(r.registration(), Map.of());
                Map<String, Cmi5Standing.Judgment> judged = judgments.getOrDefault(r.registration(), Map.of());
                // Each session's AU by the structure of the version it played (AU ids stay, indexes may move).
                Map<String, List<Step>> steps = new HashMap<>();
                Set<String> linesPlayed = new LinkedHashSet<>();
                for (Session s : sessions.getOrDefault(r.registration(), List.of())) {
                    Optional<String> auId = byPackage.computeIfAbsent(s.packageId(), id ->
                            Sql.inTransaction(ds, c -> CourseVersions.Store.byPackage(c, id)))
                            .flatMap(v -> v.structure().aus().stream().filter(a -> a.index() == s.auIndex())
                                    .findFirst()).map(Au::id);
                    if (auId.isPresent()) {
                        steps.computeIfAbsent(s.lineId() + "\u0000" + auId.get(), k -> new ArrayList<>())
                                .add(new Step(s, null));
                        linesPlayed.add(s.lineId());
                    }
                }
                for (String line : q.refs()) {
                    Optional<CourseVersions.CourseVersion> version = latest.get(line);
                    if (version.isEmpty()) {
                        continue;
                    }
                    boolean any = linesPlayed.contains(line);
                    for (Au au : version.get().structure().aus()) {
                        Satisfaction.AuStatus st = status.getOrDefault(au.id(), Satisfaction.AuStatus.NONE);
                        List<Step> mineOnAu = steps.computeIfAbsent(line + "\u0000" + au.id(), k -> new ArrayList<>());
                        if (st.waivedAt() != null) {
                            mineOnAu.add(new Step(null, st.waivedAt()));
                        }
                        any |= !mineOnAu.isEmpty();
                        auAttempts(q, r, moduleId(line, au.id()), au, st, judged.get(au.id()), mineOnAu, numbers, out);
                    }
                    Cmi5Standing standing = Cmi5Standing.of(version.get(), status, judged);
                    for (CourseStructure.Node n : version.get().structure().children()) {
                        blockAttempts(q, r, line, n, standing, steps, satisfied, numbers, out);
                    }
                    if (any) {
                        courseAttempt(q, r, version.get(), standing, steps, satisfied, numbers)
                                .ifPresent(out::add);
                    }
                }
            }
            return out;
        }

        /** The attempts on one AU of one registration: its sessions and waiver in time order. */
        private static void auAttempts(Query q, Registration r, String module, Au au, Satisfaction.AuStatus st,
                                       Cmi5Standing.Judgment latestJudgment, List<Step> steps,
                                       Map<String, Integer> numbers, List<Attempt> out) {
            steps.sort(Comparator.comparing(Step::at));
            Session lastJudging = steps.stream().map(Step::session)
                    .filter(s -> s != null && s.judged() != null).reduce((a, b) -> b).orElse(null);
            Session judging = null;
            boolean begun = false;
            for (Step step : steps) {
                Session s = step.session();
                if (s != null && s.judged() != null) {
                    judging = s;
                }
                begun |= s != null && s.initialized() != null;
                Instant end = step.end();
                boolean completed = st.completedAt() != null && !st.completedAt().isAfter(end);
                boolean passed = st.passedAt() != null && !st.passedAt().isAfter(end);
                boolean waived = st.waivedAt() != null && !st.waivedAt().isAfter(end);
                String success = judging != null ? ("passed".equals(judging.judged()) ? PASSED : FAILED)
                        : passed ? PASSED : UNKNOWN;
                Double scaled = null;
                Double raw = null;
                if (judging != null) {
                    scaled = judging.scoreScaled();
                    raw = judging.scoreRaw();
                    // Sessions judged before V6 kept no score of their own: the AU's latest judgment is theirs.
                    if (scaled == null && raw == null && judging == lastJudging && latestJudgment != null
                            && latestJudgment.score() != null && latestJudgment.maxScore() != null
                            && latestJudgment.maxScore() > 0) {
                        scaled = latestJudgment.score() / latestJudgment.maxScore();
                    }
                }
                String satisfaction = waived ? WAIVED : Satisfaction.satisfied(au,
                        new Satisfaction.AuStatus(completed ? st.completedAt() : null, passed ? st.passedAt() : null,
                                null)) ? SATISFIED : NOT_SATISFIED;
                int number = numbers.merge(r.learnerId() + "\u0000" + module, 1, Integer::sum);
                Instant started = step.at();
                if (q.covers(started, end)) {
                    out.add(new Attempt(r.learnerId(), module, number,
                            completed ? COMPLETED : begun ? INCOMPLETE : NOT_ATTEMPTED, success, scaled, raw, null,
                            s == null ? null : s.timeSpent(), started,
                            s == null ? step.waivedAt() : s.terminated() != null ? s.terminated() : s.abandoned(),
                            end, satisfaction));
                }
            }
        }

        /**
         * The registration's attempt on each block (13.1.2) under {@code n}, as the {@code cmi5-block} fact states it:
         * completed and satisfied when every AU in it (nested blocks included) is satisfied or waived (9.3.9), else
         * incomplete; no success or score (cmi5 judges AUs, not blocks); from the first launch of an AU in it (the
         * registration when none was launched) to the block's satisfied statement; time: its AUs' sessions. Only for
         * blocks an AU of which was attempted or that are satisfied.
         */
        private static void blockAttempts(Query q, Registration r, String line, CourseStructure.Node n,
                                          Cmi5Standing standing, Map<String, List<Step>> steps,
                                          Map<String, Instant> satisfied, Map<String, Integer> numbers,
                                          List<Attempt> out) {
            if (!(n instanceof CourseStructure.Block block)) {
                return;
            }
            Cmi5Standing.BlockStanding b = standing.block(block.id());
            Instant satisfiedAt = satisfied.get(r.registration() + "\u0000"
                    + Satisfaction.blockActivity(line, block));
            List<Step> mine = new ArrayList<>();
            auIds(block).forEach(id -> mine.addAll(steps.getOrDefault(line + "\u0000" + id, List.of())));
            if (b != null && (b.attempted() || b.satisfied() || !mine.isEmpty())) {
                Instant started = mine.stream().map(Step::at).min(Comparator.naturalOrder()).orElse(r.createdAt());
                Instant last = Stream.concat(mine.stream().map(Step::end), Stream.of(started, satisfiedAt))
                        .filter(t -> t != null).max(Comparator.naturalOrder()).orElse(started);
                Duration time = mine.stream().map(st -> st.session() == null ? null : st.session().timeSpent())
                        .filter(d -> d != null).reduce(Duration::plus).orElse(null);
                String module = moduleId(line, block.id());
                int number = numbers.merge(r.learnerId() + "\u0000" + module, 1, Integer::sum);
                if (q.covers(started, last)) {
                    out.add(new Attempt(r.learnerId(), module, number, b.satisfied() ? COMPLETED : INCOMPLETE,
                            UNKNOWN, null, null, null, time, started, b.satisfied() ? satisfiedAt : null, last,
                            b.satisfied() ? SATISFIED : NOT_SATISFIED));
                }
            }
            block.children().forEach(child -> blockAttempts(q, r, line, child, standing, steps, satisfied, numbers,
                    out));
        }

        /** The ids of the AUs in a block, nested blocks included. */
        private static List<String> auIds(CourseStructure.Block block) {
            List<String> ids = new ArrayList<>();
            for (CourseStructure.Node child : block.children()) {
                if (child instanceof Au au) {
                    ids.add(au.id());
                } else {
                    ids.addAll(auIds((CourseStructure.Block) child));
                }
            }
            return ids;
        }

        /** The registration's attempt on the course as a whole: the course fact's standing (Cmi5Standing). */
        private static Optional<Attempt> courseAttempt(Query q, Registration r, CourseVersions.CourseVersion version,
                                             Cmi5Standing standing, Map<String, List<Step>> steps,
                                             Map<String, Instant> satisfied, Map<String, Integer> numbers) {
            String line = version.lineId();
            Instant satisfiedAt = satisfied.get(r.registration() + "\u0000" + Satisfaction.courseActivity(line));
            Instant last = r.createdAt();
            Duration time = null;
            for (Map.Entry<String, List<Step>> e : steps.entrySet()) {
                if (!e.getKey().startsWith(line + "\u0000")) {
                    continue;
                }
                for (Step step : e.getValue()) {
                    last = step.end().isAfter(last) ? step.end() : last;
                    Duration spent = step.session() == null ? null : step.session().timeSpent();
                    time = spent == null ? time : time == null ? spent : time.plus(spent);
                }
            }
            if (satisfiedAt != null && satisfiedAt.isAfter(last)) {
                last = satisfiedAt;
            }
            Boolean passed = standing.coursePassed();
            Double score = standing.courseScore();
            String module = courseModuleId(line);
            int number = numbers.merge(r.learnerId() + "\u0000" + module, 1, Integer::sum);
            Attempt a = new Attempt(r.learnerId(), module, number,
                    standing.courseSatisfied() ? COMPLETED : INCOMPLETE,
                    passed == null ? UNKNOWN : passed ? PASSED : FAILED, score == null ? null : score / 100.0, score,
                    null, time, r.createdAt(), satisfiedAt, last,
                    standing.courseSatisfied() ? SATISFIED : NOT_SATISFIED);
            return q.covers(a.startedAt(), a.lastActivityAt()) ? Optional.of(a) : Optional.empty();
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : t.toInstant();
        }
    }
}
