package dev.manabi.tincan;

import dev.manabi.api.Problem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a parsed {@code tincan.xml} (the package importer parses it: no DOCTYPE, depth-limited) into a
 * {@link TincanPackage} and checks the import rules, each a {@link Problem} with a stable {@code tincan-*} code and
 * an XPath-like location. The reader never throws for bad content.
 *
 * <p>The rules follow Rustici's "Incorporating a TinCan LRS into an LMS" (github.com/RusticiSoftware/launch,
 * {@code lms_lrs.md}): tincan.xml must name the root activity with a launch link, relative links are relative to
 * the package root; activity ids are IRIs (xAPI Data 2.4.4.1); the launch link's own query must not use the launch
 * parameters the LMS adds (section "Launch").
 */
public final class TincanXmlReader {

    /** The namespace of the tincan.xml schema. */
    public static final String NAMESPACE = "http://projecttincan.com/tincan.xsd";

    /** The launch parameters the LMS adds (guide, "Launch"): a launch link's own query must leave them alone. */
    static final Set<String> LAUNCH_PARAMETERS = Set.of("endpoint", "auth", "actor", "registration", "activity_id");

    /** RFC 3987 IRI, as far as an import can tell: a scheme, then none of the characters IRIs exclude. */
    private static final Pattern IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern SCHEME = Pattern.compile("(?s)([A-Za-z][A-Za-z0-9+.-]*):.*");

    private final Set<String> files;
    private final boolean bare;
    private final List<Problem> problems = new ArrayList<>();

    /** The package (null when there is nothing launchable) and every finding. */
    public record Reading(TincanPackage tincan, List<Problem> problems) {
        public Reading {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        }
    }

    private TincanXmlReader(Set<String> files, boolean bare) {
        this.files = files;
        this.bare = bare;
    }

