package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A text given in several languages (a course title, a quiz prompt, a SCORM LOM langstring).
 *
 * <p>Keys are BCP 47 tags as the author wrote them ({@code ja}, {@code en-US}, {@code zh-Hant}, or {@code x-none} for
 * LOM strings without a language). {@link #resolve(Locale)} walks a fallback chain so a learner always sees something:
 * the exact tag and its truncations (RFC 4647 lookup) while they keep the learner's script, the same UI language under
 * another spelling, the same language in the other script (Traditional and Simplified Chinese readers get Chinese),
 * English, a language-neutral string, and finally the first text the author gave. {@code i18n.js} mirrors this chain
 * in the browser.
 */
public record LocalizedText(Map<String, String> values) {

    public LocalizedText {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((tag, text) -> {
                if (tag != null && text != null && !text.isBlank()) {
                    copy.put(tag, text);
                }
            });
        }
        values = Collections.unmodifiableMap(copy);
    }

    public static LocalizedText of(String tag, String text) {
        return new LocalizedText(Map.of(tag, text));
    }

    /** A text that is the same in every language (e.g. a product name or a title the author gave only once). */
    public static LocalizedText untagged(String text) {
        return of("x-none", text);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String resolve(Locale locale) {
        return lookup(locale).orElse("");
    }

    public String resolve(UiLanguage language) {
        return resolve(language.locale());
    }

    public Optional<String> lookup(Locale wanted) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<String> chain = fallbackChain(wanted);
        Optional<UiLanguage> wantedUi = UiLanguage.of(wanted);
        // 1. The tag or a truncation of it, as long as it is still the learner's script: "zh" stands for Simplified
        //    (UiLanguage.of), so a Traditional reader must not stop at it while a zh-TW text exists.
        Optional<String> found = firstKey(chain, key -> wantedUi.isEmpty() || UiLanguage.ofTag(key).equals(wantedUi));
        // 2. The same UI language under another spelling (zh-TW for zh-Hant, en-GB for en-US).
        if (found.isEmpty() && wantedUi.isPresent()) {
            found = firstEntry(key -> UiLanguage.ofTag(key).equals(wantedUi));
        }
        // 3. The same language in the other script: a Chinese reader gets Chinese before English or Japanese.
        if (found.isEmpty() && wanted != null && !wanted.getLanguage().isEmpty()) {
            String language = wanted.getLanguage();
            found = firstKey(chain, key -> true).or(() -> firstEntry(key -> primaryLanguage(key).equals(language)));
        }
        // 4. English, then a language-neutral LOM string, then whatever the author gave first.
        for (String last : List.of("en", "x-none")) {
            if (found.isEmpty()) {
                found = firstEntry(key -> key.equalsIgnoreCase(last) || primaryLanguage(key).equals(last));
            }
        }
        return found.or(() -> Optional.of(values.values().iterator().next()));
    }

    private Optional<String> firstKey(List<String> tags, Predicate<String> accepted) {
        for (String tag : tags) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(tag) && accepted.test(e.getKey())) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> firstEntry(Predicate<String> accepted) {
        return values.entrySet().stream().filter(e -> accepted.test(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static String primaryLanguage(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    /** RFC 4647 section 3.4 truncation: zh-Hant-TW, zh-Hant, zh. */
    static List<String> fallbackChain(Locale wanted) {
        List<String> chain = new ArrayList<>();
        if (wanted == null) {
            return chain;
        }
        String tag = wanted.toLanguageTag();
        while (!tag.isEmpty() && !tag.equals("und")) {
            chain.add(tag);
            int cut = tag.lastIndexOf('-');
            if (cut < 0) {
                break;
            }
            tag = tag.substring(0, cut);
            // RFC 4647 3.4: a single-letter subtag (extension/private use singleton) is dropped with what follows it.
            if (tag.length() >= 2 && tag.charAt(tag.length() - 2) == '-') {
                tag = tag.substring(0, tag.length() - 2);
            }
        }
        return chain;
    }
}
