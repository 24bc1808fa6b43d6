package dev.manabi.core;

import dev.manabi.api.ProgressRecorded;
import dev.manabi.core.spi.PersonalData;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The core's beans wired to a test database and content directory, without a CDI container, for the tests of every
 * SDK module (core test-jar). Use with {@link TestDatabases}: {@code new CoreFixtures(TestDatabases.h2(), tempDir)}.
 */
public final class CoreFixtures {

    public final DataSource dataSource;
    public final Database database;
    public final CourseCatalog catalog = new CourseCatalog();
    public final ProgressLedger ledger = new ProgressLedger();
    public final ContentStore contentStore = new ContentStore();
    public final StatementOutbox outbox = new StatementOutbox();
    public final List<ProgressRecorded> events = new CopyOnWriteArrayList<>();
    public final AuditLog audit = new AuditLog();
    public final Pseudonyms pseudonyms = new Pseudonyms();
    public final LearnerDirectory directory = new LearnerDirectory();

    public CoreFixtures(DataSource dataSource, Path contentRoot) {
        this.dataSource = dataSource;
        this.database = new Database() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public DataSource ready() {
                return dataSource;
            }
        };
        catalog.database = database;
        ledger.database = database;
        ledger.recorded = new RecordingEvent();
        contentStore.directory = contentRoot.toString();
        outbox.database = database;
        audit.database = database;
        pseudonyms.database = database;
        directory.database = database;
        catalog.audit = audit;
    }

    /**
     * The operating rules for personal data over {@code modules} (the core's own is added) on {@code clock}, with
     * the given retention periods: for modules' tests of their {@code PersonalData}.
     */
    public PersonalDataRules personalData(Clock clock, PersonalDataRules.Retention retention,
                                          List<PersonalData> modules) {
        CorePersonalData core = new CorePersonalData();
        core.outbox = outbox;
        core.pseudonyms = pseudonyms;
        PersonalDataRules rules = new PersonalDataRules();
        rules.database = database;
        rules.audit = audit;
        rules.pseudonyms = pseudonyms;
        rules.directory = directory;
        rules.clock = clock;
        audit.clock = clock;
        rules.retention = retention;
        List<PersonalData> all = new java.util.ArrayList<>(modules);
        all.add(core);
        rules.modules = all;
        return rules;
    }

    /** The statement outbox on a test database, for tests that need only it. */
    public static StatementOutbox outbox(DataSource dataSource) {
        StatementOutbox outbox = new StatementOutbox();
        outbox.database = new Database() {
            @Override
            public DataSource ready() {
                return dataSource;
            }
        };
        return outbox;
    }

    private final class RecordingEvent implements Event<ProgressRecorded> {
        @Override
        public void fire(ProgressRecorded event) {
            events.add(event);
        }

        @Override
        public <U extends ProgressRecorded> CompletionStage<U> fireAsync(U event) {
            fire(event);
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends ProgressRecorded> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return fireAsync(event);
        }

        @Override
        public Event<ProgressRecorded> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ProgressRecorded> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ProgressRecorded> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
