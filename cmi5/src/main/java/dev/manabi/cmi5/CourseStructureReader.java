package dev.manabi.cmi5;

import dev.manabi.api.Problem;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.cmi5.CourseStructure.Block;
import dev.manabi.cmi5.CourseStructure.LaunchMethod;
import dev.manabi.cmi5.CourseStructure.MoveOn;
import dev.manabi.cmi5.CourseStructure.Node;
import dev.manabi.cmi5.CourseStructure.Objective;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;


/**
 * Reads a parsed {@code cmi5.xml} into a {@link CourseStructure} and checks every import rule of cmi5 Quartz
 * sections 13 and 14. Each finding is a {@link Problem} with a stable {@code cmi5-*} code and an XPath-like
 * location; the reader never throws for bad content. Errors refuse the import (422), warnings are kept with it.
 */
public final class CourseStructureReader {

    /** Launch parameter names the LMS adds (8.1): an AU url's own query "MUST NOT collide" with them. */
    static final Set<String> LAUNCH_PARAMETERS = Set.of("endpoint", "fetch", "actor", "registration", "activityId");

    /** RFC 3987 IRI, checked as far as an import needs: a scheme, then no spaces or characters IRIs exclude. */
    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    private final Set<String> files;
    private final boolean bare;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> idsSeen = new HashMap<>();
    private final Map<String, String> objectiveRefs = new LinkedHashMap<>();
    private int auCount;

