package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.QueryCounter;
import dev.manabi.lrs.spi.SessionCredentials;
import dev.manabi.xapi.AgentIdentity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 review: a session caller's attachment check ({@link Attachments#sentWithin}) reads the per-statement
 * index of declarations (V7) instead of scanning the institution's statement bodies once per sum: the number of
 * queries does not grow with the sums asked for. Prints the queries and the median time of the check over an
 * institution holding other registrations' attachments (a measurement, not an assertion on time).
 */
class AttachmentIndexTest {

    private static final String MINE = "6f1c9a52-3f44-4c1e-9a43-0d2a0c1b2e11";
    private static final String OTHERS = "0d2a0c1b-3f44-4c1e-9a43-6f1c9a522e11";
    private static final String ME = "mailto:learner@example.com";
    private static final String THEM = "mailto:other@example.com";
    private static final int OTHER_STATEMENTS = 2000;
    private static final int MY_SUMS = 20;

    static LrsCaller session() {
        return LrsCredentials.caller(new SessionCredentials.Session("tincan-1", "a", MINE,
                new AgentIdentity("mbox=" + ME), "tincan launch", true, true, Set.of(), null));
    }

    static StatementLedger.Attachment content(String text, String partType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new StatementLedger.Attachment(Digests.sha2(bytes, 64), partType, bytes);
    }

