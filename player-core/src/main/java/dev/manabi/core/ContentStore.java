package dev.manabi.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where imported packages and media live on disk ({@code manabi.content.dir}, relative paths resolve against the
 * server's working directory). Everything under it is written once and then only read.
 */
@ApplicationScoped
public class ContentStore {

    @Inject
    @ConfigProperty(name = "manabi.content.dir", defaultValue = "manabi-content")
    String directory;

    public Path root() {
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** Creates the root if needed and proves it writable by writing and deleting a probe file. */
    void checkWritable() throws IOException {
        Path root = Files.createDirectories(root());
        Path probe = Files.createTempFile(root, ".probe", ".tmp");
        Files.delete(probe);
    }
}
