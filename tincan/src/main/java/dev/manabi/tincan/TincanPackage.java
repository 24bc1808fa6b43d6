package dev.manabi.tincan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code tincan.xml} as read once at import (schema {@code http://projecttincan.com/tincan.xsd}; Rustici,
 * "Incorporating a TinCan LRS into an LMS", sections "Packaging" and "Activity Definition"): its activities, and
 * which of them is the package's root activity, the one the LMS launches and tracks.
 *
 * @param activities every activity of the file, in document order
 * @param root       the index in {@code activities} of the root activity: the first with a launch link of type
 *                   {@code http://adlnet.gov/expapi/activities/course}, else the first with a launch link
 */
public record TincanPackage(List<Activity> activities, int root) {

    /** The activity type the guide's examples and authoring tools give the launchable course. */
    public static final String COURSE_TYPE = "http://adlnet.gov/expapi/activities/course";

    public TincanPackage {
        activities = List.copyOf(activities);
    }

    /** The launched and tracked activity. */
    @JsonIgnore
    public Activity rootActivity() {
        return activities.get(root);
    }

    /**
     * One {@code <activity>}. Language maps are keyed by the {@code lang} attribute ({@code und} where it is blank,
     * as the guide's "Language / Internationalization" asks authors to leave an unknown language).
     *
     * @param id           the activity id, an absolute IRI
     * @param type         the activity type IRI, or null
     * @param names        {@code <name>} per language
     * @param descriptions {@code <description>} per language
     * @param launch       {@code <launch>} per language: a path relative to the package root, or an absolute URL
     */
    public record Activity(String id, String type, Map<String, String> names, Map<String, String> descriptions,
                           Map<String, String> launch) {

        public Activity {
            names = Map.copyOf(names);
            descriptions = Map.copyOf(descriptions);
            launch = Map.copyOf(launch);
        }

        /**
         * The launch link for a learner's language: the exact tag, else the same primary language, else {@code und},
         * else the first in tag order (stable whatever the map's order).
         */
        public Optional<String> launchFor(Locale locale) {
            if (launch.isEmpty()) {
                return Optional.empty();
            }
            if (locale != null) {
                String tag = locale.toLanguageTag().toLowerCase(Locale.ROOT);
                String primary = locale.getLanguage().toLowerCase(Locale.ROOT);
                Optional<String> exact = launch.entrySet().stream()
                        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(tag)).map(Map.Entry::getValue)
                        .findFirst();
                if (exact.isPresent()) {
                    return exact;
                }
                Optional<String> same = launch.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).split("-")[0].equals(primary))
                        .map(Map.Entry::getValue).findFirst();
                if (same.isPresent()) {
                    return same;
                }
            }
            if (launch.containsKey("und")) {
                return Optional.of(launch.get("und"));
            }
            return launch.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                    .findFirst();
        }
    }
}
