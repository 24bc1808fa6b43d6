package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.ComponentLanguages;
import dev.manabi.api.CourseVisibility;
import dev.manabi.i18n.LanguageNegotiator;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.i18n.UiLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** README "Languages": multilingual components count among the languages a course offers. */
class OfferedLanguagesTest {

    /** A module answering from a fixed table and remembering how often it was asked. */
    static final class FakeModule implements ComponentLanguages {
        final String kind;
        final Map<String, Set<String>> table;
        final List<Collection<String>> asked = new ArrayList<>();

        FakeModule(String kind, Map<String, Set<String>> table) {
            this.kind = kind;
            this.table = table;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Map<String, Set<String>> languagesOf(Collection<String> refs) {
            asked.add(List.copyOf(refs));
            Map<String, Set<String>> out = new java.util.HashMap<>();
            refs.forEach(r -> {
                if (table.containsKey(r)) {
                    out.put(r, table.get(r));
                }
            });
            return out;
        }
    }

    private static Course course(String id, Map<String, String> title, Course.Component... parts) {
        return new Course(id, "a", new LocalizedText(title), "ja", CourseVisibility.TENANT, Set.of(), List.of(parts),
                "author", Instant.EPOCH);
    }

    @Test
    void aKoreanQuizMakesAJapaneseTitledCourseOpenInKoreanForAKoreanBrowser() {
        FakeModule quizzes = new FakeModule("quiz", Map.of("q1", Set.of("ja", "ko", "x-none")));
        Course course = course("c1", Map.of("ja", "情報セキュリティ"), new Course.Component("quiz", "q1", null));

        Set<String> offered = OfferedLanguages.of(List.of(course), List.of(quizzes)).get("c1");

        assertThat(offered).containsExactlyInAnyOrder("ja", "ko");
        UiLanguage language = new LanguageNegotiator(UiLanguage.EN).negotiate(
                new LanguageNegotiator.Inputs(null, null, "ko-KR,ko;q=0.9", offered, "ja"));
        assertThat(language).isEqualTo(UiLanguage.KO);
        // Without the quiz's languages the course default would have won.
        assertThat(new LanguageNegotiator(UiLanguage.EN).negotiate(new LanguageNegotiator.Inputs(null, null,
                "ko-KR,ko;q=0.9", course.offeredLanguages(), "ja"))).isEqualTo(UiLanguage.JA);
    }

    @Test
    void eachModuleIsAskedOnceForEveryCourseAndVariantsAreNotAsked() {
        FakeModule books = new FakeModule("book", Map.of("b1", Set.of("zh-Hant"), "b2", Set.of("en")));
        Course one = course("c1", Map.of("ja", "一"), new Course.Component("book", "b1", null),
                new Course.Component("scorm", "s-ko", "ko"));
        Course two = course("c2", Map.of("ja", "二"), new Course.Component("book", "b2", null),
                new Course.Component("book", "b-gone", null));

        Map<String, Set<String>> offered = OfferedLanguages.of(List.of(one, two), List.of(books));

        assertThat(books.asked).hasSize(1);
        assertThat(books.asked.get(0)).containsExactlyInAnyOrder("b1", "b2", "b-gone");
        assertThat(offered.get("c1")).containsExactlyInAnyOrder("ja", "zh-Hant", "ko");
        assertThat(offered.get("c2")).containsExactlyInAnyOrder("ja", "en");
    }
}
