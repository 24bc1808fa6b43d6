package dev.manabi.rules.spi;

import java.util.List;

/**
 * What a {@link ConditionKind} sees of the course whose rules an editor saves: its id and the parts it is made of
 * (issue 15, review 3: the SPI's own small view, so plug-ins do not depend on the core's {@code Course} outside the
 * core's SPI package, and the core may change that class without breaking them).
 *
 * @param id    the course id
 * @param parts its components, in the course's order
 */
public record RulesCourse(String id, List<Part> parts) {

    /**
     * One component of the course.
     *
     * @param kind the component kind ({@code scorm}, {@code quiz}, {@code book}, {@code cmi5}, {@code tincan}, ...)
     * @param ref  what it refers to in its module (a package line, a quiz id, a book id)
     */
    public record Part(String kind, String ref) {
    }

    public RulesCourse {
        parts = List.copyOf(parts);
    }

    /** Whether the course has a part of {@code kind} referring to {@code ref}. */
    public boolean has(String kind, String ref) {
        return parts.stream().anyMatch(p -> p.kind().equals(kind) && p.ref().equals(ref));
    }

    /** The distinct refs of the course's parts of {@code kind}, sorted. */
    public List<String> refs(String kind) {
        return parts.stream().filter(p -> p.kind().equals(kind)).map(Part::ref).distinct().sorted().toList();
    }
}
