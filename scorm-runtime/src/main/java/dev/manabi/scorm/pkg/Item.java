package dev.manabi.scorm.pkg;

import dev.manabi.i18n.LocalizedText;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One {@code <item>} of an organization (IMS CP 1.1.4 section 3.4.1.3; SCORM 2004 CAM 3.4.1.13): a learning
 * activity. A leaf item references a resource through {@code identifierref}; a cluster has {@code children}.
 *
 * @param identifier          the item's identifier, unique in the manifest
 * @param title               the item's {@code <title>}
 * @param identifierref       the referenced resource's identifier, or null for a cluster
 * @param launchHref          what to launch, relative to the package root: {@code xml:base} of manifest, resources
 *                            and resource applied, the resource {@code href} plus the item's {@code parameters}
 *                            (SCORM 2004 RTE 3.2.1 / CAM 3.4.1.13 parameters rules). Null for clusters and for
 *                            items whose resource has no href
 * @param sco                 the resource's {@code adlcp:scormtype} (1.2) / {@code adlcp:scormType} (2004) is
 *                            {@code sco}: the content talks to the runtime API. False for assets
 * @param visible             {@code isvisible} (default true)
 * @param parameters          the item's {@code parameters} attribute as written, or null
 * @param masteryScore        SCORM 1.2 {@code adlcp:masteryscore} (0-100), or null
 * @param dataFromLms         {@code adlcp:datafromlms} (1.2) / {@code adlcp:dataFromLMS} (2004): the launch data
 * @param maxTimeAllowed      SCORM 1.2 {@code adlcp:maxtimeallowed} (CMITimespan) or the 2004
 *                            {@code imsss:limitConditions/@attemptAbsoluteDurationLimit} (ISO 8601 duration)
 * @param timeLimitAction     {@code adlcp:timelimitaction} / {@code adlcp:timeLimitAction}
 * @param completionThreshold SCORM 2004 {@code adlcp:completionThreshold} (0-1; 4th edition {@code minProgressMeasure}
 *                            when {@code completedByMeasure} is true), or null
 * @param scaledPassingScore  SCORM 2004 {@code imsss:primaryObjective/imsss:minNormalizedMeasure} when
 *                            {@code satisfiedByMeasure} is true (IMS SS 1.0 section 3.10), or null
 * @param children            nested items in document order
 * @param sequencingXml       the raw {@code <imsss:sequencing>} element of this item, or null
 * @param adlData             the item's {@code adlcp:data} maps (4th edition), empty if none
 * @param hideLmsUi           SCORM 2004 {@code adlnav:presentation/adlnav:navigationInterface/adlnav:hideLMSUI}
 *                            values (CAM 5.2: previous, continue, exit, exitAll, abandon, abandonAll, suspendAll)
 * @param prerequisites       SCORM 1.2 {@code adlcp:prerequisites} (aicc_script) as parsed at import, or null (none,
 *                            or not readable: an import warning said so)
 * @param progressWeight      SCORM 2004 4th edition {@code adlcp:completionThreshold/@progressWeight} (0-1), or null
 *                            (the default 1.0)
 */
public record Item(String identifier, LocalizedText title, String identifierref, String launchHref, boolean sco,
                   boolean visible, String parameters, Double masteryScore, String dataFromLms,
                   String maxTimeAllowed, String timeLimitAction, Double completionThreshold,
                   Double scaledPassingScore, List<Item> children, String sequencingXml, List<AdlData> adlData,
                   Set<String> hideLmsUi, Prerequisites prerequisites, Double progressWeight) {

    public Item {
        title = title == null ? new LocalizedText(null) : title;
        children = children == null ? List.of() : List.copyOf(children);
        adlData = adlData == null ? List.of() : List.copyOf(adlData);
        hideLmsUi = hideLmsUi == null ? Set.of() : Set.copyOf(hideLmsUi);
    }

    /** An item without prerequisites or progress weight. */
    public Item(String identifier, LocalizedText title, String identifierref, String launchHref, boolean sco,
                boolean visible, String parameters, Double masteryScore, String dataFromLms, String maxTimeAllowed,
                String timeLimitAction, Double completionThreshold, Double scaledPassingScore, List<Item> children,
                String sequencingXml, List<AdlData> adlData, Set<String> hideLmsUi) {
        this(identifier, title, identifierref, launchHref, sco, visible, parameters, masteryScore, dataFromLms,
                maxTimeAllowed, timeLimitAction, completionThreshold, scaledPassingScore, children, sequencingXml,
                adlData, hideLmsUi, null, null);
    }

    /** An item that hides none of the LMS's controls. */
    public Item(String identifier, LocalizedText title, String identifierref, String launchHref, boolean sco,
                boolean visible, String parameters, Double masteryScore, String dataFromLms, String maxTimeAllowed,
                String timeLimitAction, Double completionThreshold, Double scaledPassingScore, List<Item> children,
                String sequencingXml, List<AdlData> adlData) {
        this(identifier, title, identifierref, launchHref, sco, visible, parameters, masteryScore, dataFromLms,
                maxTimeAllowed, timeLimitAction, completionThreshold, scaledPassingScore, children, sequencingXml,
                adlData, Set.of());
    }

    /** This item and its descendants, the prerequisites of those named in {@code items} removed. */
    public Item withoutPrerequisites(Set<String> items) {
        return new Item(identifier, title, identifierref, launchHref, sco, visible, parameters, masteryScore,
                dataFromLms, maxTimeAllowed, timeLimitAction, completionThreshold, scaledPassingScore,
                children.stream().map(c -> c.withoutPrerequisites(items)).toList(), sequencingXml, adlData, hideLmsUi,
                items.contains(identifier) ? null : prerequisites, progressWeight);
    }

    /** True for a leaf item that has something to launch (a SCO or an asset). */
    public boolean launchable() {
        return launchHref != null && children.isEmpty();
    }

    /** This item and all its descendants in tree (document) order. */
    void walk(Consumer<Item> visitor) {
        visitor.accept(this);
        for (Item child : children) {
            child.walk(visitor);
        }
    }
}
