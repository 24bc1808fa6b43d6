package dev.manabi.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the player's own user interface is written in.
 *
 * <p>Chinese comes in two scripts because learners in the PRC and Singapore read Simplified and learners in Taiwan
 * and Hong Kong read Traditional; {@code zh} alone means Simplified, the larger audience (see {@link #of(Locale)}).
 */
public enum UiLanguage {
    JA("ja"),
    EN("en"),
    ZH_HANS("zh-Hans"),
    ZH_HANT("zh-Hant"),
    KO("ko");

    private final String tag;

    UiLanguage(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag, as used in HTML {@code lang} attributes and bundle file names. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    public static List<UiLanguage> all() {
        return List.of(values());
    }

    /** The tags of all languages, in declaration order: the priority list RFC 4647 lookup matches against. */
    public static List<String> tags() {
        return Arrays.stream(values()).map(UiLanguage::tag).toList();
    }

    /**
     * Maps any locale to the UI language that serves it, or empty when none does. Chinese is split by script, and
     * where no script is given, by region (TW, HK and MO write Traditional); the mapping is data of
     * {@link LanguageRule} ({@code language-rule.json}), shared with the browser.
     */
    public static Optional<UiLanguage> of(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        return LanguageRule.get().uiTagOf(locale).map(tag -> {
            for (UiLanguage l : values()) {
                if (l.tag.equals(tag)) {
                    return l;
                }
            }
            throw new IllegalStateException("language-rule.json names " + tag + ", which has no UiLanguage");
        });
    }

    public static Optional<UiLanguage> ofTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        return of(Locale.forLanguageTag(tag.trim().replace('_', '-')));
    }
}
