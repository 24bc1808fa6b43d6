package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.ContentCapability;
import dev.manabi.core.ContentOrigin;
import dev.manabi.core.CurrentLearner;
import dev.manabi.core.Json;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.seq.LookAhead;
import dev.manabi.scorm.seq.SnCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SCORM run-time API of the player: data models, attempts, navigation, SCO sessions, commits and preview. */
@Path("/scorm")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scorm-runtime")
public class ScormRuntimeResource {

    @Inject
    CurrentLearner current;

    @Inject
    ScormRuntime runtime;

    @Inject
    ContentOrigin contentOrigin;

    @Context
    HttpServletRequest request;

    /**
     * One entry of the table of contents (visible items of the played organization) with its status. For a
     * sequenced attempt (SCORM 2004) {@code choosable} says whether a choice request for it would deliver something
     * now (the sequencer's look-ahead); when not, {@code reason} is the UI bundle key saying why and {@code sn} the
     * SN exception code. Both null for SCORM 1.2 and finished attempts, where every launchable item may be chosen.
     */
    public record TocItem(String id, Map<String, String> title, boolean launchable, boolean sco, String completion,
                          String success, Double scoreScaled, Boolean choosable, String reason, String sn,
                          List<TocItem> children) {
    }

    /**
     * The sequencer's look-ahead for the player's controls (SCORM 2004): whether Continue and Previous would
     * deliver something, the controls the current activity hides ({@code adlnav:hideLMSUI}: previous, continue,
     * exit, exitAll, suspendAll, abandon, abandonAll), whether the session has ended or is suspended, and the last
     * navigation request of a SCO that the sequencer refused ({@code refusedReason} bundle key, {@code refusedSn}).
     */
    public record SequencingView(boolean continueValid, boolean previousValid, List<String> hideLmsUi,
                                 boolean suspended, String refusedReason, String refusedSn) {
    }

    public record AttemptView(String attemptId, int number, String packageId, int packageVersion, String edition,
                              String model, Map<String, String> title, boolean finished, String completion,
                              String success, Double scoreScaled, String totalTime, String currentItem,
                              List<TocItem> toc, SequencingView sequencing) {
    }

    public record NavigationRequest(String request, String target) {
    }

    /** The activity to deliver next ({@code item} null: nothing, see {@code reason}: start, end, invalid-target). */
    public record NavigationView(String item, String reason, AttemptView attempt) {
    }

    /**
     * A SCO session to launch. {@code launchUrl} is the launcher page on the content origin (README "Content
     * origin"), authorized by a capability for exactly this session; the player loads it in its frame, checks that
     * messages come from {@code contentOrigin} ({@code "null"}, an opaque origin, in the sandbox fallback, where
     * {@code sandbox} gives the frame's sandbox permissions; null otherwise) and hands
     * the launcher {@code values}, the data model definition and {@code launchHref}, the SCO's URL relative to the
     * launcher.
     */
    public record SessionView(String session, long sequence, String model, String itemId, String mode,
                              boolean review, String launchUrl, String launchHref, String contentOrigin,
                              String sandbox, Map<String, String> values) {
    }

    public record CommitView(long sequence, String completion, String success, Double scoreScaled, String totalTime,
                             String navRequest, boolean sessionOpen) {
    }

    public record PreviewView(String packageId, int version, String edition, String model, Map<String, String> title,
                              List<TocItem> toc) {
    }

