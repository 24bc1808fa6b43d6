package dev.manabi.cmi5;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.manabi.i18n.LocalizedText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cmi5 course structure (cmi5 Quartz section 13.1 "Course Structure Data Model") as read once at import from
 * {@code cmi5.xml} and stored as JSON: the course, its objectives, and its blocks and AUs in document order. Every
 * value is trimmed (13.1: "All leading/trailing whitespace MUST be removed by the LMS on import").
 *
 * @param course     13.1.1 course level metadata
 * @param objectives 13.1.3 the objectives blocks and AUs refer to
 * @param children   the course's blocks (13.1.2) and AUs (13.1.4), nested as in the file
 */
public record CourseStructure(Course course, List<Objective> objectives, List<Node> children) {

    /** The cmi5 course structure XML namespace (13.2). */
    public static final String NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

    public CourseStructure {
        objectives = List.copyOf(objectives);
        children = List.copyOf(children);
    }

    /** 13.1.1: {@code id} (IRI), {@code title} and {@code description} (langstrings: language tag to text). */
    public record Course(String id, Map<String, String> title, Map<String, String> description) {
    }

    /** 13.1.3: an objective with its IRI, title and description. */
    public record Objective(String id, Map<String, String> title, Map<String, String> description) {
    }

    /** A block or an AU. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Block.class, name = "block"),
                   @JsonSubTypes.Type(value = Au.class, name = "au")})
    public sealed interface Node permits Block, Au {
        String id();
    }

    /** 13.1.2: a block groups AUs and nested blocks; {@code objectives} are objective ids (13.1.3 references). */
    public record Block(String id, Map<String, String> title, Map<String, String> description,
                        List<String> objectives, List<Node> children) implements Node {
        public Block {
            objectives = List.copyOf(objectives);
            children = List.copyOf(children);
        }
    }

    /**
     * 13.1.4 AU metadata.
     *
     * @param index            the AU's position among all AUs of the course in document order, from 0: how the
     *                         launch API names an AU
     * @param id               the publisher's AU IRI (never used as the statements' activity id: 8.1 activityId)
     * @param url              as written: relative to the package root, or absolute
     * @param launchMethod     {@code AnyWindow} when absent
     * @param moveOn           {@code NotApplicable} when absent
     * @param masteryScore     0 to 1, or null
     * @param launchParameters passed through to {@code LMS.LaunchData}, or null
     * @param entitlementKey   {@code LMS.LaunchData} entitlementKey.courseStructure, or null
     * @param activityType     an IRI, or null
     */
    public record Au(int index, String id, Map<String, String> title, Map<String, String> description,
                     List<String> objectives, String url, LaunchMethod launchMethod, MoveOn moveOn,
                     BigDecimal masteryScore, String launchParameters, String entitlementKey, String activityType)
            implements Node {
        public Au {
            objectives = List.copyOf(objectives);
        }

        /** The title in the reader's language (the language rule of {@link LocalizedText}). */
        public LocalizedText localizedTitle() {
            return new LocalizedText(title);
        }
    }

    /** 13.1.4 launchMethod. */
    public enum LaunchMethod { AnyWindow, OwnWindow }

    /** 13.1.4 moveOn: what satisfies the AU. */
    public enum MoveOn { Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable }

    /** Every AU of the course in document order (their {@link Au#index()} order). */
    public List<Au> aus() {
        List<Au> out = new ArrayList<>();
        collect(children, out);
        return out;
    }

    private static void collect(List<Node> nodes, List<Au> out) {
        for (Node n : nodes) {
            if (n instanceof Au au) {
                out.add(au);
            } else if (n instanceof Block b) {
                collect(b.children(), out);
            }
        }
    }
}
