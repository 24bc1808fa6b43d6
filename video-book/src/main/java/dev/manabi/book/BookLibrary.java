package dev.manabi.book;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.ContentStore;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * The imported books and the rule for reaching them: a learner reaches a book only through a course that is visible
 * to them and contains the book as a component of kind {@code book}.
 */
@ApplicationScoped
public class BookLibrary {

    /** The course component kind of books. */
    public static final String KIND = "book";

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    ContentStore contentStore;

    /** Books never change once imported, so they are cached as parsed. */
    private final ConcurrentMap<String, Book> cache = new ConcurrentHashMap<>();

    public Optional<Book> find(String bookId) {
        Book cached = cache.get(bookId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Book> book = Store.find(database.ready(), bookId);
        book.ifPresent(b -> cache.put(bookId, b));
        return book;
    }

    /** The book an institution imported under {@code key} (see {@code book.json} "key"), e.g. to seed demo data once. */
    public Optional<Book> findByKey(String tenantId, String key) {
        return Store.idByKey(database.ready(), tenantId, key).flatMap(this::find);
    }

    /** The book as played in a course: 404 unless the course is visible to the learner and contains the book. */
    public Book requireInCourse(String courseId, String bookId, LearnerContext learner) {
        Course course = catalog.requireVisible(courseId, learner);
        boolean contains = course.components().stream()
                .anyMatch(c -> KIND.equals(c.kind()) && c.ref().equals(bookId));
        if (!contains) {
            throw PlayerException.notFound("Course '" + courseId + "' has no book '" + bookId + "'");
        }
        return find(bookId).orElseThrow(() -> PlayerException.notFound("No book '" + bookId + "'"));
    }

    /** Where a book's files live: {@code <content root>/books/<bookId>/}. */
    Path directory(String bookId) {
        return booksRoot().resolve(bookId);
    }

    Path booksRoot() {
        return contentStore.root().resolve("books");
    }

    static final class Store {

        private Store() {
        }

        static void insert(Connection c, Book book, byte[] definition, String createdBy, Instant now)
                throws SQLException {
            Sql.update(c, "insert into manabi_book (id, owner_tenant_id, book_key, definition, created_by, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)", book.id(), book.ownerTenantId(), book.key(),
                    new String(definition, StandardCharsets.UTF_8), createdBy, Timestamp.from(now));
        }

        static void delete(DataSource ds, String bookId) {
            Sql.inTransaction(ds, c -> Sql.update(c, "delete from manabi_book where id = ?", bookId));
        }

        static Optional<String> idByKey(DataSource ds, String tenantId, String key) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select id from manabi_book where owner_tenant_id = ? and book_key = ?")) {
                    ps.setString(1, tenantId);
                    ps.setString(2, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                    }
                }
            });
        }

        static Optional<Book> find(DataSource ds, String bookId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select owner_tenant_id, definition from manabi_book where id = ?")) {
                    ps.setString(1, bookId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        ValidationReport.Builder report = new ValidationReport.Builder();
                        Book book = BookDefinition.read(rs.getString(2).getBytes(StandardCharsets.UTF_8), bookId,
                                rs.getString(1), null, report);
                        if (book == null) {
                            throw new IllegalStateException("Stored book " + bookId + " no longer reads: "
                                    + report.build().errors());
                        }
                        return Optional.of(book);
                    }
                }
            });
        }
    }
}
