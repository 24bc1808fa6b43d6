package dev.manabi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizedTextTest {

    private final LocalizedText title = new LocalizedText(new LinkedHashMap<>(Map.of(
            "ja", "情報セキュリティ", "en-US", "Information security", "zh-Hant", "資訊安全")));

    @Test
    void exactAndTruncatedTags() {
        assertThat(title.resolve(Locale.forLanguageTag("ja-JP"))).isEqualTo("情報セキュリティ");
        assertThat(title.resolve(Locale.forLanguageTag("zh-Hant-TW"))).isEqualTo("資訊安全");
    }

    @Test
    void sameUiLanguageUnderAnotherSpelling() {
        assertThat(title.resolve(Locale.forLanguageTag("zh-TW"))).isEqualTo("資訊安全");
        assertThat(title.resolve(Locale.ENGLISH)).isEqualTo("Information security");
    }

    @Test
    void fallsBackToEnglishThenFirst() {
        assertThat(title.resolve(Locale.KOREAN)).isEqualTo("Information security");
        assertThat(LocalizedText.of("ja", "のみ").resolve(Locale.KOREAN)).isEqualTo("のみ");
        assertThat(new LocalizedText(Map.of()).resolve(Locale.KOREAN)).isEmpty();
    }

    @Test
    void blankTextsAreDropped() {
        assertThat(new LocalizedText(Map.of("ja", " ", "en", "x")).values()).containsOnlyKeys("en");
    }

    @Test
    void fallbackChainDropsSingletons() {
        assertThat(LocalizedText.fallbackChain(Locale.forLanguageTag("en-US-x-lms")))
                .containsExactly("en-US-x-lms", "en-US", "en");
    }

    @Test
    void traditionalReaderDoesNotStopAtAPlainZhThatMeansSimplified() {
        LocalizedText text = new LocalizedText(ordered("zh", "简体", "zh-TW", "繁體", "en", "English"));
        assertThat(text.resolve(Locale.forLanguageTag("zh-Hant"))).isEqualTo("繁體");
        assertThat(text.resolve(Locale.forLanguageTag("zh-Hans"))).isEqualTo("简体");
        assertThat(text.resolve(Locale.forLanguageTag("zh-HK"))).isEqualTo("繁體");
    }

    @Test
    void chineseReadersGetTheOtherChineseScriptBeforeAnotherLanguage() {
        LocalizedText simplifiedOnly = new LocalizedText(ordered("ja", "日本語", "zh-Hans", "简体", "en", "English"));
        assertThat(simplifiedOnly.resolve(Locale.forLanguageTag("zh-Hant"))).isEqualTo("简体");
        LocalizedText traditionalOnly = new LocalizedText(ordered("ja", "日本語", "zh-Hant", "繁體"));
        assertThat(traditionalOnly.resolve(Locale.forLanguageTag("zh-CN"))).isEqualTo("繁體");
        assertThat(traditionalOnly.resolve(Locale.KOREAN)).isEqualTo("日本語");
    }

    private static Map<String, String> ordered(String... tagsAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < tagsAndTexts.length; i += 2) {
            map.put(tagsAndTexts[i], tagsAndTexts[i + 1]);
        }
        return map;
    }
}
