package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.TestStatements;
import dev.manabi.core.TestZips;
import dev.manabi.i18n.LocalizedText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import, access and watch tracking against real databases (H2 and PostgreSQL), without a container. */
class BookServiceTest {

    private static LearnerContext person(String id, String tenant, Role... roles) {
        return new LearnerContext(id, id, null, new Tenant(tenant, tenant), Set.of(roles), null);
    }

    private static final LearnerContext AUTHOR = person("author", "a", Role.CONTENT_AUTHOR, Role.LEARNER);
    private static final LearnerContext ALICE = person("alice", "a", Role.LEARNER);
    private static final LearnerContext BOB = person("bob", "b", Role.LEARNER);
    private static final LearnerContext AUTHOR_B = person("author-b", "b", Role.CONTENT_AUTHOR);

    @TempDir
    Path temp;

    private CoreFixtures core;
    private BookLibrary library;
    private BookImport importer;
    private WatchTracker tracker;
    private Instant now = Instant.parse("2025-04-01T09:00:00Z");

    private void setUp(DataSource ds) {
        core = new CoreFixtures(ds, temp.resolve("content"));
        library = new BookLibrary();
        library.database = core.database;
        library.catalog = core.catalog;
        library.contentStore = core.contentStore;
        importer = new BookImport();
        importer.database = core.database;
        importer.catalog = core.catalog;
        importer.library = library;
        importer.maxUploadBytes = 10 << 20;
        importer.maxUnpackedBytes = 20 << 20;
        importer.maxEntries = 100;
        importer.maxRatio = 100;
        tracker = new WatchTracker();
        tracker.database = core.database;
        tracker.library = library;
        tracker.ledger = core.ledger;
        tracker.outbox = core.outbox;
        tracker.completionShare = 0.9;
        tracker.maxPlaybackRate = 2.0;
        tracker.creditCapSeconds = 30;
        tracker.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
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
        };
    }

    private byte[] zipOf(Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SampleBooks.zip(dir, out);
        return out.toByteArray();
    }

    private long storedBooks() throws IOException {
        Path books = temp.resolve("content/books");
        if (!Files.exists(books)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(books)) {
            return s.count();
        }
    }

    private TopicProgress report(LearnerContext who, BookImport.Imported book, String topic, String session,
                                 long seq, double wallSeconds, Double start, Double end) {
        now = now.plus(Duration.ofMillis((long) (wallSeconds * 1000)));
        return tracker.report(who, book.courseId(), book.bookId(), topic, new PlayReport(session, seq, start, end,
                end));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void importsAZipIntoANewCourse(DataSource ds) throws IOException {
        setUp(ds);
        byte[] zip = zipOf(SampleBooks.write(temp.resolve("src"), "sample"));
        BookImport.Imported imported = importer.importZip(AUTHOR, new ByteArrayInputStream(zip), null);

        Course course = core.catalog.find(imported.courseId()).orElseThrow();
        assertThat(course.title().values()).containsEntry("ja", "テスト");
        assertThat(course.components()).containsExactly(new Course.Component("book", imported.bookId(), null));
        assertThat(library.directory(imported.bookId()).resolve("media/one.webm")).hasBinaryContent(SampleBooks.WEBM);
        assertThat(library.findByKey("a", "sample").map(Book::id)).contains(imported.bookId());
        assertThat(library.requireInCourse(imported.courseId(), imported.bookId(), ALICE).topics()).hasSize(2);
        assertThat(imported.report().hasErrors()).isFalse();
        assertThat(storedBooks()).as("no staging leftovers").isEqualTo(1);

        assertThatThrownBy(() -> importer.importZip(AUTHOR, new ByteArrayInputStream(zip), null))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(409);
        assertThat(storedBooks()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void anInvalidBookIsAnsweredWith422AndLeavesNothingBehind(DataSource ds) throws IOException {
        setUp(ds);
        Path src = SampleBooks.write(temp.resolve("src"), null);
        Files.writeString(src.resolve("subtitles/one.ko.vtt"), "not webvtt");
        PlayerException e = org.junit.jupiter.api.Assertions.assertThrows(PlayerException.class,
                () -> importer.importZip(AUTHOR, new ByteArrayInputStream(zipOf(src)), null));
        assertThat(e.status()).isEqualTo(422);
        ValidationReport report = (ValidationReport) e.details();
        assertThat(report.errors()).extracting(Problem::code, Problem::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("vtt-signature", "subtitles/one.ko.vtt:1"));
        assertThat(storedBooks()).isZero();
        assertThat(core.catalog.visibleTo(AUTHOR)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aHostileZipIsAnsweredWith422AndItsProblems(DataSource ds) throws IOException {
        setUp(ds);
        byte[] zip = TestZips.zip().add("book.json", "{}").add("media/../../evil.txt", "x").bytes();
        PlayerException e = org.junit.jupiter.api.Assertions.assertThrows(PlayerException.class,
                () -> importer.importZip(AUTHOR, new ByteArrayInputStream(zip), null));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("invalid-book");
        assertThat(((ValidationReport) e.details()).errors()).extracting(Problem::code, Problem::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zip-slip", "zip:media/../../evil.txt"));
        assertThat(temp.getParent().resolve("evil.txt")).doesNotExist();
        assertThat(storedBooks()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void importsADirectoryIntoAnExistingCourseOnlyForItsAuthors(DataSource ds) {
        setUp(ds);
        Course course = core.catalog.create(AUTHOR, new CourseCatalog.Draft(LocalizedText.of("en", "Security"),
                "en", CourseVisibility.TENANT, Set.of()));
        Path src = SampleBooks.write(temp.resolve("src"), null);
        BookImport.Imported imported = importer.importDirectory(AUTHOR, src, course.id());
        assertThat(imported.courseId()).isEqualTo(course.id());
        assertThat(core.catalog.find(course.id()).orElseThrow().components())
                .containsExactly(new Course.Component("book", imported.bookId(), null));

        assertThatThrownBy(() -> importer.importDirectory(AUTHOR_B, src, course.id()))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> importer.importDirectory(ALICE, src, null))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(403);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void otherInstitutionsCannotReachTheBook(DataSource ds) {
        setUp(ds);
        BookImport.Imported imported = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null),
                null);
        assertThatThrownBy(() -> library.requireInCourse(imported.courseId(), imported.bookId(), BOB))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> tracker.progress(BOB, imported.courseId(), imported.bookId()))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(404);
        assertThatThrownBy(() -> report(BOB, imported, "one", "session-b", 0, 1, null, null))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(404);
        // A course of theirs does not open the book either unless it holds it.
        Course own = core.catalog.create(AUTHOR_B, new CourseCatalog.Draft(LocalizedText.of("en", "B"), "en",
                CourseVisibility.TENANT, Set.of()));
        assertThatThrownBy(() -> library.requireInCourse(own.id(), imported.bookId(), BOB))
                .isInstanceOf(PlayerException.class).extracting("status").isEqualTo(404);
        // Shared with b, it becomes reachable.
        core.catalog.share(imported.courseId(), CourseVisibility.SHARED, Set.of("b"));
        assertThat(library.requireInCourse(imported.courseId(), imported.bookId(), BOB).id())
                .isEqualTo(imported.bookId());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void watchingNinetyPercentCompletesTopicAndBookButSeekingToTheEndDoesNot(DataSource ds) {
        setUp(ds);
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        String topicOne = b.bookId() + "/one";

        // Topic two: open, play 2 s, seek to the end and play the last 2 s.
        report(ALICE, b, "two", "session-1", 0, 0, null, null);
        report(ALICE, b, "two", "session-1", 1, 2, 0.0, 2.0);
        TopicProgress seeked = report(ALICE, b, "two", "session-1", 2, 2, 18.0, 20.0);
        assertThat(seeked.watchedSeconds()).isEqualTo(4.0);
        assertThat(seeked.completed()).isFalse();

        // Topic one: watched in 4-second reports, interrupted by a reload (new session) after 8 s.
        report(ALICE, b, "one", "session-1", 3, 0, null, null);
        report(ALICE, b, "one", "session-1", 4, 4, 0.0, 4.0);
        report(ALICE, b, "one", "session-1", 5, 4, 4.0, 8.0);
        assertThat(tracker.progress(ALICE, b.courseId(), b.bookId()).topics().get(0).position()).isEqualTo(8.0);
        for (int i = 0; i < 2; i++) {
            report(ALICE, b, "one", "session-2", i, 4, 8.0 + 4 * i, 12.0 + 4 * i);
        }
        TopicProgress almost = report(ALICE, b, "one", "session-2", 2, 1.5, 16.0, 17.5);
        assertThat(almost.completed()).isFalse();
        TopicProgress done = report(ALICE, b, "one", "session-2", 3, 1, 17.5, 18.0);
        assertThat(done.completed()).isTrue();
        assertThat(done.share()).isEqualTo(0.9);

        assertThat(core.ledger.facts(ALICE, b.courseId())).contains(
                new ProgressFact("video-topic", topicOne, true, null, 18.0, 20.0),
                new ProgressFact("video-topic", b.bookId() + "/two", false, null, 4.0, 20.0),
                new ProgressFact("book", b.bookId(), false, null, 1.0, 2.0));

        // Finishing topic two completes the book.
        report(ALICE, b, "two", "session-2", 4, 10, 2.0, 18.0);
        BookProgress progress = tracker.progress(ALICE, b.courseId(), b.bookId());
        assertThat(progress.completed()).isTrue();
        assertThat(core.ledger.facts(ALICE, b.courseId()))
                .contains(new ProgressFact("book", b.bookId(), true, null, 2.0, 2.0));
        assertThat(core.events).extracting(e -> e.fact().kind()).contains("video-topic", "book");
        // Progress is per learner.
        assertThat(tracker.progress(person("carol", "a", Role.LEARNER), b.courseId(), b.bookId()).completed())
                .isFalse();
    }

    private TopicProgress event(BookImport.Imported book, String session, long seq, double wallSeconds,
                                Double start, Double end, double position, String event, Double from) {
        now = now.plus(Duration.ofMillis((long) (wallSeconds * 1000)));
        return tracker.report(ALICE, book.courseId(), book.bookId(), "one", new PlayReport(session, seq, start, end,
                position, event, from));
    }

    private static String verb(com.fasterxml.jackson.databind.JsonNode s) {
        return s.path("verb").path("id").asText().replaceFirst("^.*/", "");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void playingATopicStatesTheVideoProfilesEventsAndCompletion(DataSource ds) {
        setUp(ds);
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        event(b, "session-1", 0, 0, null, null, 0.0, "played", null);
        event(b, "session-1", 1, 4, 0.0, 4.0, 4.0, null, null);
        event(b, "session-1", 2, 2, 4.0, 6.0, 6.0, "paused", null);
        event(b, "session-1", 3, 1, null, null, 2.0, "seeked", 6.0);
        // A repeated report is stale and states nothing.
        event(b, "session-1", 3, 0, null, null, 2.0, "seeked", 6.0);
        assertThat(TestStatements.queued(ds)).extracting(BookServiceTest::verb)
                .containsExactly("initialized", "played", "paused", "seeked");

        // A reload: a new session; then playing on to 90 % completes the topic.
        event(b, "session-2", 0, 0, null, null, 6.0, "played", null);
        for (int i = 0; i < 3; i++) {
            event(b, "session-2", 1 + i, 4, 6.0 + 4 * i, 10.0 + 4 * i, 10.0 + 4 * i, null, null);
        }
        event(b, "session-2", 4, 2, 18.0, 20.0, 20.0, "paused", null);
        List<com.fasterxml.jackson.databind.node.ObjectNode> all = TestStatements.queued(ds);
        assertThat(all).extracting(BookServiceTest::verb).containsExactly("initialized", "played", "paused",
                "seeked", "initialized", "played", "completed", "paused");

        String ext = "https://w3id.org/xapi/video/extensions/";
        var initialized = all.get(0);
        assertThat(initialized.at("/object/id").asText()).isEqualTo("urn:manabi:book/" + b.bookId() + "/topic/one");
        assertThat(initialized.at("/object/definition/type").asText())
                .isEqualTo("https://w3id.org/xapi/video/activity-type/video");
        assertThat(initialized.at("/context/extensions").get(ext + "length").asDouble()).isEqualTo(20.0);
        assertThat(initialized.at("/context/extensions").get(ext + "completion-threshold").asDouble())
                .isEqualTo(0.9);
        assertThat(initialized.at("/context/extensions").get(ext + "session-id").asText()).isEqualTo("session-1");
        assertThat(initialized.at("/context/contextActivities/category/0/id").asText())
                .isEqualTo("https://w3id.org/xapi/video");
        var paused = all.get(2);
        assertThat(paused.at("/result/extensions").get(ext + "time").asDouble()).isEqualTo(6.0);
        assertThat(paused.at("/result/extensions").get(ext + "played-segments").asText()).isEqualTo("0[.]6");
        assertThat(paused.at("/result/extensions").get(ext + "progress").asDouble()).isEqualTo(0.3);
        var seeked = all.get(3);
        assertThat(seeked.at("/result/extensions").get(ext + "time-from").asDouble()).isEqualTo(6.0);
        assertThat(seeked.at("/result/extensions").get(ext + "time-to").asDouble()).isEqualTo(2.0);
        var completed = all.get(6);
        assertThat(completed.at("/result/completion").asBoolean()).isTrue();
        assertThat(completed.at("/result/extensions").get(ext + "played-segments").asText()).isEqualTo("0[.]18");
        assertThat(completed.at("/result/extensions").get(ext + "progress").asDouble()).isEqualTo(0.9);
        assertThat(completed.at("/result/extensions").get(ext + "time").asDouble()).isEqualTo(18.0);
        // Length and the completion threshold (0.9, not the profile's default 1) on paused and completed too.
        for (var s : List.of(paused, completed)) {
            assertThat(s.at("/context/extensions").get(ext + "length").asDouble()).isEqualTo(20.0);
            assertThat(s.at("/context/extensions").get(ext + "completion-threshold").asDouble()).isEqualTo(0.9);
        }
        assertThat(seeked.at("/context/extensions").has(ext + "length")).isFalse();
        assertThat(all).extracting(x -> x.at("/context/registration").asText()).containsOnly(
                BookStatements.registration(ALICE, b.courseId(), b.bookId()).toString());
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theWholeVideoAsThresholdIsTheProfilesDefaultAndNotStated(DataSource ds) {
        setUp(ds);
        tracker.completionShare = 1;
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        event(b, "session-1", 0, 0, null, null, 0.0, "played", null);
        event(b, "session-1", 1, 4, 0.0, 4.0, 4.0, "paused", null);
        String ext = "https://w3id.org/xapi/video/extensions/";
        List<com.fasterxml.jackson.databind.node.ObjectNode> all = TestStatements.queued(ds);
        assertThat(all).extracting(BookServiceTest::verb).containsExactly("initialized", "played", "paused");
        for (var s : List.of(all.get(0), all.get(2))) {
            assertThat(s.at("/context/extensions").get(ext + "length").asDouble()).isEqualTo(20.0);
            assertThat(s.at("/context/extensions").has(ext + "completion-threshold")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aReportNamingAnUnknownEventOrASeekWithoutItsStartIsRefused(DataSource ds) {
        setUp(ds);
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        assertThatThrownBy(() -> event(b, "session-1", 0, 0, null, null, 1.0, "rewound", null))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code()).isEqualTo("bad-event"));
        assertThatThrownBy(() -> event(b, "session-1", 0, 0, null, null, 1.0, "seeked", null))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code()).isEqualTo("seek-from"));
        assertThatThrownBy(() -> event(b, "session-1", 0, 0, null, null, 1.0, "paused", 3.0))
                .isInstanceOfSatisfying(PlayerException.class, e -> assertThat(e.code()).isEqualTo("seek-from"));
        assertThat(TestStatements.queued(ds)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aForgedWholeVideoReportIsClippedToWallClockTime(DataSource ds) {
        setUp(ds);
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        report(ALICE, b, "one", "session-1", 0, 0, null, null);
        TopicProgress forged = report(ALICE, b, "one", "session-1", 1, 2, 0.0, 20.0);
        assertThat(forged.watchedSeconds()).isEqualTo(5.0); // 1 s initial + 2 s x rate 2
        assertThat(forged.completed()).isFalse();
        // Credit is per learner: starting another topic in parallel gains nothing.
        TopicProgress parallel = report(ALICE, b, "two", "session-1", 2, 0, 0.0, 20.0);
        assertThat(parallel.watchedSeconds()).isZero();
    }

    @Test
    void installationCompletionShareMustBeAReachableShare() {
        WatchTracker tracker = new WatchTracker();
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            tracker.completionShare = bad;
            assertThatThrownBy(tracker::checkConfiguration).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("manabi.book.completion-share");
        }
        tracker.completionShare = 1;
        tracker.checkConfiguration();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void learningRecordsListEveryTopicAndTheWatchingOfOneInstitutionsLearners(DataSource ds) {
        setUp(ds);
        BookImport.Imported b = importer.importDirectory(AUTHOR, SampleBooks.write(temp.resolve("s"), null), null);
        core.catalog.share(b.courseId(), CourseVisibility.SHARED, Set.of("b"));
        BookRecords records = new BookRecords();
        records.library = library;
        records.database = core.database;

        assertThat(records.modules(b.courseId(), java.util.List.of(b.bookId(), "no-such-book")))
                .extracting(m -> m.id(), m -> m.title().values().get("ja"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("book:" + b.bookId() + ":one", "一"),
                        org.assertj.core.groups.Tuple.tuple("book:" + b.bookId() + ":two", "二"));

        report(ALICE, b, "one", "session-1", 0, 0, null, null);
        for (int i = 0; i < 5; i++) {
            report(ALICE, b, "one", "session-1", i + 1, 4, 4.0 * i, 4.0 * i + 4);
        }
        report(ALICE, b, "two", "session-1", 6, 0, null, null);
        report(ALICE, b, "two", "session-1", 7, 2, 0.0, 2.0);
        report(BOB, b, "one", "session-b", 0, 0, null, null);
        report(BOB, b, "one", "session-b", 1, 4, 0.0, 4.0);

        java.util.List<dev.manabi.core.spi.LearningRecords.Attempt> attempts = records.attempts(
                new dev.manabi.core.spi.LearningRecords.Query("a", b.courseId(), java.util.List.of(b.bookId()),
                        java.util.List.of("alice", "bob"), null, null));
        assertThat(attempts).extracting(a -> a.learnerId(), a -> a.moduleId(), a -> a.completion(),
                        a -> a.progress(), a -> a.timeSpent())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", "book:" + b.bookId() + ":one", "completed", 1.0,
                                Duration.ofSeconds(20)),
                        org.assertj.core.groups.Tuple.tuple("alice", "book:" + b.bookId() + ":two", "incomplete", 0.1,
                                Duration.ofSeconds(2)));
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.success()).isEqualTo("unknown");
            assertThat(a.lastActivityAt()).isNotNull();
        });
        assertThat(records.attempts(new dev.manabi.core.spi.LearningRecords.Query("b", b.courseId(),
                java.util.List.of(b.bookId()), java.util.List.of("alice", "bob"), null, null)))
                .extracting(a -> a.learnerId()).containsExactly("bob");
        assertThat(records.attempts(new dev.manabi.core.spi.LearningRecords.Query("a", b.courseId(),
                java.util.List.of(b.bookId()), java.util.List.of("alice"), now.plusSeconds(1), null))).isEmpty();
    }
}
