package dev.manabi.core;

/**
 * An xAPI verb (2.0 Part Two 2.4.3): its IRI and an English display. The ADL verbs the SDK's statements share are
 * constants here; modules define the verbs of their own profiles (e.g. the Video Profile's) the same way.
 */
public record Verb(String id, String display) {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";

    public static final Verb INITIALIZED = adl("initialized");
    public static final Verb TERMINATED = adl("terminated");
    public static final Verb SUSPENDED = adl("suspended");
    public static final Verb RESUMED = adl("resumed");
    public static final Verb COMPLETED = adl("completed");
    public static final Verb PASSED = adl("passed");
    public static final Verb FAILED = adl("failed");
    public static final Verb SCORED = adl("scored");
    public static final Verb RESPONDED = adl("responded");
    public static final Verb ANSWERED = adl("answered");

    private static Verb adl(String name) {
        return new Verb(ADL + name, name);
    }
}
