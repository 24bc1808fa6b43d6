package dev.manabi.scorm.pkg;

import static dev.manabi.scorm.seq.model.ObjectiveDefinition.normalizeId;

import dev.manabi.api.Problem;
import dev.manabi.scorm.seq.model.ActivityDefinition;
import dev.manabi.scorm.seq.model.ActivityTree;
import dev.manabi.scorm.seq.model.ChildActivitySet;
import dev.manabi.scorm.seq.model.CompletionThreshold;
import dev.manabi.scorm.seq.model.ConditionType;
import dev.manabi.scorm.seq.model.ControlMode;
import dev.manabi.scorm.seq.model.DeliveryControls;
import dev.manabi.scorm.seq.model.LimitConditions;
import dev.manabi.scorm.seq.model.ObjectiveDefinition;
import dev.manabi.scorm.seq.model.ObjectiveMap;
import dev.manabi.scorm.seq.model.RandomizationControls;
import dev.manabi.scorm.seq.model.RollupAction;
import dev.manabi.scorm.seq.model.RollupConsideration;
import dev.manabi.scorm.seq.model.RollupControls;
import dev.manabi.scorm.seq.model.RollupRule;
import dev.manabi.scorm.seq.model.RuleAction;
import dev.manabi.scorm.seq.model.RuleCondition;
import dev.manabi.scorm.seq.model.SequencingDefinition;
import dev.manabi.scorm.seq.model.SequencingRule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds the sequencing model ({@code dev.manabi.scorm.seq.model}) of a SCORM 2004 package's played organization
 * from its {@code imsss:sequencing} elements (IMS SS 1.0 binding, SCORM 2004 CAM 5), with a referenced
 * {@code sequencingCollection} entry as the base an item's own elements override (CAM 5.1.2 IDRef) and the
 * {@code adlseq} extensions. Runs once at import; what it cannot use becomes a warning of the import report and the
 * book's default applies.
 */
public final class SequencingReader {
    static final String IMSSS = ManifestReader.IMSSS;
    static final String ADLSEQ = ManifestReader.ADLSEQ;

    private final List<Problem> problems;
    private final Map<String, Element> collection = new HashMap<>();

    private SequencingReader(List<Problem> problems) {
        this.problems = problems;
    }

    /** The activity tree of the package's played organization, or null when it has none. */
    public static ActivityTree read(ScormPackage pkg, List<Problem> problems) {
        SequencingReader r = new SequencingReader(problems);
        if (pkg.sequencingCollectionXml() != null) {
            Element c = r.parse(pkg.sequencingCollectionXml(), "/manifest/sequencingCollection");
            if (c != null) {
                for (Element s : children(c, IMSSS, "sequencing")) {
                    if (!s.getAttribute("ID").isBlank()) {
                        r.collection.put(s.getAttribute("ID").strip(), s);
                    }
                }
            }
        }
        return pkg.organization().map(o -> {
            String location = "/manifest/organizations/organization[@identifier='" + o.identifier() + "']";
            List<ActivityDefinition> items = new ArrayList<>();
            for (Item i : o.items()) {
                items.add(r.activity(i, location));
            }
            return new ActivityTree(new ActivityDefinition(o.identifier(), title(o.title(), o.identifier()), true, false,
                    r.definition(o.sequencingXml(), location), items), o.objectivesGlobalToSystem());
        }).orElse(null);
    }

    private ActivityDefinition activity(Item item, String parentLocation) {
        String location = parentLocation + "/item[@identifier='" + item.identifier() + "']";
        List<ActivityDefinition> children = new ArrayList<>();
        for (Item c : item.children()) {
            children.add(activity(c, location));
        }
        SequencingDefinition d = definition(item.sequencingXml(), location);
        CompletionThreshold threshold = completionThreshold(item);
        if (!item.hideLmsUi().isEmpty() || !threshold.equals(d.completionThreshold())) {
            d = new SequencingDefinition(d.controlMode(), d.preConditionRules(), d.exitConditionRules(),
                    d.postConditionRules(), d.limitConditions(), d.rollupRules(), d.rollupControls(), d.objectives(),
                    d.randomization(), d.deliveryControls(), d.constrainChoice(), d.preventActivation(),
                    threshold, item.hideLmsUi());
        }
        return new ActivityDefinition(item.identifier(), title(item.title(), item.identifier()), item.visible(), item.sco(),
                d, children);
    }

