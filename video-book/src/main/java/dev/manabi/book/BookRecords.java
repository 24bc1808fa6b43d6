package dev.manabi.book;

import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import dev.manabi.core.spi.LearningRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The video books' learning records (README "Learning records"): each topic of a book is one module
 * ({@code book:<book id>:<topic id>}, titled as the book says); a learner's watching of a topic is its one attempt,
 * with the share of the video really watched as progress, the seconds watched as time, complete once the book's
 * completion share is reached ({@link WatchRules}). Videos have no pass or score, and the table keeps neither when
 * the learner began nor when they completed a topic: only the latest activity.
 */
@ApplicationScoped
public class BookRecords implements LearningRecords {

    @Inject
    BookLibrary library;

    @Inject
    Database database;

    static String moduleId(String bookId, String topicId) {
        return BookLibrary.KIND + ":" + bookId + ":" + topicId;
    }

    @Override
    public String kind() {
        return BookLibrary.KIND;
    }

    @Override
    public List<Module> modules(String courseId, List<String> refs) {
        List<Module> out = new ArrayList<>();
        for (String ref : refs) {
            library.find(ref).ifPresent(book -> book.topics().forEach(t ->
                    out.add(new Module(moduleId(book.id(), t.id()), BookLibrary.KIND, book.id(), t.title()))));
        }
        return out;
    }

    @Override
    public List<Attempt> attempts(Query query) {
        return Store.attempts(database.ready(), query, library::find);
    }

    /** The SQL: one query per chunk of learners, every book of the course at once. */
    static final class Store {

        private Store() {
        }

        static List<Attempt> attempts(DataSource ds, Query q, Function<String, Optional<Book>> books) {
            Set<String> refs = Set.copyOf(q.refs());
            List<Attempt> out = new ArrayList<>();
            Sql.selectIn(ds, "select learner_id, book_id, topic_id, watched_seconds, completed, updated_at"
                    + " from manabi_book_watch where tenant_id = ? and course_id = ? and learner_id ?in",
                    List.of(q.tenantId(), q.courseId()), q.learnerIds(), rs -> {
                        String bookId = rs.getString(2);
                        Instant updated = rs.getTimestamp(6).toInstant();
                        if (!refs.contains(bookId) || !q.covers(null, updated)) {
                            return;
                        }
                        String topicId = rs.getString(3);
                        double watched = rs.getDouble(4);
                        boolean completed = rs.getBoolean(5);
                        Double progress = books.apply(bookId).flatMap(b -> b.topic(topicId))
                                .filter(t -> t.video().duration() > 0)
                                .map(t -> Math.min(1.0, watched / t.video().duration())).orElse(null);
                        out.add(new Attempt(rs.getString(1), moduleId(bookId, topicId), 1,
                                completed ? COMPLETED : watched > 0 ? INCOMPLETE : NOT_ATTEMPTED, UNKNOWN, null, null,
                                progress, Duration.ofMillis(Math.round(watched * 1000)), null, null, updated));
                    });
            return out;
        }
    }
}
