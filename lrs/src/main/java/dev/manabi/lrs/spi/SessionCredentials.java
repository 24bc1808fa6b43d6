package dev.manabi.lrs.spi;

import dev.manabi.xapi.AgentIdentity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SPI (CDI beans) for modules that hand out short-lived LRS credentials limited to one launch of one learner, e.g.
 * the cmi5 module's auth-token (cmi5 section 8.2: "MUST be limited to the duration of the session") and the tincan
 * module's {@code auth}. The credential is presented as HTTP Basic {@code key:secret}; a key starting with
 * {@link #keyPrefix()} is verified by this bean only, so ordinary LRS keys never reach it.
 *
 * <p>What the LRS then lets the caller touch (xAPI 1.0.3 Communication 4.2: the {@code state} and {@code profile}
 * scopes are "limited to Activities and Actors associated with the current token"; the lrs README has the table):
 * statements of its registration whose actor is its {@link Session#actor()}, written and read; state documents of
 * its registration and actor, except the LMS's own {@link Session#lmsStateIds()} which it only reads; the agent
 * profile and the {@code agents} resource of its actor only, the profile written only when
 * {@link Session#writesAgentProfile()}; activity profiles read, and written only for
 * {@link Session#profileActivities()}. When the session names its {@link Session#activities()}, statements and state
 * documents are limited to them as well. Everything else is 403.
 */
public interface SessionCredentials {

    /**
     * The account home page of the authority agent the LRS sets on every statement (xAPI 2.0 Part Two 2.4.9), also
     * of those a session writes: {@code {"account": {"homePage": AUTHORITY_HOME_PAGE, "name": <session id>}}}. A
     * module that trusts a statement because its session wrote it compares both the home page and the name.
     */
    String AUTHORITY_HOME_PAGE = "urn:manabi:lrs:credential";

    /** The prefix of every key this bean issues, e.g. {@code cmi5-}; must not collide with {@code lrs-}. */
    String keyPrefix();

    /** The session a presented key and secret belong to, if it is valid at {@code now}; empty otherwise (401). */
    Optional<Session> verify(String key, String secret, Instant now);

    /**
     * A verified session credential.
     *
     * @param id                 unique per session, at most 36 characters (a UUID; recorded as the credential of
     *                           the statements it writes)
     * @param tenantId           the institution whose LRS data the session may touch
     * @param registration       the one registration (UUID) its statements and state documents must carry
     * @param actor              the learner the launch is for (the launch's {@code actor}): the actor of every
     *                           statement it writes, the agent of its state documents and agent profile, compared
     *                           by inverse functional identifier (xAPI 2.0 Part Two 2.4.2.3)
     * @param label              a name for the authority agent, e.g. {@code cmi5 session}
     * @param mayWrite           false: the session may still read, but new statements and document writes are
     *                           refused with 403 (e.g. a cmi5 session after its {@code terminated} statement); a
     *                           statement it stored before, sent again unchanged, still gets the normal answer
     * @param writesAgentProfile true: the session may also write and delete its actor's agent profile documents
     *                           (tincan); false: it only reads them (cmi5 section 11: the LMS owns
     *                           {@code cmi5LearnerPreferences} and may refuse the AU's changes with 403)
     * @param lmsStateIds        state documents the LMS writes for the launch (cmi5 section 10:
     *                           {@code LMS.LaunchData}, which "the AU MUST NOT modify or delete"): read only, and a
     *                           delete of all the state documents at once is refused while there are any
     * @param statements         rules the statements it writes must keep, checked in the ledger's transaction; or
     *                           null
     * @param activities         the activities the launch is about (tincan: the package's); null for no limit. The
     *                           object of every statement it writes (an Activity, or a SubStatement's Activity) and
     *                           the {@code activityId} of every state document it reads or writes must be one of
     *                           them (403 {@code session-activity}); context activities are not limited (they name
     *                           parents, groupings and profile categories outside the package)
     * @param profileActivities  activities whose activity profile documents it may also write and delete (cmi5
     *                           section 12: "The AU MAY use the Activity Profile API"; the AU's own activity id);
     *                           every other activity profile it only reads
     */
    record Session(String id, String tenantId, String registration, AgentIdentity actor, String label,
                   boolean mayWrite, boolean writesAgentProfile, Set<String> lmsStateIds,
                   SessionStatements statements, Activities activities, Set<String> profileActivities) {

        public Session {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(actor, "actor");
            lmsStateIds = lmsStateIds == null ? Set.of() : Set.copyOf(lmsStateIds);
            profileActivities = profileActivities == null ? Set.of() : Set.copyOf(profileActivities);
        }

        /** A session not limited to activities, writing no activity profile. */
        public Session(String id, String tenantId, String registration, AgentIdentity actor, String label,
                       boolean mayWrite, boolean writesAgentProfile, Set<String> lmsStateIds,
                       SessionStatements statements) {
            this(id, tenantId, registration, actor, label, mayWrite, writesAgentProfile, lmsStateIds, statements,
                    null, Set.of());
        }

        /**
         * A session that may write statements and state documents and read its actor's agent profile, without LMS
         * state documents or statement rules.
         */
        public Session(String id, String tenantId, String registration, AgentIdentity actor, String label) {
            this(id, tenantId, registration, actor, label, true, false, Set.of(), null);
        }
    }

    /**
     * The activity ids a session is limited to: the listed ids, and ids under {@code prefix} (null for none).
     *
     * @param ids    exact activity ids (compared as stored: xAPI compares IRIs by their characters, 2.0 Part Two
     *               2.4.4.1)
     * @param prefix an IRI prefix, e.g. {@code "https://example.com/course/"}, or null
     */
    record Activities(Set<String> ids, String prefix) {

        public Activities {
            ids = ids == null ? Set.of() : Set.copyOf(ids);
        }

        /** True when {@code activityId} is one of these activities. */
        public boolean contains(String activityId) {
            return activityId != null && (ids.contains(activityId)
                    || prefix != null && activityId.length() > prefix.length() && activityId.startsWith(prefix));
        }
    }
}
