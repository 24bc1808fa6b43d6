package dev.manabi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageNegotiatorTest {

    private final LanguageNegotiator negotiator = new LanguageNegotiator(UiLanguage.EN);

    @Test
    void explicitChoiceBeatsEverything() {
        var in = new LanguageNegotiator.Inputs("ko", Locale.JAPANESE, "zh", "en-US");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.KO);
    }

    @Test
    void hostLocaleBeatsCourseDefaultAndBrowser() {
        assertThat(negotiator.negotiate(new LanguageNegotiator.Inputs(null, Locale.JAPAN, "en", "ko")))
                .isEqualTo(UiLanguage.JA);
    }

    @Test
    void courseDefaultBeatsBrowser() {
        assertThat(negotiator.negotiate(new LanguageNegotiator.Inputs(null, null, "zh-Hant", "ko")))
                .isEqualTo(UiLanguage.ZH_HANT);
    }

    @Test
    void unsupportedValuesAreSkippedNotFatal() {
        var in = new LanguageNegotiator.Inputs("fr", Locale.GERMAN, "!!", "de-DE, ko;q=0.5");
        assertThat(negotiator.negotiate(in)).isEqualTo(UiLanguage.KO);
    }

    @Test
    void fallsBackToConfiguredDefault() {
        assertThat(new LanguageNegotiator(UiLanguage.JA).negotiate(new LanguageNegotiator.Inputs(null, null, null, "fr")))
                .isEqualTo(UiLanguage.JA);
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
