package dev.manabi.core;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/js/language-rule-test.mjs} under node: the browser's {@code negotiateLanguage} and
 * {@code uiLanguageOf} on the cases {@code LanguageNegotiatorTest} checks on the server, both reading
 * {@code language-rule.json} from the i18n JAR (laid out next to {@code core/i18n.js} as it is served).
 */
class LanguageRuleScriptTest {

    @TempDir
    Path assets;

    @Test
    void theBrowserFollowsTheSameRuleAsTheServer() throws Exception {
        copy("/META-INF/resources/manabi/assets/core/i18n.js", assets.resolve("core/i18n.js"));
        copy("/META-INF/resources/manabi/assets/i18n/language-rule.json", assets.resolve("i18n/language-rule.json"));
        NodeScripts.passes("src/test/js/language-rule-test.mjs", assets.toString());
    }

    private static void copy(String resource, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (InputStream in = LanguageRuleScriptTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
