package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.Tenant;
import dev.manabi.core.spi.DataSubject;
import dev.manabi.core.spi.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The contract every {@link PersonalData} implementation keeps (core test-jar), checked on a module's real tables:
 * export holds the learner's rows and nobody else's; anonymization leaves no row under the learner id and as many
 * under the pseudonym; erasure leaves none, and other learners' rows untouched; expiry removes what was last changed
 * before the cutoff and nothing younger. Modules add their own checks (names in stored documents) after it.
 */
public final class PersonalDataConformance {

    public static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");
    public static final Tenant UNI_A = new Tenant("uni-a", "University A");
    public static final DataSubject ALICE = new DataSubject(UNI_A, "alice", "alice@mail.example");
    public static final DataSubject BOB = new DataSubject(UNI_A, "bob", "bob@mail.example");
    public static final DataSubject CAROL = new DataSubject(UNI_A, "carol", null);
    public static final String PSEUDONYM = "anon-" + "0123456789abcdef".repeat(4);

    /** Writes a learner's records as the module would, last changed at {@code at}. */
    @FunctionalInterface
    public interface Seed {
        void write(Connection c, DataSubject learner, Instant at) throws SQLException;
    }

    private PersonalDataConformance() {
    }

    /**
     * Seeds alice and bob at {@link #T0} and carol ten days later, then checks the contract over
     * {@code learnerTables} (tables with {@code tenant_id} and {@code learner_id}); answers alice's export.
     */
    public static JsonNode check(DataSource ds, PersonalData module, Seed seed, List<String> learnerTables) {
        Sql.inTransaction(ds, c -> {
            LearnerDirectory.Store.ensureTenant(c, UNI_A, Timestamp.from(T0));
            seed.write(c, ALICE, T0);
            seed.write(c, BOB, T0);
            seed.write(c, CAROL, T0.plus(Duration.ofDays(10)));
            return null;
        });
        int alices = count(ds, learnerTables, "alice");
        assertThat(alices).as("rows seeded for alice").isPositive();

        JsonNode export = Sql.inTransaction(ds, c -> module.export(c, ALICE));
        assertThat(export.toString()).contains("alice").doesNotContain("bob").doesNotContain("carol");

        int renamed = Sql.<Integer>inTransaction(ds, c -> module.anonymize(c, ALICE, PSEUDONYM));
        assertThat(renamed).isGreaterThanOrEqualTo(alices);
        assertThat(count(ds, learnerTables, "alice")).isZero();
        assertThat(count(ds, learnerTables, PSEUDONYM)).isEqualTo(alices);
        assertThat(Sql.<JsonNode>inTransaction(ds, c -> module.export(c, ALICE)).toString()).doesNotContain("alice");

        int bobs = count(ds, learnerTables, "bob");
        assertThat(Sql.<Integer>inTransaction(ds, c -> module.erase(c, BOB))).isGreaterThanOrEqualTo(bobs);
        assertThat(count(ds, learnerTables, "bob")).isZero();
        assertThat(count(ds, learnerTables, PSEUDONYM)).isEqualTo(alices);

        int carols = count(ds, learnerTables, "carol");
        assertThat(Sql.<Integer>inTransaction(ds, c -> module.expire(c, T0.plusSeconds(1)))).isPositive();
        assertThat(count(ds, learnerTables, PSEUDONYM)).isZero();
        assertThat(count(ds, learnerTables, "carol")).isEqualTo(carols);
        assertThat(Sql.<Integer>inTransaction(ds, c -> module.expire(c, T0.plusSeconds(1)))).isZero();
        return export;
    }

    /** Another institution, whose member may have the same id as {@link #ALICE}. */
    public static final Tenant UNI_B = new Tenant("uni-b", "University B");

    /** Makes both institutions known (courses refer to their owner). */
    public static void tenants(DataSource ds) {
        Sql.inTransaction(ds, c -> {
            LearnerDirectory.Store.ensureTenant(c, UNI_A, Timestamp.from(T0));
            LearnerDirectory.Store.ensureTenant(c, UNI_B, Timestamp.from(T0));
            return null;
        });
    }

    /** Both institutions, and courses {@code ca} of uni-a and {@code cb} of uni-b (their contents' parents). */
    public static void coursesOfBothInstitutions(DataSource ds) {
        tenants(ds);
        Sql.inTransaction(ds, c -> {
            for (String[] k : new String[][] {{"ca", "uni-a"}, {"cb", "uni-b"}}) {
                Sql.update(c, "insert into manabi_course (id, owner_tenant_id, title_json, visibility, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?, ?)", k[0], k[1], "{}", "PRIVATE", "someone",
                        Timestamp.from(T0));
            }
            return null;
        });
    }

    /**
     * The contract of {@link PersonalData#forgetActor}, after the test seeded rows naming {@code alice} as the one
     * who acted, {@code ownRows} of uni-a and {@code otherRows} of uni-b in each {@code table.column} of
     * {@code actorColumns}: uni-a's then name {@link #PSEUDONYM}, uni-b's alice (another person) still {@code alice}.
     */
    public static void checkForgetActor(DataSource ds, PersonalData module, List<String> actorColumns, int ownRows,
                                        int otherRows) {
        int changed = Sql.<Integer>inTransaction(ds, c -> module.forgetActor(c, ALICE, PSEUDONYM));
        assertThat(changed).isEqualTo(actorColumns.size() * ownRows);
        for (String tableColumn : actorColumns) {
            String[] tc = tableColumn.split("\\.");
            assertThat(countWhere(ds, tc[0], tc[1], PSEUDONYM)).as(tableColumn + " renamed").isEqualTo(ownRows);
            assertThat(countWhere(ds, tc[0], tc[1], "alice")).as(tableColumn + " of uni-b").isEqualTo(otherRows);
        }
    }

    private static int countWhere(DataSource ds, String table, String column, String value) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where " + column
                    + " = ?")) {
                Sql.bind(ps, value);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The single number {@code sql} (a {@code select count(*)}) answers with {@code params}. */
    public static int countOf(DataSource ds, String sql, Object... params) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Rows of {@code learnerId} in the tables. */
    public static int count(DataSource ds, List<String> tables, String learnerId) {
        return Sql.inTransaction(ds, c -> {
            int n = 0;
            for (String table : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table
                        + " where tenant_id = ? and learner_id = ?")) {
                    Sql.bind(ps, UNI_A.id(), learnerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getInt(1);
                    }
                }
            }
            return n;
        });
    }
}
