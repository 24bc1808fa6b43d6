package dev.manabi.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every UI key exists, is non-empty and is really translated in all four languages. */
class UiBundleCompletenessTest {

    @Test
    void bundlesAreComplete() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
    }

    @Test
    void checkCatchesMissingAndUntranslatedKeys() throws Exception {
        UiMessages messages = loadedFrom("/broken-bundles/");
        assertThat(UiBundleCheck.problems(messages)).containsExactlyInAnyOrder(
                "ko: missing only.en",
                "ja: untranslated greeting = Hello {0}",
                "zh-Hans: placeholders of greeting differ from English",
                "zh-Hant: untranslated only.en = Only English",
                "zh-Hant: untranslated greeting = Hi {0}",
                "ja: untranslated only.en = Only English",
                "zh-Hans: untranslated only.en = Only English");
    }

    @Test
    void aKeyDefinedTwiceInOneFileIsRefused() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loadedFrom("/twice-bundles/"))
                .rootCause().hasMessageStartingWith("UI key 'greeting' is defined twice in ")
                .hasMessageEndingWith("/twice-bundles/META-INF/manabi/ui_ja.properties");
    }

    /** The bundles under one test resource folder only (nothing else on that class path). */
    private UiMessages loadedFrom(String folder) throws Exception {
        var ctor = UiMessages.class.getDeclaredConstructor(ClassLoader.class);
        ctor.setAccessible(true);
        return ctor.newInstance(new java.net.URLClassLoader(new java.net.URL[] {getClass().getResource(folder)}, null));
    }

    @Test
    void checkCatchesTheOtherChineseScriptAndJapaneseKana() {
        assertThat(UiBundleCheck.wrongScript(UiLanguage.ZH_HANT, "请选择课程")).contains("Simplified character '请'");
        assertThat(UiBundleCheck.wrongScript(UiLanguage.ZH_HANS, "請選擇課程")).contains("Traditional character '請'");
        assertThat(UiBundleCheck.wrongScript(UiLanguage.ZH_HANS, "コースを选择")).contains("Japanese kana 'コ'");
        assertThat(UiBundleCheck.wrongScript(UiLanguage.ZH_HANT, "請選擇課程")).isEmpty();
        assertThat(UiBundleCheck.wrongScript(UiLanguage.ZH_HANS, "请选择课程")).isEmpty();
        assertThat(UiBundleCheck.wrongScript(UiLanguage.JA, "会話を開始")).isEmpty();
    }

    @Test
    void formatsArguments() {
        assertThat(UiMessages.get().text(UiLanguage.JA, "player.signedInAs", "アリス", "A大学"))
                .isEqualTo("アリス（A大学）でログイン中");
        assertThat(Map.copyOf(UiMessages.get().bundle(UiLanguage.KO))).containsKey("player.exit");
    }
}
