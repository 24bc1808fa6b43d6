package dev.manabi.book;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Database;
import dev.manabi.core.ProgressLedger;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tracks what learners watched, as the union of the intervals they actually played ({@link WatchRules}), and turns
 * it into progress facts: kind {@code video-topic} (ref {@code bookId/topicId}, score = watched seconds, max = the
 * duration) and kind {@code book} (ref {@code bookId}, completed when every topic is, score = completed topics).
 */
@ApplicationScoped
public class WatchTracker {

    /** Progress fact kinds recorded in the {@link ProgressLedger}. */
    public static final String TOPIC_KIND = "video-topic";
    public static final String BOOK_KIND = BookLibrary.KIND;

    @Inject
    Database database;

    @Inject
    BookLibrary library;

    @Inject
    ProgressLedger ledger;

    /** Where the Video Profile statements go (BookStatements); null only in tests without statements. */
    @Inject
    StatementOutbox outbox;

    /** Wall-clock time; replaced in tests to simulate watching. */
    Clock clock = Clock.systemUTC();

    @Inject
    @ConfigProperty(name = "manabi.book.completion-share", defaultValue = "0.9")
    double completionShare;

    @Inject
    @ConfigProperty(name = "manabi.book.max-playback-rate", defaultValue = "2.0")
    double maxPlaybackRate;

    @Inject
    @ConfigProperty(name = "manabi.book.credit-cap-seconds", defaultValue = "30")
    double creditCapSeconds;

    /**
     * A share of 0 would complete a topic on the first report and one above 1 could never be reached; refusing to
     * start beats silently mis-recording every learner's completion.
     */
    @PostConstruct
    void checkConfiguration() {
        if (!(completionShare > 0 && completionShare <= 1)) {
            throw new IllegalStateException("manabi.book.completion-share must be greater than 0 and at most 1, was "
                    + completionShare);
        }
    }

    /** The share of each topic of this book a learner must watch: the book's own, else the installation's. */
    double completionShare(Book book) {
        return book.completionShareOr(completionShare);
    }

    /** The learner's progress on a book in a course (404 unless the course is visible and holds the book). */
    public BookProgress progress(LearnerContext learner, String courseId, String bookId) {
        Book book = library.requireInCourse(courseId, bookId, learner);
        return progressOf(book, courseId, Store.states(database.ready(), learner, courseId, bookId));
    }

    /**
     * Applies a player's report and records progress facts when the topic's state changes meaningfully (first
     * report, every tenth of the video, completion).
     */
    public TopicProgress report(LearnerContext learner, String courseId, String bookId, String topicId,
                                PlayReport report) {
        Book book = library.requireInCourse(courseId, bookId, learner);
        Topic topic = book.topic(topicId).orElseThrow(() -> dev.manabi.api.PlayerException.notFound(
                "Book '" + bookId + "' has no topic '" + topicId + "'"));
        double share = completionShare(book);
        WatchRules.Policy policy = new WatchRules.Policy(maxPlaybackRate, creditCapSeconds,
                WatchRules.Policy.DEFAULT.initialCredit(), WatchRules.Policy.DEFAULT.endTolerance());
        Instant at = clock.instant();
        Store.Applied applied = Store.apply(database.ready(), learner, courseId, bookId, topic, share, report,
                at, policy, (c, before, after) -> {
                    if (outbox != null) {
                        BookStatements.reported(outbox.emitter(c, learner, at), learner, courseId, bookId, topic,
                                share, report, before, after);
                    }
                });
        if (outbox != null && !applied.outcome().stale()) {
            outbox.queued();
        }
        TopicProgress now = progressOf(topic, applied.outcome().state());
        if (!applied.outcome().stale() && worthRecording(applied.before(), applied.outcome().state(), topic)) {
            ledger.record(learner, courseId, new ProgressFact(TOPIC_KIND, bookId + "/" + topicId, now.completed(),
                    null, now.watchedSeconds(), now.duration()));
            BookProgress whole = progressOf(book, courseId, Store.states(database.ready(), learner, courseId, bookId));
            long done = whole.topics().stream().filter(TopicProgress::completed).count();
            ledger.record(learner, courseId, new ProgressFact(BOOK_KIND, bookId, whole.completed(), null,
                    (double) done, (double) book.topics().size()));
        }
        return now;
    }

    private static boolean worthRecording(WatchRules.State before, WatchRules.State after, Topic topic) {
        if (before == null || before.completed() != after.completed()) {
            return true;
        }
        double duration = topic.video().duration();
        return tenth(before.watched(), duration) != tenth(after.watched(), duration);
    }

    private static int tenth(WatchedIntervals w, double duration) {
        return (int) Math.floor(10 * w.totalWithin(duration) / duration);
    }

    private BookProgress progressOf(Book book, String courseId, Map<String, WatchRules.State> states) {
        List<TopicProgress> topics = new ArrayList<>();
        for (Topic topic : book.topics()) {
            WatchRules.State state = states.get(topic.id());
            topics.add(state == null ? TopicProgress.none(topic) : progressOf(topic, state));
        }
        boolean completed = topics.stream().allMatch(TopicProgress::completed);
        return new BookProgress(book.id(), courseId, completionShare(book), completed, topics);
    }

