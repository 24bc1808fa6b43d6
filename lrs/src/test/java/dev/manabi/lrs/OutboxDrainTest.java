package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The statement outbox drained into the tenants' statements: in order, at least once, idempotent by id. */
class OutboxDrainTest {

    private static final UUID REGISTRATION = UUID.fromString("0b6c9a52-3a7e-4d1f-8c55-6f0e2d9b1a47");

    private record Setup(TestLrs lrs, StatementOutbox outbox, OutboxDrain drain) {
    }

    private static Setup setup(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        StatementOutbox outbox = CoreFixtures.outbox(ds);
        OutboxDrain drain = new OutboxDrain();
        drain.outbox = outbox;
        drain.ledger = lrs.ledger;
        return new Setup(lrs, outbox, drain);
    }

    private static LearnerContext learner(String id, String tenant) {
        return new LearnerContext(id, id, null, new Tenant(tenant, tenant), Set.of(Role.LEARNER), null);
    }

    private static String append(DataSource ds, StatementOutbox outbox, LearnerContext who, Verb verb,
                                 String activityId) {
        return Sql.inTransaction(ds, c -> {
            StatementOutbox.Emitter e = outbox.emitter(c, who, Instant.parse("2026-05-01T10:00:00Z"));
            LearnerStatement s = e.statement(verb, REGISTRATION, "course-1");
            s.activity(activityId, LearnerStatement.MODULE_TYPE, null);
            return e.append(s);
        });
    }

    private static LrsCaller reader(String tenant) {
        return new LrsCaller("reader", tenant, true, false, true, OutboxDrain.AUTHORITY);
    }

    private static List<String> byRegistration(TestLrs lrs, String tenant) {
        StatementLedger.Query q = new StatementLedger.Query(null, null, null, REGISTRATION.toString(), false, false,
                null, null, 50, true, 0);
        return lrs.ledger.query(reader(tenant), q).statements().stream().map(s -> s.path("id").asText()).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void statementsReachTheirTenantsInTheOrderWritten(DataSource ds) {
        Setup s = setup(ds);
        String a1 = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.INITIALIZED, "urn:manabi:sco/1");
        String b1 = append(ds, s.outbox(), learner("bob", "uni-b"), Verb.INITIALIZED, "urn:manabi:sco/1");
        String a2 = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.COMPLETED, "urn:manabi:sco/1");

        assertThat(s.drain().drain()).isEqualTo(3);

