package dev.manabi.scorm.pkg;

import dev.manabi.api.Problem;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.SafeZip;
import dev.manabi.i18n.LocalizedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a package's manifest and checks it against the package's files.
 *
 * <p>SCORM packages have {@code imsmanifest.xml} at the root (IMS CP 1.1.4 section 2.2; SCORM 2004 CAM 3.2);
 * otherwise {@code cmi5.xml} (cmi5 section 13.1) marks a cmi5 package and {@code tincan.xml} an xAPI (Tin Can)
 * package. Every finding becomes a {@link Problem} with a manifest location; the reader never throws for bad
 * content, only {@link PackageRejected} for a manifest over the size limit.
 */
final class ManifestReader {

    static final String MANIFEST = "imsmanifest.xml";
    static final String CMI5 = "cmi5.xml";
    static final String TINCAN = "tincan.xml";

    static final String ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
    static final String ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3";
    static final String IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    static final String IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1";
    static final String IMSSS = "http://www.imsglobal.org/xsd/imsss";
    static final String ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3";
    static final String ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3";
    /** The values {@code adlnav:hideLMSUI} may take (SCORM 2004 CAM 5.2.1.1). */
    static final java.util.Set<String> HIDE_LMS_UI = java.util.Set.of("previous", "continue", "exit", "exitAll",
            "abandon", "abandonAll", "suspendAll");

    private final Path root;
    private final Set<String> files;
    private final Map<String, String> filesFolded = new HashMap<>();
    private final ImportLimits limits;
    private final List<PackageFormat> formats;
    private final boolean bare;
    private final List<Problem> problems = new ArrayList<>();

    private ManifestReader(Path root, Set<String> files, ImportLimits limits, List<PackageFormat> formats,
                           boolean bare) {
        this.root = root;
        this.files = files;
        this.limits = limits;
        this.formats = List.copyOf(formats);
        this.bare = bare;
        files.forEach(f -> filesFolded.putIfAbsent(SafeZip.fold(f), f));
    }

    /** Reads whichever manifest the unpacked package at {@code root} has; {@code files} lists its files. */
    static Manifest read(Path root, Set<String> files, ImportLimits limits) throws IOException {
        return read(root, files, limits, List.of(), false);
    }

    /**
     * Like {@link #read(Path, Set, ImportLimits)}, letting a {@link PackageFormat} of another module read the
     * structure file it names (e.g. the cmi5 module for {@code cmi5.xml}); {@code bare} when that file was uploaded
     * alone (cmi5 section 14.2).
     */
    static Manifest read(Path root, Set<String> files, ImportLimits limits, List<PackageFormat> formats,
                         boolean bare) throws IOException {
        return new ManifestReader(root, files, limits, formats, bare).read();
    }

    private Manifest read() throws IOException {
        if (files.contains(MANIFEST)) {
            return readScorm();
        }
        if (files.contains(CMI5)) {
            return readCmi5();
        }
        if (files.contains(TINCAN)) {
            return readTincan();
        }
        Optional<String> nested = files.stream()
                .filter(f -> f.endsWith("/" + MANIFEST) || f.endsWith("/" + CMI5) || f.endsWith("/" + TINCAN))
                .sorted((a, b) -> Integer.compare(a.length(), b.length())).findFirst();
        if (filesFolded.containsKey(MANIFEST)) {
            problems.add(Problem.error("manifest-name-case", "The manifest is named '" + filesFolded.get(MANIFEST)
                    + "'; it must be named exactly 'imsmanifest.xml' (all lower case).", "/"));
        } else if (nested.isPresent()) {
            problems.add(Problem.error("manifest-not-at-root", "Found '" + nested.get() + "', but the manifest must"
                    + " be at the top level of the zip. Zip the contents of the folder, not the folder itself.",
                    "/"));
        } else {
            problems.add(Problem.error("manifest-missing", "The zip has no imsmanifest.xml (SCORM), cmi5.xml (cmi5)"
                    + " or tincan.xml (xAPI) at its top level, so it is not a content package.", "/"));
        }
        return new Manifest(null, null, new LocalizedText(null), null, List.of(), List.of(), problems);
    }

    // ---------------------------------------------------------------- SCORM (IMS CP)

