package dev.manabi.scorm.seq.model;

/**
 * Delivery controls (SN 3.13; {@code <imsss:deliveryControls>}).
 *
 * @param tracked                tracking information is kept (default true)
 * @param completionSetByContent the content sets completion; otherwise the LMS marks it completed at the end of
 *                               the attempt (default false)
 * @param objectiveSetByContent  the content sets satisfaction; otherwise the LMS marks it satisfied (default false)
 */
public record DeliveryControls(boolean tracked, boolean completionSetByContent, boolean objectiveSetByContent) {

    public static final DeliveryControls DEFAULT = new DeliveryControls(true, false, false);
}
