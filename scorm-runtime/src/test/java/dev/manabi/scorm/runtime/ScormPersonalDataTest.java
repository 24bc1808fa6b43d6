package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SCORM run-time's personal data on H2 and PostgreSQL: attempts with their SCO data and sequencing state,
 * shared data and global objectives; anonymizing also takes the learner's id and name out of the CMI values.
 */
class ScormPersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        AttemptPersistenceTest.seedPackage(ds);
        JsonNode export = PersonalDataConformance.check(ds, new ScormPersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            String attempt = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_scorm_attempt (id, tenant_id, learner_id, course_id, line_id,"
                    + " package_id, number, finished, completion, success, total_time_cs, started_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempt, "uni-a", learner.learnerId(),
                    "course-1", "line-1", "pkg-1", 1, false, "incomplete", "unknown", 0L, t, t);
            Sql.update(c, "insert into manabi_scorm_sco_attempt (attempt_id, item_id, tenant_id, model, cmi_json,"
                    + " session_token, session_open, last_sequence, sessions, completion, success, total_time_cs,"
                    + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempt, "sco-1", "uni-a", "2004",
                    ScormRuntime.Store.json(Map.of("cmi.learner_id", learner.learnerId(), "cmi.learner_name",
                            "Name of " + learner.learnerId(), "cmi.location", "page-7")), "session-token-x", false,
                    1L, 1, "incomplete", "unknown", 0L, t);
            Sql.update(c, "insert into manabi_scorm_seq_state (attempt_id, seed, state_json, objectives_json,"
                    + " updated_at) values (?, ?, ?, ?, ?)", attempt, 7L, "{}", "{}", t);
            Sql.update(c, "insert into manabi_scorm_shared_data (tenant_id, learner_id, target_id, store,"
                    + " updated_at) values (?, ?, ?, ?, ?)", "uni-a", learner.learnerId(), "bucket", "data", t);
            Sql.update(c, "insert into manabi_scorm_seq_global (tenant_id, learner_id, objective_id,"
                    + " objective_json, updated_at) values (?, ?, ?, ?, ?)", "uni-a", learner.learnerId(), "obj-1",
                    "{}", t);
        }, List.of(ScormPersonalData.ATTEMPTS, ScormPersonalData.SHARED, ScormPersonalData.GLOBALS));

        assertThat(export.get("scos").get(0).get("cmi_json").get("cmi.location").asText()).isEqualTo("page-7");
        assertThat(export.toString()).doesNotContain("session-token-x");
        assertThat(export.get("sharedData")).hasSize(1);
        assertThat(export.get("globalObjectives")).hasSize(1);
        // Only carol's rows are left (alice's anonymized ones expired, bob's erased), children included.
        List<String> cmi = Sql.inTransaction(ds, c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select cmi_json from manabi_scorm_sco_attempt");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from manabi_scorm_seq_state");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.add("seq_state=" + rs.getInt(1));
            }
            return out;
        });
        assertThat(cmi).hasSize(2).last().isEqualTo("seq_state=1");
        assertThat(cmi.get(0)).contains("carol");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anonymizingTakesTheNameOutOfTheCmiValues(DataSource ds) {
        Map<String, String> cmi = new java.util.LinkedHashMap<>(Map.of("cmi.core.student_id", "alice",
                "cmi.core.student_name", "Alice Liddell", "cmi.core.lesson_location", "3"));
        AttemptPersistenceTest.seedPackage(ds);
        Sql.inTransaction(ds, c -> {
            Timestamp t = Timestamp.from(PersonalDataConformance.T0);
            Sql.update(c, "insert into manabi_scorm_attempt (id, tenant_id, learner_id, course_id, line_id,"
                    + " package_id, number, finished, completion, success, total_time_cs, started_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "att-1", "uni-a", "alice", "course-1",
                    "line-1", "pkg-1", 1, false, "incomplete", "unknown", 0L, t, t);
            Sql.update(c, "insert into manabi_scorm_sco_attempt (attempt_id, item_id, tenant_id, model, cmi_json,"
                    + " session_open, last_sequence, sessions, completion, success, total_time_cs, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "att-1", "sco-1", "uni-a", "1.2",
                    ScormRuntime.Store.json(cmi), false, 1L, 1, "incomplete", "unknown", 0L, t);
            return new ScormPersonalData().anonymize(c, PersonalDataConformance.ALICE, PersonalDataConformance.PSEUDONYM);
        });
        Map<String, String> stored = ScormRuntime.Store.sco(ds, "att-1", "sco-1").orElseThrow().cmi();
        assertThat(stored).containsEntry("cmi.core.student_id", PersonalDataConformance.PSEUDONYM)
                .containsEntry("cmi.core.student_name", "").containsEntry("cmi.core.lesson_location", "3");
    }

    /** README "Personal data": packages uni-a's alice imported keep her pseudonym; uni-b's alice is someone else. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anErasedAuthorsPackagesKeepOnlyTheirPseudonym(DataSource ds) {
        PersonalDataConformance.coursesOfBothInstitutions(ds);
        Sql.inTransaction(ds, c -> {
            Timestamp t = Timestamp.from(PersonalDataConformance.T0);
            for (String[] k : new String[][] {{"ca", "uni-a"}, {"cb", "uni-b"}}) {
                Sql.update(c, "insert into manabi_scorm_line (id, owner_tenant_id, manifest_identifier, course_id,"
                        + " created_at) values (?, ?, ?, ?, ?)", "line-" + k[0], k[1], "m", k[0], t);
                Sql.update(c, "insert into manabi_scorm_package (id, line_id, version, edition, title_json, tree_json,"
                        + " problems_json, file_count, content_bytes, imported_by, imported_at) values (?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?)", "pkg-" + k[0], "line-" + k[0], 1, "2004-4th", "{}", "{}", "[]", 1,
                        1L, "alice", t);
            }
            return null;
        });
        PersonalDataConformance.checkForgetActor(ds, new ScormPersonalData(),
                List.of("manabi_scorm_package.imported_by"), 1, 1);
    }
}
