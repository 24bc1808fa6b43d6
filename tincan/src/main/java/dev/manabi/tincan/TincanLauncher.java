package dev.manabi.tincan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.core.ApiSecrets;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.ProgressLedger;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.xapi.AgentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;

/**
 * Launches the root activity of a course's tincan package with the conventional launch link (Rustici,
 * "Incorporating a TinCan LRS into an LMS", section "Launch"):
 * {@code <launch URL>?endpoint=<LRS>&auth=<Basic credential>&actor=<learner>&registration=<UUID>&activity_id=<id>},
 * every value URL-encoded.
 *
 * <ul>
 *   <li>{@code endpoint}: the embedded LRS ({@code <portal>/manabi/xapi/});</li>
 *   <li>{@code auth}: {@code Basic base64(tincan-<id>:<secret>)}, a credential of its own per launch, valid for
 *       {@code manabi.tincan.credential-lifetime} (default 4 h) and for the statements and state documents of this
 *       registration only ({@link TincanCredentials});</li>
 *   <li>{@code actor}: the account agent Manabi's own statements use for the learner ({@link StatementOutbox}: the
 *       tenant's home page and the learner id, or its {@code h:} keyed hash when it looks like a mail address);</li>
 *   <li>{@code registration}: one per learner and course, the same on every launch;</li>
 *   <li>{@code activity_id}: the root activity id of tincan.xml (the content's own ids are kept: the guide lets
 *       tincan.xml define the activities the content reports on).</li>
 * </ul>
 */
@ApplicationScoped
public class TincanLauncher {

    /** How long a launch's {@code auth} is accepted by the LRS unless configured. */
    static final Duration DEFAULT_CREDENTIAL_LIFETIME = Duration.ofHours(4);

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    TincanVersions versions;

    @Inject
    StatementOutbox outbox;

    @Inject
    ProgressLedger ledger;

    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    /**
     * Where the launch happens: the portal's absolute base ({@code https://host/context}) for the endpoint, and the
     * absolute base of the package's files for this learner and registration (relative launch links).
     */
    public interface Site {
        String portalBase();

        String packageBase(String packageId, String registration, String activityId, String credentialId);
    }

    /** A launch: the URL to open in the player's frame, the registration, the root activity and when auth expires. */
    public record Launch(String url, String registration, String activityId, Instant authExpiresAt) {
    }

    /**
     * Launches the root activity of the course's tincan package (the variant in the learner's language where the
     * course has several) for the learner.
     *
     * @throws PlayerException 404 when the course is not visible to the learner or has no tincan package
     */
    public Launch launch(LearnerContext learner, String courseId, Site site) {
        Course course = catalog.requireVisible(courseId, learner);
        Course.Component component = component(course, learner).orElseThrow(() ->
                new PlayerException(404, "tincan-course-missing", "The course has no tincan package"));
        TincanVersions.TincanVersion version = versions.latest(component.ref()).orElseThrow(() ->
                new PlayerException(404, "tincan-course-missing", "The course's tincan package is not stored"));
        TincanPackage.Activity root = version.tincan().rootActivity();
        String href = root.launchFor(learner.preferredLocale()).orElseThrow(() ->
                new IllegalStateException("An imported tincan package always has a launch link"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(credentialLifetime());
        String credentialId = UUID.randomUUID().toString();
        String secret = ApiSecrets.random(32);
        ObjectNode actor = JsonNodeFactory.instance.objectNode().put("objectType", "Agent");
        actor.putObject("account").put("homePage", outbox.homePage(learner.tenant()))
                .put("name", outbox.accountName(learner));
        String accountName = actor.path("account").path("name").asText();

        Opened opened = Sql.inTransaction(database.ready(), c -> {
            Registrations.Created r = Registrations.open(c, learner.tenant().id(), learner.learnerId(), courseId,
                    version.lineId(), root.id(), accountName, now);
            Registrations.insertCredential(c, credentialId, r.registration().registration(),
                    AgentIdentity.of(actor).orElseThrow().key(), version.packageId(), secret, now, expires);
            // The first launch starts the course: the course list shows it in progress from now on.
            ProgressRecorded started = r.created() ? ledger.recordWithin(c, learner, courseId, new ProgressFact(
                    TincanPackageFormat.KIND, version.lineId(), false, null, null, null), now) : null;
            return new Opened(r.registration().registration(), started);
        });
        if (opened.started() != null) {
            ledger.announce(opened.started());
        }
        String base = isAbsolute(href) ? href : site.packageBase(version.packageId(), opened.registration(),
                root.id(), credentialId) + href.replaceFirst("^(\\./)+", "");
        String auth = "Basic " + Base64.getEncoder().encodeToString((TincanCredentials.PREFIX + credentialId + ":"
                + secret).getBytes(StandardCharsets.UTF_8));
        String url = withParameters(base, "endpoint=" + encode(site.portalBase() + "/manabi/xapi/")
                + "&auth=" + encode(auth)
                + "&actor=" + encode(actor.toString())
                + "&registration=" + encode(opened.registration())
                + "&activity_id=" + encode(root.id()));
        return new Launch(url, opened.registration(), root.id(), expires);
    }

    /** What the launch transaction decided. */
    private record Opened(String registration, ProgressRecorded started) {
    }

    private static boolean isAbsolute(String href) {
        return href.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    /** Appends the launch parameters after the link's own query and before its fragment. */
    static String withParameters(String url, String parameters) {
        int hash = url.indexOf('#');
        String head = hash < 0 ? url : url.substring(0, hash);
        return head + (head.contains("?") ? "&" : "?") + parameters + (hash < 0 ? "" : url.substring(hash));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The course's tincan component in the learner's language, else the first. */
    private static Optional<Course.Component> component(Course course, LearnerContext learner) {
        String tag = learner.preferredLocale() == null ? null
                : learner.preferredLocale().toLanguageTag().toLowerCase(Locale.ROOT);
        return course.components().stream().filter(c -> TincanPackageFormat.KIND.equals(c.kind()))
                .filter(c -> tag != null && c.language() != null && c.language().toLowerCase(Locale.ROOT)
                        .equals(tag)).findFirst()
                .or(() -> course.components().stream().filter(c -> TincanPackageFormat.KIND.equals(c.kind()))
                        .findFirst());
    }

    private Duration credentialLifetime() {
        return config == null ? DEFAULT_CREDENTIAL_LIFETIME : config.getOptionalValue(
                "manabi.tincan.credential-lifetime", Duration.class).orElse(DEFAULT_CREDENTIAL_LIFETIME);
    }
}
