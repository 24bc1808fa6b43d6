package dev.manabi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The completion rules' personal data on H2 and PostgreSQL: awards exported, anonymized, erased, expired. */
class RulesPersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        JsonNode export = PersonalDataConformance.check(ds, new RulesPersonalData(), (c, learner, at) ->
                Sql.update(c, "insert into manabi_rules_award (tenant_id, learner_id, course_id, kind, ref, passed,"
                        + " score, awarded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", "uni-a", learner.learnerId(),
                        "course-1", "course", "", true, 0.8, Timestamp.from(at)),
                List.of(RulesPersonalData.AWARDS));
        assertThat(export.get("awards").get(0).get("passed").asBoolean()).isTrue();
    }

    /** README "Personal data": the rules uni-a's alice saved keep her pseudonym; uni-b's alice is someone else. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedEditorsRulesKeepOnlyTheirPseudonym(DataSource ds) {
        PersonalDataConformance.coursesOfBothInstitutions(ds);
        Sql.inTransaction(ds, c -> {
            for (String course : List.of("ca", "cb")) {
                Sql.update(c, "insert into manabi_rules_course (course_id, rules_json, updated_by, updated_at)"
                        + " values (?, ?, ?, ?)", course, "{}", "alice", Timestamp.from(PersonalDataConformance.T0));
            }
            return null;
        });
        PersonalDataConformance.checkForgetActor(ds, new RulesPersonalData(), List.of("manabi_rules_course.updated_by"),
                1, 1);
    }
}
