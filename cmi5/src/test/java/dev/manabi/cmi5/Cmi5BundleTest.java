package dev.manabi.cmi5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cmi5 player's texts exist in all five UI languages, and the player uses exactly these keys. */
class Cmi5BundleTest {

    private static final List<String> KEYS = List.of("cmi5.player.loading", "cmi5.player.error", "cmi5.player.units",
            "cmi5.player.frame", "cmi5.player.ownWindow", "cmi5.player.popupBlocked");

    @Test
    void everyUiTextIsTranslated() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
        for (UiLanguage language : UiLanguage.all()) {
            assertThat(UiMessages.get().bundle(language).keySet()).as(language.tag()).containsAll(KEYS);
        }
    }

    @Test
    void thePlayerUsesTheseKeys() throws Exception {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/manabi/assets/cmi5/cmi5-player.js")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            KEYS.forEach(k -> assertThat(script).contains("'" + k + "'"));
        }
    }
}
