package dev.manabi.tincan;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * tincan.xml packages' learning records (README "Learning records", issue 15) from what {@link TincanProgress}
 * keeps: one module per package line, {@code tincan:<line>}, titled with the root activity's names of the line's
 * newest version (the activity launched and tracked), and one attempt per registration (the launch's
 * {@code registration}: one per learner and course) with its standing: completed, passed / failed and the latest
 * score the content reported about the root activity. tincan.xml declares no time or session, so there is no
 * time spent; the attempt starts with the first launch, its last activity is the latest launch or standing change,
 * and it ends when the standing last changed once completed (passing or failing ends it, as {@code TincanProgress}
 * counts them). One query per page of learners (per chunk of 500), whatever their number.
 */
@ApplicationScoped
public class TincanRecords implements LearningRecords {

    @Inject
    TincanVersions versions;

    @Inject
    Database database;

    static String moduleId(String lineId) {
        return TincanPackageFormat.KIND + ":" + lineId;
    }

    @Override
    public String kind() {
        return TincanPackageFormat.KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        List<Module> out = new ArrayList<>();
        for (String line : refs) {
            versions.latest(line).ifPresent(v -> out.add(new Module(moduleId(line), TincanPackageFormat.KIND, line,
                    TincanPackageFormat.title(v.tincan().rootActivity()))));
        }
        return out;
    }

    @Override
    public List<Attempt> attempts(Query q) {
        return Store.attempts(database.ready(), q);
    }

    /** The SQL. */
    static final class Store {

        private record Row(String learnerId, String lineId, boolean completed, Boolean success, Double score,
                           Double maxScore, Instant createdAt, Instant updatedAt, Instant lastLaunch) {
        }

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q) {
            Set<String> lines = Set.copyOf(q.refs());
            List<Row> rows = new ArrayList<>();
            Sql.selectIn(ds, "select r.learner_id, r.line_id, r.completed, r.success, r.score, r.max_score,"
                    + " r.created_at, r.updated_at, (select max(k.issued_at) from manabi_tincan_credential k"
                    + " where k.registration = r.registration) from manabi_tincan_registration r"
                    + " where r.tenant_id = ? and r.course_id = ? and r.learner_id ?in",
                    List.of(q.tenantId(), q.courseId()), q.learnerIds(), rs -> {
                        if (lines.contains(rs.getString(2))) {
                            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                                    (Boolean) rs.getObject(4), (Double) rs.getObject(5), (Double) rs.getObject(6),
                                    instant(rs, 7), instant(rs, 8), instant(rs, 9)));
                        }
                    });
            rows.sort(Comparator.comparing(Row::createdAt));
            Map<String, Integer> numbers = new HashMap<>();
            List<Attempt> out = new ArrayList<>();
            for (Row r : rows) {
                String module = moduleId(r.lineId());
                int number = numbers.merge(r.learnerId() + "\u0000" + module, 1, Integer::sum);
                Instant last = r.lastLaunch() != null && r.lastLaunch().isAfter(r.updatedAt()) ? r.lastLaunch()
                        : r.updatedAt();
                if (!q.covers(r.createdAt(), last)) {
                    continue;
                }
                out.add(new Attempt(r.learnerId(), module, number, r.completed() ? COMPLETED : INCOMPLETE,
                        r.success() == null ? UNKNOWN : r.success() ? PASSED : FAILED,
                        r.score() != null && r.maxScore() != null && r.maxScore() > 0 ? r.score() / r.maxScore()
                                : null, r.score(), null, null, r.createdAt(), r.completed() ? r.updatedAt() : null,
                        last));
            }
            return out;
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : t.toInstant();
        }
    }
}
