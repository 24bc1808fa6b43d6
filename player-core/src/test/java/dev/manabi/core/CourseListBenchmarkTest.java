package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps {@link CourseListBenchmark} working in the normal test run (tiny sizes; no timing is asserted). */
class CourseListBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void seedsMeasuresAndWritesTheReport() throws Exception {
        Path report = CourseListBenchmark.run(dir, 8, 5);
        assertThat(Files.readString(report)).contains("| first page (20 of 8) |").contains("search");
    }
}
