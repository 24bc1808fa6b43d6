package dev.manabi.badges;

import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressRecorded;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CDI side of badges: observes the completion rules' events and hands out a {@link Badges} on the SDK's
 * database. Observers never fail the request that caused the event: the progress is stored already, and a badge
 * that could not be issued now is issued on the learner's next progress.
 */
@ApplicationScoped
public class BadgeEngine {

    private static final Logger LOG = Logger.getLogger(BadgeEngine.class.getName());
    /** The public base of the SDK's API as verifiers reach it, e.g. {@code https://portal.example/manabi/api/}. */
    static final String PUBLIC_URL = "manabi.badges.public-url";

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    @Any
    Instance<CourseOutcomes> outcomeModules;

    /**
     * Seals the issuers' private keys: {@code manabi.badges.key-sealing.key} (Base64 of 32 bytes) or, without it, a
     * key generated once and kept in {@code manabi_setting} (SecretSealer). Changing it leaves the issuers' keys
     * unreadable: their credentials can then not be signed again.
     */
    static final String SEALING_KEY = "manabi.badges.key-sealing.key";
    static final String SEALING_SETTING = "badges.key-sealing-key";

    private volatile SecretSealer sealer;

    Badges badges() {
        return new Badges(database.ready(), catalog::find, verdicts,
                new Issuers(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class)),
                this::sealer, Clock.systemUTC(), audit);
    }

    /** Said once at start where the operator looks: the issuers' keys are sealed under a key kept beside them. */
    void warnAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        SecretSealer.keptInDatabaseWarning(ConfigProvider.getConfig().getOptionalValue(SEALING_KEY, String.class),
                SEALING_KEY, "seals the badge issuers' signing keys").ifPresent(LOG::warning);
    }

    private SecretSealer sealer() {
        SecretSealer s = sealer;
        if (s == null) {
            synchronized (this) {
                if (sealer == null) {
                    sealer = SecretSealer.open(ConfigProvider.getConfig().getOptionalValue(SEALING_KEY, String.class),
                            SEALING_KEY, database.ready(), SEALING_SETTING, Clock.systemUTC().instant());
                }
                s = sealer;
            }
        }
        return s;
    }

    /**
     * The links in the signed-in learner's and admins' badge lists: below the configured public URL, else below the
     * request's API base (they are only shown to the caller; what verifiers fetch is {@link #hostedUrls}).
     */
    static OpenBadges.Urls urls(URI requestApiBase) {
        return new OpenBadges.Urls(publicUrl().map(URI::create).orElse(requestApiBase));
    }

    /**
     * The URLs of the public documents verifiers fetch, Open Badges 2.0 hosted documents and baked images as well as
     * Open Badges 3.0 credentials: only below the configured public URL. An OB 3.0 issuer's DID (did:web) is made
     * from it, and a DID taken from the request's {@code Host} header would let anyone who sends another Host have
     * credentials signed under a DID of their choosing (did:web 2.5.2 "DNS Security Considerations"); an OB 2.0
     * hosted assertion's {@code id} and {@code verification} are its own address (OB 2.0 "HostedBadge"), which a
     * forged Host would likewise point elsewhere.
     *
     * @throws PlayerException 503 {@code badges-public-url-required} when {@code manabi.badges.public-url} is not set
     */
    static OpenBadges.Urls hostedUrls() {
        return hostedUrls(publicUrl());
    }

    static OpenBadges.Urls hostedUrls(Optional<String> publicUrl) {
        return new OpenBadges.Urls(URI.create(publicUrl.orElseThrow(() -> new PlayerException(503,
                "badges-public-url-required", "Open Badges documents and credentials are served only under the"
                + " address set in " + PUBLIC_URL + " (their ids, verification URLs and did:web issuer are made"
                + " from it); the server has none"))));
    }

    static Optional<String> publicUrl() {
        return normalized(ConfigProvider.getConfig().getOptionalValue(PUBLIC_URL, String.class));
    }

    /** A configured public URL, ending in a slash; empty when unset or blank. */
    static Optional<String> normalized(Optional<String> configured) {
        return configured.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s : s + "/");
    }

    /**
     * The verdicts of every module that decides courses by rules (the completion rules' {@code RuleOutcomes}): a
     * course's outcome from the first that has one, the completed units of all.
     */
    private final CourseOutcomes verdicts = new CourseOutcomes() {
        @Override
        public Map<String, Outcome> outcomes(LearnerContext learner, Collection<String> courseIds) {
            Map<String, Outcome> out = new HashMap<>();
            for (CourseOutcomes module : outcomeModules) {
                module.outcomes(learner, courseIds).forEach(out::putIfAbsent);
            }
            return out;
        }

        @Override
        public Set<String> completedUnits(LearnerContext learner, String courseId) {
            Set<String> out = new HashSet<>();
            for (CourseOutcomes module : outcomeModules) {
                out.addAll(module.completedUnits(learner, courseId));
            }
            return out;
        }
    };

    void onRulesSaved(@Observes CompletionRulesSaved saved) {
        // Not caught: the editor must hear that the badges were not stored (the rules are; saving again repairs it).
        badges().rulesSaved(saved);
    }

    void onUnitCompleted(@Observes UnitCompleted unit) {
        safely(unit.courseId(), () -> badges().unitCompleted(unit));
    }

    void onCourseCompleted(@Observes CourseCompleted course) {
        safely(course.courseId(), () -> badges().courseCompleted(course));
    }

    void onProgress(@Observes ProgressRecorded progress) {
        safely(progress.courseId(), () -> badges().progressed(progress.learner(), progress.courseId()));
    }

    private static void safely(String courseId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Badges of course " + courseId + " could not be issued now", e);
        }
    }
}
