package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Sql;
import dev.manabi.lrs.spi.StatementObserver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StatementObserver}: observers see each newly stored statement once, complete, inside the storing
 * transaction (what they write commits or rolls back with the statements), and their after-commit work runs only
 * after a commit. On H2 and PostgreSQL.
 */
class StatementObserverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode statement(String id) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id":"%s","actor":{"mbox":"mailto:ada@example.org"},"verb":{"id":"http://x.example/did"},
                 "object":{"id":"http://x.example/one"}}""".formatted(id));
    }

    private static LrsCaller caller(TestLrs lrs) {
        return LrsCredentials.caller(lrs.credentials.ensure("a", "key-obs", "secret", "t",
                new LrsCredentials.Scope(true, true, true)));
    }

    /** Records what it saw and whether the statement rows were visible on its connection; fails on demand. */
    static final class Recorder implements StatementObserver {
        final List<String> seen = new ArrayList<>();
        final List<String> afterCommit = new ArrayList<>();
        boolean refuse;

        @Override
        public Runnable stored(java.sql.Connection c, String tenantId, List<ObjectNode> statements)
                throws SQLException {
            for (ObjectNode s : statements) {
                try (var ps = c.prepareStatement("select count(*) from manabi_lrs_statement where statement_id = ?")) {
                    ps.setString(1, s.path("id").asText());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        seen.add(tenantId + " " + s.path("id").asText() + " " + rs.getInt(1) + " "
                                + s.has("stored"));
                    }
                }
            }
            if (refuse) {
                throw new SQLException("observer refuses");
            }
            return () -> afterCommit.add("after " + statements.size());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void observers_see_new_statements_in_the_transaction_and_run_their_work_after_commit(DataSource ds)
            throws Exception {
        TestLrs lrs = new TestLrs(ds);
        Recorder recorder = new Recorder();
        lrs.ledger.observersOverride = List.of(recorder);
        String id = UUID.randomUUID().toString();
        lrs.ledger.store(caller(lrs), List.of(statement(id)), List.of());
        lrs.ledger.store(caller(lrs), List.of(statement(id)), List.of());
        assertThat(recorder.seen).containsExactly("a " + id + " 1 true");
        assertThat(recorder.afterCommit).containsExactly("after 1");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void an_observer_failing_rolls_the_statements_back(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        Recorder recorder = new Recorder();
        recorder.refuse = true;
        lrs.ledger.observersOverride = List.of(recorder);
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> lrs.ledger.store(caller(lrs), List.of(statement(id)), List.of()));
        assertThat(recorder.afterCommit).isEmpty();
        int rows = Sql.inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select count(*) from manabi_lrs_statement where statement_id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        assertThat(rows).isZero();
    }
}
