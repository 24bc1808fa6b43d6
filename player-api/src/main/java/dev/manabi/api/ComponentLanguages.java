package dev.manabi.api;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Says which languages a module's course components are written in, so a multilingual component (a quiz with its
 * title in five languages, a video book with subtitles) counts among the languages a course offers (README
 * "Languages": the browser's languages are tried <em>among those the course offers</em>).
 *
 * <p>Discovered as CDI beans (any normal scope, default qualifier), one per component {@link #kind()}; the SDK's quiz
 * engine and video books contribute theirs. A component with a language of its own (a language variant) needs no
 * answer: its language is already known.
 *
 * <p>Implementations are asked for many components at once (the course list asks once per kind for every course a
 * learner sees) and must answer cheaply: definitions are immutable per version, so cache them.
 */
public interface ComponentLanguages {

    /** The component kind answered for, e.g. {@code quiz} or {@code book}. */
    String kind();

    /**
     * @param refs component refs of this kind
     * @return the BCP 47 tags each ref is written in, as its author wrote them; refs that no longer exist are absent
     */
    Map<String, Set<String>> languagesOf(Collection<String> refs);
}
