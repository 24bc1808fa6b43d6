package dev.manabi.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds UI texts that are missing, empty, left in English, written in the wrong script (including Simplified
 * characters in Traditional Chinese and the reverse, or Japanese kana in Chinese), or whose {@code {n}}
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
                } else if (!SAME_IN_ALL.matcher(key).matches()) {
                    wrongScript(language, text).ifPresent(found ->
                            problems.add(language.tag() + ": " + found + " in " + key + " = " + text));
                }
            }
        }
        return problems;
    }

    /**
     * Characters whose Simplified and Traditional forms differ, as pairs (Simplified first). A zh-Hant bundle copied
     * from zh-Hans, or the reverse, passes the "written in Han" test; these common UI characters catch it.
     */
    private static final String SCRIPT_PAIRS = "们們个個这這来來说說时時会會对對发發开開关關门門问問题題间間见見过過还還"
            + "没沒线線页頁简簡网網络絡设設记記录錄请請让讓认認证證习習视視频頻听聽读讀写寫图圖册冊码碼错錯误誤确確"
            + "择擇选選项項长長总總计計试試则則应應该該为為从從据據库庫态態载載显顯隐隱账賬户戶号號级級务務资資讯訊"
            + "边邊进進运運达達远遠连連钟鐘预預领領颜顏风風飞飛馆館验驗骗騙鱼魚龙龍导導将將尔爾内內观觀众眾点點击擊"
            + "链鏈动動画畫测測绩績师師学學课課节節单單复復数數满滿钮鈕键鍵暂暫静靜纪紀统統权權执執无無许許类類换換"
            + "区區传傳输輸档檔处處备備历歷专專业業报報闭閉启啟结結标標签簽样樣馈饋帮幫缓緩优優创創删刪编編辑輯机機"
            + "构構织織员員";
    private static final String SIMPLIFIED_ONLY;
    private static final String TRADITIONAL_ONLY;

    static {
        StringBuilder simplified = new StringBuilder();
        StringBuilder traditional = new StringBuilder();
        for (int i = 0; i + 1 < SCRIPT_PAIRS.length(); i += 2) {
            simplified.append(SCRIPT_PAIRS.charAt(i));
            traditional.append(SCRIPT_PAIRS.charAt(i + 1));
        }
        SIMPLIFIED_ONLY = simplified.toString();
        TRADITIONAL_ONLY = traditional.toString();
    }

    /** Japanese kana in a Chinese text, or one Chinese script's characters in the other's bundle. */
    static Optional<String> wrongScript(UiLanguage language, String text) {
        if (language != UiLanguage.ZH_HANS && language != UiLanguage.ZH_HANT) {
            return Optional.empty();
        }
        String foreign = language == UiLanguage.ZH_HANT ? SIMPLIFIED_ONLY : TRADITIONAL_ONLY;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                return Optional.of("Japanese kana '" + c + "'");
            }
            if (foreign.indexOf(c) >= 0) {
                return Optional.of((language == UiLanguage.ZH_HANT ? "Simplified" : "Traditional")
                        + " character '" + c + "'");
            }
        }
        return Optional.empty();
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
