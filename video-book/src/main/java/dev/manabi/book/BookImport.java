package dev.manabi.book;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.ValidationReport;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.SafeZip;
import dev.manabi.core.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports books: checks an upload completely (zip guards, {@code book.json}, media, WebVTT) before storing anything,
 * then stores the files under {@code <content root>/books/<bookId>/}, records the book and adds it to a course.
 * Any error leaves nothing behind and is answered with HTTP 422 and the {@link ValidationReport} as details.
 */
@ApplicationScoped
public class BookImport {

    private static final Logger LOG = Logger.getLogger(BookImport.class.getName());

    /** Below this, compression ratios say nothing: a small text file of spaces legitimately compresses 1000:1. */
    private static final long RATIO_THRESHOLD_BYTES = 1 << 20;

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    BookLibrary library;

    @Inject
    @ConfigProperty(name = "manabi.book.max-upload-bytes", defaultValue = "209715200")
    long maxUploadBytes;

    @Inject
    @ConfigProperty(name = "manabi.book.max-unpacked-bytes", defaultValue = "524288000")
    long maxUnpackedBytes;

    @Inject
    @ConfigProperty(name = "manabi.book.max-entries", defaultValue = "500")
    int maxEntries;

    @Inject
    @ConfigProperty(name = "manabi.book.max-ratio", defaultValue = "100")
    int maxRatio;

    /**
     * The result of an import.
     *
     * @param bookId   the new book
     * @param courseId the course it was added to (created with the book's title unless one was given)
     * @param report   warnings (an import with errors throws instead)
     */
    public record Imported(String bookId, String courseId, ValidationReport report) {
    }

    /**
     * Imports a zip holding {@code book.json} and the files it names.
     *
     * @param author   a content author or platform admin (403 otherwise)
     * @param zip      the upload; read completely, not closed
     * @param courseId a course the author may edit to add the book to, or null to create a course
     * @throws PlayerException 422 with the report when the book is invalid, 413 when the upload is too large
     */
    public Imported importZip(LearnerContext author, InputStream zip, String courseId) {
        requireAuthor(author, courseId);
        Path incoming = prepareIncoming();
        Path upload = incoming.resolve(".upload-" + UUID.randomUUID() + ".zip");
        Path staging = incoming.resolve(".staging-" + UUID.randomUUID());
        try {
            receive(zip, upload);
            Files.createDirectory(staging);
            ValidationReport.Builder report = new ValidationReport.Builder();
            try {
                report.addAll(SafeZip.extract(upload, staging, new SafeZip.Limits(maxUnpackedBytes, maxEntries,
                        maxRatio, RATIO_THRESHOLD_BYTES), SafeZip.legacyNameCharsets(author.preferredLocale()))
                        .warnings());
            } catch (SafeZip.Rejected e) {
                // A book answers every invalid upload the same way: 422 with the whole report (see store).
                report.addAll(e.problems());
            }
            return store(author, staging, courseId, report);
        } catch (IOException e) {
            throw storageFailure(e);
        } finally {
            deleteQuietly(upload);
            deleteQuietly(staging);
        }
    }

