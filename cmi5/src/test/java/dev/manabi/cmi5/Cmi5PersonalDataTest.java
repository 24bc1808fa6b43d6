package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.Json;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.xapi.AgentIdentity;
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
        Cmi5PersonalData data = new Cmi5PersonalData();
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        data.outbox = outbox;
        String homePage = outbox.homePage(PersonalDataConformance.UNI_A);
        JsonNode export = PersonalDataConformance.check(ds, data, (c, learner, at) -> {
            Timestamp t = Timestamp.from(at);
            String registration = UUID.randomUUID().toString();
            // 8.1 actor: the learner's account and display name, as Cmi5Launcher stores it
            String actor = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + homePage + "\",\"name\":\""
                    + learner.learnerId() + "\"},\"name\":\"" + learner.learnerId() + " Example\"}";
            Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id, learner_id, course_id,"
                    + " created_at, actor) values (?, ?, ?, ?, ?, ?)", registration, "uni-a", learner.learnerId(),
                    "course-1", t, actor);
            // the session keeps the agent of its launch URL (V5)
            Sql.update(c, "insert into manabi_cmi5_session (session_id, registration, package_id, au_index,"
                    + " launch_mode, fetch_key_hash, token_hash, expires_at, launched_at, actor) values (?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), registration, "pkg-1", 0, "Normal",
                    "fetch-hash-" + learner.learnerId(), "token-hash", t, t, actor);
            // the lock row of the learner's launches of the course (V5)
            Sql.update(c, "insert into manabi_cmi5_launch_lock (tenant_id, learner_id, course_id, created_at)"
                    + " values (?, ?, ?, ?)", "uni-a", learner.learnerId(), "course-1", t);
            // what the registration did per AU: erasure and expiry remove it with the registration (foreign keys)
            Sql.update(c, "insert into manabi_cmi5_au_status (registration, au_id, completed_at) values (?, ?, ?)",
                    registration, "https://example.org/au", t);
            Sql.update(c, "insert into manabi_cmi5_au_result (registration, au_id, success, score, max_score,"
                    + " judged_at) values (?, ?, ?, ?, ?, ?)", registration, "https://example.org/au", true, 9.0, 10.0,
                    t);
            Sql.update(c, "insert into manabi_cmi5_satisfied (registration, object_id, satisfied_at) values (?, ?, ?)",
                    registration, "urn:manabi:cmi5/line-1/course", t);
        }, List.of(Cmi5PersonalData.REGISTRATIONS, Cmi5PersonalData.LAUNCH_LOCKS));
        assertThat(export.get("au_status")).hasSize(1);
        assertThat(export.get("au_result")).hasSize(1);
        assertThat(export.get("satisfied")).hasSize(1);
        assertThat(export.get("registrations")).hasSize(1);
        assertThat(export.get("sessions")).hasSize(1);
        assertThat(export.get("launchedCourses")).hasSize(1);
        assertThat(export.toString()).doesNotContain("fetch-hash").doesNotContain("token-hash");
        assertThat(Sql.<Integer>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_cmi5_session"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        })).as("carol's session only").isEqualTo(1);
    }

    /**
     * README "Personal data": an anonymized registration's agent (8.1 actor) is the one the LRS writes into the
     * learner's anonymized statements, so the registration and its statements still match, and it no longer holds
     * the learner's account name or display name.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anonymizedRegistrationsCarryTheLrsPseudonymousAgent(DataSource ds) throws Exception {
        Cmi5PersonalData data = new Cmi5PersonalData();
        data.outbox = CoreFixtures.outbox(ds);
        String homePage = data.outbox.homePage(PersonalDataConformance.UNI_A);
        String registration = UUID.randomUUID().toString();
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_cmi5_registration (registration, tenant_id,"
                + " learner_id, course_id, created_at, actor) values (?, ?, ?, ?, ?, ?)", registration, "uni-a",
                "dora", "course-1", Timestamp.from(PersonalDataConformance.T0), "{\"objectType\":\"Agent\","
                + "\"account\":{\"homePage\":\"" + homePage + "\",\"name\":\"dora\"},\"name\":\"Dora Example\"}"));

        Sql.inTransaction(ds, c -> data.anonymize(c, new DataSubject(PersonalDataConformance.UNI_A, "dora", null),
                PersonalDataConformance.PSEUDONYM));

        String actor = Sql.inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select actor from manabi_cmi5_registration where registration = ?")) {
                ps.setString(1, registration);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(actor).doesNotContain("dora").doesNotContain("Dora");
        JsonNode agent = Json.mapper().readTree(actor);
        assertThat(agent).isEqualTo(data.outbox.pseudonymousAgent(PersonalDataConformance.UNI_A,
                PersonalDataConformance.PSEUDONYM));
        assertThat(AgentIdentity.of(agent).orElseThrow().key())
                .isEqualTo("account=" + homePage + " " + PersonalDataConformance.PSEUDONYM);
    }

    private static boolean isH2(DataSource ds) {
        return Sql.<Boolean>inTransaction(ds, c -> c.getMetaData().getDatabaseProductName().equals("H2"));
    }
}
