package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The quiz engine's personal data on H2 and PostgreSQL: attempts exported, anonymized, erased, expired. */
class QuizPersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_quiz (id, owner_tenant_id, current_version,"
                + " created_by, created_at) values (?, ?, ?, ?, ?)", "q1", "uni-a", 1, "author",
                Timestamp.from(PersonalDataConformance.T0)));
        JsonNode export = PersonalDataConformance.check(ds, new QuizPersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            Sql.update(c, "insert into manabi_quiz_attempt (id, tenant_id, learner_id, quiz_id, quiz_version,"
                    + " course_id, attempt_number, seed, question_ids, responses_json, checked_json, status,"
                    + " started_at, submitted_at, timed_out, score, max_score, passed) values (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), "uni-a",
                    learner.learnerId(), "q1", 1, "course-1", 1, 42L, "a,b", "{\"a\":[\"x\"]}", "{}", "SUBMITTED",
                    t, t, false, 8.0, 10.0, true);
        }, List.of(QuizPersonalData.ATTEMPTS));
        assertThat(export.get("attempts")).hasSize(1);
        assertThat(export.get("attempts").get(0).get("score").asDouble()).isEqualTo(8.0);
        assertThat(export.get("attempts").get(0).has("seed")).isFalse();
    }

    /** README "Personal data": what uni-a's alice authored keeps her pseudonym; uni-b's alice is someone else. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedAuthorsQuizzesKeepOnlyTheirPseudonym(DataSource ds) {
        PersonalDataConformance.coursesOfBothInstitutions(ds);
        Sql.inTransaction(ds, c -> {
            Timestamp t = Timestamp.from(PersonalDataConformance.T0);
            for (String[] q : new String[][] {{"qa", "uni-a", "ca"}, {"qb", "uni-b", "cb"}}) {
                Sql.update(c, "insert into manabi_quiz (id, owner_tenant_id, current_version, created_by, created_at)"
                        + " values (?, ?, ?, ?, ?)", q[0], q[1], 1, "alice", t);
                Sql.update(c, "insert into manabi_quiz_version (quiz_id, version, definition_json, imported_by,"
                        + " imported_at) values (?, ?, ?, ?, ?)", q[0], 1, "{}", "alice", t);
            }
            return null;
        });
        PersonalDataConformance.checkForgetActor(ds, new QuizPersonalData(), List.of("manabi_quiz.created_by",
                "manabi_quiz_version.imported_by"), 1, 1);
    }
}
