package dev.manabi.lrs;

import dev.manabi.core.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** The LRS services wired by hand on one test database, with a clock the test sets. */
final class TestLrs {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    final StatementLedger ledger = new StatementLedger();
    final DocumentStore documents = new DocumentStore();
    final LrsCredentials credentials = new LrsCredentials();
    final ForwardingEndpoints forwarding = new ForwardingEndpoints();
    final ForwardingDelivery delivery = new ForwardingDelivery();
    final ForwardingSecrets secrets = new ForwardingSecrets();

    TestLrs(DataSource ds) {
        Database db = new Database() {
            @Override
            public DataSource ready() {
                return ds;
            }
        };
        LrsClock lrsClock = new LrsClock(clock);
        ledger.database = db;
        ledger.clock = lrsClock;
        documents.database = db;
        documents.clock = lrsClock;
        credentials.database = db;
        credentials.clock = lrsClock;
        forwarding.database = db;
        forwarding.clock = lrsClock;
        delivery.database = db;
        delivery.clock = lrsClock;
        delivery.secrets = secrets;
        secrets.database = db;
        secrets.clock = lrsClock;
        forwarding.secrets = secrets;
        // The test LRSs listen on loopback: allowed here as an operator would for an LRS on the same network.
        forwarding.allowInternal = true;
        delivery.allowInternal = true;
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
