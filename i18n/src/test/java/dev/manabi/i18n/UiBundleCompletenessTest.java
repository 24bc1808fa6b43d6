package dev.manabi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every UI key exists, is non-empty and is really translated in all four languages. */
class UiBundleCompletenessTest {

    /** Keys whose text is deliberately the same everywhere: the product name and each language's own name. */
    private static final Pattern SAME_IN_ALL = Pattern.compile("app\\.name|language\\.name\\..+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    private final UiMessages messages = UiMessages.get();

    @Test
    void everyLanguageHasEveryKey() {
        Set<String> allKeys = new TreeSet<>();
        UiLanguage.all().forEach(l -> allKeys.addAll(messages.bundle(l).keySet()));
        List<String> missing = new ArrayList<>();
        for (UiLanguage language : UiLanguage.all()) {
            for (String key : allKeys) {
                String text = messages.bundle(language).get(key);
                if (text == null || text.isBlank()) {
                    missing.add(language.tag() + ": " + key);
                }
            }
        }
        assertThat(missing).as("missing or empty UI messages").isEmpty();
    }

    @Test
    void cjkBundlesAreWrittenInTheirOwnScript() {
        Map<String, String> english = messages.bundle(UiLanguage.EN);
        List<String> untranslated = new ArrayList<>();
        for (UiLanguage language : List.of(UiLanguage.JA, UiLanguage.ZH_HANS, UiLanguage.ZH_HANT, UiLanguage.KO)) {
            messages.bundle(language).forEach((key, text) -> {
                if (SAME_IN_ALL.matcher(key).matches()) {
                    return;
                }
                if (text.equals(english.get(key)) || !writtenIn(language, text)) {
                    untranslated.add(language.tag() + ": " + key + " = " + text);
                }
            });
        }
        assertThat(untranslated).as("left in English or in the wrong script").isEmpty();
    }

    @Test
    void placeholdersMatchEnglish() {
        Map<String, String> english = messages.bundle(UiLanguage.EN);
        List<String> mismatched = new ArrayList<>();
        for (UiLanguage language : UiLanguage.all()) {
            messages.bundle(language).forEach((key, text) -> {
                if (!placeholders(text).equals(placeholders(english.getOrDefault(key, "")))) {
                    mismatched.add(language.tag() + ": " + key);
                }
            });
        }
        assertThat(mismatched).isEmpty();
    }

    @Test
    void formatsArguments() {
        assertThat(messages.text(UiLanguage.JA, "player.signedInAs", "アリス", "A大学")).isEqualTo("アリス（A大学）でログイン中");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static boolean writtenIn(UiLanguage language, String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return switch (language) {
                case JA -> script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                        || script == Character.UnicodeScript.HAN;
                case KO -> script == Character.UnicodeScript.HANGUL;
                case ZH_HANS, ZH_HANT -> script == Character.UnicodeScript.HAN;
                case EN -> true;
            };
        });
    }
}
