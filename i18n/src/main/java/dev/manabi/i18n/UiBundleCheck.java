package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds UI texts that are missing, empty, left in English, written in the wrong script, or whose {@code {n}}
 * placeholders differ from English. Every module's tests assert {@code UiBundleCheck.problems(UiMessages.get())} is
 * empty, so a key added in one language only fails the build.
 */
public final class UiBundleCheck {

    /** Keys whose text is deliberately the same everywhere: the product name and each language's own name. */
    private static final Pattern SAME_IN_ALL = Pattern.compile("app\\.name|language\\.name\\..+|.+\\.same");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+[^}]*}");

    private UiBundleCheck() {
    }

    public static List<String> problems(UiMessages messages) {
        List<String> problems = new ArrayList<>();
        Set<String> allKeys = new TreeSet<>();
        UiLanguage.all().forEach(l -> allKeys.addAll(messages.bundle(l).keySet()));
        Map<String, String> english = messages.bundle(UiLanguage.EN);
        for (UiLanguage language : UiLanguage.all()) {
            Map<String, String> bundle = messages.bundle(language);
            for (String key : allKeys) {
                String text = bundle.get(key);
                if (text == null || text.isBlank()) {
                    problems.add(language.tag() + ": missing " + key);
                    continue;
                }
                String en = english.getOrDefault(key, "");
                if (!placeholders(text).equals(placeholders(en))) {
                    problems.add(language.tag() + ": placeholders of " + key + " differ from English");
                }
                if (language != UiLanguage.EN && !SAME_IN_ALL.matcher(key).matches()
                        && (text.equals(en) || !writtenIn(language, text))) {
                    problems.add(language.tag() + ": untranslated " + key + " = " + text);
                }
            }
        }
        return problems;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static boolean writtenIn(UiLanguage language, String text) {
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
