package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.LocalizedText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README "Languages": a book counts among its course's offered languages in its titles' and subtitles' languages. */
class BookLanguagesTest {

    @Test
    void aJapaneseBookWithKoreanSubtitlesOffersKorean() {
        Topic topic = new Topic("one", new LocalizedText(Map.of("ja", "一")), new LocalizedText(null),
                new Topic.Video("media/one.webm", "video/webm", 20), List.of(new Subtitle("ja", "one.ja.vtt"),
                new Subtitle("ko", "one.ko.vtt")), List.of());
        Book book = new Book("b1", null, "t1", new LocalizedText(Map.of("ja", "本", "en", "Book")),
                new LocalizedText(null), "ja", null, List.of(topic));

        assertThat(BookLanguages.languages(book)).containsExactlyInAnyOrder("ja", "en", "ko");
    }

    @Test
    void aBookWithoutDefaultLanguageOffersOnlyWhatItIsWrittenIn() {
        Topic topic = new Topic("one", new LocalizedText(Map.of("zh-Hant", "一")), new LocalizedText(null),
                new Topic.Video("media/one.webm", "video/webm", 20), List.of(), List.of());
        Book book = new Book("b1", null, "t1", new LocalizedText(Map.of("zh-Hant", "書")), new LocalizedText(null),
                null, null, List.of(topic));

        assertThat(BookLanguages.languages(book)).containsExactly("zh-Hant");
    }
}