    private Manifest readScorm() throws IOException {
        Optional<Document> parsed = parse(MANIFEST);
        if (parsed.isEmpty()) {
            return new Manifest(null, null, new LocalizedText(null), null, List.of(), List.of(), problems);
        }
        Element manifest = parsed.get().getDocumentElement();
        if (!"manifest".equals(manifest.getLocalName())) {
            problems.add(Problem.error("manifest-root", "The root element of imsmanifest.xml is <"
                    + manifest.getTagName() + ">; it must be <manifest>.", "/" + manifest.getTagName()));
            return new Manifest(null, null, new LocalizedText(null), null, List.of(), List.of(), problems);
        }
        String identifier = attr(manifest, "identifier");
        if (identifier == null) {
            problems.add(Problem.error("manifest-identifier-missing", "The <manifest> element has no identifier"
                    + " attribute. Authoring tools set it; it tells versions of the same package apart.",
                    "/manifest"));
        }
        Set<String> namespaces = new HashSet<>();
        collectNamespaces(manifest, namespaces);
        Element metadata = child(manifest, "metadata");
        String schema = metadata == null ? null : text(child(metadata, "schema"));
        String schemaVersion = metadata == null ? null : text(child(metadata, "schemaversion"));
        ScormEdition edition = detectEdition(schemaVersion, namespaces, problems);
        if (schema != null && !schema.equalsIgnoreCase("ADL SCORM")) {
            problems.add(Problem.warning("schema-not-adl-scorm", "<schema> is '" + schema + "'; SCORM packages say"
                    + " 'ADL SCORM'.", "/manifest/metadata/schema"));
        }
        if (edition == null) {
            return new Manifest(null, identifier, new LocalizedText(null), null, List.of(), List.of(), problems);
        }

        IdRegistry ids = new IdRegistry();
        ids.add(identifier, "/manifest");
        String manifestBase = xmlBase(manifest);
        Map<String, Resource> resources = readResources(manifest, manifestBase, edition, ids);

        Element organizationsElement = child(manifest, "organizations");
        List<Organization> organizations = new ArrayList<>();
        String defaultOrganization = organizationsElement == null ? null : attr(organizationsElement, "default");
        if (organizationsElement != null) {
            for (Element o : children(organizationsElement, "organization")) {
                organizations.add(readOrganization(o, resources, edition, ids));
            }
        }
        if (organizations.isEmpty()) {
            problems.add(Problem.error("organization-missing", "The manifest has no <organization>, so there is"
                    + " nothing a learner could play. Export the package as a course, not as resources only.",
                    "/manifest/organizations"));
        } else if (defaultOrganization == null) {
            problems.add(Problem.warning("default-organization-missing", "<organizations> has no default attribute;"
                    + " the first organization '" + organizations.get(0).identifier() + "' will be played.",
                    "/manifest/organizations"));
        } else if (organizations.stream().noneMatch(o -> defaultOrganization.equals(o.identifier()))) {
            problems.add(Problem.error("default-organization-unknown", "<organizations default=\""
                    + defaultOrganization + "\"> names no <organization> in this manifest.",
                    "/manifest/organizations/@default"));
        }
        LocalizedText title = lomTitle(metadata);
        if (title.isEmpty()) {
            String orgId = defaultOrganization;
            title = organizations.stream().filter(o -> o.identifier().equals(orgId)).findFirst()
                    .or(() -> organizations.stream().findFirst()).map(Organization::title)
                    .orElse(new LocalizedText(null));
        }
        if (title.isEmpty()) {
            problems.add(Problem.warning("title-missing", "Neither the package metadata nor the organization has a"
                    + " title; learners will see the manifest identifier instead.", "/manifest/organizations"));
            title = identifier == null ? new LocalizedText(null) : LocalizedText.untagged(identifier);
        }
        Element collection = childNs(manifest, IMSSS, "sequencingCollection");
        return new Manifest(edition, identifier, title, defaultOrganization, organizations,
                List.copyOf(resources.values()), problems, collection == null ? null : SafeXml.serialize(collection));
    }

    /**
     * SCORM 2004 CAM 3.4.1.4 / SCORM 1.2 CAM 2.3.2: {@code <schemaversion>} names the edition; without it the ADL
     * namespaces decide. An unknown version is an error: we would not know which runtime to give the content.
     */
    static ScormEdition detectEdition(String schemaVersion, Set<String> namespaces, List<Problem> problems) {
        boolean ns12 = namespaces.contains(ADLCP_12) || namespaces.contains(IMSCP_12);
        boolean ns2004 = namespaces.contains(ADLCP_2004) || namespaces.contains(IMSSS)
                || namespaces.contains(ADLSEQ);
        String location = "/manifest/metadata/schemaversion";
        if (schemaVersion == null || schemaVersion.isBlank()) {
            if (ns2004) {
                problems.add(Problem.warning("schemaversion-missing", "The manifest has no <schemaversion>; it uses"
                        + " the SCORM 2004 namespaces, so it is treated as SCORM 2004 3rd Edition.", location));
                return ScormEdition.SCORM_2004_3RD;
            }
            if (ns12) {
                problems.add(Problem.warning("schemaversion-missing", "The manifest has no <schemaversion>; it uses"
                        + " the SCORM 1.2 namespaces, so it is treated as SCORM 1.2.", location));
                return ScormEdition.SCORM_12;
            }
            problems.add(Problem.error("schemaversion-missing", "The manifest names no SCORM version (no"
                    + " <schemaversion> and no ADL namespaces). Export the package as SCORM 1.2 or SCORM 2004.",
                    location));
            return null;
        }
        String v = schemaVersion.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        ScormEdition edition = switch (v) {
            case "1.2" -> ScormEdition.SCORM_12;
            case "cam 1.3", "2004 2nd edition" -> ScormEdition.SCORM_2004_2ND;
            case "2004 3rd edition" -> ScormEdition.SCORM_2004_3RD;
            case "2004 4th edition" -> ScormEdition.SCORM_2004_4TH;
            default -> null;
        };
        if (edition == null) {
            problems.add(Problem.error("schemaversion-unsupported", "<schemaversion> is '" + schemaVersion.strip()
                    + "'. Supported: 1.2, CAM 1.3 (2004 2nd Edition), 2004 3rd Edition, 2004 4th Edition.",
                    location));
        } else if (edition == ScormEdition.SCORM_12 ? namespaces.contains(ADLCP_2004) : namespaces.contains(ADLCP_12)) {
            problems.add(Problem.warning("namespace-mismatch", "<schemaversion> says " + edition.displayName()
                    + " but the manifest uses the adlcp namespace of the other SCORM version.", location));
        }
        return edition;
    }

