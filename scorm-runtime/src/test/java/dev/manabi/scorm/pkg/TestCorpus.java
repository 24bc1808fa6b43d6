package dev.manabi.scorm.pkg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party packages of {@code ../shared/corpus} (system property {@code manabi.corpus.dir}, set by surefire),
 * read in place and never copied into the project. Absent, a test using them is skipped, or fails with
 * {@code -Dinterop.required=true}.
 */
public final class TestCorpus {

    private TestCorpus() {
    }

    public static Path directory() {
        String dir = System.getProperty("manabi.corpus.dir");
        Path corpus = dir == null ? null : Path.of(dir);
        boolean present = corpus != null && Files.isDirectory(corpus);
        if (!present && Boolean.getBoolean("interop.required")) {
            throw new IllegalStateException("interop.required=true but the corpus is missing at " + corpus);
        }
        assumeTrue(present, "Skipping interop: no package corpus at " + corpus
                + " (set manabi.corpus.dir; -Dinterop.required=true makes this a failure)");
        return corpus;
    }

    public static Path file(String name) {
        Path file = directory().resolve(name);
        if (!Files.isRegularFile(file) && Boolean.getBoolean("interop.required")) {
            throw new IllegalStateException("interop.required=true but the corpus has no " + name);
        }
        assumeTrue(Files.isRegularFile(file), "Skipping: no " + file);
        return file;
    }
}
