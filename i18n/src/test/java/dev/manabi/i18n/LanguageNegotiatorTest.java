package dev.manabi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageNegotiatorTest {

    private final LanguageNegotiator negotiator = new LanguageNegotiator(UiLanguage.EN);

    private static final Set<String> ALL_FIVE = Set.of("ja", "en", "zh-Hans", "zh-Hant", "ko");

    @Test
    void explicitChoiceBeatsEverything() {
        var in = new LanguageNegotiator.Inputs("ko", Locale.JAPANESE, "en-US", ALL_FIVE, "zh");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.KO);
    }

    @Test
    void hostLocaleBeatsBrowserAndCourseDefault() {
        assertThat(negotiator.negotiate(new LanguageNegotiator.Inputs(null, Locale.JAPAN, "ko", ALL_FIVE, "en")))
                .isEqualTo(UiLanguage.JA);
    }

    /** Issue 16: a Korean or Taiwanese reader of the four-language demo course (default ja) gets their language. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ko-KR,ko;q=0.9,en-US;q=0.8 | ko",
        "zh-TW,zh;q=0.9             | zh-Hant",
        "zh-CN,zh;q=0.9             | zh-Hans",
        "en-US,en;q=0.9             | en",
        "ja-JP                      | ja",
        "fr-FR                      | ja",
    })
    void browserLanguageBeatsCourseDefaultWhenTheCourseOffersIt(String header, String expected) {
        var in = new LanguageNegotiator.Inputs(null, null, header, ALL_FIVE, "ja");
        assertThat(negotiator.negotiate(in).tag()).isEqualTo(expected);
    }

    @Test
    void browserLanguagesTheCourseDoesNotOfferArePassedOver() {
        // ko first, then en: the course offers ja and en, so en, not the course default ja and not ko.
        var in = new LanguageNegotiator.Inputs(null, null, "ko-KR, en;q=0.5", Set.of("ja", "en"), "ja");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.EN);
    }

    @Test
    void aJapaneseOnlyCourseOpensInJapaneseForAKoreanBrowser() {
        var in = new LanguageNegotiator.Inputs(null, null, "ko-KR,ko;q=0.9", Set.of("ja"), "ja");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.JA);
    }

    @Test
    void aJapaneseOnlyCourseKeepsKoreanChromeWhenTheHostSaysKorean() {
        var in = new LanguageNegotiator.Inputs(null, Locale.KOREA, "ko-KR", Set.of("ja"), "ja");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.KO);
    }

    @Test
    void offeredTagsCountInAnySpelling() {
        var in = new LanguageNegotiator.Inputs(null, null, "zh-HK", Set.of("zh-TW", "ja"), "ja");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.ZH_HANT);
        var simplifiedOnly = new LanguageNegotiator.Inputs(null, null, "zh-TW", Set.of("zh-CN", "ja"), "ja");
        assertThat(negotiator.negotiate(simplifiedOnly)).isEqualTo(UiLanguage.JA);
    }

    @Test
    void outsideACourseEveryUiLanguageCounts() {
        assertThat(negotiator.negotiate(LanguageNegotiator.Inputs.outsideCourse(null, null, "ko-KR")))
                .isEqualTo(UiLanguage.KO);
    }

    @Test
    void unsupportedValuesAreSkippedNotFatal() {
        var in = new LanguageNegotiator.Inputs("fr", Locale.GERMAN, "de-DE, ko;q=0.5", Set.of("ko", "!!"), "!!");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.KO);
    }

    @Test
    void fallsBackToConfiguredDefault() {
        assertThat(new LanguageNegotiator(UiLanguage.JA).negotiate(LanguageNegotiator.Inputs.outsideCourse(null, null, "fr")))
                .isEqualTo(UiLanguage.JA);
    }

    @Test
    void theRuleFileListsTheDocumentedSteps() {
        assertThat(LanguageRule.get().steps()).containsExactly(LanguageRule.Step.EXPLICIT_CHOICE,
                LanguageRule.Step.HOST_LOCALE, LanguageRule.Step.BROWSER_AMONG_OFFERED, LanguageRule.Step.COURSE_DEFAULT,
                LanguageRule.Step.CONFIGURED_DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-TW | zh-Hant", "zh-HK | zh-Hant", "zh-MO | zh-Hant", "zh-CN | zh-Hans", "zh-SG | zh-Hans",
        "zh | zh-Hans", "zh-Hant | zh-Hant", "zh-Hans-TW | zh-Hans", "ko-KR | ko", "ja-JP | ja", "en-US | en",
    })
    void localesMapToUiLanguages(String tag, String expected) {
        assertThat(UiLanguage.ofTag(tag)).map(UiLanguage::tag).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zh-TW,zh;q=0.8       | zh-Hant",
        "zh-HK                | zh-Hant",
        "zh-CN                | zh-Hans",
        "zh                   | zh-Hans",
        "zh-Hant-CN           | zh-Hant",
        "fr-FR, ja;q=0.3, en;q=0.2 | ja",
        "en-GB;q=0.1, ko      | ko",
    })
    void acceptLanguageLookup(String header, String expected) {
        assertThat(LanguageNegotiator.fromAcceptLanguage(header)).map(UiLanguage::tag).contains(expected);
    }

    @Test
    void malformedAcceptLanguageIsIgnored() {
        assertThat(LanguageNegotiator.fromAcceptLanguage("ja;q=abc")).isEmpty();
        assertThat(LanguageNegotiator.fromAcceptLanguage("*")).isEmpty();
    }

    @Test
    void oneMalformedEntryKeepsTheOthersInWeightOrder() {
        assertThat(LanguageNegotiator.fromAcceptLanguage("ja, en;q=x")).map(UiLanguage::tag).contains("ja");
        assertThat(LanguageNegotiator.fromAcceptLanguage("en;q=0.2, fr;q=oops, ko;q=0.9")).map(UiLanguage::tag)
                .contains("ko");
    }
}