    private Map<String, Resource> readResources(Element manifest, String manifestBase, ScormEdition edition,
                                                IdRegistry ids) {
        Map<String, Resource> out = new LinkedHashMap<>();
        Element resources = child(manifest, "resources");
        if (resources == null) {
            problems.add(Problem.error("resources-missing", "The manifest has no <resources> element.",
                    "/manifest/resources"));
            return out;
        }
        String resourcesBase = xmlBase(resources);
        List<Element> list = children(resources, "resource");
        List<String[]> dependencies = new ArrayList<>();
        for (Element r : list) {
            String id = attr(r, "identifier");
            String location = "/manifest/resources/resource" + (id == null
                    ? "[" + (list.indexOf(r) + 1) + "]" : "[@identifier='" + id + "']");
            if (id == null) {
                problems.add(Problem.error("identifier-missing", "A <resource> has no identifier attribute.",
                        location));
                continue;
            }
            if (!ids.add(id, location)) {
                continue;
            }
            List<String> bases = java.util.Arrays.asList(manifestBase, resourcesBase, xmlBase(r));
            String scormType = adlcpAttr(r, "scormType");
            scormType = scormType == null ? null : scormType.strip().toLowerCase(Locale.ROOT);
            if (scormType == null) {
                problems.add(Problem.warning("scormtype-missing", "Resource '" + id + "' has no adlcp:scorm"
                        + (edition == ScormEdition.SCORM_12 ? "type" : "Type") + " attribute; it is treated as an"
                        + " asset (content that does not talk to the LMS).", location));
            } else if (!scormType.equals("sco") && !scormType.equals("asset")) {
                problems.add(Problem.error("scormtype-invalid", "Resource '" + id + "' has scormType '" + scormType
                        + "'; it must be 'sco' or 'asset'.", location));
                scormType = null;
            }
            String type = attr(r, "type");
            if (type != null && !type.equalsIgnoreCase("webcontent")) {
                problems.add(Problem.warning("resource-type", "Resource '" + id + "' has type '" + type + "';"
                        + " SCORM resources are of type 'webcontent'.", location));
            }
            String rawHref = attr(r, "href");
            String href = null;
            String launchHref = null;
            boolean external = false;
            if (rawHref != null) {
                Hrefs.Resolved resolved = Hrefs.resolve(bases, rawHref);
                if (checkHref(resolved, rawHref, location + "/@href", "sco".equals(scormType), true)) {
                    external = resolved.kind() == Hrefs.Kind.EXTERNAL;
                    href = external ? null : resolved.path();
                    launchHref = resolved.url();
                }
            } else if ("sco".equals(scormType)) {
                problems.add(Problem.error("sco-without-href", "Resource '" + id + "' is a SCO but has no href, so"
                        + " it cannot be launched.", location));
            }
            List<String> fileList = new ArrayList<>();
            List<Element> fileElements = children(r, "file");
            for (int i = 0; i < fileElements.size(); i++) {
                String fileHref = attr(fileElements.get(i), "href");
                String fileLocation = location + "/file[" + (i + 1) + "]";
                if (fileHref == null) {
                    problems.add(Problem.warning("file-href-missing", "A <file> of resource '" + id + "' has no"
                            + " href.", fileLocation));
                    continue;
                }
                Hrefs.Resolved f = Hrefs.resolve(bases, fileHref);
                if (checkHref(f, fileHref, fileLocation + "/@href", false, false) && f.local()) {
                    fileList.add(f.path());
                }
            }
            List<String> deps = new ArrayList<>();
            List<Element> dependencyElements = children(r, "dependency");
            for (int i = 0; i < dependencyElements.size(); i++) {
                String ref = attr(dependencyElements.get(i), "identifierref");
                String depLocation = location + "/dependency[" + (i + 1) + "]";
                if (ref == null) {
                    problems.add(Problem.error("identifierref-missing", "A <dependency> of resource '" + id
                            + "' has no identifierref.", depLocation));
                } else {
                    deps.add(ref);
                    dependencies.add(new String[] {ref, depLocation, id});
                }
            }
            out.put(id, new Resource(id, type, scormType, href, launchHref, external, fileList, deps, location));
        }
        for (String[] d : dependencies) {
            if (!out.containsKey(d[0])) {
                problems.add(Problem.error("unresolved-dependency", "Resource '" + d[2] + "' depends on '" + d[0]
                        + "', but no <resource> has that identifier.", d[1]));
            }
        }
        return out;
    }

