package dev.manabi.cmi5;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.manabi.i18n.LocalizedText;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * cmi5 for the signed-in learner: {@code GET /cmi5/courses/{courseId}} lists the course's AUs; {@code POST /cmi5/courses/{courseId}/aus/{auIndex}/launch} with an
 * optional {@code {launchMode, returnUrl}} answers 201 {@code {url, registration, sessionId, activityId,
 * launchMethod}} (cmi5 section 8.1). The AU's fetch URL is {@link FetchServlet}.
 */
@Path("/cmi5")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cmi5")
public class Cmi5Resource {

    @Inject
    CurrentLearner current;

    @Inject
    Cmi5Launcher launcher;

    @Inject
    Cmi5Administration administration;

    @Inject
    Cmi5Progress progress;

    @Inject
    ContentOrigin contentOrigin;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    /** The launch options; both optional. {@code returnUrl}: a path or URL of this portal (section 10 returnURL). */
    public record LaunchBody(String launchMode, String returnUrl) {
    }

    /** The launch answer. */
    public record LaunchView(String url, String registration, String sessionId, String activityId,
                             String launchMethod) {
    }

    /**
     * A course's AUs and blocks for the player (its table of contents), with the signed-in learner's standing in
     * their newest registration (issue 14; {@link Cmi5Standing}). {@code title} is in the learner's Manabi language
     * as the host gives it; {@code titles} are the course structure's langstrings (13.1: language tag to text), from
     * which the player picks by the UI language with the project's language rule ({@code i18n.js localize}).
     *
     * @param ref       the course's progress fact ref (the package line: kind {@code cmi5})
     * @param satisfied the course is satisfied (all AUs by their moveOn or waived, 9.3.9)
     * @param passed    the course's judgment as its progress fact has it: null until the course is satisfied
     *                  (cmi5 9.3.9 knows no course-level pass), then true when it asked for a pass or an AU
     *                  passed, else null; never false ({@code Cmi5Standing#coursePassed})
     * @param aus       every AU in document order
     * @param toc       the course's blocks and AUs as nested in the course structure
     */
    public record CourseView(String courseId, String title, Map<String, String> titles, String ref,
                             boolean satisfied, Boolean passed, List<AuView> aus, List<TocEntry> toc) {
    }

    /**
     * One AU: its index (what the launch names), title, launchMethod, moveOn and masteryScore (or null), its
     * langstring titles, progress fact ref ({@code cmi5-au} / {@code cmi5-au-satisfied}) and the learner's status.
     */
    public record AuView(int index, String title, String launchMethod, String moveOn, BigDecimal masteryScore,
                         Map<String, String> titles, String ref, AuProgress status) {
    }

    /**
     * The learner's status in an AU: completed (9.3.3), passed true / failed false / null (the latest judgment,
     * 9.3.4, 9.3.5), waived (9.3.7), satisfied (moveOn or waived) and the judgment's score as a percentage.
     */
    public record AuProgress(boolean completed, Boolean passed, boolean waived, boolean satisfied, Double percent) {
    }

    /**
     * An entry of the table of contents: {@code type} {@code au} (with its {@code auIndex} in {@code aus}) or
     * {@code block} (with its langstring {@code titles}, fact {@code ref} of kind {@code cmi5-block}, whether it is
     * {@code satisfied}, and its {@code children}).
     */
    public record TocEntry(String type, Integer auIndex, Map<String, String> titles, String ref, Boolean satisfied,
                           List<TocEntry> children) {
    }

    @GET
    @Path("/courses/{courseId}")
    @Operation(summary = "The AUs and blocks of a course's cmi5 package with the learner's standing (404 unless the"
            + " course is visible to the caller)")
    public CourseView course(@PathParam("courseId") String courseId) {
        LearnerContext learner = current.require();
        CourseVersions.CourseVersion version = launcher.version(learner, courseId);
        Cmi5Standing standing = progress.standing(learner, courseId, version);
        Locale locale = learner.preferredLocale() == null ? Locale.ENGLISH : learner.preferredLocale();
        CourseStructure structure = version.structure();
        return new CourseView(courseId, new LocalizedText(structure.course().title()).resolve(locale),
                structure.course().title(), version.lineId(), standing.courseSatisfied(), standing.coursePassed(),
                structure.aus().stream().map(au -> {
                    Cmi5Standing.AuStanding s = standing.au(au.id());
                    return new AuView(au.index(), au.localizedTitle().resolve(locale), au.launchMethod().name(),
                            au.moveOn().name(), au.masteryScore(), au.title(), s.ref(), new AuProgress(s.completed(),
                            s.passed(), s.waived(), s.satisfied(), s.percent().isPresent() ? s.percent().getAsDouble()
                            : null));
                }).toList(), toc(structure.children(), standing));
    }

    private static List<TocEntry> toc(List<CourseStructure.Node> nodes, Cmi5Standing standing) {
        return nodes.stream().map(n -> n instanceof CourseStructure.Au au
                ? new TocEntry("au", au.index(), null, null, null, null)
                : tocBlock((CourseStructure.Block) n, standing)).toList();
    }

    private static TocEntry tocBlock(CourseStructure.Block block, Cmi5Standing standing) {
        Cmi5Standing.BlockStanding s = standing.block(block.id());
        return new TocEntry("block", null, block.title(), s.ref(), s.satisfied(), toc(block.children(), standing));
    }

