package dev.manabi.badges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.core.MigrationSet;
import dev.manabi.core.SchemaMigrator;
import dev.manabi.core.Sql;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 2, A2): badges V5 adds the revoker's institution; a revocation stored before it is backfilled with
 * the row's (the learner's) institution, the only case documented then, so erasing that revoker still finds it.
 */
class RevokerTenantUpgradeTest {

    /** The schema before V5: every module current, badges up to V4. */
    private static List<MigrationSet> beforeV5() {
        List<MigrationSet> sets = new ArrayList<>();
        for (MigrationSet s : ServiceLoader.load(MigrationSet.class)) {
            sets.add(!s.module().equals("badges") ? s : new MigrationSet() {
                @Override
                public String module() {
                    return "badges";
                }

                @Override
                public List<String> scripts() {
                    return s.scripts().subList(0, 4);
                }
            });
        }
        return sets;
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#bothUnmigrated")
    void anEarlierRevocationIsTakenAsByAnAdminOfTheLearnersInstitution(DataSource ds) throws Exception {
        new SchemaMigrator(ds, beforeV5()).migrate();
        TestBadges t = new TestBadges(ds);
        t.course("cx", "uni-a", CourseVisibility.SHARED);
        t.rules("cx", BadgePersonalDataTest.RULES);
        LearnerContext learner = TestBadges.person("gina-x", TestBadges.UNI_B, "gina@uni-b.example", Role.LEARNER);
        String id = t.badges.achieved(learner, "cx", List.of("unit:u1")).get(0);
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_badge_assertion set revoked_at = ?,"
                + " revocation_reason = ?, revoked_by = ? where id = ?", new Timestamp(0), "Awarded by mistake",
                "admin-b", id));

        assertThat(SchemaMigrator.forClassPath(ds).migrate()).as("badges V5").isEqualTo(1);

        assertThat(Sql.<String>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select revoked_by_tenant from manabi_badge_assertion where id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        })).isEqualTo(TestBadges.UNI_B.id());
    }
}