    @GET
    @Path("/datamodel/{model}")
    @Operation(summary = "The SCORM 1.2 or 2004 run-time data model definition (what the adapter validates with)")
    public Response dataModel(@PathParam("model") String model) {
        if (!DataModel.SCORM_12.equals(model) && !DataModel.SCORM_2004.equals(model)) {
            throw PlayerException.notFound("No data model '" + model + "' (1.2 or 2004)");
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(runtime.dataModel(model).json(), MediaType.APPLICATION_JSON_TYPE).cacheControl(cache)
                .build();
    }

    @GET
    @Path("/courses/{courseId}/lines/{lineId}/attempt")
    @Operation(summary = "The learner's current attempt on a course's SCORM part (started if none), with its TOC")
    public AttemptView attempt(@PathParam("courseId") String courseId, @PathParam("lineId") String lineId) {
        LearnerContext learner = current.require();
        return view(runtime.currentAttempt(learner, courseId, lineId));
    }

    @POST
    @Path("/courses/{courseId}/lines/{lineId}/attempts")
    @Operation(summary = "Start a new attempt on the latest package version")
    public Response newAttempt(@PathParam("courseId") String courseId, @PathParam("lineId") String lineId) {
        LearnerContext learner = current.require();
        return Response.status(201).entity(view(runtime.newAttempt(learner, courseId, lineId))).build();
    }

    @POST
    @Path("/attempts/{attemptId}/navigation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Navigation request (start, continue, previous, choice, jump, exit, exitAll, suspendAll,"
            + " abandon, abandonAll): the activity to deliver next; 409 scorm-nav-refused with the SN code when the"
            + " course's sequencing does not allow it")
    public NavigationView navigate(@PathParam("attemptId") String attemptId, NavigationRequest body) {
        LearnerContext learner = current.require();
        if (body == null || body.request() == null) {
            throw PlayerException.badRequest("scorm-nav-invalid", "Give request: start, continue, previous,"
                    + " choice or jump");
        }
        ActivityTree.Delivery d = runtime.navigate(learner, attemptId, body.request(), body.target());
        return new NavigationView(d.activity() == null ? null : d.activity().id(), d.reason(),
                view(runtime.attempt(learner, attemptId)));
    }

    @POST
    @Path("/attempts/{attemptId}/scos/{itemId}/session")
    @Operation(summary = "Open a session of an activity: what Initialize loads (review mode for finished attempts)")
    public SessionView open(@PathParam("attemptId") String attemptId, @PathParam("itemId") String itemId,
                            @QueryParam("browse") @DefaultValue("false") boolean browse) {
        LearnerContext learner = current.require();
        ScormRuntime.Session s = runtime.openSession(learner, attemptId, itemId, browse);
        String token = contentOrigin.capabilities().issue(ContentCapability.Scope.LEARNER,
                runtime.packageOf(runtime.attempt(learner, attemptId)).id(), learner.tenant().id(),
                learner.learnerId(), attemptId, itemId, s.session(), ContentOrigin.portalOrigin(request));
        return launch(s.session(), s.sequence(), s.model(), s.itemId(), s.mode(), s.review(), token, s.launchHref(),
                s.values());
    }

    @POST
    @Path("/attempts/{attemptId}/scos/{itemId}/commit")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Commit (or Terminate) a session: the SetValue calls since the last acknowledged commit")
    public CommitView commit(@PathParam("attemptId") String attemptId, @PathParam("itemId") String itemId,
                             InputStream body) {
        LearnerContext learner = current.require();
        return commitView(runtime.commit(learner, attemptId, itemId,
                parseCommit(readCommit(body, runtime.maxCommitBytes()))));
    }

    /**
     * A commit body, read up to {@code maxBytes} and no further: a larger one is refused (413
     * {@code scorm-commit-too-large}) before it is buffered, so no client makes the server hold more.
     */
    static String readCommit(InputStream body, long maxBytes) {
        if (body == null) {
            return "";
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new PlayerException(413, "scorm-commit-too-large", "The commit is larger than the "
                        + maxBytes + " bytes this server accepts; nothing was stored");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PlayerException.badRequest("malformed-json", "The commit could not be read");
        }
    }

    /** A commit's body, JSON (also when sent as text/plain by sendBeacon). */
    static ScormRuntime.Commit parseCommit(String body) {
        try {
            return Json.mapper().readValue(body == null ? "" : body, ScormRuntime.Commit.class);
        } catch (JsonProcessingException e) {
            throw PlayerException.badRequest("malformed-json", "The commit is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** What the adapter learns from an applied commit. */
    static CommitView commitView(ScoRecord r) {
        String nav = r.cmi().get("adl.nav.request");
        return new CommitView(r.lastSequence(), r.status().completion(), r.status().success(),
                r.status().scoreScaled(), Durations.format(r.model(), r.totalTimeCs()), nav, r.sessionOpen());
    }

    @GET
    @Path("/preview/{packageId}")
    @Operation(summary = "Preview a package version (authors): its TOC, no attempt is created")
    public PreviewView preview(@PathParam("packageId") String packageId) {
        ScormPackage p = previewable(packageId);
        return new PreviewView(p.id(), p.version(), p.edition().name(), ScoLaunch.model(p.edition()),
                p.title().values(), toc(new ActivityTree(p).roots(), Map.of(), null));
    }

    @POST
    @Path("/preview/{packageId}/scos/{itemId}/session")
    @Operation(summary = "What Initialize loads in preview: fresh data, nothing is stored on the server")
    public SessionView previewSession(@PathParam("packageId") String packageId, @PathParam("itemId") String itemId) {
        LearnerContext author = current.require();
        ScormPackage p = previewable(packageId);
        ActivityTree tree = new ActivityTree(p);
        ActivityTree.Activity a = tree.find(itemId)
                .orElseThrow(() -> PlayerException.notFound("No launchable activity '" + itemId + "'"));
        ScoLaunch.Prepared prepared = ScoLaunch.prepare(p.edition(), a.item(), author, null, null, 0, "normal",
                Map.of(), tree.validity(itemId), ScoLaunch.declaredObjectives(runtime.sequencing(p), itemId));
        String token = contentOrigin.capabilities().issue(ContentCapability.Scope.PREVIEW, p.id(),
                author.tenant().id(), author.learnerId(), null, itemId, PREVIEW_SESSION,
                ContentOrigin.portalOrigin(request));
        return launch(PREVIEW_SESSION, 0, ScoLaunch.model(p.edition()), itemId, "normal", false, token,
                ScormRuntime.launchHref(a), prepared.values().asMap());
    }

    static final String PREVIEW_SESSION = "preview";

    private SessionView launch(String session, long sequence, String model, String itemId, String mode,
                               boolean review, String token, String launchHref, Map<String, String> values) {
        boolean sandboxed = contentOrigin.mode() == ContentOrigin.Mode.SANDBOX;
        return new SessionView(session, sequence, model, itemId, mode, review,
                contentOrigin.contentBase(request.getContextPath(), token), launchHref,
                contentOrigin.origin().orElse("null"), sandboxed ? ContentOrigin.SANDBOX_PERMISSIONS : null, values);
    }

    private ScormPackage previewable(String packageId) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        ScormPackage p = runtime.findPackage(packageId)
                .filter(x -> author.hasRole(Role.PLATFORM_ADMIN) || x.ownerTenantId().equals(author.tenant().id()))
                .orElseThrow(() -> PlayerException.notFound("No package '" + packageId + "'"));
        if (!p.edition().isScorm()) {
            throw new PlayerException(409, "scorm-not-playable", p.edition().displayName()
                    + " packages are stored but not played by the SCORM run-time");
        }
        return p;
    }

    AttemptView view(AttemptRecord a) {
        ScormPackage p = runtime.packageOf(a);
        Map<String, ScoStatus> status = new LinkedHashMap<>();
        runtime.scos(a).forEach(s -> status.put(s.itemId(), s.status()));
        String model = ScoLaunch.model(p.edition());
        ActivityTree tree = new ActivityTree(p);
        SequencedAttempt seq = a.finished() ? null : runtime.sequencedView(a, p);
        if (seq == null) {
            List<TocItem> items = toc(tree.roots(), status, null);
            String current = tree.start(a.currentItem()).map(ActivityTree.Activity::id).orElse(null);
            if (!a.finished() && !p.edition().isScorm2004()) {
                var met = ActivityTree.prerequisitesMet(status);
                items = prerequisites(items, tree, met);
                // what opening the course delivers: the current item, else the first whose prerequisites are met
                ActivityTree.Activity opening = tree.navigate("start", a.currentItem(), null, met).activity();
                current = opening == null ? current : opening.id();
            }
            return new AttemptView(a.id(), a.number(), p.id(), p.version(), p.edition().name(), model,
                    p.title().values(), a.finished(), a.status().completion(), a.status().success(),
                    a.status().scoreScaled(), Durations.formatIso(a.totalTimeCs()), current, items, null);
        }
        LookAhead look = seq.lookAhead();
        Map<String, LookAhead.ActivityAvailability> availability = new LinkedHashMap<>();
        look.activities().forEach(x -> availability.put(x.id(), x));
        String refused = seq.refusal();
        boolean suspended = seq.currentActivity() == null && seq.state().suspendedActivity != null;
        // Before the session begins (or after a Suspend All) the view names what opening the course delivers, so a
        // client may open that SCO's session directly (which begins the session the same way).
        String current = seq.currentActivity() != null ? seq.currentActivity() : ScormRuntime.opening(seq, look);
        SequencingView navigation = new SequencingView(look.continueValid(), look.previousValid(),
                look.hideLmsUi().stream().sorted().toList(), suspended,
                refused == null ? null : SequencingReasons.key(SnCode.of(refused)), refused);
        return new AttemptView(a.id(), a.number(), p.id(), p.version(), p.edition().name(), model,
                p.title().values(), false, a.status().completion(), a.status().success(), a.status().scoreScaled(),
                Durations.formatIso(a.totalTimeCs()), current,
                toc(ordered(tree.roots(), seq.tree().root().id(), seq), status, availability), navigation);
    }

    /**
     * SCORM 1.2 (CAM 2.3.4 {@code adlcp:prerequisites}): a launchable item whose prerequisites are not met is
     * listed but not choosable, with the reason {@code scorm.seq.reason.prerequisites}.
     */
    static List<TocItem> prerequisites(List<TocItem> items, ActivityTree tree,
                                       java.util.function.Predicate<ActivityTree.Activity> met) {
        List<TocItem> out = new ArrayList<>();
        for (TocItem i : items) {
            boolean blocked = i.launchable() && tree.find(i.id()).filter(met.negate()).isPresent();
            out.add(new TocItem(i.id(), i.title(), i.launchable(), i.sco(), i.completion(), i.success(),
                    i.scoreScaled(), blocked ? Boolean.FALSE : i.choosable(),
                    blocked ? "scorm.seq.reason.prerequisites" : i.reason(), blocked ? "adlcp:prerequisites" : i.sn(),
                    prerequisites(i.children(), tree, met)));
        }
        return out;
    }

    /**
     * The children of {@code parentId} in the order of the attempt's selection and randomization (SN SR.1 / SR.2,
     * stored as each cluster's available children), never the manifest's; children not selected keep their place
     * after them (the look-ahead hides them). Descendants are ordered the same way.
     */
    static List<ActivityTree.Activity> ordered(List<ActivityTree.Activity> children, String parentId,
                                               SequencedAttempt seq) {
        var st = seq.state().activities.get(parentId);
        List<String> order = st == null || st.availableChildren == null ? List.of() : st.availableChildren;
        List<ActivityTree.Activity> out = new ArrayList<>();
        for (String id : order) {
            children.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(out::add);
        }
        children.stream().filter(c -> !order.contains(c.id())).forEach(out::add);
        return out.stream().map(c -> c.children().isEmpty() ? c : new ActivityTree.Activity(c.id(), c.title(),
                c.visible(), c.launchable(), c.sco(), ordered(c.children(), c.id(), seq), c.item())).toList();
    }

    /**
     * The TOC items. Without {@code availability} (SCORM 1.2, review, preview): visible items, every launchable one
     * choosable. With the sequencer's look-ahead (SN 4.4, CAM 3.4.1.12 isvisible): items hidden from choice (a
     * hiddenFromChoice rule on them or an ancestor, or left out by selection) are not listed; an invisible item is
     * not listed but its children are, in its place; the others carry whether a choice would deliver now, and why
     * not.
     */
    static List<TocItem> toc(List<ActivityTree.Activity> activities, Map<String, ScoStatus> status,
                             Map<String, LookAhead.ActivityAvailability> availability) {
        List<TocItem> out = new ArrayList<>();
        for (ActivityTree.Activity a : activities) {
            LookAhead.ActivityAvailability x = availability == null ? null : availability.get(a.id());
            if (x != null && x.hiddenFromChoice()) {
                continue;
            }
            if (!a.visible()) {
                if (availability != null) {
                    out.addAll(toc(a.children(), status, availability));
                }
                continue;
            }
            ScoStatus s = status.getOrDefault(a.id(), ScoStatus.NOT_ATTEMPTED);
            Boolean choosable = x == null ? null : x.choiceValid();
            String reason = x == null || x.choiceValid() || x.reason() == null ? null
                    : SequencingReasons.key(x.reason());
            out.add(new TocItem(a.id(), a.title().values(), a.launchable(), a.sco(), s.completion(), s.success(),
                    s.scoreScaled(), choosable, reason, x == null || x.reason() == null || x.choiceValid() ? null
                    : x.reason().code(), toc(a.children(), status, availability)));
        }
        return out;
    }
}
