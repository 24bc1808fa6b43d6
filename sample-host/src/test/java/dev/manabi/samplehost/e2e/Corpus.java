package dev.manabi.samplehost.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The third-party packages of {@code ../shared/corpus}. Absent, the calling test is skipped, unless
 * {@code -Dinterop.required=true} (CI), where that is a failure.
 */
final class Corpus {

    private Corpus() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("manabi.corpus.dir", "../shared/corpus"));
        if (!Files.isDirectory(dir)) {
            if (Boolean.getBoolean("interop.required")) {
                throw new IllegalStateException("interop.required but no corpus at " + dir.toAbsolutePath());
            }
            Assumptions.abort("No corpus at " + dir.toAbsolutePath() + "; interop test skipped");
        }
        return dir;
    }

    static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The corpus has no " + name + " at " + file.toAbsolutePath());
        }
        return file;
    }

    /** The SCORM packages; {@code -Dmanabi.corpus.only=Sequencing} keeps those whose name contains it. */
    static List<Path> scormPackages() {
        String only = System.getProperty("manabi.corpus.only", "");
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.contains("SCORM") && name.contains(only) && name.endsWith(".zip");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a SCORM package under its own manifest identifier. An upload whose identifier is known becomes a
     * new version of that package wherever it lives; tests that need a course of their own use a copy, so they
     * stay independent of ScormCorpusIT, which uploads the corpus files as they are.
     */
    static Path copyWithIdentifierSuffix(String name, String suffix) {
        try {
            Path out = Files.createTempFile("corpus-" + suffix + "-", ".zip");
            out.toFile().deleteOnExit();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file(name)));
                 ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals("imsmanifest.xml")) {
                        bytes = new String(bytes, StandardCharsets.UTF_8)
                                .replaceFirst("(<manifest[^>]*?\\sidentifier=\")([^\"]*)\"", "$1$2-" + suffix + "\"")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(bytes);
                    zip.closeEntry();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