    /**
     * Checks a resolved href; returns true when it may be used. A launch href must name an existing file; a
     * {@code <file>} href that names no file is only a warning (the list is informative, IMS CP 1.1.4 3.4.1.6).
     */
    private boolean checkHref(Hrefs.Resolved r, String raw, String location, boolean sco, boolean launch) {
        switch (r.kind()) {
            case EMPTY -> {
                problems.add(Problem.error("href-empty", "The href is empty.", location));
                return false;
            }
            case ABSOLUTE -> {
                problems.add(Problem.error("href-absolute", "'" + raw + "' is an absolute path. Paths must be"
                        + " relative to the package root, e.g. 'content/index.html'.", location));
                return false;
            }
            case TRAVERSAL -> {
                problems.add(Problem.error("href-outside-package", "'" + raw + "' points outside the package"
                        + " with '..'.", location));
                return false;
            }
            case BAD_SCHEME -> {
                problems.add(Problem.error("href-scheme", "'" + raw + "' is not a web address or a path in the"
                        + " package; only relative paths and http(s) addresses are allowed.", location));
                return false;
            }
            case EXTERNAL -> {
                if (sco) {
                    problems.add(Problem.error("sco-external", "SCO launch address '" + raw + "' is on another"
                            + " web site; a SCO there cannot reach the LMS API (SCORM RTE: same origin). Put the"
                            + " SCO's files into the package.", location));
                    return false;
                }
                problems.add(Problem.warning("href-external", "'" + raw + "' is loaded from another web site;"
                        + " it will not work offline or if that site changes.", location));
                return true;
            }
            case LOCAL -> {
                if (files.contains(r.path())) {
                    return true;
                }
                String sameButCase = filesFolded.get(SafeZip.fold(r.path()));
                String hint = sameButCase == null ? "" : " A file '" + sameButCase + "' exists: file names are"
                        + " case-sensitive on the server.";
                if (launch) {
                    problems.add(Problem.error("launch-file-missing", "'" + r.path() + "' is the launch file but"
                            + " is not in the package." + hint, location));
                    return false;
                }
                problems.add(Problem.warning("file-missing", "'" + r.path() + "' is listed but not in the"
                        + " package." + hint, location));
                return false;
            }
            default -> throw new IllegalStateException(r.kind().name());
        }
    }

    private Organization readOrganization(Element o, Map<String, Resource> resources, ScormEdition edition,
                                          IdRegistry ids) {
        String id = attr(o, "identifier");
        String location = "/manifest/organizations/organization" + (id == null ? "" : "[@identifier='" + id + "']");
        if (id == null) {
            problems.add(Problem.error("identifier-missing", "An <organization> has no identifier attribute.",
                    location));
            id = "";
        } else {
            ids.add(id, location);
        }
        LocalizedText title = titleOf(o);
        if (title.isEmpty()) {
            problems.add(Problem.warning("title-missing", "Organization '" + id + "' has no <title>.", location));
        }
        List<Item> items = readItems(o, location, resources, edition, ids);
        if (items.isEmpty()) {
            problems.add(Problem.error("organization-empty", "Organization '" + id + "' has no <item>.", location));
        }
        unknownPrerequisites(items, id, location);
        items = cyclicPrerequisites(items, id, location);
        Element sequencing = childNs(o, IMSSS, "sequencing");
        String global = o.getAttributeNS(ADLSEQ, "objectivesGlobalToSystem");
        return new Organization(id, title, items, sequencing == null ? null : SafeXml.serialize(sequencing),
                !"false".equals(global.strip()));
    }

    /**
     * A prerequisite naming no item of its organization never holds (SCORM 1.2 CAM 2.3.4: identifiers are items of
     * the same organization): a {@code prerequisites-unknown-item} warning, the expression kept as written.
     */
    private void unknownPrerequisites(List<Item> items, String organization, String location) {
        java.util.Set<String> known = new java.util.HashSet<>();
        List<Item> all = new ArrayList<>();
        items.forEach(i -> i.walk(all::add));
        all.forEach(i -> known.add(i.identifier()));
        for (Item i : all) {
            if (i.prerequisites() == null) {
                continue;
            }
            for (String named : i.prerequisites().identifiers()) {
                if (!known.contains(named)) {
                    problems.add(Problem.warning("prerequisites-unknown-item", "The prerequisites of item '"
                            + i.identifier() + "' name '" + named + "', which is not an item of organization '"
                            + organization + "'; that part never holds.", location + "/item[@identifier='"
                            + i.identifier() + "']/prerequisites"));
                }
            }
        }
    }

    /**
     * Prerequisites that can never hold because they wait on the item itself, directly or through other items
     * ({@link Prerequisites#cyclic}): a {@code prerequisites-cyclic} warning each, and the item keeps none, as for an
     * unreadable expression, so the learner is never locked out of it for good.
     */
    private List<Item> cyclicPrerequisites(List<Item> items, String organization, String location) {
        List<Item> all = new ArrayList<>();
        items.forEach(i -> i.walk(all::add));
        Map<String, Prerequisites> byItem = new LinkedHashMap<>();
        Set<String> identifiers = new HashSet<>();
        for (Item i : all) {
            identifiers.add(i.identifier());
            if (i.prerequisites() != null) {
                byItem.put(i.identifier(), i.prerequisites());
            }
        }
        Set<String> cyclic = Prerequisites.cyclic(identifiers, byItem);
        for (String item : cyclic) {
            problems.add(Problem.warning("prerequisites-cyclic", "The prerequisites of item '" + item + "' in "
                    + "organization '" + organization + "' wait on '" + item + "' itself (directly or through the "
                    + "prerequisites of the items they name), so they could never be met; they are ignored.",
                    location + "/item[@identifier='" + item + "']/prerequisites"));
        }
        return cyclic.isEmpty() ? items : items.stream().map(i -> i.withoutPrerequisites(cyclic)).toList();
    }

