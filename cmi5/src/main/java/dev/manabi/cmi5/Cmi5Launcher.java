package dev.manabi.cmi5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.core.AuditLog;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.LearnerDirectory;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.i18n.LanguageNegotiator;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.lrs.spi.LaunchDocuments;
import dev.manabi.lrs.spi.PlatformStatements;
import dev.manabi.xapi.AgentIdentity;
import dev.manabi.xapi.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Launches cmi5 AUs (cmi5 Quartz section 8 "Content Launch Mechanisms") and hands out their auth-tokens (8.2).
 *
 * <p>A launch, in the order the spec asks for: the learner's registration for the course (created on the first
 * launch, 9.6.1), a new session with its id (9.6.3.1), one-time fetch key and the masteryScore of its launch data,
 * the LMS's {@code launched} statement (9.3.1) through the statement outbox on the same transaction; then the
 * {@code launched} statement stored in the LRS at once ({@link PlatformStatements}: an AU may look for it, and its
 * {@code initialized} follows it, 9.3), {@code LMS.LaunchData} in the State API (section 10) and the learner
 * preferences in the Agent Profile API (section 11); only then the launch URL with {@code endpoint}, {@code fetch},
 * {@code actor}, {@code registration} and {@code activityId} (8.1).
 */
@ApplicationScoped
public class Cmi5Launcher {

    private static final Logger LOG = Logger.getLogger(Cmi5Launcher.class.getName());

    /** How long a session's fetch URL and auth-token stay valid (configurable: {@code manabi.cmi5.session-lifetime}). */
    static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(8);

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    CourseVersions versions;

    @Inject
    StatementOutbox outbox;

    @Inject
    LaunchDocuments documents;

    @Inject
    PlatformStatements statements;

    @Inject
    Config config;

    @Inject
    Abandonment abandonment;

    @Inject
    AuditLog audit;

    @Inject
    LearnerDirectory directory;

    Clock clock = Clock.systemUTC();

    /**
     * A launch request: which AU (its {@link Au#index()}), the mode, where the AU returns to (or null), and the
     * browser's {@code Accept-Language} (or null), for the learner's language when Manabi knows no other.
     */
    public record Request(int auIndex, LaunchMode mode, String returnUrl, String acceptLanguage) {
        public Request {
            mode = mode == null ? LaunchMode.Normal : mode;
        }

        public Request(int auIndex, LaunchMode mode, String returnUrl) {
            this(auIndex, mode, returnUrl, null);
        }
    }

    /**
     * Where the launch happens: the portal's absolute base ({@code https://host/context}) for the endpoint and
     * fetch URLs, and the absolute base of the package's files for this session (relative AU urls).
     */
    public interface Site {
        String portalBase();

        /** The package's files for this session, under a capability of the registration's owner (tenant, learner id). */
        String packageBase(String packageId, String tenantId, String learnerId, String registration,
                           String activityId, String sessionId);
    }

    /**
     * A launch: the URL to open (in a frame for {@code AnyWindow}, a new window for {@code OwnWindow}, 8.1).
     */
    public record Launch(String url, String registration, String sessionId, String activityId,
                         CourseStructure.LaunchMethod launchMethod) {
    }

    /**
     * The newest version of the course's cmi5 package (in the learner's language, where the course has variants).
     *
     * @throws PlayerException 404 when the course is not visible to the learner or has no cmi5 package
     */
    public CourseVersions.CourseVersion version(LearnerContext learner, String courseId) {
        Course course = catalog.requireVisible(courseId, learner);
        Course.Component component = component(course, learner).orElseThrow(() ->
                new PlayerException(404, "cmi5-course-missing", "The course has no cmi5 package"));
        return versions.latest(component.ref()).orElseThrow(() ->
                new PlayerException(404, "cmi5-course-missing", "The course's cmi5 package is not stored"));
    }

