package dev.manabi.cmi5;

import dev.manabi.core.Verb;

/** The cmi5 IRIs the LMS writes (cmi5 Quartz sections 9.3, 9.6.2, 9.6.3). */
final class Cmi5Vocabulary {

    /** 9.3.1 Launched. */
    static final Verb LAUNCHED = new Verb("http://adlnet.gov/expapi/verbs/launched", "launched");
    /** 9.6.2.1: the category activity of every "cmi5 defined" statement. */
    static final String CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";

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

    /** Section 10: the state document the LMS writes before each launch. */
    static final String LAUNCH_DATA = "LMS.LaunchData";
    /** Section 11: the learner preferences agent profile document. */
    static final String LEARNER_PREFERENCES = "cmi5LearnerPreferences";

    private Cmi5Vocabulary() {
    }
}