    private List<Item> readItems(Element parent, String parentLocation, Map<String, Resource> resources,
                                 ScormEdition edition, IdRegistry ids) {
        List<Item> out = new ArrayList<>();
        List<Element> elements = children(parent, "item");
        for (int i = 0; i < elements.size(); i++) {
            out.add(readItem(elements.get(i), parentLocation + "/item[" + (i + 1) + "]", resources, edition, ids));
        }
        return out;
    }

    private Item readItem(Element e, String location, Map<String, Resource> resources, ScormEdition edition,
                          IdRegistry ids) {
        String id = attr(e, "identifier");
        if (id == null) {
            problems.add(Problem.error("identifier-missing", "An <item> has no identifier attribute.", location));
            id = location;
        } else {
            ids.add(id, location);
        }
        LocalizedText title = titleOf(e);
        if (title.isEmpty()) {
            problems.add(Problem.warning("title-missing", "Item '" + id + "' has no <title>; learners see an"
                    + " empty entry in the table of contents.", location));
        }
        List<Item> children = readItems(e, location, resources, edition, ids);
        String ref = attr(e, "identifierref");
        String parameters = e.hasAttribute("parameters") ? e.getAttribute("parameters") : null;
        String launchHref = null;
        boolean sco = false;
        if (ref != null && !children.isEmpty()) {
            problems.add(Problem.warning("cluster-with-resource", "Item '" + id + "' has child items and also"
                    + " references resource '" + ref + "'; only leaf items are launched (SCORM 2004 CAM 3.4.1.12),"
                    + " so the reference is ignored.", location));
        } else if (ref != null) {
            Resource resource = resources.get(ref);
            if (resource == null) {
                problems.add(Problem.error("unresolved-identifierref", "Item '" + id + "' refers to resource '"
                        + ref + "', but no <resource> has that identifier.", location));
            } else if (resource.launchHref() == null) {
                problems.add(Problem.error("resource-not-launchable", "Item '" + id + "' refers to resource '"
                        + ref + "', which has no usable href to launch.", location));
            } else {
                sco = resource.isSco();
                launchHref = Hrefs.withParameters(resource.external()
                        ? new Hrefs.Resolved(Hrefs.Kind.EXTERNAL, resource.launchHref(), null, null)
                        : Hrefs.resolve(List.of(), resource.launchHref()), parameters);
            }
        } else if (children.isEmpty()) {
            problems.add(Problem.error("identifierref-missing", "Item '" + id + "' has neither child items nor an"
                    + " identifierref, so there is nothing to show for it.", location));
        }
        String visible = attr(e, "isvisible");
        Double mastery = number(adlcpText(e, "masteryscore"), 0, 100, "masteryscore", location);
        String dataFromLms = adlcpText(e, "dataFromLMS");
        String maxTime = adlcpText(e, "maxTimeAllowed");
        String timeLimitAction = adlcpText(e, "timeLimitAction");
        Double threshold = null;
        Element ct = childNs(e, edition == ScormEdition.SCORM_12 ? ADLCP_12 : ADLCP_2004, "completionThreshold");
        if (ct != null) {
            // 2nd/3rd edition: element text; 4th edition: minProgressMeasure when completedByMeasure="true"
            String text = text(ct);
            if (text != null) {
                threshold = number(text, 0, 1, "completionThreshold", location);
            } else if ("true".equals(ct.getAttribute("completedByMeasure").strip())) {
                String min = ct.getAttribute("minProgressMeasure");
                threshold = number(min.isBlank() ? "1.0" : min, 0, 1, "completionThreshold", location);
            }
        }
        Double progressWeight = null;
        if (ct != null && !ct.getAttribute("progressWeight").isBlank()) {
            // SCORM 2004 4th Ed. CAM 5.1 adlcp:completionThreshold/@progressWeight, the weight in the completion
            // measure rollup (SN 4th Ed. RB.1.1 b)
            progressWeight = number(ct.getAttribute("progressWeight"), 0, 1, "progressWeight", location);
        }
        Prerequisites prerequisites = edition == ScormEdition.SCORM_12 ? prerequisites(e, id, location) : null;
        Element sequencing = childNs(e, IMSSS, "sequencing");
        Double passing = null;
        if (sequencing != null) {
            Element objectives = childNs(sequencing, IMSSS, "objectives");
            Element primary = objectives == null ? null : childNs(objectives, IMSSS, "primaryObjective");
            if (primary != null && "true".equals(primary.getAttribute("satisfiedByMeasure").strip())) {
                Element min = childNs(primary, IMSSS, "minNormalizedMeasure");
                // IMS SS 1.0 3.10.1.2: minNormalizedMeasure defaults to 1.0
                passing = number(min == null || text(min) == null ? "1.0" : text(min), -1, 1,
                        "minNormalizedMeasure", location);
            }
            Element limits = childNs(sequencing, IMSSS, "limitConditions");
            if (limits != null && maxTime == null && !limits.getAttribute("attemptAbsoluteDurationLimit").isBlank()) {
                maxTime = limits.getAttribute("attemptAbsoluteDurationLimit").strip();
            }
        }
        List<AdlData> data = new ArrayList<>();
        Element dataElement = childNs(e, ADLCP_2004, "data");
        if (dataElement != null) {
            for (Element map : childrenNs(dataElement, ADLCP_2004, "map")) {
                String target = map.getAttribute("targetID").strip();
                if (target.isEmpty()) {
                    problems.add(Problem.error("adl-data-target-missing", "An adlcp:map of item '" + id + "' has no"
                            + " targetID.", location + "/data"));
                    continue;
                }
                data.add(new AdlData(target, orDefault(map.getAttribute("readSharedData"), "true"),
                        orDefault(map.getAttribute("writeSharedData"), "true")));
            }
        }
        // SCORM 2004 CAM 5.2 (adlnav): the LMS controls the learner does not get while this activity is delivered.
        java.util.Set<String> hide = new java.util.LinkedHashSet<>();
        Element presentation = childNs(e, ADLNAV, "presentation");
        Element navigation = presentation == null ? null : childNs(presentation, ADLNAV, "navigationInterface");
        if (navigation != null) {
            for (Element h : childrenNs(navigation, ADLNAV, "hideLMSUI")) {
                String value = text(h);
                if (value != null && HIDE_LMS_UI.contains(value.strip())) {
                    hide.add(value.strip());
                } else {
                    problems.add(Problem.warning("hide-lms-ui-invalid", "Item '" + id + "' hides '" + value
                            + "', which is not an LMS control (previous, continue, exit, exitAll, abandon,"
                            + " abandonAll, suspendAll); it is ignored.", location + "/presentation"));
                }
            }
        }
        return new Item(id, title, ref, launchHref, sco, !"false".equalsIgnoreCase(visible == null ? "" : visible),
                parameters, mastery, dataFromLms, maxTime, timeLimitAction, threshold, passing, children,
                sequencing == null ? null : SafeXml.serialize(sequencing), data, hide, prerequisites, progressWeight);
    }