    /**
     * Launches AU {@code request.auIndex()} of the course's cmi5 package for the learner.
     *
     * @throws PlayerException 404 when the course is not visible to the learner, has no cmi5 package or no such AU
     */
    public Launch launch(LearnerContext learner, String courseId, Request request, Site site) {
        CourseVersions.CourseVersion version = version(learner, courseId);
        ObjectNode actor = JsonNodeFactory.instance.objectNode().put("objectType", "Agent");
        // 8.1 actor: "specific to the LMS instance", without sensitive PII: the outbox's account name (a keyed hash
        // for mail-like learner ids), the same as in every statement the SDK writes about the learner.
        actor.putObject("account").put("homePage", outbox.homePage(learner.tenant()))
                .put("name", outbox.accountName(learner));
        return launch(new Learner(learner.tenant().id(), learner.learnerId(), actor, learner), version, courseId,
                null, request, site, null);
    }

    /**
     * Launches AU {@code request.auIndex()} for an xAPI agent named by a platform admin (the automation API): the
     * registration is {@code registration} when given (created for this agent and course when new), else the
     * agent's newest registration for the course, else a new one; it belongs to the course's institution.
     *
     * @throws PlayerException 404 as {@link #launch(LearnerContext, String, Request, Site)}; 400
     *                         {@code cmi5-actor-invalid} for an agent without account (9.2), 409
     *                         {@code cmi5-registration-conflict} for a registration of another agent or course
     */
    public Launch launchFor(LearnerContext admin, String courseId, JsonNode agent, String registration,
                            Request request, Site site) {
        CourseVersions.CourseVersion version = version(admin, courseId);
        JsonNode account = agent == null ? null : agent.get("account");
        if (account == null || !account.isObject() || account.path("homePage").asText("").isBlank()
                || account.path("name").asText("").isBlank()
                || agent.has("objectType") && !"Agent".equals(agent.path("objectType").asText())) {
            throw PlayerException.badRequest("cmi5-actor-invalid", "actor must be an xAPI Agent with an account"
                    + " (homePage and name; cmi5 9.2)");
        }
        ObjectNode actor = JsonNodeFactory.instance.objectNode().put("objectType", "Agent");
        actor.putObject("account").put("homePage", account.get("homePage").asText())
                .put("name", account.get("name").asText());
        if (agent.hasNonNull("name")) {
            actor.put("name", agent.get("name").asText());
        }
        String learnerId = AGENT_LEARNER_PREFIX + Secrets.sha256(AgentIdentity.of(actor)
                .orElseThrow().key());
        return launch(new Learner(version.ownerTenantId(), learnerId, actor, null), version, courseId, registration,
                request, site, admin);
    }

    /** Learner ids of agents launched through the automation API: a prefix and the SHA-256 of the agent's key. */
    static final String AGENT_LEARNER_PREFIX = "xapi-agent:";

    /** Whom a launch is for: the registration's owner and agent; {@code context} when a signed-in learner. */
    private record Learner(String tenantId, String learnerId, ObjectNode actor, LearnerContext context) {
    }

