package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lookups every statement write makes (its statement ids, its activities) are index lookups of the given keys,
 * not a scan of the tenant's statements: issue 11's load profile found H2 reading every statement of the tenant for
 * each drain, because it uses an IN list only on an index's first column (V5 puts the id first).
 */
class LookupPlansTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statementIdsAndActivitiesAreLookedUpByKey(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        for (String tenant : List.of("univ-a", "univ-b")) {
            LrsCaller caller = LrsCredentials.caller(lrs.credentials.ensure(tenant, "key-" + tenant, "secret", "t",
                    new LrsCredentials.Scope(true, true, true)));
            List<ObjectNode> statements = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                statements.add((ObjectNode) JSON.readTree("""
                        {"actor":{"mbox":"mailto:l%d@example.org"},"verb":{"id":"http://x.example/did"},
                         "object":{"id":"http://x.example/act%d","definition":{"name":{"en":"a"}}}}""".formatted(i, i)));
            }
            lrs.ledger.store(caller, statements, List.of());
        }
        try (Connection c = ds.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
                if (postgres) {
                    // Tiny tables are read whole by PostgreSQL's planner anyway; ask whether the key can serve.
                    s.execute("set enable_seqscan = off");
                }
            }
            assertThat(plan(c, StatementLedger.Store.BY_IDS)).satisfies(p -> assertUsesKey(p, postgres,
                    "statement_id", "manabi_lrs_statement_id"));
            assertThat(plan(c, StatementLedger.Store.DEFINITIONS_BY_KEYS)).satisfies(p -> assertUsesKey(p, postgres,
                    "activity_key", "manabi_lrs_activity_pkey"));
        }
    }

    private static void assertUsesKey(String plan, boolean postgres, String column, String postgresIndex) {
        if (postgres) {
            assertThat(plan).contains(postgresIndex).contains("Index Cond")
                    .containsPattern("\\(?" + column + "\\)?(::text)? = ANY");
        } else {
            // H2 names the condition it looks up with in the plan's index comment.
            assertThat(plan).containsPattern("/\\* [A-Z0-9_.]+: " + column.toUpperCase(Locale.ROOT) + " IN\\(");
        }
    }

    private static String plan(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("explain " + sql.replace("?in", "in (?, ?, ?)"))) {
            ps.setString(1, "univ-a");
            for (int i = 2; i <= 4; i++) {
                ps.setString(i, "k" + i);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