    /**
     * SCORM 1.2 CAM 2.3.4 {@code adlcp:prerequisites} with {@code type="aicc_script"} (the only type SCORM 1.2
     * defines), parsed once here; an expression that cannot be read is a {@code prerequisites-invalid} warning and
     * the item has none (the learner is never locked out by an authoring slip).
     */
    private Prerequisites prerequisites(Element e, String id, String location) {
        Element pre = childNs(e, ADLCP_12, "prerequisites");
        String text = pre == null ? null : text(pre);
        if (text == null) {
            return null;
        }
        String type = pre.getAttribute("type").strip();
        if (!type.isEmpty() && !"aicc_script".equals(type)) {
            problems.add(Problem.warning("prerequisites-type", "Item '" + id + "' has prerequisites of type '"
                    + type + "'; only aicc_script is defined (SCORM 1.2), so they are ignored.",
                    location + "/prerequisites"));
            return null;
        }
        try {
            return Prerequisites.parse(text);
        } catch (IllegalArgumentException ex) {
            problems.add(Problem.warning("prerequisites-invalid", "The prerequisites of item '" + id
                    + "' cannot be read (" + ex.getMessage() + "); the item is available without them.",
                    location + "/prerequisites"));
            return null;
        }
    }

    private Double number(String text, double min, double max, String what, String location) {
        if (text == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isNaN(v) || v < min || v > max) {
                problems.add(Problem.warning("value-out-of-range", what + " is " + text.strip() + "; it must be"
                        + " between " + fmt(min) + " and " + fmt(max) + ". It is ignored.", location));
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(Problem.warning("value-not-a-number", what + " '" + text.strip() + "' is not a number."
                    + " It is ignored.", location));
            return null;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** LOM general/title (LOM 2004: {@code string@language}; IMS MD 1.2: {@code langstring@xml:lang}). */
    private LocalizedText lomTitle(Element metadata) {
        if (metadata == null) {
            return new LocalizedText(null);
        }
        Element lom = child(metadata, "lom");
        if (lom == null) {
            Element location = childNs(metadata, ADLCP_12, "location");
            location = location == null ? childNs(metadata, ADLCP_2004, "location") : location;
            String href = text(location);
            if (href != null) {
                Hrefs.Resolved r = Hrefs.resolve(List.of(), href);
                if (r.local() && files.contains(r.path())) {
                    lom = parseQuietly(r.path()).map(Document::getDocumentElement)
                            .filter(el -> "lom".equals(el.getLocalName())).orElse(null);
                }
            }
        }
        Element general = lom == null ? null : child(lom, "general");
        Element title = general == null ? null : child(general, "title");
        return title == null ? new LocalizedText(null) : langStrings(title);
    }

    private static LocalizedText langStrings(Element holder) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element s : childElements(holder)) {
            if (!"string".equals(s.getLocalName()) && !"langstring".equals(s.getLocalName())) {
                continue;
            }
            String lang = s.getAttribute("language");
            if (lang.isBlank()) {
                lang = s.getAttribute("lang");
            }
            if (lang.isBlank()) {
                lang = s.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
            }
            String text = text(s);
            if (text != null) {
                values.putIfAbsent(lang.isBlank() ? "x-none" : lang.strip(), text);
            }
        }
        return new LocalizedText(values);
    }

