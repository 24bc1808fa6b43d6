package dev.manabi.samplehost;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.book.BookImport;
import dev.manabi.core.CourseCatalog;
import dev.manabi.quiz.QuizEngine;
import dev.manabi.rules.CompletionRules;
import dev.manabi.scorm.pkg.PackageImporter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seeds the demo course on first start: the "Information security basics" video book in four languages and its
 * quiz, shared with every institution; and the cmi5 course "Password habits (cmi5)". Imported through the same
 * APIs an author's upload uses, so the demo also proves them. Runs after the SDK's schema migration (library priority) and does nothing once the course exists.
 */
@ApplicationScoped
class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class.getName());
    private static final String DEMO = "/WEB-INF/demo/";
    /** The quiz of the one-question badge course. */
    static final String BADGE_QUIZ = "phishing-check";

    @Inject
    DemoDirectory directory;

    @Inject
    CourseCatalog catalog;

    @Inject
    BookImport books;

    @Inject
    QuizEngine quizzes;

    @Inject
    CompletionRules completionRules;

    @Inject
    PackageImporter packages;

    void seed(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) @Initialized(ApplicationScoped.class)
              Object context) {
        if (!(context instanceof ServletContext servlet)) {
            return;
        }
        LearnerContext root = learner("root");
        seedCmi5(servlet, root);
        seedBadgeQuiz(servlet, root);
        if (catalog.visibleTo(root).stream().anyMatch(c -> c.components().stream()
                .anyMatch(part -> part.kind().equals("book")))) {
            return;
        }
        try {
            LearnerContext author = learner("author");
            Path book = Files.createTempDirectory("manabi-demo-book");
            copy(servlet, DEMO + "book/", book);
            BookImport.Imported imported = books.importDirectory(author, book, null);
            catalog.share(imported.courseId(), CourseVisibility.GLOBAL, Set.of());
            quizzes.importQuiz(author, text(servlet, DEMO + "quiz/infosec-basics.json"), imported.courseId());
            // "Video watched and quiz passed" completes the unit; the rules name the book imported just now.
            completionRules.putRules(author, imported.courseId(),
                    text(servlet, DEMO + "completion-rules.json").replace("${bookId}", imported.bookId()));
            LOG.info(() -> "Demo course seeded: " + imported.courseId());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not seed the demo course", e);
        }
    }

    /**
     * Seeds Manabi's own cmi5 course ("Password habits (cmi5)", two AUs in four languages, README "cmi5"), zipped from
     * {@code WEB-INF/demo/cmi5/} and imported like an author's upload, shared with every institution; once.
     */
    private void seedCmi5(ServletContext servlet, LearnerContext root) {
        if (catalog.visibleTo(root).stream().anyMatch(c -> CMI5_TITLE.equals(c.title().resolve(Locale.ENGLISH))
                && c.components().stream().anyMatch(part -> part.kind().equals("cmi5")))) {
            return;
        }
        try {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                for (String path : servlet.getResourcePaths(DEMO + "cmi5/")) {
                    out.putNextEntry(new ZipEntry(path.substring((DEMO + "cmi5/").length())));
                    out.write(text(servlet, path).getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            PackageImporter.Imported imported = packages.importPackage(learner("author"),
                    new ByteArrayInputStream(zip.toByteArray()), PackageImporter.Options.defaults());
            catalog.share(imported.pkg().courseId(), CourseVisibility.GLOBAL, Set.of());
            LOG.info(() -> "Demo cmi5 course seeded: " + imported.pkg().courseId());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not seed the demo cmi5 course", e);
        }
    }

    /** The English title of the demo cmi5 course (its {@code cmi5.xml}). */
    static final String CMI5_TITLE = "Password habits (cmi5)";

    /**
     * The one-question badge course (README "Demo"): the "Spot the phishing" quiz in University A, whose rules award
     * the "Phishing spotter" badge at 80 % or more, issued by University A (Open Badges 2.0 and 3.0). Seeded once:
     * nothing happens when a course already holds the quiz.
     */
    private void seedBadgeQuiz(ServletContext servlet, LearnerContext root) {
        if (catalog.visibleTo(root).stream().anyMatch(c -> c.components().stream()
                .anyMatch(part -> part.kind().equals(QuizEngine.KIND) && part.ref().equals(BADGE_QUIZ)))) {
            return;
        }
        try {
            LearnerContext author = learner("author");
            QuizEngine.ImportResult quiz = quizzes.importQuiz(author, text(servlet, DEMO + "quiz/" + BADGE_QUIZ
                    + ".json"), null);
            completionRules.putRules(author, quiz.courseId(), text(servlet, DEMO + "badge-quiz-rules.json"));
            LOG.info(() -> "Demo badge course seeded: " + quiz.courseId());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not seed the demo badge course", e);
        }
    }

    private static String text(ServletContext servlet, String path) throws IOException {
        try (InputStream in = servlet.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Missing demo file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private LearnerContext learner(String username) {
        return directory.account(username).orElseThrow().learner();
    }

    /** Copies a WAR folder to disk; ServletContext lists resources portably, also inside an unexpanded WAR. */
    private static void copy(ServletContext servlet, String folder, Path target) throws IOException {
        Files.createDirectories(target);
        for (String path : servlet.getResourcePaths(folder)) {
            String name = path.substring(folder.length());
            if (path.endsWith("/")) {
                copy(servlet, path, target.resolve(name.substring(0, name.length() - 1)));
                continue;
            }
            try (InputStream in = servlet.getResourceAsStream(path)) {
                Files.copy(in, target.resolve(name));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
