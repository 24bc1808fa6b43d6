package dev.manabi.scorm.cmi;

import java.util.List;

/**
 * One element of a run-time data model as defined in {@code scorm12.json} / {@code scorm2004.json}; the browser
 * adapter reads the very same definitions.
 *
 * @param name          dotted name; {@code n} stands for a collection index, {@code {target}} for a
 *                      {@code {target=ID}} suffix (SCORM 2004 RTE 4.4.2 adl.nav.request_valid)
 * @param access        RO, WO or RW
 * @param type          a type of the model's {@code types} table (null for keywords)
 * @param vocabulary    allowed values of a vocabulary ({@code state}, {@code CMIVocabulary}) element, else empty
 * @param setVocabulary the subset a SCO may set (SCORM 1.2: lesson_status may not be set to "not attempted"), else
 *                      empty meaning the whole vocabulary
 * @param orType        a type also accepted besides the vocabulary (interaction result: a real number), or null
 * @param min           lowest allowed number, or null
 * @param max           highest allowed number, or null
 * @param spm           smallest permitted maximum length (SCORM 2004 RTE 4.1.1), or null
 * @param defaultValue  value GetValue answers before anything was set, or null (then "not initialized")
 * @param keyword       {@code children}, {@code count} or {@code version} for keyword elements, else null
 * @param keywordValue  the fixed answer of a {@code _children} / {@code _version} keyword
 * @param evaluate      how GetValue answers an element the LMS evaluates from a threshold and a measure (SCORM 2004
 *                      RTE 4.2.4.1 completion_status, 4.2.21.1 success_status), else null
 * @param dependsOn     element (same indices) that must be set first, e.g. the interaction type, or null
 * @param responses     which response pattern table ({@code learner}, {@code correct}) applies, or null
 * @param accessFrom    suffix of a per-instance access override kept in the values (adl.data read/write rights)
 */
public record Element(String name, Access access, String type, List<String> vocabulary, List<String> setVocabulary,
                      String orType, Double min, Double max, Integer spm, String defaultValue, String keyword,
                      String keywordValue, Evaluation evaluate, String dependsOn, String responses, String accessFrom) {

    public Element {
        vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
        setVocabulary = setVocabulary == null ? List.of() : List.copyOf(setVocabulary);
    }

    /**
     * An element whose value the LMS decides when a threshold is given (the definition's {@code evaluate}): the
     * measure at or above the threshold answers {@code reached}, below it {@code below}, no measure
     * {@code unmeasured}; without a threshold the value the SCO set, else the element's default.
     *
     * @param threshold element holding the threshold (from the manifest)
     * @param measure   element holding the measure (set by the SCO)
     */
    public record Evaluation(String threshold, String measure, String reached, String below, String unmeasured) {

        public String apply(String reported, Double thresholdValue, Double measureValue, String fallback) {
            if (thresholdValue == null) {
                return reported == null ? fallback : reported;
            }
            if (measureValue == null) {
                return unmeasured;
            }
            return measureValue >= thresholdValue ? reached : below;
        }
    }

    public boolean isKeyword() {
        return keyword != null;
    }

    /** Values a SCO may set, for a vocabulary element. */
    public List<String> settable() {
        return setVocabulary.isEmpty() ? vocabulary : setVocabulary;
    }
}
