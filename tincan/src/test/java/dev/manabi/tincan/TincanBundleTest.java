package dev.manabi.tincan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tincan player's texts exist in all five UI languages, and the player uses exactly these keys. */
class TincanBundleTest {

    private static final List<String> KEYS = List.of("tincan.player.loading", "tincan.player.frame",
            "tincan.player.error", "tincan.player.retry");

    @Test
    void everyUiTextIsTranslated() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
        for (UiLanguage language : UiLanguage.all()) {
            assertThat(UiMessages.get().bundle(language).keySet()).as(language.tag()).containsAll(KEYS)
                    .contains("player.part.tincan");
        }
    }

    @Test
    void thePlayerUsesTheseKeys() throws Exception {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/manabi/assets/tincan/tincan-player.js")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            KEYS.forEach(k -> assertThat(script).contains("'" + k + "'"));
            assertThat(script).contains("customElements.define('manabi-tincan-player'");
        }
    }
}
