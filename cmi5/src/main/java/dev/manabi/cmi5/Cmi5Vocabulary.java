package dev.manabi.cmi5;

import dev.manabi.core.Verb;
import java.util.Set;

/** The cmi5 IRIs the LMS writes and checks (cmi5 Quartz sections 9.3, 9.5.5, 9.6.2, 9.6.3). */
final class Cmi5Vocabulary {

    /** 9.3.1 Launched. */
    static final Verb LAUNCHED = new Verb("http://adlnet.gov/expapi/verbs/launched", "launched");
    /** 9.3.2 Initialized. */
    static final Verb INITIALIZED = Verb.INITIALIZED;
    /** 9.3.3 Completed. */
    static final Verb COMPLETED = Verb.COMPLETED;
    /** 9.3.4 Passed. */
    static final Verb PASSED = Verb.PASSED;
    /** 9.3.5 Failed. */
    static final Verb FAILED = Verb.FAILED;
    /** 9.3.6 Abandoned. */
    static final Verb ABANDONED = new Verb("https://w3id.org/xapi/adl/verbs/abandoned", "abandoned");
    /** 9.3.7 Waived. */
    static final Verb WAIVED = new Verb("https://w3id.org/xapi/adl/verbs/waived", "waived");
    /** 9.3.8 Terminated. */
    static final Verb TERMINATED = Verb.TERMINATED;
    /** 9.3.9 Satisfied. */
    static final Verb SATISFIED = new Verb("https://w3id.org/xapi/adl/verbs/satisfied", "satisfied");

    /** The cmi5 defined verbs an AU uses (9.3.2 - 9.3.5, 9.3.8). */
    static final Set<String> AU_VERBS = Set.of(INITIALIZED.id(), COMPLETED.id(), PASSED.id(), FAILED.id(),
            TERMINATED.id());
    /** The cmi5 defined verbs only the LMS uses (9.3.1, 9.3.6, 9.3.7, 9.3.9). */
    static final Set<String> LMS_VERBS = Set.of(LAUNCHED.id(), ABANDONED.id(), WAIVED.id(), SATISFIED.id());
    /** xAPI voiding (6.3: the AU's credentials must not allow it). */
    static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

    /** 9.6.2.1: the category activity of every "cmi5 defined" statement. */
    static final String CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    /** 9.6.2.2: the category activity of cmi5 defined statements whose result has success or completion. */
    static final String CATEGORY_MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
    /** 9.3.9: the object types of satisfied statements. */
    static final String BLOCK_TYPE = "https://w3id.org/xapi/cmi5/activitytype/block";
    static final String COURSE_TYPE = "https://w3id.org/xapi/cmi5/activitytype/course";

    private static final String EXTENSIONS = "https://w3id.org/xapi/cmi5/context/extensions/";
    /** 9.6.3.1 session ID. */
    static final String SESSION_ID = EXTENSIONS + "sessionid";
    /** 9.6.3.2 masteryScore. */
    static final String MASTERY_SCORE = EXTENSIONS + "masteryscore";
    /** 9.6.3.3 launchMode. */
    static final String LAUNCH_MODE = EXTENSIONS + "launchmode";
    /** 9.6.3.4 launchURL. */
    static final String LAUNCH_URL = EXTENSIONS + "launchurl";
    /** 9.6.3.6 moveOn. */
    static final String MOVE_ON = EXTENSIONS + "moveon";
    /** 9.6.3.7 launchParameters. */
    static final String LAUNCH_PARAMETERS = EXTENSIONS + "launchparameters";
    /** 9.5.5.2 reason (of a waiver). */
    static final String REASON = "https://w3id.org/xapi/cmi5/result/extensions/reason";

    /** Section 10: the state document the LMS writes before each launch. */
    static final String LAUNCH_DATA = "LMS.LaunchData";
    /** Section 11: the learner preferences agent profile document. */
    static final String LEARNER_PREFERENCES = "cmi5LearnerPreferences";

    private Cmi5Vocabulary() {
    }
}