    /**
     * The item's {@code adlcp:completionThreshold} (CAM 5.1, SN 4th Ed. 3.14) as the sequencer uses it: the item
     * carries {@code minProgressMeasure} when {@code completedByMeasure} is true (else no threshold) and its
     * {@code progressWeight}, the child's weight in its parent's completion measure rollup (RB.1.1 b).
     */
    private static CompletionThreshold completionThreshold(Item item) {
        return new CompletionThreshold(item.completionThreshold() != null,
                item.completionThreshold() == null ? 1.0 : item.completionThreshold(),
                item.progressWeight() == null ? 1.0 : item.progressWeight());
    }

    /** The title a TOC shows when no language is asked for: English, else whatever the manifest has. */
    private static String title(dev.manabi.i18n.LocalizedText title, String id) {
        return title.isEmpty() ? id : title.resolve(java.util.Locale.ENGLISH);
    }

    private Element parse(String xml, String location) {
        try {
            return SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (Exception e) {
            problems.add(Problem.warning("sequencing-unreadable", "The sequencing could not be read ("
                    + e.getMessage() + "); the defaults apply.", location));
            return null;
        }
    }

    /** One activity's definition: the collection entry it refers to, overridden element by element by its own. */
    private SequencingDefinition definition(String xml, String location) {
        if (xml == null) {
            return SequencingDefinition.DEFAULT;
        }
        Element own = parse(xml, location);
        if (own == null) {
            return SequencingDefinition.DEFAULT;
        }
        Map<String, Element> parts = new LinkedHashMap<>();
        String ref = own.getAttribute("IDRef").strip();
        if (!ref.isEmpty()) {
            Element base = collection.get(ref);
            if (base == null) {
                problems.add(Problem.warning("sequencing-idref-unresolved", "The sequencing refers to '" + ref
                        + "', which the sequencingCollection does not define; only its own elements apply.",
                        location));
            } else {
                elements(base).forEach(e -> parts.put(e.getNamespaceURI() + " " + e.getLocalName(), e));
            }
        }
        elements(own).forEach(e -> parts.put(e.getNamespaceURI() + " " + e.getLocalName(), e));
        Element controlMode = parts.get(IMSSS + " controlMode");
        Element rules = parts.get(IMSSS + " sequencingRules");
        Element limits = parts.get(IMSSS + " limitConditions");
        Element rollup = parts.get(IMSSS + " rollupRules");
        Element objectives = parts.get(IMSSS + " objectives");
        Element random = parts.get(IMSSS + " randomizationControls");
        Element delivery = parts.get(IMSSS + " deliveryControls");
        Element considerations = parts.get(ADLSEQ + " rollupConsiderations");
        Element constrained = parts.get(ADLSEQ + " constrainedChoiceConsiderations");
        Element adlObjectives = parts.get(ADLSEQ + " objectives");
        return new SequencingDefinition(controlMode(controlMode, location),
                rules(rules, "preConditionRule", location), rules(rules, "exitConditionRule", location),
                rules(rules, "postConditionRule", location), limits(limits, location),
                rollupRules(rollup, location), rollupControls(rollup, considerations, location),
                objectives(objectives, adlObjectives, location), randomization(random, location),
                delivery == null ? DeliveryControls.DEFAULT : new DeliveryControls(
                        bool(delivery, "tracked", true), bool(delivery, "completionSetByContent", false),
                        bool(delivery, "objectiveSetByContent", false)),
                constrained != null && bool(constrained, "constrainChoice", false),
                constrained != null && bool(constrained, "preventActivation", false),
                CompletionThreshold.DEFAULT, Set.of());
    }

    private static ControlMode controlMode(Element e, String location) {
        if (e == null) {
            return ControlMode.DEFAULT;
        }
        return new ControlMode(bool(e, "choice", true), bool(e, "choiceExit", true), bool(e, "flow", false),
                bool(e, "forwardOnly", false), bool(e, "useCurrentAttemptObjectiveInfo", true),
                bool(e, "useCurrentAttemptProgressInfo", true));
    }

    private List<SequencingRule> rules(Element rules, String kind, String location) {
        List<SequencingRule> out = new ArrayList<>();
        if (rules == null) {
            return out;
        }
        for (Element rule : children(rules, IMSSS, kind)) {
            Element conditions = child(rule, IMSSS, "ruleConditions");
            Element action = child(rule, IMSSS, "ruleAction");
            RuleAction a = token(action == null ? null : action.getAttribute("action"), RuleAction::of, location);
            if (a == null || conditions == null) {
                continue;
            }
            List<RuleCondition> list = conditions(conditions, "ruleCondition", location);
            if (!list.isEmpty()) {
                out.add(new SequencingRule(!"any".equals(conditions.getAttribute("conditionCombination").strip()),
                        list, a));
            }
        }
        return out;
    }

    private List<RuleCondition> conditions(Element parent, String name, String location) {
        List<RuleCondition> out = new ArrayList<>();
        for (Element c : children(parent, IMSSS, name)) {
            ConditionType type = token(c.getAttribute("condition"), ConditionType::of, location);
            if (type == null) {
                continue;
            }
            String ref = normalizeId(c.getAttribute("referencedObjective"));
            out.add(new RuleCondition(type, ref.isEmpty() ? null : ref, number(c, "measureThreshold", 0, location),
                    "not".equals(c.getAttribute("operator").strip())));
        }
        return out;
    }

    private LimitConditions limits(Element e, String location) {
        if (e == null) {
            return LimitConditions.NONE;
        }
        String limit = e.getAttribute("attemptLimit").strip();
        Integer attempts = null;
        if (!limit.isEmpty()) {
            try {
                int n = Integer.parseInt(limit);
                attempts = n > 0 ? n : null; // IMS SS 5.1.2: 0 means no limit
            } catch (NumberFormatException ex) {
                warn("attemptLimit '" + limit + "' is not a number", location);
            }
        }
        Duration duration = null;
        String d = e.getAttribute("attemptAbsoluteDurationLimit").strip();
        if (!d.isEmpty()) {
            try {
                duration = Duration.parse(d);
            } catch (RuntimeException ex) {
                warn("attemptAbsoluteDurationLimit '" + d + "' is not an ISO 8601 duration in days, hours,"
                        + " minutes and seconds", location);
            }
        }
        return new LimitConditions(attempts, duration, null, null);
    }

    private List<RollupRule> rollupRules(Element rollup, String location) {
        List<RollupRule> out = new ArrayList<>();
        if (rollup == null) {
            return out;
        }
        for (Element rule : children(rollup, IMSSS, "rollupRule")) {
            Element conditions = child(rule, IMSSS, "rollupConditions");
            Element action = child(rule, IMSSS, "rollupAction");
            RollupAction a = token(action == null ? null : action.getAttribute("action"), RollupAction::of,
                    location);
            String set = rule.getAttribute("childActivitySet").strip();
            ChildActivitySet s = set.isEmpty() ? ChildActivitySet.ALL : token(set, ChildActivitySet::of, location);
            if (a == null || s == null || conditions == null) {
                continue;
            }
            List<RuleCondition> list = conditions(conditions, "rollupCondition", location);
            if (!list.isEmpty()) {
                String count = rule.getAttribute("minimumCount").strip();
                out.add(new RollupRule(s, count.isEmpty() ? 0 : (int) number(rule, "minimumCount", 0, location),
                        number(rule, "minimumPercent", 0, location),
                        "all".equals(conditions.getAttribute("conditionCombination").strip()), list, a));
            }
        }
        return out;
    }

    private RollupControls rollupControls(Element rollup, Element considerations, String location) {
        RollupControls d = RollupControls.DEFAULT;
        return new RollupControls(rollup == null || bool(rollup, "rollupObjectiveSatisfied", true),
                rollup == null || bool(rollup, "rollupProgressCompletion", true),
                rollup == null ? 1.0 : number(rollup, "objectiveMeasureWeight", 1.0, location),
                consideration(considerations, "requiredForSatisfied", location),
                consideration(considerations, "requiredForNotSatisfied", location),
                consideration(considerations, "requiredForCompleted", location),
                consideration(considerations, "requiredForIncomplete", location),
                considerations == null ? d.measureSatisfactionIfActive()
                        : bool(considerations, "measureSatisfactionIfActive", true));
    }

    private RollupConsideration consideration(Element e, String attribute, String location) {
        String value = e == null ? "" : e.getAttribute(attribute).strip();
        RollupConsideration c = value.isEmpty() ? null : token(value, RollupConsideration::of, location);
        return c == null ? RollupConsideration.ALWAYS : c;
    }

    private List<ObjectiveDefinition> objectives(Element e, Element adl, String location) {
        List<ObjectiveDefinition> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        Map<String, List<Element>> extended = new HashMap<>();
        if (adl != null) {
            for (Element o : children(adl, ADLSEQ, "objective")) {
                extended.put(normalizeId(o.getAttribute("objectiveID")), children(o, ADLSEQ, "mapInfo"));
            }
        }
        Element primary = child(e, IMSSS, "primaryObjective");
        if (primary != null) {
            out.add(objective(primary, true, extended, location));
        }
        for (Element o : children(e, IMSSS, "objective")) {
            if (normalizeId(o.getAttribute("objectiveID")).isEmpty()) {
                warn("an objective without objectiveID is ignored", location);
                continue;
            }
            out.add(objective(o, false, extended, location));
        }
        return out;
    }

    private ObjectiveDefinition objective(Element o, boolean primary, Map<String, List<Element>> extended,
                                          String location) {
        String id = normalizeId(o.getAttribute("objectiveID"));
        Element min = child(o, IMSSS, "minNormalizedMeasure");
        double minimum = 1.0;
        if (min != null && !min.getTextContent().isBlank()) {
            try {
                minimum = Double.parseDouble(min.getTextContent().strip());
            } catch (NumberFormatException ex) {
                warn("minNormalizedMeasure '" + min.getTextContent().strip() + "' is not a number", location);
            }
        }
        Map<String, ObjectiveMap> maps = new LinkedHashMap<>();
        for (Element m : children(o, IMSSS, "mapInfo")) {
            String target = normalizeId(m.getAttribute("targetObjectiveID"));
            if (target.isEmpty()) {
                warn("a mapInfo without targetObjectiveID is ignored", location);
                continue;
            }
            maps.put(target, ObjectiveMap.of(target, bool(m, "readSatisfiedStatus", true),
                    bool(m, "readNormalizedMeasure", true), bool(m, "writeSatisfiedStatus", false),
                    bool(m, "writeNormalizedMeasure", false)));
        }
        // 4th Edition adlseq:objective/adlseq:mapInfo: raw/min/max score, completion and progress measure
        for (Element m : extended.getOrDefault(id, List.of())) {
            String target = normalizeId(m.getAttribute("targetObjectiveID"));
            ObjectiveMap base = maps.getOrDefault(target, ObjectiveMap.of(target, false, false, false, false));
            maps.put(target, base.withExtended(bool(m, "readCompletionStatus", true),
                    bool(m, "writeCompletionStatus", false), bool(m, "readProgressMeasure", true),
                    bool(m, "writeProgressMeasure", false), bool(m, "readRawScore", true),
                    bool(m, "writeRawScore", false), bool(m, "readMinScore", true), bool(m, "writeMinScore", false),
                    bool(m, "readMaxScore", true), bool(m, "writeMaxScore", false)));
        }
        return new ObjectiveDefinition(id.isEmpty() ? null : id, primary, bool(o, "satisfiedByMeasure", false),
                minimum, List.copyOf(maps.values()));
    }

    private RandomizationControls randomization(Element e, String location) {
        if (e == null) {
            return RandomizationControls.NONE;
        }
        String count = e.getAttribute("selectCount").strip();
        Integer select = null;
        if (!count.isEmpty()) {
            try {
                select = Integer.parseInt(count);
            } catch (NumberFormatException ex) {
                warn("selectCount '" + count + "' is not a number", location);
            }
        }
        return new RandomizationControls(timing(e, "selectionTiming", location), select,
                timing(e, "randomizationTiming", location), bool(e, "reorderChildren", false));
    }

    private RandomizationControls.Timing timing(Element e, String attribute, String location) {
        String value = e.getAttribute(attribute).strip();
        RandomizationControls.Timing t = value.isEmpty() ? null
                : token(value, RandomizationControls.Timing::of, location);
        return t == null ? RandomizationControls.Timing.NEVER : t;
    }

    private <T> T token(String value, Function<String, T> parse, String location) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (IllegalArgumentException e) {
            warn(e.getMessage(), location);
            return null;
        }
    }

    private double number(Element e, String attribute, double otherwise, String location) {
        String value = e.getAttribute(attribute).strip();
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException ex) {
            warn(attribute + " '" + value + "' is not a number", location);
            return otherwise;
        }
    }

    private void warn(String what, String location) {
        problems.add(Problem.warning("sequencing-invalid", "Sequencing: " + what + "; the default applies.",
                location));
    }

    private static boolean bool(Element e, String attribute, boolean otherwise) {
        String value = e.getAttribute(attribute).strip();
        return value.isEmpty() ? otherwise : "true".equals(value);
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> children(Element parent, String ns, String name) {
        return elements(parent).stream().filter(e -> ns.equals(e.getNamespaceURI()) && name.equals(e.getLocalName()))
                .toList();
    }

    private static Element child(Element parent, String ns, String name) {
        List<Element> c = children(parent, ns, name);
        return c.isEmpty() ? null : c.get(0);
    }
}
