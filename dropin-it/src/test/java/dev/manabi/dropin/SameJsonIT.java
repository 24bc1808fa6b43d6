package dev.manabi.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every server answered the drop-in journey with the same JSON, byte for byte after {@link SameJson} normalised
 * ids, times, origins and capabilities: a host gets the same field order, nulls and number formats whichever
 * server it runs on. Runs after the per-server runs of {@link DropInIT} and compares the servers that ran.
 */
class SameJsonIT {

    @Test
    void everyServerAnsweredWithTheSameJson() throws Exception {
        Path root = Path.of(System.getProperty("dropin.responses.dir", "target/dropin-responses"));
        List<Path> servers;
        try (Stream<Path> dirs = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            servers = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assumeTrue(servers.size() >= 2, "fewer than two servers ran the drop-in test: nothing to compare");
        Path reference = servers.get(0);
        TreeSet<String> steps = names(reference);
        assertThat(steps).as("steps recorded by " + reference.getFileName()).isNotEmpty();
        for (Path other : servers.subList(1, servers.size())) {
            assertThat(names(other)).as("steps recorded by " + other.getFileName()).isEqualTo(steps);
            for (String step : steps) {
                assertThat(Files.readString(other.resolve(step)))
                        .as(step + ": " + other.getFileName() + " against " + reference.getFileName())
                        .isEqualTo(Files.readString(reference.resolve(step)));
            }
        }
        System.out.printf("same JSON for %d steps on %s%n", steps.size(),
                servers.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static TreeSet<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(
                    TreeSet::new));
        }
    }
}
