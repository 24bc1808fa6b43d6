package dev.manabi.scorm.seq.model;

/**
 * Selection and randomization controls (SN 3.12; {@code <imsss:randomizationControls>}).
 *
 * @param selectionTiming     {@code never} (default), {@code once}, {@code onEachNewAttempt}
 * @param selectCount         how many children to select, or null for all
 * @param randomizationTiming {@code never} (default), {@code once}, {@code onEachNewAttempt}
 * @param reorderChildren     {@code reorderChildren} (default false)
 */
public record RandomizationControls(Timing selectionTiming, Integer selectCount, Timing randomizationTiming,
                                    boolean reorderChildren) {

    /** SN 3.12.1 timing tokens. */
    public enum Timing {
        NEVER, ONCE, ON_EACH_NEW_ATTEMPT;

        public static Timing of(String token) {
            return switch (token) {
                case "never" -> NEVER;
                case "once" -> ONCE;
                case "onEachNewAttempt" -> ON_EACH_NEW_ATTEMPT;
                default -> throw new IllegalArgumentException("unknown timing '" + token + "'");
            };
        }
    }

    public static final RandomizationControls NONE = new RandomizationControls(Timing.NEVER, null, Timing.NEVER,
            false);
}
