package dev.manabi.book;

import dev.manabi.api.ComponentLanguages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A video book counts among a course's offered languages in its default language, the languages of its titles and
 * its subtitle tracks (a book narrated in Japanese with Korean subtitles serves a Korean reader).
 */
@ApplicationScoped
public class BookLanguages implements ComponentLanguages {

    @Inject
    BookLibrary library;

    @Override
    public String kind() {
        return BookLibrary.KIND;
    }

    @Override
    public Map<String, Set<String>> languagesOf(Collection<String> refs) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String ref : refs) {
            library.find(ref).ifPresent(book -> out.put(ref, languages(book)));
        }
        return out;
    }

    static Set<String> languages(Book book) {
        Set<String> tags = new LinkedHashSet<>();
        if (book.defaultLanguage() != null) {
            tags.add(book.defaultLanguage());
        }
        tags.addAll(book.title().values().keySet());
        for (Topic topic : book.topics()) {
            tags.addAll(topic.title().values().keySet());
            topic.subtitles().forEach(s -> tags.add(s.language()));
        }
        return tags;
    }
}