    /**
     * The launch; {@code auditedBy} (the automation API's admin, else null) is audited as
     * {@code cmi5.automation-launch} on the launch's own transaction (DEVELOPING "Personal data"), naming the
     * registration, not the agent.
     */
    private Launch launch(Learner who, CourseVersions.CourseVersion version, String courseId,
                          String requestedRegistration, Request request, Site site, LearnerContext auditedBy) {
        if (request.auIndex() < 0 || request.auIndex() >= version.structure().aus().size()) {
            throw new PlayerException(404, "cmi5-au-not-found", "The course has no AU number " + request.auIndex());
        }
        if (requestedRegistration != null && !Formats.isUuid(requestedRegistration)) {
            throw PlayerException.badRequest("cmi5-registration-invalid", "registration must be a UUID");
        }
        abandonment.abandonSilent();
        Au au = version.structure().aus().get(request.auIndex());
        // 8.1 activityId: generated by the LMS, never the publisher's AU id, the same on every launch of the AU.
        String activityId = Satisfaction.auActivity(version.lineId(), au);
        String sessionId = UUID.randomUUID().toString();
        String fetchKey = Secrets.random(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode actor = who.actor();
        String returnUrl = request.returnUrl();
        // Section 10: the masteryScore written into LMS.LaunchData is the one the statement rules hold passed and
        // failed to (9.3.4, 9.3.5); Manabi writes the course structure's, one value for both.
        BigDecimal masteryScore = launchMasteryScore(au);

        Prepared prepared = Sql.inTransaction(database.ready(), c -> {
            Sessions.Created created = registration(c, who, courseId, requestedRegistration, now);
            String registration = created.registration();
            Sessions.Registration row = new Sessions.Registration(registration, who.tenantId(), who.learnerId(),
                    courseId, actor.toString());
            if (created.isNew()) {
                // 9.6.1: moveOn is evaluated at registration (NotApplicable AUs), with a session id of its own.
                Satisfaction.evaluate(c, LmsStatements.of(outbox, c, row, now), registration, version,
                        UUID.randomUUID().toString(), now);
            } else {
                // 9.3.6: a new launch of the registration ends its sessions that never terminated.
                abandonment.abandonOpen(c, registration, now);
            }
            Sessions.insertSession(c, sessionId, registration, version.packageId(), au.index(), request.mode(),
                    masteryScore, actor.toString(), Secrets.sha256(fetchKey), now, now.plus(sessionLifetime()));
            if (auditedBy != null) {
                audit.record(c, auditedBy, AuditLog.Action.CMI5_AUTOMATION_LAUNCH, who.tenantId(), registration,
                        Map.of("course", courseId, "au", au.index(), "session", sessionId));
            }
            StatementOutbox.Emitter emitter = LmsStatements.emitter(outbox, c, row, now);
            LearnerStatement launched = emitter.statement(Cmi5Vocabulary.LAUNCHED, UUID.fromString(registration),
                    courseId);
            launched.json().set("actor", actor.deepCopy());
            ObjectNode definition = launched.activity(activityId, au.activityType(), null);
            if (au.activityType() == null) {
                definition.remove("type");
            }
            definition.set("name", LmsStatements.languageMap(au.title()));
            launched.contextActivity("grouping", au.id(), null);
            launched.contextActivity("category", Cmi5Vocabulary.CATEGORY_CMI5, null);
            ObjectNode extensions = launched.context().putObject("extensions");
            extensions.put(Cmi5Vocabulary.SESSION_ID, sessionId);
            extensions.put(Cmi5Vocabulary.LAUNCH_MODE, request.mode().name());
            String base = launchBase(au, version, site, who, registration, activityId, sessionId);
            extensions.put(Cmi5Vocabulary.LAUNCH_URL, base);
            extensions.put(Cmi5Vocabulary.MOVE_ON, au.moveOn().name());
            if (masteryScore != null) {
                extensions.put(Cmi5Vocabulary.MASTERY_SCORE, masteryScore);
            }
            if (au.launchParameters() != null) {
                extensions.put(Cmi5Vocabulary.LAUNCH_PARAMETERS, au.launchParameters());
            }
            String launchedId = emitter.append(launched);
            JsonNode language = launched.context().get("language");
            return new Prepared(registration, language == null ? null : language.asText(), base, launchedId);
        });
        String registration = prepared.registration();
        if (prepared.launched() != null) {
            // 9.3: in the LRS before the AU can send anything, not only in the outbox (drained a moment later,
            // which then finds it stored: the same id and content).
            try {
                statements.storeQueued(who.tenantId(), prepared.launched());
            } catch (RuntimeException e) {
                // The launch is committed (session, outbox row): failing now would leave a session the AU never
                // sees and a learner launching again (issue 14 review A-11). The outbox delivers launched later;
                // until then an AU that looks for it does not find it.
                LOG.log(Level.WARNING, "The launched statement of cmi5 session " + sessionId + " is not in the LRS"
                        + " yet; the statement outbox delivers it", e);
            }
        }
        documents.putState(who.tenantId(), activityId, actor, registration, Cmi5Vocabulary.LAUNCH_DATA,
                launchData(au, request.mode(), masteryScore, sessionId, returnUrl));
        // 11.1: the learner's Manabi language (their choice, else the host's locale, else the language Manabi
        // negotiates from the browser for them) is the first and only preference the LMS knows.
        String language = prepared.language() != null ? prepared.language()
                : new LanguageNegotiator(UiLanguage.EN).negotiate(LanguageNegotiator.Inputs.outsideCourse(null,
                        who.context() == null ? null : who.context().preferredLocale(), request.acceptLanguage()))
                .tag();
        // 11.2: the learner's audio preference ("on" / "off") when they set one in Manabi; unset, it is omitted (the
        // AU "MAY use its own default value"), also when an earlier launch wrote one. Agents of the automation API
        // are not members and have none.
        ObjectNode preferences = JsonNodeFactory.instance.objectNode().put("languagePreference", language);
        Optional<String> audio = who.context() == null ? Optional.empty()
                : directory.audioPreference(who.tenantId(), who.learnerId());
        audio.ifPresent(a -> preferences.put("audioPreference", a));
        documents.mergeAgentProfile(who.tenantId(), actor, Cmi5Vocabulary.LEARNER_PREFERENCES, preferences,
                audio.isPresent() ? Set.of() : Set.of("audioPreference"));
        outbox.queued();
        String url = withParameters(prepared.launchBase(), "endpoint=" + encode(site.portalBase() + "/manabi/xapi/")
                + "&fetch=" + encode(site.portalBase() + FetchServlet.PATH + fetchKey)
                + "&actor=" + encode(actor.toString())
                + "&registration=" + encode(registration)
                + "&activityId=" + encode(activityId));
        return new Launch(url, registration, sessionId, activityId, au.launchMethod());
    }

    /**
     * The masteryScore of a launch: the course structure's, rounded half up to 4 decimal places (9.6.3.2 and 10:
     * "Decimal value between 0 and 1 (inclusive) with up to 4 decimal places of precision"; the import only warns
     * about more, {@code cmi5-mastery-score-precision}), trailing zeros dropped. Rounded once here, so
     * {@code LMS.LaunchData}, the {@code launched} statement and the session row the statement rules read
     * ({@code decimal(5,4)}) all carry the same value (issue 14 review A-5).
     */
    static BigDecimal launchMasteryScore(Au au) {
        return au.masteryScore() == null ? null
                : au.masteryScore().setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /**
     * The registration of a launch: the one asked for (new, or already this agent's for this course: 409
     * otherwise), else the learner's newest for the course, else a new one.
     */
    private static Sessions.Created registration(Connection c, Learner who, String courseId,
                                                 String requested, Instant now) throws SQLException {
        if (requested == null) {
            return Sessions.registration(c, who.tenantId(), who.learnerId(), courseId, who.actor().toString(), now);
        }
        String id = requested.toLowerCase(Locale.ROOT);
        Optional<Sessions.Registration> existing = Sessions.registrationById(c, id);
        if (existing.isEmpty()) {
            Sessions.insertRegistration(c, id, who.tenantId(), who.learnerId(), courseId, who.actor().toString(),
                    now);
            return new Sessions.Created(id, true);
        }
        Sessions.Registration r = existing.get();
        if (!r.tenantId().equals(who.tenantId()) || !r.learnerId().equals(who.learnerId())
                || !r.courseId().equals(courseId)) {
            throw new PlayerException(409, "cmi5-registration-conflict", "The registration belongs to another"
                    + " agent or course");
        }
        Sessions.lockRegistration(c, id);
        return new Sessions.Created(id, false);
    }

    /**
     * What the launch transaction decided: the registration, the learner's language, the AU's URL and the launched
     * statement as the outbox holds it (null when statements are not written).
     */
    private record Prepared(String registration, String language, String launchBase, String launched) {
    }

    /**
     * Section 10 {@code LMS.LaunchData}: the context template (session id extension, publisher id grouping
     * activity 9.6.2.3), launchMode, moveOn, the session's masteryScore when it has one and, when the course
     * structure has them, launchParameters and entitlementKey; returnURL when the LMS wants the learner back.
     */
    static ObjectNode launchData(Au au, LaunchMode mode, BigDecimal masteryScore, String sessionId,
                                 String returnUrl) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode template = data.putObject("contextTemplate");
        template.putObject("contextActivities").putArray("grouping").addObject().put("objectType", "Activity")
                .put("id", au.id());
        template.putObject("extensions").put(Cmi5Vocabulary.SESSION_ID, sessionId);
        data.put("launchMode", mode.name());
        data.put("moveOn", au.moveOn().name());
        if (au.launchParameters() != null) {
            data.put("launchParameters", au.launchParameters());
        }
        if (masteryScore != null) {
            data.put("masteryScore", masteryScore);
        }
        if (returnUrl != null) {
            data.put("returnURL", returnUrl);
        }
        if (au.entitlementKey() != null) {
            data.putObject("entitlementKey").put("courseStructure", au.entitlementKey());
        }
        return data;
    }

    /**
     * The AU's URL without the launch parameters (the 9.6.3.4 launchURL): absolute as written, or a relative url
     * resolved against the package's files for this session.
     */
    private static String launchBase(Au au, CourseVersions.CourseVersion version, Site site, Learner who,
                                     String registration, String activityId, String sessionId) {
        if (au.url().matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return au.url();
        }
        return site.packageBase(version.packageId(), who.tenantId(), who.learnerId(), registration, activityId,
                sessionId)
                + au.url().replaceFirst("^(\\./)+", "");
    }

    /** Appends the 8.1 query parameters before any fragment, after the AU's own query (the order is free). */
    static String withParameters(String url, String parameters) {
        int hash = url.indexOf('#');
        String head = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return head + (head.contains("?") ? "&" : "?") + parameters + fragment;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The course's cmi5 component in the learner's language, else the first. */
    private static Optional<Course.Component> component(Course course, LearnerContext learner) {
        String tag = learner.preferredLocale() == null ? null : learner.preferredLocale().toLanguageTag();
        return course.components().stream().filter(c -> Cmi5PackageFormat.KIND.equals(c.kind()))
                .filter(c -> tag != null && c.language() != null && c.language().toLowerCase(Locale.ROOT)
                        .equals(tag.toLowerCase(Locale.ROOT))).findFirst()
                .or(() -> course.components().stream().filter(c -> Cmi5PackageFormat.KIND.equals(c.kind()))
                        .findFirst());
    }

    private Duration sessionLifetime() {
        return config == null ? DEFAULT_SESSION_LIFETIME : config.getOptionalValue("manabi.cmi5.session-lifetime",
                Duration.class).orElse(DEFAULT_SESSION_LIFETIME);
    }

    /**
     * 8.2: the auth-token for a fetch key, once. The answer is always 200 JSON: {@code {"auth-token": ...}} the
     * first time, else {@code {"error-code": "1"}} (already fetched, or the session expired: 8.2.3.1) or
     * {@code "2"} (no such fetch URL: a security error, 8.2.3.2).
     */
    public ObjectNode fetch(String fetchKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = Secrets.sha256(fetchKey == null ? "" : fetchKey);
        String secret = Secrets.random(32);
        Optional<String> token = Sql.inTransaction(database.ready(), c -> {
            Optional<Sessions.Session> session = Sessions.byFetchKey(c, hash);
            if (session.isEmpty()) {
                return null;
            }
            return Sessions.fetch(c, hash, Secrets.sha256(secret), now)
                    ? Optional.of(Cmi5SessionCredentials.PREFIX + session.get().sessionId() + ":" + secret)
                    : Optional.<String>empty();
        });
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        if (token == null) {
            return answer.put("error-code", "2").put("error-text", "This is not a fetch URL of this LMS.");
        }
        if (token.isEmpty()) {
            return answer.put("error-code", "1").put("error-text", "The authorization token has already been"
                    + " returned, or the session has expired.");
        }
        return answer.put("auth-token", java.util.Base64.getEncoder().encodeToString(
                token.get().getBytes(StandardCharsets.UTF_8)));
    }
}
