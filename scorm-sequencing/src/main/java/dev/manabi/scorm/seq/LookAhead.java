package dev.manabi.scorm.seq;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each navigation request would do now, without doing it ({@code adl.nav.request_valid}, RTE 4.4.2; SN 4.4
 * "look-ahead"), and what a table of contents shows for each activity.
 *
 * @param continueValid  a continue request would deliver something or end the course
 * @param previousValid  a previous request would deliver something
 * @param activities     every activity in tree order
 * @param hideLmsUi      LMS controls the current activity asks to hide ({@code adlnav:hideLMSUI})
 */
public record LookAhead(boolean continueValid, boolean previousValid, List<ActivityAvailability> activities,
                        java.util.Set<String> hideLmsUi) {

    public LookAhead {
        activities = List.copyOf(activities);
        hideLmsUi = java.util.Set.copyOf(hideLmsUi);
    }

    /**
     * One activity as a table of contents shows it.
     *
     * @param id              the activity id
     * @param title           its title
     * @param depth           0 for the root
     * @param visible         {@code isvisible}: an invisible activity is not listed, its visible descendants are
     * @param hiddenFromChoice hidden by a {@code hiddenFromChoice} rule (its own or an ancestor's) or left out by
     *                        selection: not offered at all
     * @param choiceValid     a choice request for it would deliver something now
     * @param jumpValid       a jump request for it would deliver it now
     * @param reason          why a choice is not valid (the SN exception), else null
     * @param reasonActivity  the activity the exception names (e.g. the disabled ancestor), else null
     * @param current         it is the current activity
     * @param completed       attempt completed (known and true)
     * @param satisfied       primary objective satisfied; null when unknown
     */
    public record ActivityAvailability(String id, String title, int depth, boolean visible, boolean hiddenFromChoice,
                                       boolean choiceValid, boolean jumpValid, SnCode reason, String reasonActivity,
                                       boolean current, boolean completed, Boolean satisfied) {
    }

    public Optional<ActivityAvailability> activity(String id) {
        return activities.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Ids of the activities a choice request may name now (for {@code adl.nav.request_valid.choice}). */
    public Map<String, Boolean> choiceValidity() {
        java.util.Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        activities.forEach(a -> out.put(a.id(), a.choiceValid()));
        return out;
    }
}
