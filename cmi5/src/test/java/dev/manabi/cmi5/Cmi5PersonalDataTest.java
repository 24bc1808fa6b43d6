package dev.manabi.cmi5;

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

/** cmi5's personal data on H2 and PostgreSQL: registrations and launch sessions, without token hashes. */
class Cmi5PersonalDataTest {

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void keepsThePersonalDataContract(DataSource ds) {
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_cmi5_course_version (package_id, line_id,"
                + " course_id, owner_tenant_id, version, course_iri, structure, imported_at) values (?, ?, ?, ?, ?,"
                + " ?, " + (isH2(ds) ? "?" : "cast(? as jsonb)") + ", ?)", "pkg-1",
                "line-1", "course-1", "uni-a", 1, "https://example.org/course", "{}",
                Timestamp.from(PersonalDataConformance.T0)));
        JsonNode export = PersonalDataConformance.check(ds, new Cmi5PersonalData(), (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            String registration = UUID.randomUUID().toString();
            Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                    + " created_at) values (?, ?, ?, ?, ?)", registration, "uni-a", learner.learnerId(), "course-1", t);
            Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index,"
                    + " launch_mode, fetch_key_hash, token_hash, expires_at, launched_at) values (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", UUID.randomUUID().toString(), registration, "pkg-1", 0, "Normal",
                    "fetch-hash-" + learner.learnerId(), "token-hash", t, t);
            // what the registration did per AU: erasure and expiry remove it with the registration (foreign keys)
            Sql.update(c, "insert into manabi_cmi5_au_status (registration, au_id, completed_at) values (?, ?, ?)",
                    registration, "https://example.org/au", t);
            Sql.update(c, "insert into manabi_cmi5_au_result (registration, au_id, success, score, max_score,"
                    + " judged_at) values (?, ?, ?, ?, ?, ?)", registration, "https://example.org/au", true, 9.0, 10.0,
                    t);
            Sql.update(c, "insert into manabi_cmi5_satisfied (registration, object_id, satisfied_at) values (?, ?, ?)",
                    registration, "urn:manabi:cmi5/line-1/course", t);
        }, List.of(Cmi5PersonalData.REGISTRATIONS));
        assertThat(export.get("au_status")).hasSize(1);
        assertThat(export.get("au_result")).hasSize(1);
        assertThat(export.get("satisfied")).hasSize(1);
        assertThat(export.get("registrations")).hasSize(1);
        assertThat(export.get("sessions")).hasSize(1);
        assertThat(export.toString()).doesNotContain("fetch-hash").doesNotContain("token-hash");
        assertThat(Sql.<Integer>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_cmi5_session"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        })).as("carol's session only").isEqualTo(1);
    }

    private static boolean isH2(DataSource ds) {
        return Sql.<Boolean>inTransaction(ds, c -> c.getMetaData().getDatabaseProductName().equals("H2"));
    }
}
