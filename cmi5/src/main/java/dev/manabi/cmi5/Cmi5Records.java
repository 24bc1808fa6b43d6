package dev.manabi.cmi5;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * cmi5's learning records (README "Learning records"), as far as the module's own tables hold them: each AU of the
 * line's latest course structure is one module ({@code cmi5:<line>:<AU id>}, cmi5 13.1.4), and each launch session
 * of the learner's registration (cmi5 section 3 "Registration", 8.1) is one attempt on its AU, numbered in launch
 * order. Completion, pass and score are reported by the AU in xAPI statements to the LRS, not kept in these tables:
 * they are {@code unknown} here.
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

    @Override
    public String kind() {
        return Cmi5PackageFormat.KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        List<Module> out = new ArrayList<>();
        for (String line : refs) {
            versions.latest(line).ifPresent(v -> v.structure().aus().forEach(au ->
                    out.add(new Module(moduleId(line, au.id()), Cmi5PackageFormat.KIND, line, au.localizedTitle()))));
        }
        return out;
    }

    @Override
    public List<Attempt> attempts(Query query) {
        return Store.attempts(database.ready(), query);
    }

    /** The SQL: one query per chunk of learners, then each package version's structure once. */
    static final class Store {

        private record Session(String learnerId, String lineId, String packageId, int auIndex, Instant launched,
                               Instant fetched) {
        }

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q) {
            Set<String> lines = Set.copyOf(q.refs());
            List<Session> sessions = new ArrayList<>();
            Sql.selectIn(ds, "select r.learner_id, v.line_id, s.package_id, s.au_index, s.launched_at, s.fetched_at"
                    + " from manabi_cmi5_session s join manabi_cmi5_registration r on r.registration = s.registration"
                    + " join manabi_cmi5_course_version v on v.package_id = s.package_id"
                    + " where r.tenant_id = ? and r.course_id = ? and r.learner_id ?in",
                    List.of(q.tenantId(), q.courseId()), q.learnerIds(), rs -> {
                        if (lines.contains(rs.getString(2))) {
                            Timestamp fetched = rs.getTimestamp(6);
                            sessions.add(new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                    rs.getTimestamp(5).toInstant(), fetched == null ? null : fetched.toInstant()));
                        }
                    });
            Map<String, Optional<CourseVersions.CourseVersion>> structures = new HashMap<>();
            Map<String, Integer> numbers = new HashMap<>();
            List<Attempt> out = new ArrayList<>();
            sessions.sort(Comparator.comparing(Session::launched));
            for (Session s : sessions) {
                Optional<String> auId = structures.computeIfAbsent(s.packageId(), id ->
                        Sql.inTransaction(ds, c -> CourseVersions.Store.byPackage(c, id)))
                        .flatMap(v -> v.structure().aus().stream().filter(a -> a.index() == s.auIndex()).findFirst())
                        .map(CourseStructure.Au::id);
                if (auId.isEmpty()) {
                    continue;
                }
                String module = moduleId(s.lineId(), auId.get());
                int number = numbers.merge(s.learnerId() + "\u0000" + module, 1, Integer::sum);
                Instant last = s.fetched() == null ? s.launched() : s.fetched();
                if (q.covers(s.launched(), last)) {
                    out.add(new Attempt(s.learnerId(), module, number, UNKNOWN, UNKNOWN, null, null, null, null,
                            s.launched(), null, last));
                }
            }
            return out;
        }
    }
}