    private static LocalizedText titleOf(Element e) {
        String text = text(child(e, "title"));
        return text == null ? new LocalizedText(null) : LocalizedText.untagged(text);
    }

    // ---------------------------------------------------------------- cmi5 and xAPI: recognized, not played

    /** cmi5 section 13.1: courseStructure/course@id and title langstrings; AU urls checked when relative. */
    private Manifest readCmi5() throws IOException {
        Optional<Document> parsed = parse(CMI5);
        if (parsed.isEmpty()) {
            return new Manifest(ScormEdition.CMI5, null, new LocalizedText(null), null, List.of(), List.of(),
                    problems);
        }
        Optional<PackageFormat> format = formats.stream().filter(f -> CMI5.equals(f.structureFile())).findFirst();
        if (format.isPresent()) {
            PackageFormat.Reading reading = format.get().read(parsed.get(), files, bare);
            return Manifest.of(ScormEdition.CMI5, format.get(), reading);
        }
        Element structure = parsed.get().getDocumentElement();
        Element course = child(structure, "course");
        String id = course == null ? null : attr(course, "id");
        if (id == null) {
            problems.add(Problem.error("cmi5-course-id-missing", "cmi5.xml has no <course id=\"...\">.",
                    "/courseStructure/course"));
        }
        LocalizedText title = course == null || child(course, "title") == null ? new LocalizedText(null)
                : langStrings(child(course, "title"));
        List<Element> aus = descendants(structure, "au");
        if (aus.isEmpty()) {
            problems.add(Problem.error("cmi5-au-missing", "cmi5.xml defines no assignable unit (<au>).",
                    "/courseStructure"));
        }
        for (int i = 0; i < aus.size(); i++) {
            checkLaunch(text(child(aus.get(i), "url")), "/courseStructure/au[" + (i + 1) + "]/url");
        }
        problems.add(Problem.warning("not-playable", "This is a cmi5 package. It is stored and listed, but this"
                + " player does not launch cmi5 yet.", "/courseStructure"));
        return new Manifest(ScormEdition.CMI5, id, title.isEmpty() && id != null ? LocalizedText.untagged(id) : title,
                null, List.of(), List.of(), problems);
    }

    /**
     * tincan.xml: read by the tincan module's {@link PackageFormat} when the server has it (its typed model, import
     * rules and launch); otherwise only recognized: the activity of type {@code .../activities/course} (else the
     * first) gives id, name and launch, and the package is stored as not playable.
     */
    private Manifest readTincan() throws IOException {
        Optional<Document> parsed = parse(TINCAN);
        if (parsed.isEmpty()) {
            return new Manifest(ScormEdition.XAPI, null, new LocalizedText(null), null, List.of(), List.of(),
                    problems);
        }
        Optional<PackageFormat> format = formats.stream().filter(f -> TINCAN.equals(f.structureFile())).findFirst();
        if (format.isPresent()) {
            return Manifest.of(ScormEdition.XAPI, format.get(), format.get().read(parsed.get(), files, bare));
        }
        List<Element> activities = descendants(parsed.get().getDocumentElement(), "activity");
        Element course = activities.stream().filter(a -> a.getAttribute("type").endsWith("/activities/course"))
                .findFirst().orElse(activities.isEmpty() ? null : activities.get(0));
        if (course == null || attr(course, "id") == null) {
            problems.add(Problem.error("tincan-activity-missing", "tincan.xml has no <activity id=\"...\">.",
                    "/tincan/activities"));
            return new Manifest(ScormEdition.XAPI, null, new LocalizedText(null), null, List.of(), List.of(),
                    problems);
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Element name : children(course, "name")) {
            String lang = name.getAttribute("lang");
            if (text(name) != null) {
                names.putIfAbsent(lang.isBlank() ? "x-none" : lang.strip(), text(name));
            }
        }
        checkLaunch(text(child(course, "launch")), "/tincan/activities/activity[@id='" + attr(course, "id")
                + "']/launch");
        problems.add(Problem.warning("not-playable", "This is an xAPI (Tin Can) package. It is stored and listed,"
                + " but this player does not launch xAPI content yet.", "/tincan"));
        LocalizedText title = new LocalizedText(names);
        return new Manifest(ScormEdition.XAPI, attr(course, "id"),
                title.isEmpty() ? LocalizedText.untagged(attr(course, "id")) : title, null, List.of(), List.of(),
                problems);
    }

    private void checkLaunch(String url, String location) {
        if (url == null) {
            problems.add(Problem.error("launch-missing", "No launch address is given.", location));
            return;
        }
        checkHref(Hrefs.resolve(List.of(), url), url, location, false, true);
    }

    // ---------------------------------------------------------------- XML helpers

