package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BookBundleTest {

    @Test
    void everyUiTextIsTranslated() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
    }

    @Test
    void thePlayerUsesOnlyKeysTheBundlesDefine() throws IOException {
        String script;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/manabi/assets/book/book-player.js")) {
            assertThat(in).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("['\"`](book\\.[A-Za-z.]+)['\"`]").matcher(script);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        for (UiLanguage language : UiLanguage.all()) {
            assertThat(UiMessages.get().bundle(language).keySet()).as(language.tag()).containsAll(used);
        }
    }
}