    /**
     * Imports an unpacked book from a directory (e.g. demo content shipped with a host), with the same checks as a
     * zip. Symbolic links are refused; the directory is copied, not moved.
     */
    public Imported importDirectory(LearnerContext author, Path dir, String courseId) {
        requireAuthor(author, courseId);
        Path staging = prepareIncoming().resolve(".staging-" + UUID.randomUUID());
        try {
            ValidationReport.Builder report = new ValidationReport.Builder();
            copyTree(dir.toRealPath(), staging, report);
            return store(author, staging, courseId, report);
        } catch (IOException e) {
            throw storageFailure(e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private Imported store(LearnerContext author, Path staging, String courseId, ValidationReport.Builder report)
            throws IOException {
        Book book = null;
        byte[] definition = null;
        String bookId = UUID.randomUUID().toString();
        if (!report.hasErrors()) {
            Path json = staging.resolve(BookDefinition.FILE_NAME);
            if (!Files.isRegularFile(json, LinkOption.NOFOLLOW_LINKS)) {
                report.error("definition-missing", "The upload needs a book.json at its top level",
                        BookDefinition.FILE_NAME);
            } else {
                definition = Files.readAllBytes(json);
                book = BookDefinition.read(definition, bookId, author.tenant().id(), staging.toRealPath(), report);
            }
        }
        if (report.hasErrors() || book == null) {
            ValidationReport r = report.build();
            throw new PlayerException(422, "invalid-book", "The book has " + r.errors().size()
                    + " error(s); see details", r);
        }
        if (book.key() != null && library.findByKey(author.tenant().id(), book.key()).isPresent()) {
            throw PlayerException.conflict("book-exists", "Your institution already has a book with key '"
                    + book.key() + "'");
        }
        Course course = courseId == null ? null : catalog.requireEditable(courseId, author);
        Path target = library.directory(bookId);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        boolean recorded = false;
        try {
            Book stored = book;
            byte[] json = BookDefinition.asStored(definition, book);
            Sql.inTransaction(database.ready(), c -> {
                BookLibrary.Store.insert(c, stored, json, author.learnerId(), Instant.now());
                return null;
            });
            recorded = true;
            if (course == null) {
                course = catalog.create(author, new CourseCatalog.Draft(book.title(), book.defaultLanguage(),
                        CourseVisibility.TENANT, Set.of()));
            }
            catalog.addComponent(course.id(), new Course.Component(BookLibrary.KIND, bookId, null));
        } catch (RuntimeException e) {
            // Undo what was stored so that a failed import leaves nothing half-way.
            if (recorded) {
                try {
                    BookLibrary.Store.delete(database.ready(), bookId);
                } catch (RuntimeException undo) {
                    LOG.log(Level.WARNING, "Could not remove book " + bookId + " after a failed import", undo);
                }
            }
            deleteQuietly(target);
            throw e;
        }
        String into = course.id();
        LOG.info(() -> "Imported book " + bookId + " into course " + into + " by " + author.learnerId() + "@"
                + author.tenant().id());
        return new Imported(bookId, into, report.build());
    }

    private void requireAuthor(LearnerContext author, String courseId) {
        if (author == null) {
            throw PlayerException.unauthenticated();
        }
        if (!author.hasRole(Role.CONTENT_AUTHOR) && !author.hasRole(Role.PLATFORM_ADMIN)) {
            throw PlayerException.forbidden("Importing books needs the content author or platform admin role");
        }
        if (courseId != null) {
            catalog.requireEditable(courseId, author);
        }
    }

    private Path prepareIncoming() {
        try {
            return Files.createDirectories(library.booksRoot());
        } catch (IOException e) {
            throw storageFailure(e);
        }
    }

    private void receive(InputStream in, Path upload) throws IOException {
        if (in == null) {
            throw PlayerException.badRequest("upload-required", "Send the book zip as the request body");
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(upload)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxUploadBytes) {
                    throw new PlayerException(413, "upload-too-large", "Uploads are limited to " + maxUploadBytes
                            + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw PlayerException.badRequest("upload-required", "Send the book zip as the request body");
        }
    }

    private void copyTree(Path source, Path target, ValidationReport.Builder report) throws IOException {
        long[] budget = {maxUnpackedBytes};
        int[] entries = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = source.relativize(file).toString().replace('\\', '/');
                if (!attrs.isRegularFile()) {
                    report.error(attrs.isSymbolicLink() ? "symlink" : "not-a-file",
                            "Only regular files may be imported", name);
                    return FileVisitResult.CONTINUE;
                }
                budget[0] -= attrs.size();
                if (++entries[0] > maxEntries || budget[0] < 0) {
                    report.error("too-large", "The book exceeds " + maxEntries + " files or "
                            + maxUnpackedBytes + " bytes", name);
                    return FileVisitResult.TERMINATE;
                }
                Files.copy(file, target.resolve(name), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static PlayerException storageFailure(IOException e) {
        LOG.log(Level.SEVERE, "Book storage failed", e);
        return new PlayerException(503, "storage-error", "The content store could not complete the import");
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not delete " + path, e);
        }
    }
}