    static TopicProgress progressOf(Topic topic, WatchRules.State state) {
        double duration = topic.video().duration();
        double watched = state.watched().totalWithin(duration);
        return new TopicProgress(topic.id(), duration, watched, Math.min(1, watched / duration), state.position(),
                state.completed(), state.updatedAt());
    }

    static final class Store {

        private Store() {
        }

        /** What a report changed: the state before (null if none) and the outcome. */
        record Applied(WatchRules.State before, WatchRules.Outcome outcome) {
        }

        /** What else a report writes in its transaction (its statements). */
        @FunctionalInterface
        interface OnApplied {
            void applied(Connection c, WatchRules.State before, WatchRules.State after) throws SQLException;
        }

        static Applied apply(DataSource ds, LearnerContext learner, String courseId, String bookId, Topic topic,
                             double share, PlayReport report, Instant now, WatchRules.Policy policy,
                             OnApplied then) {
            String tenant = learner.tenant().id();
            String learnerId = learner.learnerId();
            return Sql.inTransaction(ds, c -> {
                // Lock the learner's credit first, so concurrent reports (two tabs) are applied one after the other.
                WatchRules.Credit credit = credit(c, tenant, learnerId);
                WatchRules.State before = state(c, tenant, learnerId, courseId, bookId, topic.id(), true);
                WatchRules.Outcome outcome = WatchRules.apply(before, credit, report, topic.video().duration(), share,
                        now, policy);
                if (outcome.stale()) {
                    return new Applied(before, outcome);
                }
                Object[] creditValues = {outcome.credit().seconds(), Timestamp.from(outcome.credit().at()), tenant,
                    learnerId};
                if (credit == null) {
                    Sql.update(c, "insert into manabi_book_watch_credit (credit_seconds, credit_at, tenant_id,"
                            + " learner_id) values (?, ?, ?, ?)", creditValues);
                } else {
                    Sql.update(c, "update manabi_book_watch_credit set credit_seconds = ?, credit_at = ?"
                            + " where tenant_id = ? and learner_id = ?", creditValues);
                }
                WatchRules.State s = outcome.state();
                Object[] values = {s.watched().format(), s.watched().totalWithin(topic.video().duration()),
                    s.position(), s.completed(), s.session(), s.sequence(), Timestamp.from(now), tenant, learnerId,
                    courseId, bookId, topic.id()};
                if (before == null) {
                    Sql.update(c, "insert into manabi_book_watch (watched, watched_seconds, position_seconds,"
                            + " completed, session_id, sequence_no, updated_at, tenant_id, learner_id, course_id,"
                            + " book_id, topic_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
                } else {
                    Sql.update(c, "update manabi_book_watch set watched = ?, watched_seconds = ?,"
                            + " position_seconds = ?, completed = ?, session_id = ?, sequence_no = ?, updated_at = ?"
                            + " where tenant_id = ? and learner_id = ? and course_id = ? and book_id = ?"
                            + " and topic_id = ?", values);
                }
                then.applied(c, before, s);
                return new Applied(before, outcome);
            });
        }

        static Map<String, WatchRules.State> states(DataSource ds, LearnerContext learner, String courseId,
                                                    String bookId) {
            return Sql.inTransaction(ds, c -> {
                Map<String, WatchRules.State> out = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("select topic_id, watched, position_seconds,"
                        + " completed, session_id, sequence_no, updated_at from manabi_book_watch where tenant_id = ?"
                        + " and learner_id = ? and course_id = ? and book_id = ?")) {
                    ps.setString(1, learner.tenant().id());
                    ps.setString(2, learner.learnerId());
                    ps.setString(3, courseId);
                    ps.setString(4, bookId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), read(rs, 2));
                        }
                    }
                }
                return out;
            });
        }

        private static WatchRules.Credit credit(Connection c, String tenant, String learnerId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select credit_seconds, credit_at from"
                    + " manabi_book_watch_credit where tenant_id = ? and learner_id = ? for update")) {
                ps.setString(1, tenant);
                ps.setString(2, learnerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new WatchRules.Credit(rs.getDouble(1), rs.getTimestamp(2).toInstant()) : null;
                }
            }
        }

        private static WatchRules.State state(Connection c, String tenant, String learnerId, String courseId,
                                              String bookId, String topicId, boolean lock) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select watched, position_seconds, completed, session_id,"
                    + " sequence_no, updated_at from manabi_book_watch where tenant_id = ? and learner_id = ?"
                    + " and course_id = ? and book_id = ? and topic_id = ?" + (lock ? " for update" : ""))) {
                ps.setString(1, tenant);
                ps.setString(2, learnerId);
                ps.setString(3, courseId);
                ps.setString(4, bookId);
                ps.setString(5, topicId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs, 1) : null;
                }
            }
        }

        private static WatchRules.State read(ResultSet rs, int first) throws SQLException {
            return new WatchRules.State(WatchedIntervals.parse(rs.getString(first)), rs.getDouble(first + 1),
                    rs.getBoolean(first + 2), rs.getString(first + 3), rs.getLong(first + 4),
                    rs.getTimestamp(first + 5).toInstant());
        }
    }
}