    /** What the reader found: the structure (null when the file is not a course structure at all) and problems. */
    public record Reading(CourseStructure structure, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        }
    }

    private CourseStructureReader(Set<String> files, boolean bare) {
        this.files = files;
        this.bare = bare;
    }

    /**
     * @param files the package's files relative to its root (relative AU urls must name one of them)
     * @param bare  the file came without a package (14.2): every AU url must then be absolute
     */
    public static Reading read(Document doc, Set<String> files, boolean bare) {
        return new CourseStructureReader(files, bare).read(doc.getDocumentElement());
    }

    private Reading read(Element root) {
        if (!"courseStructure".equals(root.getLocalName())) {
            error("cmi5-root", "The root element of cmi5.xml is <" + root.getTagName() + ">; it must be"
                    + " <courseStructure> (cmi5 section 13.2).", "/" + root.getTagName());
            return new Reading(null, problems);
        }
        if (!CourseStructure.NAMESPACE.equals(root.getNamespaceURI())) {
            warning("cmi5-namespace", "<courseStructure> is not in the cmi5 namespace " + CourseStructure.NAMESPACE
                    + "; it was read as if it were.", "/courseStructure");
        }
        List<Element> courses = children(root, "course");
        if (courses.size() != 1) {
            error("cmi5-course-count", "cmi5.xml must have exactly one <course> element (13.2); it has "
                    + courses.size() + ".", "/courseStructure");
            return new Reading(null, problems);
        }
        Element courseElement = courses.get(0);
        String courseLocation = "/courseStructure/course";
        CourseStructure.Course course = new CourseStructure.Course(id(courseElement, courseLocation),
                langstrings(courseElement, "title", courseLocation, true),
                langstrings(courseElement, "description", courseLocation, true));
        List<Objective> objectives = new ArrayList<>();
        Element objectivesElement = first(root, "objectives");
        if (objectivesElement != null) {
            List<Element> list = children(objectivesElement, "objective");
            for (int i = 0; i < list.size(); i++) {
                String location = "/courseStructure/objectives/objective[" + (i + 1) + "]";
                objectives.add(new Objective(id(list.get(i), location), langstrings(list.get(i), "title", location,
                        true), langstrings(list.get(i), "description", location, true)));
            }
        }
        List<Node> children = nodes(root, "/courseStructure");
        if (auCount == 0) {
            error("cmi5-au-missing", "cmi5.xml defines no assignable unit (<au>); a course needs at least one"
                    + " (13.1).", "/courseStructure");
        }
        Set<String> objectiveIds = new java.util.HashSet<>();
        objectives.forEach(o -> objectiveIds.add(o.id()));
        objectiveRefs.forEach((ref, location) -> {
            if (!objectiveIds.contains(ref)) {
                error("cmi5-objective-unknown", "The objective reference '" + ref + "' names no objective of"
                        + " /courseStructure/objectives (13.1.3).", location);
            }
        });
        return new Reading(new CourseStructure(course, objectives, children), problems);
    }

    /** The blocks and AUs directly inside {@code parent}, in document order. */
    private List<Node> nodes(Element parent, String parentLocation) {
        List<Node> out = new ArrayList<>();
        int blocks = 0;
        int aus = 0;
        for (Element e : elements(parent)) {
            if ("block".equals(e.getLocalName()) && cmi5(e)) {
                out.add(block(e, parentLocation + "/block[" + (++blocks) + "]"));
            } else if ("au".equals(e.getLocalName()) && cmi5(e)) {
                out.add(au(e, parentLocation + "/au[" + (++aus) + "]"));
            }
        }
        return out;
    }

    /** 13.1.2 Block metadata. */
    private Block block(Element e, String location) {
        String id = id(e, location);
        Block block = new Block(id, langstrings(e, "title", location, true),
                langstrings(e, "description", location, true), objectiveReferences(e, location),
                nodes(e, location));
        if (block.children().isEmpty()) {
            error("cmi5-block-empty", "The block '" + id + "' contains no AU and no block; a block consists of"
                    + " one or more AUs (13.1.2).", location);
        }
        return block;
    }

    /** 13.1.4 AU metadata. */
    private Au au(Element e, String location) {
        int index = auCount++;
        String id = id(e, location);
        String url = text(first(e, "url"));
        checkUrl(url, location + "/url");
        LaunchMethod launchMethod = choice(e, "launchMethod", LaunchMethod.class, LaunchMethod.AnyWindow,
                "cmi5-launch-method-invalid", location);
        MoveOn moveOn = choice(e, "moveOn", MoveOn.class, MoveOn.NotApplicable, "cmi5-move-on-invalid", location);
        BigDecimal masteryScore = masteryScore(e.hasAttribute("masteryScore") ? e.getAttribute("masteryScore").strip()
                : null, location + "/@masteryScore");
        String activityType = e.hasAttribute("activityType") ? e.getAttribute("activityType").strip() : null;
        if (activityType != null && !IRI.matcher(activityType).matches()) {
            error("cmi5-activity-type-not-iri", "activityType '" + activityType + "' is not an absolute IRI"
                    + " (13.1.4).", location + "/@activityType");
        }
        return new Au(index, id, langstrings(e, "title", location, true), langstrings(e, "description", location,
                true), objectiveReferences(e, location), url, launchMethod, moveOn, masteryScore,
                text(first(e, "launchParameters")), text(first(e, "entitlementKey")), activityType);
    }

    /** A required IRI {@code id} attribute, unique among course, blocks, AUs and objectives (13.2 XSD keys). */
    private String id(Element e, String location) {
        String id = e.hasAttribute("id") ? e.getAttribute("id").strip() : "";
        if (id.isEmpty()) {
            error("cmi5-id-missing", "<" + e.getLocalName() + "> has no id; every course, block, AU and objective"
                    + " needs a globally unique IRI (13.1).", location);
            return null;
        }
        if (!IRI.matcher(id).matches()) {
            error("cmi5-id-not-iri", "The id '" + id + "' is not an absolute IRI (13.1, section 3: IRIs MUST be"
                    + " fully qualified).", location + "/@id");
        }
        String earlier = idsSeen.putIfAbsent(id, location);
        if (earlier != null) {
            error("cmi5-id-duplicate", "The id '" + id + "' is also used at " + earlier + "; ids must be unique"
                    + " (13.1).", location + "/@id");
        }
        return id;
    }

    /** A langstring element ({@code title}, {@code description}): language tag to trimmed text. */
    private Map<String, String> langstrings(Element parent, String name, String location, boolean required) {
        Map<String, String> out = new LinkedHashMap<>();
        Element holder = first(parent, name);
        if (holder != null) {
            List<Element> list = children(holder, "langstring");
            for (int i = 0; i < list.size(); i++) {
                Element l = list.get(i);
                String lang = l.hasAttribute("lang") ? l.getAttribute("lang").strip() : "";
                String text = text(l);
                String where = location + "/" + name + "/langstring[" + (i + 1) + "]";
                if (!lang.isEmpty() && !LANGUAGE_TAG.matcher(lang).matches()) {
                    error("cmi5-lang-invalid", "lang '" + lang + "' is not an RFC 5646 language tag.", where);
                } else if (text != null && out.putIfAbsent(lang.isEmpty() ? "und" : lang, text) != null) {
                    warning("cmi5-lang-duplicate", "A second <langstring> in '" + lang + "' was ignored.", where);
                }
            }
        }
        if (out.isEmpty() && required) {
            error("cmi5-" + name + "-missing", "<" + parent.getLocalName() + "> has no <" + name + "> with a"
                    + " <langstring>; it is required (13.1).", location + "/" + name);
        }
        return out;
    }

    /** {@code <objectives><objective idref="..."/></objectives>} inside a block or AU (13.1.2, 13.1.4). */
    private List<String> objectiveReferences(Element e, String location) {
        Element holder = first(e, "objectives");
        if (holder == null) {
            return List.of();
        }
        List<String> refs = new ArrayList<>();
        List<Element> list = children(holder, "objective");
        for (int i = 0; i < list.size(); i++) {
            String ref = list.get(i).getAttribute("idref").strip();
            String where = location + "/objectives/objective[" + (i + 1) + "]";
            if (ref.isEmpty()) {
                error("cmi5-objective-idref-missing", "An objective reference has no idref (13.1.3).", where);
            } else {
                refs.add(ref);
                objectiveRefs.putIfAbsent(ref, where);
            }
        }
        return refs;
    }

    /**
     * 13.1.4 url: required; relative to the package root, naming one of its files; or absolute (http/https).
     * Without a package (14.2) it must be absolute. Its own query must not use the launch parameter names (8.1).
     */
    private void checkUrl(String url, String location) {
        if (url == null) {
            error("cmi5-url-missing", "The AU has no <url>; it is required (13.1.4).", location);
            return;
        }
        String scheme = url.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*") ? url.substring(0, url.indexOf(':')) : null;
        if (scheme != null) {
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                error("cmi5-url-scheme", "The AU url '" + url + "' uses the scheme '" + scheme + "'; a browser"
                        + " launch needs http or https (8.1).", location);
            } else if (url.chars().anyMatch(Character::isWhitespace)) {
                error("cmi5-url-invalid", "The AU url '" + url + "' contains spaces.", location);
            }
        } else if (bare) {
            error("cmi5-url-relative-without-package", "The AU url '" + url + "' is relative, but cmi5.xml came"
                    + " without a package: AUs hosted elsewhere need absolute urls (14.2). Upload the zip instead.",
                    location);
        } else {
            checkPackageFile(url, location);
        }
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("[&#]")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (LAUNCH_PARAMETERS.contains(name)) {
                    error("cmi5-url-reserved-parameter", "The AU url's query uses '" + name + "', a launch"
                            + " parameter the LMS adds (8.1); rename it.", location);
                }
            }
        }
    }

    /** A relative url names a file of the package, without leaving it. */
    private void checkPackageFile(String url, String location) {
        String path = url.split("[?#]", 2)[0];
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            error("cmi5-url-invalid", "The AU url '" + url + "' has a broken %-escape.", location);
            return;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : decoded.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    error("cmi5-url-outside-package", "The AU url '" + url + "' points outside the package.",
                            location);
                    return;
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        String file = String.join("/", parts);
        if (decoded.startsWith("/") || !files.contains(file)) {
            error("cmi5-url-file-missing", "The AU url '" + url + "' names no file of the package (13.1.4: a"
                    + " relative url is relative to the package root).", location);
        }
    }

    private <E extends Enum<E>> E choice(Element e, String attribute, Class<E> type, E absent, String code,
                                         String location) {
        if (!e.hasAttribute(attribute)) {
            return absent;
        }
        String value = e.getAttribute(attribute).strip();
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(value)) {
                return c;
            }
        }
        error(code, attribute + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())
                + " (13.1.4).", location + "/@" + attribute);
        return absent;
    }

    /** 13.1.4 masteryScore: a decimal from 0 to 1 inclusive (10.0: up to 4 decimal places). */
    private BigDecimal masteryScore(String value, String location) {
        if (value == null) {
            return null;
        }
        BigDecimal score;
        try {
            score = new BigDecimal(value);
        } catch (NumberFormatException e) {
            error("cmi5-mastery-score-invalid", "masteryScore '" + value + "' is not a decimal number (13.1.4).",
                    location);
            return null;
        }
        if (score.signum() < 0 || score.compareTo(BigDecimal.ONE) > 0) {
            error("cmi5-mastery-score-range", "masteryScore " + value + " is outside 0 to 1 (13.1.4).", location);
            return null;
        }
        if (score.stripTrailingZeros().scale() > 4) {
            warning("cmi5-mastery-score-precision", "masteryScore " + value + " has more than 4 decimal places;"
                    + " AUs compare with up to 4 (section 10).", location);
        }
        return score;
    }

    // ---------------------------------------------------------------- XML helpers

    private static boolean cmi5(Element e) {
        return e.getNamespaceURI() == null || CourseStructure.NAMESPACE.equals(e.getNamespaceURI());
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The cmi5-namespace children named {@code name}; vendor extensions in other namespaces (13.1.5) are skipped. */
    private static List<Element> children(Element parent, String name) {
        return elements(parent).stream().filter(e -> name.equals(e.getLocalName()) && cmi5(e)).toList();
    }

    private static Element first(Element parent, String name) {
        List<Element> list = children(parent, name);
        return list.isEmpty() ? null : list.get(0);
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }

    private void error(String code, String message, String location) {
        problems.add(Problem.error(code, message, location));
    }

    private void warning(String code, String message, String location) {
        problems.add(Problem.warning(code, message, location));
    }
}
