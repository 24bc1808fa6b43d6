package dev.manabi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.AuditLog;
import dev.manabi.core.MigrationSet;
import dev.manabi.core.PersonalDataConformance;
import dev.manabi.core.SchemaMigrator;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.DataSubject;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
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

    /**
     * Issue 15 (review 3): a platform admin of uni-b saves the rules of uni-a's course. The save is audited once
     * (`rules.saved`, by uni-b's root, concerning uni-a and the course) in its own transaction (rules that are
     * refused leave no entry), and the editor is kept with their institution: erasing uni-a's namesake leaves the
     * row alone, erasing uni-b's root pseudonymizes it. Fails on the old code (no entry; matched on the course
     * owner's institution).
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void rulesSavedByAPlatformAdminAreAuditedAndFollowTheAdminsInstitution(DataSource ds) {
        RulesHarness rules = CompletionRulesTest.harness(ds);
        String courseId = rules.course(CompletionRulesTest.AUTHOR, "scorm:golf-line");
        LearnerContext root = new LearnerContext("root", "root", null, new Tenant("uni-b", "University B"),
                Set.of(Role.PLATFORM_ADMIN), null);
        rules.put(root, courseId, RulesHarness.json("""
                {'units': [{'id': 'u1', 'when': [{'type': 'fact', 'kind': 'sco', 'ref': 'golf-line/item-1'}]}]}
                """));
        assertThatThrownBy(() -> rules.put(root, courseId, RulesHarness.json("{'units': 3}")))
                .isInstanceOf(PlayerException.class);

        assertThat(count(ds, "select count(*) from manabi_audit_entry where action = ? and actor_tenant_id = ?"
                + " and actor_id = ? and target_tenant_id = ? and target = ?", AuditLog.Action.RULES_SAVED, "uni-b",
                "root", "uni-a", courseId)).isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_audit_entry")).isEqualTo(1);

        RulesPersonalData module = new RulesPersonalData();
        Sql.inTransaction(ds, c -> module.forgetActor(c, new DataSubject(CompletionRulesTest.UNI_A, "root", null),
                PersonalDataConformance.PSEUDONYM));
        assertThat(count(ds, "select count(*) from manabi_rules_course where updated_by = ?", "root"))
                .as("uni-a's root is someone else").isEqualTo(1);
        Sql.inTransaction(ds, c -> module.forgetActor(c, new DataSubject(root.tenant(), "root", null),
                PersonalDataConformance.PSEUDONYM));
        assertThat(count(ds, "select count(*) from manabi_rules_course where updated_by = ?",
                PersonalDataConformance.PSEUDONYM)).isEqualTo(1);
    }

    /** Rules V2 backfills the editor's institution of rules saved before with the course owner's. */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#bothUnmigrated")
    void rulesSavedBeforeV2AreTakenAsByAnEditorOfTheOwningInstitution(DataSource ds) throws Exception {
        List<MigrationSet> beforeV2 = new ArrayList<>();
        for (MigrationSet set : ServiceLoader.load(MigrationSet.class)) {
            beforeV2.add(!set.module().equals("rules") ? set : new MigrationSet() {
                @Override
                public String module() {
                    return "rules";
                }

                @Override
                public List<String> scripts() {
                    return set.scripts().subList(0, 1);
                }
            });
        }
        new SchemaMigrator(ds, beforeV2).migrate();
        PersonalDataConformance.coursesOfBothInstitutions(ds);
        Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_rules_course (course_id, rules_json, updated_by,"
                + " updated_at) values (?, ?, ?, ?)", "cb", "{}", "bob", Timestamp.from(PersonalDataConformance.T0)));

        assertThat(SchemaMigrator.forClassPath(ds).migrate()).as("rules V2").isEqualTo(1);

        assertThat(count(ds, "select count(*) from manabi_rules_course where updated_by_tenant = ?", "uni-b"))
                .isEqualTo(1);
    }

    private static int count(DataSource ds, String sql, Object... params) {
        return PersonalDataConformance.countOf(ds, sql, params);
    }
}
