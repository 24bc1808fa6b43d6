package dev.manabi.quiz;

import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The quiz engine's learning records (README "Learning records"): each quiz of a course is one module
 * ({@code quiz:<quiz id>}); each attempt is one attempt, complete once submitted, passed or failed by the quiz's pass
 * threshold (unknown without one), its scaled score the points over the maximum and its time from start to submission.
 */
@ApplicationScoped
public class QuizRecords implements LearningRecords {

    @Inject
    QuizEngine engine;

    static String moduleId(String quizId) {
        return QuizEngine.KIND + ":" + quizId;
    }

    @Override
    public String kind() {
        return QuizEngine.KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        return engine.service().recordModules(refs);
    }

    @Override
    public List<Attempt> attempts(Query query) {
        return engine.service().recordAttempts(query);
    }

    /** The SQL: one query per chunk of learners, every quiz of the course at once. */
    static final class Store {

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q) {
            Set<String> quizzes = Set.copyOf(q.refs());
            List<Attempt> out = new ArrayList<>();
            Sql.selectIn(ds, "select learner_id, quiz_id, attempt_number, status, score, max_score, passed, started_at,"
                    + " submitted_at from manabi_quiz_attempt where tenant_id = ? and course_id = ? and learner_id ?in",
                    List.of(q.tenantId(), q.courseId()), q.learnerIds(), rs -> {
                        if (!quizzes.contains(rs.getString(2))) {
                            return;
                        }
                        Instant started = rs.getTimestamp(8).toInstant();
                        Timestamp submittedAt = rs.getTimestamp(9);
                        Instant submitted = submittedAt == null ? null : submittedAt.toInstant();
                        Instant last = submitted == null ? started : submitted;
                        if (!q.covers(started, last)) {
                            return;
                        }
                        boolean done = dev.manabi.quiz.Attempt.Status.valueOf(rs.getString(4))
                                == dev.manabi.quiz.Attempt.Status.SUBMITTED;
                        double score = rs.getDouble(5);
                        Double raw = rs.wasNull() ? null : score;
                        double max = rs.getDouble(6);
                        Double scaled = raw == null || rs.wasNull() || max <= 0 ? null : raw / max;
                        boolean passed = rs.getBoolean(7);
                        String success = rs.wasNull() || !done ? UNKNOWN : passed ? PASSED : FAILED;
                        out.add(new Attempt(rs.getString(1), moduleId(rs.getString(2)), rs.getInt(3),
                                done ? COMPLETED : INCOMPLETE, success, scaled, raw, done ? 1.0 : null,
                                submitted == null ? null : Duration.between(started, submitted), started, submitted,
                                last));
                    });
            return out;
        }
    }
}