    /**
     * Reads {@code document}.
     *
     * @param files the package's files, relative to its root
     * @param bare  true when tincan.xml came without content (then launch links must be absolute)
     */
    public static Reading read(Document document, Set<String> files, boolean bare) {
        TincanXmlReader reader = new TincanXmlReader(files, bare);
        TincanPackage tincan = reader.read(document.getDocumentElement());
        return new Reading(reader.problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR) ? null
                : tincan, reader.problems);
    }

    private TincanPackage read(Element root) {
        if (!"tincan".equals(root.getLocalName())) {
            error("tincan-root", "The root element of tincan.xml is <" + root.getTagName() + ">; it must be"
                    + " <tincan>.", "/" + root.getTagName());
            return null;
        }
        if (!NAMESPACE.equals(root.getNamespaceURI())) {
            warning("tincan-namespace", "<tincan> is not in the namespace " + NAMESPACE + "; read anyway.",
                    "/tincan");
        }
        List<TincanPackage.Activity> activities = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        int index = 0;
        for (Element group : children(root, "activities")) {
            for (Element e : children(group, "activity")) {
                index++;
                String location = "/tincan/activities/activity[" + index + "]";
                TincanPackage.Activity activity = activity(e, location, seen);
                if (activity != null) {
                    activities.add(activity);
                }
            }
        }
        if (index == 0) {
            error("tincan-activity-missing", "tincan.xml defines no <activity>; it must define at least the root"
                    + " activity with its launch link.", "/tincan/activities");
            return null;
        }
        int rootIndex = rootIndex(activities);
        if (rootIndex < 0) {
            error("tincan-launch-missing", "No activity of tincan.xml has a <launch> link, so there is nothing to"
                    + " launch. The root activity (usually of type " + TincanPackage.COURSE_TYPE + ") needs one.",
                    "/tincan/activities");
            return null;
        }
        return new TincanPackage(activities, rootIndex);
    }

    /** The first activity with a launch link of the course type, else the first with a launch link; -1 for none. */
    private static int rootIndex(List<TincanPackage.Activity> activities) {
        int first = -1;
        for (int i = 0; i < activities.size(); i++) {
            TincanPackage.Activity a = activities.get(i);
            if (a.launch().isEmpty()) {
                continue;
            }
            if (TincanPackage.COURSE_TYPE.equals(a.type())) {
                return i;
            }
            first = first < 0 ? i : first;
        }
        return first;
    }

    private TincanPackage.Activity activity(Element e, String location, Map<String, String> seen) {
        String id = e.hasAttribute("id") ? e.getAttribute("id").strip() : "";
        boolean usable = true;
        if (id.isEmpty()) {
            error("tincan-id-missing", "An <activity> has no id attribute; every activity needs its IRI.",
                    location);
            usable = false;
        } else if (!IRI.matcher(id).matches()) {
            error("tincan-id-not-iri", "The activity id '" + id + "' is not an absolute IRI (xAPI: activity ids are"
                    + " IRIs, e.g. https://example.com/courses/geology).", location + "/@id");
            usable = false;
        } else if (seen.putIfAbsent(id, location) != null) {
            error("tincan-id-duplicate", "The activity id '" + id + "' is also used by " + seen.get(id)
                    + "; ids must be unique.", location + "/@id");
            usable = false;
        }
        String type = e.hasAttribute("type") ? e.getAttribute("type").strip() : null;
        if (type != null && type.isEmpty()) {
            type = null;
        }
        if (type != null && !IRI.matcher(type).matches()) {
            warning("tincan-type-not-iri", "The activity type '" + type + "' is not an absolute IRI; it is"
                    + " ignored.", location + "/@type");
            type = null;
        }
        Map<String, String> names = langMap(e, "name", location);
        Map<String, String> descriptions = langMap(e, "description", location);
        Map<String, String> launch = langMap(e, "launch", location);
        int i = 0;
        for (Element l : children(e, "launch")) {
            i++;
            String href = text(l);
            if (href != null) {
                checkLaunch(href, location + "/launch[" + i + "]");
            }
        }
        return usable ? new TincanPackage.Activity(id, type, names, descriptions, launch) : null;
    }

    /** The elements {@code name} of {@code parent} as a language map ({@code und} for a blank lang). */
    private Map<String, String> langMap(Element parent, String name, String location) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (Element l : children(parent, name)) {
            i++;
            String text = text(l);
            String lang = l.hasAttribute("lang") ? l.getAttribute("lang").strip() : "";
            if (lang.isEmpty() && l.hasAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")) {
                lang = l.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang").strip();
            }
            String where = location + "/" + name + "[" + i + "]";
            if (!lang.isEmpty() && !LANGUAGE_TAG.matcher(lang).matches()) {
                warning("tincan-lang-invalid", "lang '" + lang + "' is not an RFC 5646 language tag; the text is"
                        + " kept without a language.", where + "/@lang");
                lang = "";
            }
            if (text != null && out.putIfAbsent(lang.isEmpty() ? "und" : lang, text) != null) {
                warning("tincan-lang-duplicate", "A second <" + name + "> in '" + lang + "' was ignored.", where);
            }
        }
        return out;
    }

    /**
     * A launch link: absolute http(s), or relative to the package root naming a file of the package without
     * leaving it (guide, "Packaging": relative paths are based on the package structure).
     */
    private void checkLaunch(String href, String location) {
        if (href.chars().anyMatch(Character::isWhitespace)) {
            error("tincan-launch-invalid", "The launch link '" + href + "' contains spaces; encode them as %20.",
                    location);
            return;
        }
        var scheme = SCHEME.matcher(href);
        if (scheme.matches()) {
            String name = scheme.group(1);
            if (!name.equalsIgnoreCase("http") && !name.equalsIgnoreCase("https")) {
                error("tincan-launch-scheme", "The launch link '" + href + "' uses the scheme '" + name + "'; a"
                        + " browser launch needs http or https.", location);
                return;
            }
        } else if (bare) {
            error("tincan-launch-relative-without-package", "The launch link '" + href + "' is relative, but"
                    + " tincan.xml came without its content. Upload the zip instead.", location);
            return;
        } else if (!checkPackagePath(href, location)) {
            return;
        }
        int query = href.indexOf('?');
        if (query >= 0) {
            String q = href.substring(query + 1).split("#", 2)[0];
            for (String pair : q.split("&")) {
                String parameter = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (LAUNCH_PARAMETERS.contains(parameter)) {
                    error("tincan-launch-reserved-parameter", "The launch link's query uses '" + parameter
                            + "', a launch parameter the LMS adds; rename it.", location);
                }
            }
        }
    }

    /** True when the relative link stays in the package and names one of its files. */
    private boolean checkPackagePath(String href, String location) {
        String path = href.split("[?#]", 2)[0];
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            error("tincan-launch-invalid", "The launch link '" + href + "' has a broken %-escape.", location);
            return false;
        }
        if (decoded.startsWith("/") || decoded.startsWith("\\") || decoded.contains("\\")) {
            error("tincan-launch-outside-package", "The launch link '" + href + "' is an absolute path; it must"
                    + " be relative to the package root.", location);
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (String segment : decoded.split("/", -1)) {
            switch (segment) {
                case "", "." -> { }
                case ".." -> {
                    if (kept.isEmpty()) {
                        error("tincan-launch-outside-package", "The launch link '" + href + "' leads out of the"
                                + " package.", location);
                        return false;
                    }
                    kept.remove(kept.size() - 1);
                }
                default -> kept.add(segment);
            }
        }
        if (!files.contains(String.join("/", kept))) {
            error("tincan-launch-file-missing", "The launch link '" + href + "' names no file of the package"
                    + " (relative links are relative to the folder of tincan.xml).", location);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- XML helpers

    /** Children named {@code name} in the tincan namespace or none; other namespaces are extensions. */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())
                    && (e.getNamespaceURI() == null || NAMESPACE.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
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
