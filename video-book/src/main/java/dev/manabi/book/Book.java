package dev.manabi.book;

import dev.manabi.i18n.LocalizedText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A book of narrated video topics, played in order. Immutable; created by {@link BookImport} from a definition
 * ({@code book.json}, see the module README and {@code META-INF/manabi/schema/book-1.schema.json}).
 *
 * @param id              server-assigned id, the {@code ref} of the course component of kind {@code book}
 * @param key             the author's optional stable name, unique within the owning institution (may be null)
 * @param ownerTenantId   the institution that imported it
 * @param title           title per language
 * @param description     description per language (may be empty)
 * @param defaultLanguage the language the book was written in (may be null)
 * @param completionShare the share of each topic a learner must have watched for it to complete, or null for the
 *                        installation's default ({@code manabi.book.completion-share})
 * @param topics          the topics in playing order; never empty
 */
public record Book(String id, String key, String ownerTenantId, LocalizedText title, LocalizedText description,
                   String defaultLanguage, Double completionShare, List<Topic> topics) {

    public Book {
        Objects.requireNonNull(id, "id");
        topics = List.copyOf(topics);
    }

    public Optional<Topic> topic(String topicId) {
        return topics.stream().filter(t -> t.id().equals(topicId)).findFirst();
    }

    /** Every file the book plays (videos and subtitles), relative to its store directory; nothing else is served. */
    public Set<String> files() {
        Set<String> files = new LinkedHashSet<>();
        for (Topic topic : topics) {
            files.add(topic.video().file());
            topic.subtitles().forEach(s -> files.add(s.file()));
        }
        return files;
    }

    /** This book's share if it sets one, else {@code installationDefault}. */
    public double completionShareOr(double installationDefault) {
        return completionShare != null ? completionShare : installationDefault;
    }
}
