package dev.manabi.scorm.runtime;

import dev.manabi.core.NodeScripts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/js/player-test.mjs} under node: the player web component's navigation (SCORM 2004 RTE 4.4
 * navigation requests and the previous/next buttons) with a minimal DOM stand-in. The component imports
 * {@code ../core/i18n.js} from player-core, which imports {@code ../i18n/language-rule.json} from the i18n JAR, so
 * all are laid out in a temporary assets folder.
 */
class PlayerScriptTest {

    @TempDir
    Path assets;

    @Test
    void aNavigationRequestThatDeliversNothingKeepsTheCurrentSco() throws Exception {
        Path scorm = Files.createDirectories(assets.resolve("scorm"));
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/resources/manabi/assets/scorm"))) {
            for (Path f : files.toList()) {
                Files.copy(f, scorm.resolve(f.getFileName().toString()));
            }
        }
        Path core = Files.createDirectories(assets.resolve("core"));
        try (InputStream in = PlayerScriptTest.class.getResourceAsStream("/META-INF/resources/manabi/assets/core/i18n.js")) {
            Files.copy(in, core.resolve("i18n.js"));
        }
        Path i18n = Files.createDirectories(assets.resolve("i18n"));
        try (InputStream in = PlayerScriptTest.class.getResourceAsStream("/META-INF/resources/manabi/assets/i18n/language-rule.json")) {
            Files.copy(in, i18n.resolve("language-rule.json"));
        }
        NodeScripts.passes("src/test/js/player-test.mjs", assets.toString());
    }
}
