package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The player's texts exist in all five languages, and every key the web components use is in the bundle. */
class RuntimeUiBundleTest {

    @Test
    void bundlesAreComplete() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
    }

    @Test
    void everyKeyTheComponentsUseExists() throws IOException {
        Path assets = Path.of("src/main/resources/META-INF/resources/manabi/assets/scorm");
        Pattern key = Pattern.compile("'(scorm\\.[a-zA-Z.]+)'");
        var bundle = UiMessages.get().bundle(UiLanguage.EN);
        for (String file : new String[] {"scorm-player.js", "scorm-preview.js", "scorm-toc.js"}) {
            Matcher m = key.matcher(Files.readString(assets.resolve(file)));
            while (m.find()) {
                if (!m.group(1).endsWith(".")) {
                    assertThat(bundle).as(file).containsKey(m.group(1));
                }
            }
        }
        for (String c : new String[] {"completed", "incomplete", "not_attempted", "unknown"}) {
            assertThat(bundle).containsKey("scorm.status.completion." + c);
        }
        for (String s : new String[] {"passed", "failed", "unknown"}) {
            assertThat(bundle).containsKey("scorm.status.success." + s);
        }
    }
}
