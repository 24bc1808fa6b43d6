package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A text given in several languages (a course title, a quiz prompt, a SCORM LOM langstring).
 *
 * <p>Keys are BCP 47 tags as the author wrote them ({@code ja}, {@code en-US}, {@code zh-Hant}, or {@code x-none} for
 * LOM strings without a language). {@link #resolve(Locale)} walks a fallback chain so a learner always sees something:
 * the exact tag, its truncations (RFC 4647 lookup), the same UI language under another spelling, English, and finally
 * the first text the author gave.
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
        for (String tag : fallbackChain(wanted)) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(tag)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        Optional<UiLanguage> wantedUi = UiLanguage.of(wanted);
        if (wantedUi.isPresent()) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (UiLanguage.ofTag(e.getKey()).equals(wantedUi)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        for (String last : List.of("en", "x-none")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().equalsIgnoreCase(last) || e.getKey().toLowerCase(Locale.ROOT).startsWith(last + "-")) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.of(values.values().iterator().next());
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