    private Optional<Document> parse(String name) throws IOException {
        Path file = root.resolve(name);
        if (Files.size(file) > limits.maxManifestBytes()) {
            throw PackageRejected.of(413, "manifest-too-large", name + " is larger than "
                    + limits.maxManifestBytes() + " bytes.", "/");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(SafeXml.parse(in, limits.maxXmlDepth()));
        } catch (SafeXml.TooDeep e) {
            problems.add(Problem.error("manifest-too-deep", name + " nests elements more than " + e.maxDepth
                    + " deep; no authoring tool writes that. The file is damaged or hostile.", "/"));
            return Optional.empty();
        } catch (SAXException e) {
            if (SafeXml.isDoctypeRefusal(e)) {
                problems.add(Problem.error("manifest-doctype", name + " contains a DOCTYPE declaration. DTDs and"
                        + " entities are not allowed in package XML; remove the <!DOCTYPE ...> line.", "/"));
            } else {
                String where = e instanceof SAXParseException p ? " (line " + p.getLineNumber() + ", column "
                        + p.getColumnNumber() + ")" : "";
                problems.add(Problem.error("manifest-malformed", name + " is not well-formed XML" + where + ": "
                        + e.getMessage(), "/"));
            }
            return Optional.empty();
        }
    }

    private Optional<Document> parseQuietly(String name) {
        try (InputStream in = Files.newInputStream(root.resolve(name))) {
            if (Files.size(root.resolve(name)) > limits.maxManifestBytes()) {
                return Optional.empty();
            }
            return Optional.of(SafeXml.parse(in, limits.maxXmlDepth()));
        } catch (IOException e) {
            // An I/O message names the file on this server's disk; the package's own name for it is enough.
            problems.add(Problem.warning("metadata-unreadable", "The metadata file '" + name + "' could not be"
                    + " read.", "/manifest/metadata"));
            return Optional.empty();
        } catch (SAXException e) {
            problems.add(Problem.warning("metadata-unreadable", "The metadata file '" + name + "' could not be"
                    + " read: " + e.getMessage(), "/manifest/metadata"));
            return Optional.empty();
        }
    }

    private static void collectNamespaces(Element e, Set<String> out) {
        if (e.getNamespaceURI() != null) {
            out.add(e.getNamespaceURI());
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                out.add(a.getValue().strip());
            } else if (a.getNamespaceURI() != null) {
                out.add(a.getNamespaceURI());
            }
        }
        for (Element c : childElements(e)) {
            collectNamespaces(c, out);
        }
    }

    private static List<Element> childElements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    /** Child elements by local name, in the element's own (content packaging) namespace or none. */
    private static List<Element> children(Element e, String localName) {
        String ns = e.getNamespaceURI();
        return childElements(e).stream().filter(c -> localName.equals(c.getLocalName())
                && (ns == null ? c.getNamespaceURI() == null || !isExtension(c.getNamespaceURI())
                : ns.equals(c.getNamespaceURI()) || c.getNamespaceURI() == null)).toList();
    }

    private static boolean isExtension(String ns) {
        return ns.equals(ADLCP_12) || ns.equals(ADLCP_2004) || ns.equals(IMSSS) || ns.equals(ADLSEQ);
    }

    private static Element child(Element e, String localName) {
        List<Element> list = children(e, localName);
        if (list.isEmpty()) {
            // LOM/metadata children live in their own namespaces; accept any namespace there
            return childElements(e).stream().filter(c -> localName.equals(c.getLocalName())).findFirst()
                    .orElse(null);
        }
        return list.get(0);
    }

    private static List<Element> childrenNs(Element e, String ns, String localName) {
        return childElements(e).stream().filter(c -> ns.equals(c.getNamespaceURI())
                && localName.equalsIgnoreCase(c.getLocalName())).toList();
    }

    private static Element childNs(Element e, String ns, String localName) {
        List<Element> list = childrenNs(e, ns, localName);
        return list.isEmpty() ? null : list.get(0);
    }

    private static List<Element> descendants(Element e, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element c : childElements(e)) {
            if (localName.equals(c.getLocalName())) {
                out.add(c);
            }
            out.addAll(descendants(c, localName));
        }
        return out;
    }

    /** An adlcp element's text: SCORM 1.2 spells names in lower case, 2004 in camel case; both are accepted. */
    private static String adlcpText(Element e, String localName) {
        Element c = childNs(e, ADLCP_2004, localName);
        return text(c == null ? childNs(e, ADLCP_12, localName) : c);
    }

    private static String adlcpAttr(Element e, String localName) {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if ((ADLCP_12.equals(a.getNamespaceURI()) || ADLCP_2004.equals(a.getNamespaceURI()))
                    && localName.equalsIgnoreCase(a.getLocalName())) {
                return a.getValue();
            }
        }
        return null;
    }

    private static String attr(Element e, String name) {
        String v = e.getAttribute(name).strip();
        return v.isEmpty() ? null : v;
    }

    private static String xmlBase(Element e) {
        String v = e.getAttributeNS(XMLConstants.XML_NS_URI, "base").strip();
        return v.isEmpty() ? null : v;
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** Identifiers must be unique within the manifest (IMS CP 1.1.4 3.4.1: xsd:ID). */
    private final class IdRegistry {
        private final Map<String, String> seen = new HashMap<>();

        boolean add(String id, String location) {
            if (id == null) {
                return true;
            }
            String first = seen.putIfAbsent(id, location);
            if (first != null) {
                problems.add(Problem.error("duplicate-identifier", "The identifier '" + id + "' is used more than"
                        + " once (first at " + first + "). Identifiers must be unique in the manifest.", location));
                return false;
            }
            return true;
        }
    }
}