        assertThat(s.outbox().pending(10)).isEmpty();
        assertThat(byRegistration(s.lrs(), "uni-a")).containsExactly(a1, a2);
        assertThat(byRegistration(s.lrs(), "uni-b")).containsExactly(b1);
        ObjectNode stored = s.lrs().ledger.find(reader("uni-a"), a2, false).orElseThrow().statement();
        assertThat(stored.at("/authority/account/name").asText()).isEqualTo("manabi-player");
        assertThat(stored.at("/actor/account/name").asText()).isEqualTo("alice");
        assertThat(s.drain().drain()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRowDeliveredAgainAfterACrashIsStoredOnce(DataSource ds) {
        Setup s = setup(ds);
        String id = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.COMPLETED, "urn:manabi:sco/1");
        // The ledger committed, then the server died before the row left the outbox.
        StatementOutbox.Queued row = s.outbox().pending(1).get(0);
        s.lrs().ledger.store(new LrsCaller(null, "uni-a", true, true, true, OutboxDrain.AUTHORITY),
                List.of(row.statement().deepCopy()), List.of());

        assertThat(s.drain().drain()).isEqualTo(1);

        assertThat(byRegistration(s.lrs(), "uni-a")).containsExactly(id);
        assertThat(s.outbox().pending(10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aStatementTheLrsRefusesIsSetAsideAndDoesNotHoldUpTheRest(DataSource ds) {
        Setup s = setup(ds);
        String before = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.INITIALIZED, "urn:manabi:sco/1");
        append(ds, s.outbox(), learner("alice", "uni-a"), Verb.COMPLETED, "not an IRI");
        String after = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.TERMINATED, "urn:manabi:sco/1");

        assertThat(s.drain().drain()).isEqualTo(2);

        assertThat(byRegistration(s.lrs(), "uni-a")).containsExactly(before, after);
        assertThat(s.outbox().pending(10)).isEmpty();
        assertThat(Sql.<String>inTransaction(ds, c -> {
            try (var ps = c.prepareStatement("select reason from manabi_statement_outbox where refused = ?")) {
                ps.setBoolean(1, true);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        })).contains("statement.object.id");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aStatementTheLedgerCannotStoreIsSetAsideWhileTheDatabaseAnswers(DataSource ds) {
        Setup s = setup(ds);
        // A ledger that fails like a database refusing one row's values (not an xAPI refusal), every time.
        StatementLedger failing = new StatementLedger() {
            @Override
            public List<String> store(LrsCaller caller, List<ObjectNode> statements,
                                      java.util.Collection<StatementLedger.Attachment> attachments) {
                if (statements.stream().anyMatch(x -> x.at("/object/id").asText().equals("urn:manabi:sco/poison"))) {
                    throw new dev.manabi.api.PlayerException(503, "database-error", "value too long");
                }
                return s.lrs().ledger.store(caller, statements, attachments);
            }
        };
        s.drain().ledger = failing;
        String before = append(ds, s.outbox(), learner("alice", "uni-a"), Verb.INITIALIZED, "urn:manabi:sco/1");
        append(ds, s.outbox(), learner("alice", "uni-a"), Verb.COMPLETED, "urn:manabi:sco/poison");
        String other = append(ds, s.outbox(), learner("bob", "uni-b"), Verb.INITIALIZED, "urn:manabi:sco/1");

        assertThat(s.drain().drain()).isEqualTo(2);

        assertThat(byRegistration(s.lrs(), "uni-a")).containsExactly(before);
        assertThat(byRegistration(s.lrs(), "uni-b")).containsExactly(other);
        assertThat(s.outbox().pending(10)).as("nothing blocked behind the row").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void moreThanOneBatchIsDrainedInOneGo(DataSource ds) {
        Setup s = setup(ds);
        for (int i = 0; i < OutboxDrain.BATCH + 7; i++) {
            append(ds, s.outbox(), learner("alice", "uni-a"), Verb.SCORED, "urn:manabi:sco/" + i);
        }
        assertThat(s.drain().drain()).isEqualTo(OutboxDrain.BATCH + 7);
        assertThat(s.outbox().pending(10)).isEmpty();
    }

    /** A worker that only records what it is handed; the test runs the tasks when it chooses. */
    private static final class RecordingWorker extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new java.util.ArrayList<>();
        final List<Long> delaysMillis = new java.util.ArrayList<>();

        RecordingWorker() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay,
                                                                java.util.concurrent.TimeUnit unit) {
            tasks.add(task);
            delaysMillis.add(unit.toMillis(delay));
            return null;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            delaysMillis.add(0L);
        }
    }

    /**
     * Issue 11's load profile: draining once per learner commit cost as much server CPU as the commits. The commits of
     * one drain delay are folded into one drain, which stores all their statements in one ledger write.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void drainRequestsWithinTheDelayAreFoldedIntoOneDrain(DataSource ds) {
        Setup s = setup(ds);
        RecordingWorker worker = new RecordingWorker();
        try {
            s.drain().executor = worker;
            s.drain().drainDelayMillis = 200;
            List<String> written = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                written.add(append(ds, s.outbox(), learner("alice", "uni-a"), Verb.SCORED, "urn:manabi:sco/" + i));
                s.drain().requestDrain();
            }
            assertThat(worker.tasks).as("one drain for twelve commits").hasSize(1);
            assertThat(worker.delaysMillis).containsExactly(200L);

            worker.tasks.get(0).run();
            assertThat(s.outbox().pending(20)).isEmpty();
            assertThat(byRegistration(s.lrs(), "uni-a")).containsExactlyElementsOf(written);

            s.drain().requestDrain();
            assertThat(worker.tasks).as("a commit after the drain asks for the next one").hasSize(2);

            s.drain().drainDelayMillis = 0;
            worker.tasks.get(1).run();
            s.drain().requestDrain();
            assertThat(worker.delaysMillis).as("0: at once").containsExactly(200L, 200L, 0L);
        } finally {
            worker.shutdownNow();
        }
    }
}