    static void declare(ObjectNode statement, StatementLedger.Attachment a, String contentType) {
        ObjectNode d = statement.withArray("attachments").addObject().put("usageType", "http://example.com/essay")
                .put("contentType", contentType).put("length", a.content().length).put("sha2", a.sha2());
        d.putObject("display").put("en", "essay");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_sessions_attachment_check_takes_the_same_queries_for_one_sum_or_twenty(DataSource ds) {
        QueryCounter counter = new QueryCounter(ds);
        TestLrs lrs = new TestLrs(counter.dataSource());
        LrsCaller platform = PlatformCaller.of("a");
        for (int from = 0; from < OTHER_STATEMENTS; from += 200) {
            List<ObjectNode> batch = new ArrayList<>();
            List<StatementLedger.Attachment> parts = new ArrayList<>();
            for (int i = from; i < from + 200; i++) {
                StatementLedger.Attachment a = content("another learner's essay " + i, "text/plain");
                ObjectNode s = SessionOtherRegistrationTest.statement(UUID.randomUUID().toString(), THEM, OTHERS);
                declare(s, a, "text/plain");
                batch.add(s);
                parts.add(a);
            }
            lrs.ledger.store(platform, batch, parts);
        }
        ObjectNode mine = SessionOtherRegistrationTest.statement(UUID.randomUUID().toString(), ME, MINE);
        List<StatementLedger.Attachment> myParts = new ArrayList<>();
        for (int i = 0; i < MY_SUMS; i++) {
            StatementLedger.Attachment a = content("my essay " + i, "text/plain");
            declare(mine, a, "text/plain");
            myParts.add(a);
        }
        lrs.ledger.store(session(), List.of(mine), myParts);
        List<String> sums = myParts.stream().map(StatementLedger.Attachment::sha2).toList();

        lrs.ledger.attachments(session(), sums); // warm-up (and, after V7, the one-time index check)
        long[] one = measure(counter, lrs, sums.subList(0, 1));
        long[] twenty = measure(counter, lrs, sums);
        System.out.printf("attachment check over %d other statements: 1 sum %d queries %.2f ms; %d sums %d queries"
                + " %.2f ms%n", OTHER_STATEMENTS, one[0], one[1] / 1e6, MY_SUMS, twenty[0], twenty[1] / 1e6);
        assertThat(lrs.ledger.attachments(session(), sums)).hasSize(MY_SUMS);
        assertThat(twenty[0]).as("queries for %d sums", MY_SUMS).isEqualTo(one[0]);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void each_statement_answers_the_content_type_it_declared_over_one_stored_content(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCaller platform = PlatformCaller.of("a");
        StatementLedger.Attachment first = content("shared bytes", "text/plain");
        ObjectNode theirs = SessionOtherRegistrationTest.statement(UUID.randomUUID().toString(), THEM, OTHERS);
        declare(theirs, first, "text/plain");
        lrs.ledger.store(platform, List.of(theirs), List.of(first));
        // the same bytes sent again by a session, declared (and sent) as another type
        StatementLedger.Attachment again = new StatementLedger.Attachment(first.sha2(), "application/octet-stream",
                first.content());
        ObjectNode mine = SessionOtherRegistrationTest.statement(UUID.randomUUID().toString(), ME, MINE);
        declare(mine, again, "text/csv");
        lrs.ledger.store(session(), List.of(mine), List.of(again));

        assertThat(count(ds, "select count(*) from manabi_lrs_attachment where tenant_id = 'a'")).isEqualTo(1);
        Map<String, StatementLedger.Attachment> held = lrs.ledger.attachments(platform, List.of(first.sha2()));
        // before: every statement answered the first uploader's text/plain
        assertThat(StatementLedger.asDeclared(List.of(mine), held)).extracting(StatementLedger.Attachment::contentType)
                .containsExactly("text/csv");
        assertThat(StatementLedger.asDeclared(List.of(theirs), held))
                .extracting(StatementLedger.Attachment::contentType).containsExactly("text/plain");
        assertThat(StatementLedger.asDeclared(List.of(mine), lrs.ledger.attachments(session(), List.of(first.sha2()))))
                .extracting(StatementLedger.Attachment::contentType).containsExactly("text/csv");
        assertThat(count(ds, "select count(*) from manabi_lrs_statement_attachment where content_type = 'text/csv'"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statements_stored_before_the_index_are_indexed_once(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        StatementLedger.Attachment a = content("an essay from before V7", "text/plain");
        ObjectNode mine = SessionOtherRegistrationTest.statement(UUID.randomUUID().toString(), ME, MINE);
        declare(mine, a, "text/plain");
        lrs.ledger.store(session(), List.of(mine), List.of(a));
        // as a database upgraded to V7 holds them: statements, no index rows, the step not run
        dev.manabi.core.Sql.inTransaction(ds, c -> {
            dev.manabi.core.Sql.update(c, "delete from manabi_lrs_statement_attachment");
            return dev.manabi.core.Sql.update(c, "delete from manabi_lrs_upgrade");
        });
        assertThat(lrs.ledger.attachments(session(), List.of(a.sha2()))).containsOnlyKeys(a.sha2());
        assertThat(count(ds, "select count(*) from manabi_lrs_statement_attachment")).isEqualTo(1);
        assertThat(count(ds, "select count(*) from manabi_lrs_upgrade")).isEqualTo(1);
        // once: rows removed after the step ran are not indexed again (new statements index themselves)
        dev.manabi.core.Sql.inTransaction(ds, c -> dev.manabi.core.Sql.update(c,
                "delete from manabi_lrs_statement_attachment"));
        assertThat(lrs.ledger.attachments(session(), List.of(a.sha2()))).isEmpty();
    }

    private static int count(DataSource ds, String sql) {
        return dev.manabi.core.Sql.inTransaction(ds, c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Queries of one check, and its median time over 7 runs in nanoseconds. */
    private static long[] measure(QueryCounter counter, TestLrs lrs, List<String> sums) {
        long[] times = new long[7];
        int queries = 0;
        for (int run = 0; run < times.length; run++) {
            int before = counter.prepared();
            long start = System.nanoTime();
            lrs.ledger.attachments(session(), sums);
            times[run] = System.nanoTime() - start;
            queries = counter.prepared() - before;
        }
        Arrays.sort(times);
        return new long[] {queries, times[times.length / 2]};
    }
}
