package dev.manabi.rules;

import dev.manabi.core.Course;
import dev.manabi.rules.spi.RulesCourse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a progress fact named in rules ({@code pass.parts}, a {@code fact} condition) can ever be recorded in a
 * course, checked when the rules are saved (README "Rules JSON"): a typo would otherwise be accepted and the unit or
 * course never judged. Only kinds whose refs are known to name the course's components are checked; facts of other
 * kinds (added by modules later, refs of their own making) are taken as given.
 */
final class CourseParts {

    /**
     * Fact kinds whose ref is a component's ref: the SDK's content modules record their whole-package fact under their
     * component's kind ({@code scorm}, {@code cmi5}, {@code tincan}: the package line; {@code book}; {@code quiz}).
     */
    static final Set<String> WHOLE_COMPONENT_KINDS = Set.of("scorm", "cmi5", "tincan", "book", "quiz");

    /**
     * Fact kinds of a part of a component, with that component's kind: refs are {@code <component ref>/<part>} (a SCO
     * of a SCORM line, a video topic of a book, an AU or block of a cmi5 line; a long part id is hashed after the
     * slash, so only the component is checked).
     */
    static final Map<String, String> PART_KINDS = Map.of("sco", "scorm", "video-topic", "book", "cmi5-au", "cmi5",
            "cmi5-au-satisfied", "cmi5", "cmi5-block", "cmi5");

    private CourseParts() {
    }

    /** What is wrong with naming fact {@code kind}/{@code ref} in the course, or empty when it can be recorded. */
    static Optional<String> problem(RulesCourse course, String kind, String ref) {
        if (WHOLE_COMPONENT_KINDS.contains(kind) || !course.refs(kind).isEmpty()) {
            return refs(course, kind).contains(ref) ? Optional.empty()
                    : Optional.of("'" + ref + "' is not a " + kind + " component of this course; its " + kind
                    + " components: " + refs(course, kind));
        }
        String component = PART_KINDS.get(kind);
        if (component != null) {
            int slash = ref.indexOf('/');
            String owner = slash < 0 ? ref : ref.substring(0, slash);
            return slash > 0 && refs(course, component).contains(owner) ? Optional.empty()
                    : Optional.of("'" + ref + "' must be <" + component + " component>/<" + kind + " id> with a "
                    + component + " component of this course: " + refs(course, component));
        }
        return Optional.empty();
    }

    private static List<String> refs(RulesCourse course, String kind) {
        return course.refs(kind);
    }

    /** The SPI's view of {@code course} ({@link RulesCourse}): its id and components. */
    static RulesCourse view(Course course) {
        return new RulesCourse(course.id(), course.components().stream()
                .map(c -> new RulesCourse.Part(c.kind(), c.ref())).toList());
    }
}