    @POST
    @Path("/courses/{courseId}/aus/{auIndex}/launch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Launch a cmi5 AU of a course for the signed-in learner (404 unless the course is visible)")
    public Response launch(@PathParam("courseId") String courseId, @PathParam("auIndex") int auIndex,
                           LaunchBody body) {
        LearnerContext learner = current.require();
        LaunchBody b = body == null ? new LaunchBody(null, null) : body;
        String portalOrigin = portalOrigin();
        Cmi5Launcher.Launch launch = launcher.launch(learner, courseId, new Cmi5Launcher.Request(auIndex,
                mode(b.launchMode()), returnUrl(b.returnUrl(), portalOrigin), request.getHeader("Accept-Language")),
                site(portalOrigin));
        return Response.status(201).entity(new LaunchView(launch.url(), launch.registration(), launch.sessionId(),
                launch.activityId(), launch.launchMethod().name())).build();
    }

    /** The automation launch: which AU, for which xAPI agent, in which registration (optional) and mode. */
    public record AutomationLaunchBody(Integer auIndex, JsonNode actor, String registration, String launchMode) {
    }

    /** The automation launch answer. */
    public record AutomationLaunchView(String url, String registration, String sessionId) {
    }

    /** A waiver's reason (cmi5 9.5.5.2). */
    public record WaiveBody(String reason) {
    }

    @POST
    @Path("/courses/{courseId}/launches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Launch a cmi5 AU for an xAPI agent (automation API; platform admins)")
    public Response launchFor(@PathParam("courseId") String courseId, AutomationLaunchBody body) {
        LearnerContext admin = current.requireAny(Role.PLATFORM_ADMIN);
        if (body == null || body.auIndex() == null) {
            throw PlayerException.badRequest("cmi5-au-index-missing", "auIndex is required");
        }
        String portalOrigin = portalOrigin();
        Cmi5Launcher.Launch launch = launcher.launchFor(admin, courseId, body.actor(), body.registration(),
                new Cmi5Launcher.Request(body.auIndex(), mode(body.launchMode()), null,
                        request.getHeader("Accept-Language")), site(portalOrigin));
        return Response.status(201).entity(new AutomationLaunchView(launch.url(), launch.registration(),
                launch.sessionId())).build();
    }

    @POST
    @Path("/registrations/{registration}/aus/{auIndex}/waive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Waive a cmi5 AU for a registration with a reason (automation API; platform admins)")
    public Cmi5Administration.Waiver waive(@PathParam("registration") String registration,
                                           @PathParam("auIndex") int auIndex, WaiveBody body) {
        LearnerContext admin = current.requireAny(Role.PLATFORM_ADMIN);
        return administration.waive(admin, registration, auIndex, body == null ? null : body.reason());
    }

    @POST
    @Path("/sessions/{sessionId}/abandon")
    @Operation(summary = "Abandon a cmi5 session that has not terminated (automation API; platform admins)")
    public Cmi5Administration.Abandoned abandon(@PathParam("sessionId") String sessionId) {
        LearnerContext admin = current.requireAny(Role.PLATFORM_ADMIN);
        return administration.abandon(admin, sessionId);
    }

    /**
     * Where a launch's files are: the package on the content origin under a learner capability of the
     * registration's owner, for this session.
     */
    private Cmi5Launcher.Site site(String portalOrigin) {
        String portalBase = portalOrigin + request.getContextPath();
        return new Cmi5Launcher.Site() {
            @Override
            public String portalBase() {
                return portalBase;
            }

            @Override
            public String packageBase(String packageId, String tenantId, String learnerId, String registration,
                                      String activityId, String sessionId) {
                String token = contentOrigin.capabilities().issue(ContentCapability.Scope.LEARNER, packageId,
                        tenantId, learnerId, registration, activityId, sessionId, portalOrigin);
                String base = contentOrigin.contentBase(request.getContextPath(), token);
                return base.startsWith("/") ? portalOrigin + base : base;
            }
        };
    }

    /**
     * The portal origin the launch came from: its {@code Origin} (a page's POST has one), else the scheme and
     * authority the request was sent to as JAX-RS sees it (over HTTP/2 there is no {@code Host} header).
     */
    private String portalOrigin() {
        String origin = request.getHeader("Origin");
        return (origin == null ? Optional.<String>empty() : ContentOrigin.normalizeOrigin(origin))
                .or(() -> ContentOrigin.normalizeOrigin(uri.getBaseUri().getScheme() + "://"
                        + uri.getBaseUri().getRawAuthority()))
                .orElseThrow(() -> PlayerException.badRequest("bad-host", "The request names no valid host"));
    }

    private static LaunchMode mode(String text) {
        if (text == null || text.isBlank()) {
            return LaunchMode.Normal;
        }
        for (LaunchMode m : LaunchMode.values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw PlayerException.badRequest("cmi5-launch-mode-invalid", "launchMode must be Normal, Browse or Review");
    }

    /** A returnURL of this portal only, absolute (no open redirect to another site). */
    private static String returnUrl(String text, String portalOrigin) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.startsWith("/") && !t.startsWith("//")) {
            return portalOrigin + t;
        }
        try {
            URI u = URI.create(t);
            if (portalOrigin.equalsIgnoreCase(u.getScheme() + "://" + u.getRawAuthority())) {
                return t;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw PlayerException.badRequest("cmi5-return-url-invalid", "returnUrl must be a path or URL of this"
                + " portal");
    }
}
