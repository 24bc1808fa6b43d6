package dev.manabi.scorm.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.Json;
import dev.manabi.core.ProgressLedger;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.scorm.cmi.CmiValues;
import dev.manabi.scorm.cmi.DataModel;
import dev.manabi.scorm.cmi.Durations;
import dev.manabi.scorm.pkg.PackageRepository;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.seq.LookAhead;
import dev.manabi.scorm.seq.NavigationRequest;
import dev.manabi.scorm.seq.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * The SCORM run-time on the server: attempts, SCO sessions, commits and the rolled-up status.
 *
 * <p>Concurrency rule (two tabs, one attempt): each launch of a SCO opens a new session and only the latest session
 * may commit; an older tab's commits are refused with 409 {@code scorm-session-superseded}, so nothing is ever
 * silently overwritten (the older tab tells the learner it was taken over). Within a session every commit carries a
 * sequence number that must exceed the last applied one ({@code scorm-commit-stale} otherwise); a commit carries
 * every SetValue since the last acknowledged commit, in call order, so a lost response is repaired by the next
 * commit (re-applying assignments is idempotent).
 */
@ApplicationScoped
public class ScormRuntime {

    static final String REVIEW_SESSION = "review-";

    /** Orders the progress facts of one attempt's concurrent rollups within this server (see {@link #rollup}). */
    private static final Object[] FACT_LOCKS = new Object[64];

    static {
        for (int i = 0; i < FACT_LOCKS.length; i++) {
            FACT_LOCKS[i] = new Object();
        }
    }

    @Inject
    Database database;

    @Inject
    CourseCatalog catalog;

    @Inject
    PackageRepository packages;

    @Inject
    ProgressLedger ledger;

    /**
     * Where the xAPI statements of sessions go (ScormStatements), in the transaction of the state they describe;
     * null only in tests of the run-time without statements.
     */
    @Inject
    StatementOutbox outbox;

    /** MicroProfile Config for the data model limits ({@link RuntimeLimits}); null in tests: the defaults. */
    @Inject
    org.eclipse.microprofile.config.Config config;

    private final Map<String, DataModel> models = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the sequencer's time-based conditions and durations read (SN 4.2.1.3); replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** Seeds of selection and randomization, drawn once per attempt and stored with its state (SR.1, SR.2). */
    LongSupplier seeds = new SecureRandom()::nextLong;

    /** One SetValue call as replayed on the server. */
    public record Assignment(String element, String value) {
    }

    /**
     * What the adapter sends on Commit / Terminate.
     *
     * @param learnerNavigation on the terminating commit: the SCO was unloaded because the learner asked the player
     *                          to navigate (a TOC choice, Continue...), a request the player sends next. That pending
     *                          learner-initiated request is processed instead of the SCO's {@code adl.nav.request}
     *                          (SN 4th Ed. 5.4: after Terminate the LMS first processes any pending learner-initiated
     *                          navigation event, and the SCO's request only if there is none; ADL suite CM-09bb);
     *                          absent (every other commit, and adapters older than the field) is false
     */
    public record Commit(String session, long sequence, List<Assignment> sets, boolean terminate,
                         Boolean learnerNavigation) {

        public Commit {
            learnerNavigation = Boolean.TRUE.equals(learnerNavigation);
        }

        public Commit(String session, long sequence, List<Assignment> sets, boolean terminate) {
            this(session, sequence, sets, terminate, false);
        }
    }

    /**
     * A value the server refused, with the SCORM error code the data model gives; element and value are shortened
     * to {@link #EXCERPT_CHARS} characters (a refused 10 MB value is not sent back).
     */
    public record Rejected(int index, String element, String value, int error, String errorString) {
    }

    /** How much of a refused element name or value a 422 repeats, and how many refused sets it lists. */
    static final int EXCERPT_CHARS = 200;
    static final int REJECTED_LISTED = 20;

    /** The data model {@code 1.2} or {@code 2004} with this server's limits, as the server and the browser use it. */
    public DataModel dataModel(String model) {
        return models.computeIfAbsent(model, m -> RuntimeLimits.dataModel(m, config));
    }

    /** The most bytes a commit body may have on this server ({@code manabi.scorm.max-commit-bytes}). */
    public long maxCommitBytes() {
        return RuntimeLimits.commitBytes(config);
    }

    // ---- attempts -----------------------------------------------------------------------------------------------

    /**
     * The learner's latest attempt on the line in the course, started now if there is none. A first attempt on a
     * language variant continues at the activity the learner was on in the variant they used last (see
     * {@link #continuedItem}).
     */
    public AttemptRecord currentAttempt(LearnerContext learner, String courseId, String lineId) {
        Course course = requireComponent(learner, courseId, lineId);
        DataSource ds = database.ready();
        return Store.latestAttempt(ds, learner.tenant().id(), learner.learnerId(), courseId, lineId)
                .orElseGet(() -> {
                    ScormPackage pkg = latest(lineId);
                    Optional<AttemptRecord> other = latestInCourse(learner, course);
                    AttemptRecord created;
                    try {
                        created = Store.createAttempt(ds, learner, courseId, lineId, pkg.id(), 1, clock.instant());
                    } catch (PlayerException e) {
                        // Two tabs opened the course for the first time at once: the other one's insert won the
                        // unique (learner, course, line, number); both continue with that attempt.
                        return Store.latestAttempt(ds, learner.tenant().id(), learner.learnerId(), courseId, lineId)
                                .orElseThrow(() -> e);
                    }
                    return continuedItem(new ActivityTree(pkg), other).map(item -> {
                        Store.setCurrent(ds, created.id(), item, clock.instant());
                        return Store.findAttempt(ds, created.id()).orElse(created);
                    }).orElse(created);
                });
    }

    /**
     * Where a learner who switches language continues: progress belongs to the course, and translations exported
     * from one source keep their item identifiers, so the activity they were on in the other variant, when this
     * variant has a launchable activity with that identifier. Otherwise the variant starts at its beginning.
     */
    static Optional<String> continuedItem(ActivityTree variant, Optional<AttemptRecord> lastUsedVariant) {
        return lastUsedVariant.map(AttemptRecord::currentItem).flatMap(variant::find).map(ActivityTree.Activity::id);
    }

    /**
     * Starts a new attempt on the latest package version; the previous one is closed (and can still be reviewed):
     * its SCO sessions still open (another tab, a tab closed without Terminate) are ended as an abandoned session
     * is, then it is finished, so no session can change it any more.
     */
    public AttemptRecord newAttempt(LearnerContext learner, String courseId, String lineId) {
        requireComponent(learner, courseId, lineId);
        DataSource ds = database.ready();
        Optional<AttemptRecord> last = Store.latestAttempt(ds, learner.tenant().id(), learner.learnerId(), courseId,
                lineId);
        last.filter(a -> !a.finished()).ifPresent(a -> {
            // Titles for the statements only: a package that is gone must not keep the learner from a new attempt.
            Optional<ActivityTree> tree = packages.find(a.packageId()).map(ActivityTree::new);
            List<ScoRecord> open = Sql.inTransaction(ds, c -> {
                Store.lockAttempt(c, a.id());
                StatementOutbox.Emitter statements = outbox == null ? null : outbox.emitter(c, learner,
                        clock.instant());
                List<ScoRecord> closing = new ArrayList<>();
                for (ScoRecord r : Store.scosForUpdate(c, a.id())) {
                    if (r.sessionOpen()) {
                        ScoRecord closed = closeAbandoned(c, learner, r);
                        closing.add(closed);
                        // The LMS's Terminate can change the status (SCORM 1.2 RTE 3.4.4: lesson_status judged at
                        // LMSFinish); its statements are written as the SCO's own Terminate would write them, in
                        // this transaction.
                        if (statements != null) {
                            String title = tree.flatMap(t -> t.find(r.itemId())).map(ScormRuntime::title)
                                    .orElse(null);
                            ScormStatements.committed(statements, a, ScormStatements.scoAttemptId(c, a.id(),
                                    r.itemId()), title, r, closed, true);
                        }
                    }
                }
                return closing;
            });
            if (!open.isEmpty()) {
                queued();
                rollup(learner, a, packageOf(a), false, true);
            }
            Store.finishAttempt(ds, a.id(), clock.instant());
        });
        Instant now = clock.instant();
        int number = last.map(a -> a.number() + 1).orElse(1);
        try {
            return Store.createAttempt(ds, learner, courseId, lineId, latest(lineId).id(), number, now);
        } catch (PlayerException e) {
            // "New attempt" asked twice at once (double click, two tabs): the other request created it; one new
            // attempt, not an error.
            return Store.latestAttempt(ds, learner.tenant().id(), learner.learnerId(), courseId, lineId)
                    .filter(a -> a.number() >= number).orElseThrow(() -> e);
        }
    }

    public AttemptRecord attempt(LearnerContext learner, String attemptId) {
        return Store.findAttempt(database.ready(), attemptId)
                .filter(a -> a.tenantId().equals(learner.tenant().id()) && a.learnerId().equals(learner.learnerId()))
                .orElseThrow(() -> PlayerException.notFound("No attempt '" + attemptId + "'"));
    }

    public List<ScoRecord> scos(AttemptRecord attempt) {
        return Store.scos(database.ready(), attempt.id());
    }

    public ScormPackage packageOf(AttemptRecord attempt) {
        return packages.find(attempt.packageId())
                .orElseThrow(() -> PlayerException.notFound("The package of this attempt is gone"));
    }

    /**
     * Resolves a navigation request and makes the result the current activity. A SCORM 2004 attempt asks the
     * sequencer (OP.1) under the attempt's lock: {@code start} (opening the course: the current activity again, else
     * Resume All after a Suspend All, else Start), continue, previous, choice, jump, exit, exitAll, suspendAll,
     * abandon, abandonAll. A request the sequencer refuses changes nothing and is a 409 {@code scorm-nav-refused}
     * naming the SN exception ({@link #refused}). A SCORM 1.2 attempt, and any finished attempt (review), moves in
     * tree order.
     */
    public ActivityTree.Delivery navigate(LearnerContext learner, String attemptId, String request, String target) {
        AttemptRecord a = attempt(learner, attemptId);
        ScormPackage pkg = packageOf(a);
        ActivityTree tree = new ActivityTree(pkg);
        Optional<dev.manabi.scorm.seq.model.ActivityTree> sequencing = sequencing(pkg);
        if (sequencing.isPresent() && !a.finished()) {
            return navigateSequenced(learner, a, pkg, tree, sequencing.get(), request, target);
        }
        ActivityTree.Delivery d = a.finished() ? tree.navigate(request, a.currentItem(), target)
                : tree.navigate(request, a.currentItem(), target, prerequisitesMet(a));
        if (d.activity() == null && "prerequisites".equals(d.reason())) {
            throw prerequisitesUnmet(target);
        }
        if (d.activity() != null && !a.finished()) {
            Store.setCurrent(database.ready(), a.id(), d.activity().id(), clock.instant());
        }
        return d;
    }

    private ActivityTree.Delivery navigateSequenced(LearnerContext learner, AttemptRecord a, ScormPackage pkg,
                                                    ActivityTree tree, dev.manabi.scorm.seq.model.ActivityTree model,
                                                    String request, String target) {
        NavigationRequest nav = "start".equals(request) ? null : navigationRequest(request, target);
        Instant now = clock.instant();
        Outcome o = Sql.inTransaction(database.ready(), c -> {
            Store.lockAttempt(c, a.id());
            AttemptRecord locked = Store.loadAttempt(c, a.id()).orElseThrow();
            if (locked.finished()) {
                throw finished();
            }
            SequencedAttempt s = sequenced(c, locked, pkg, model);
            Outcome out = nav == null ? s.launch() : s.navigate(nav);
            if (nav == null && out.kind() == Outcome.Kind.EXCEPTION) {
                // Start needs flow at the root (SB.2.5, SB.2.2-1), which SCORM 2004 leaves off by default; the
                // learner would have to pick from the TOC. Opening the course then chooses for them the first
                // activity a choice request delivers, as the TOC would (an LMS policy; the book allows the choice).
                String first = firstChoosable(s.lookAhead());
                if (first != null) {
                    s = sequenced(c, locked, pkg, model);
                    out = s.navigate(NavigationRequest.choice(first));
                }
            }
            if (out.kind() == Outcome.Kind.EXCEPTION) {
                // Nothing is saved: the request changes nothing, and the current activity goes on.
                return out;
            }
            afterNavigation(c, locked, s, tree, out, now);
            return out;
        });
        if (o.kind() == Outcome.Kind.EXCEPTION) {
            throw refused(o);
        }
        recordFacts(learner, a, tree);
        return switch (o.kind()) {
            case DELIVER -> tree.find(o.deliver()).map(ActivityTree.Delivery::of)
                    .orElse(ActivityTree.Delivery.none("not-launchable"));
            case SESSION_ENDED -> ActivityTree.Delivery.none(Store.findAttempt(database.ready(), a.id())
                    .map(AttemptRecord::finished).orElse(true) ? "ended" : "suspended");
            default -> ActivityTree.Delivery.none("nothing");
        };
    }

    /**
     * The activity opening the course would deliver now (the player's "start", see {@link #navigate}), for a view
     * of a session not begun yet; {@code look} is the look-ahead before it. Changes {@code s}: call on a state that
     * is not saved afterwards.
     */
    static String opening(SequencedAttempt s, LookAhead look) {
        Outcome o = s.launch();
        return o.delivered() ? o.deliver() : firstChoosable(look);
    }

    /** The first leaf in tree order that a choice request would deliver now, or null. */
    private static String firstChoosable(LookAhead look) {
        for (LookAhead.ActivityAvailability x : look.activities()) {
            if (x.choiceValid() && x.visible() && !x.hiddenFromChoice()) {
                return x.id();
            }
        }
        return null;
    }

    /**
     * What a navigation outcome changes besides the tracking state: the delivered activity becomes the attempt's
     * current item; the end of the sequencing session without a suspended activity ends the attempt (SN 4.3; Suspend
     * All keeps it for Resume All); and the course status follows the root's rollup, which exit and post-condition
     * rules may have changed.
     */
    private void afterNavigation(Connection c, AttemptRecord a, SequencedAttempt s, ActivityTree tree, Outcome o,
                                 Instant now) throws SQLException {
        s.save(c, a, now);
        if (o.kind() == Outcome.Kind.DELIVER) {
            Store.setCurrent(c, a.id(), o.deliver(), now);
        }
        rollup(c, a, tree, s.ended(), true, s);
    }

    /**
     * The sequencing session with {@code itemId} delivered: the Current Activity is launched again (a reload, a
     * second tab); a session not begun yet begins with Start, or Resume All after a Suspend All, when that delivers
     * it; any other activity is a choice request for it (what the TOC sends), refused with 409
     * {@code scorm-nav-refused} when the sequencing does not allow it. A refused request changes nothing.
     */
    private SequencedAttempt deliver(Connection c, AttemptRecord a, ScormPackage pkg,
                                     dev.manabi.scorm.seq.model.ActivityTree model, String itemId)
            throws SQLException {
        SequencedAttempt seq = sequenced(c, a, pkg, model);
        if (itemId.equals(seq.currentActivity())) {
            return seq;
        }
        if (seq.currentActivity() == null) {
            Outcome o = seq.launch();
            if (o.delivered() && itemId.equals(o.deliver())) {
                return seq;
            }
            seq = sequenced(c, a, pkg, model);
        }
        Outcome o = seq.navigate(NavigationRequest.choice(itemId));
        if (o.kind() == Outcome.Kind.EXCEPTION) {
            throw refused(o);
        }
        if (!itemId.equals(seq.currentActivity())) {
            throw new PlayerException(409, "scorm-not-delivered", "The course's sequencing delivers '"
                    + seq.currentActivity() + "' for this choice, not '" + itemId + "'",
                    Map.of("current", String.valueOf(seq.currentActivity())));
        }
        return seq;
    }

    /** The package's stored sequencing model when its attempts are sequenced (SCORM 2004), else empty. */
    Optional<dev.manabi.scorm.seq.model.ActivityTree> sequencing(ScormPackage pkg) {
        return pkg.edition().isScorm2004() ? packages.sequencing(pkg.id()) : Optional.empty();
    }

    private SequencedAttempt sequenced(Connection c, AttemptRecord a, ScormPackage pkg,
                                       dev.manabi.scorm.seq.model.ActivityTree model) throws SQLException {
        boolean globalToSystem = pkg.organization().map(dev.manabi.scorm.pkg.Organization::objectivesGlobalToSystem)
                .orElse(true);
        return SequencedAttempt.load(c, a, model, globalToSystem, clock, seeds);
    }

    /**
     * The attempt's sequencing session as stored now, for views (TOC, look-ahead); null for unsequenced attempts.
     * An attempt without a stored state gets one here, under its lock, so what a view shows (the selection and
     * order of children) is what later requests use.
     */
    SequencedAttempt sequencedView(AttemptRecord a, ScormPackage pkg) {
        Optional<dev.manabi.scorm.seq.model.ActivityTree> model = sequencing(pkg);
        if (model.isEmpty()) {
            return null;
        }
        return Sql.inTransaction(database.ready(), c -> {
            Store.lockAttempt(c, a.id());
            SequencedAttempt s = sequenced(c, a, pkg, model.get());
            if (!s.stored()) {
                s.save(c, a, clock.instant());
            }
            return s;
        });
    }

    /** An {@code adl.nav.request} / player request name as the sequencer's request; 400 if it is none of them. */
    static NavigationRequest navigationRequest(String request, String target) {
        try {
            if ("choice".equals(request) || "jump".equals(request)) {
                return request.equals("choice") ? NavigationRequest.choice(target) : NavigationRequest.jump(target);
            }
            return NavigationRequest.parse(request);
        } catch (IllegalArgumentException e) {
            throw PlayerException.badRequest("scorm-nav-invalid", "Unknown navigation request '"
                    + excerpt(request) + "': start, resumeAll, continue, previous, choice, jump, exit, exitAll,"
                    + " suspendAll, abandon or abandonAll (choice and jump with a target)");
        }
    }

    /**
     * A navigation request the sequencer refused: 409 {@code scorm-nav-refused}, details {@code {sn, activity,
     * reason}}: the SN exception code (SCORM 2004 SN appendix), the activity it names, and the UI bundle key of the
     * learner's explanation ({@link SequencingReasons}).
     */
    static PlayerException refused(Outcome o) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sn", o.exception().code());
        details.put("activity", o.exceptionActivity());
        details.put("reason", SequencingReasons.key(o.exception()));
        return new PlayerException(409, "scorm-nav-refused", "The sequencing of this course does not allow this"
                + " navigation now (" + o.exception() + ")", details);
    }

    /**
     * SCORM 1.2: which activities the attempt may deliver now, by their {@code adlcp:prerequisites} and the lesson
     * statuses reached so far ({@link ActivityTree#prerequisitesMet}).
     */
    java.util.function.Predicate<ActivityTree.Activity> prerequisitesMet(AttemptRecord a) {
        Map<String, ScoStatus> status = new java.util.HashMap<>();
        scos(a).forEach(s -> status.put(s.itemId(), s.status()));
        return ActivityTree.prerequisitesMet(status);
    }

    /**
     * A SCORM 1.2 activity whose prerequisites are not met: the same {@code 409 scorm-nav-refused} shape as a
     * refused SCORM 2004 request (no SN code; the reason key {@code scorm.seq.reason.prerequisites}).
     */
    static PlayerException prerequisitesUnmet(String itemId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sn", "adlcp:prerequisites");
        details.put("activity", itemId);
        details.put("reason", "scorm.seq.reason.prerequisites");
        return new PlayerException(409, "scorm-nav-refused", "The prerequisites of '" + excerpt(itemId)
                + "' are not met yet", details);
    }

    private static PlayerException finished() {
        return new PlayerException(409, "scorm-attempt-finished", "This attempt has ended (it was completed"
                + " or a new attempt was started); this session can no longer save");
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    /**
     * What Initialize gets: the session token, the last sequence, and the data model values; {@code launchHref} is
     * the SCO's launch URL relative to the package root (percent-encoded, with the manifest's parameters).
     */
    public record Session(String session, long sequence, String model, String itemId, String mode, boolean review,
                          String launchHref, Map<String, String> values) {
    }

    /**
     * Opens a session of a SCO: a finished attempt opens in review mode (credit no-credit, nothing stored); browse
     * mode is no-credit too: what the SCO stores is kept, but no status, score or progress is credited. A SCO
     * session left open without Terminate (tab killed) is closed first, counting its last reported session time.
     */
    public Session openSession(LearnerContext learner, String attemptId, String itemId, boolean browse) {
        AttemptRecord a = attempt(learner, attemptId);
        ScormPackage pkg = packageOf(a);
        ActivityTree tree = new ActivityTree(pkg);
        ActivityTree.Activity activity = tree.find(itemId)
                .orElseThrow(() -> PlayerException.notFound("No launchable activity '" + itemId + "'"));
        String model = ScoLaunch.model(pkg.edition());
        boolean review = a.finished();
        String mode = review ? "review" : browse ? "browse" : "normal";
        DataSource ds = database.ready();
        if (review) {
            Optional<ScoRecord> stored = Store.sco(ds, attemptId, itemId);
            ScoLaunch.Prepared p = prepare(pkg, activity, tree, itemId, learner, stored, mode,
                    Store.sharedData(ds, learner));
            return new Session(REVIEW_SESSION + UUID.randomUUID(), 0, model, itemId, mode, true,
                    launchHref(activity), p.values().asMap());
        }
        if (!pkg.edition().isScorm2004() && !prerequisitesMet(a).test(activity)) {
            // SCORM 1.2 CAM 2.3.4: the LMS does not launch a SCO whose prerequisites are not met.
            throw prerequisitesUnmet(itemId);
        }
        // One transaction, the attempt row locked first: two launches of the SCO (two tabs) are serialized, so the
        // later one closes the earlier one's session and wins (ScormRuntime's concurrency rule) instead of both
        // inserting the SCO's first row (a duplicate key) or one overwriting a commit the other's read missed; a
        // commit racing the launch waits on the SCO row and then finds its session superseded, or was applied
        // before and is what this launch reads.
        Optional<dev.manabi.scorm.seq.model.ActivityTree> sequencing = sequencing(pkg);
        Session session = Sql.inTransaction(ds, c -> {
            Store.lockAttempt(c, attemptId);
            Instant at = clock.instant();
            SequencedAttempt seq = null;
            ActivityTree.RequestValidity validity = tree.validity(itemId);
            if (sequencing.isPresent()) {
                // SCORM 2004: only what the sequencer delivers is launched (the server is the authority).
                AttemptRecord locked = Store.loadAttempt(c, attemptId).orElseThrow();
                if (locked.finished()) {
                    throw finished();
                }
                seq = deliver(c, locked, pkg, sequencing.get(), itemId);
                if (!activity.sco() && !browse) {
                    // An asset cannot report: delivering it completes it (SN 4.2.1: the LMS sets the tracking of
                    // activities whose content does not communicate).
                    seq.report(itemId, DataModel.SCORM_2004, Map.of("cmi.completion_status", "completed"));
                }
                seq.save(c, locked, at);
                validity = requestValidity(seq.lookAhead());
            }
            StatementOutbox.Emitter statements = outbox == null ? null : outbox.emitter(c, learner, at);
            Optional<ScoRecord> stored = Store.scoForUpdate(c, attemptId, itemId);
            String scoAttempt = stored.isPresent() && statements != null
                    ? ScormStatements.scoAttemptId(c, attemptId, itemId) : null;
            if (stored.isPresent() && stored.get().sessionOpen()) {
                ScoRecord abandoned = stored.get();
                stored = Optional.of(closeAbandoned(c, learner, abandoned));
                if (statements != null) {
                    ScormStatements.committed(statements, a, scoAttempt, title(activity), abandoned, stored.get(),
                            true);
                }
            }
            ScoLaunch.Prepared p = ScoLaunch.prepare(pkg.edition(), activity.item(), learner,
                    stored.map(ScoRecord::cmi).orElse(null), stored.map(ScoRecord::exitValue).orElse(null),
                    stored.map(ScoRecord::totalTimeCs).orElse(0L), mode, Store.sharedData(c, learner), validity,
                    ScoLaunch.declaredObjectives(sequencing(pkg), itemId));
            if (seq != null) {
                ScoLaunch.launchObjectives(p.values(), seq.launchObjectives(itemId));
            }
            String token = UUID.randomUUID().toString();
            Instant now = clock.instant();
            ScoStatus before = stored.map(ScoRecord::status).orElse(ScoStatus.NOT_ATTEMPTED);
            // Browse mode is no-credit (SCORM 2004 RTE 4.2.5 / 4.2.18, SCORM 1.2 RTE 3.4.4): the launch credits
            // nothing, and a credited launch credits only the delivery: values kept from a no-credit session are
            // not credited.
            boolean credit = !browse;
            ScoStatus status = !credit ? before : activity.sco() ? before.atLeast(ScoStatus.delivered(model))
                    : new ScoStatus("completed", "unknown", null);
            Double raw = credit ? ScoStatus.number(p.values().get(DataModel.SCORM_12.equals(model)
                    ? "cmi.core.score.raw" : "cmi.score.raw")) : stored.map(ScoRecord::scoreRaw).orElse(null);
            long sequence = stored.map(ScoRecord::lastSequence).orElse(0L);
            ScoRecord record = new ScoRecord(attemptId, itemId, model, ScoLaunch.persisted(p.values()), token,
                    activity.sco(), sequence, stored.map(ScoRecord::sessions).orElse(0) + 1, null, status, raw,
                    p.totalTimeCs(), stored.map(ScoRecord::learnerTimeCs).orElse(0L), now);
            Store.saveSco(c, learner.tenant().id(), record, stored.isPresent());
            Store.setCurrent(c, attemptId, itemId, now);
            if (statements != null) {
                if (p.newScoAttempt()) {
                    scoAttempt = ScormStatements.newScoAttempt(c, attemptId, itemId);
                }
                ScormStatements.opened(statements, a, scoAttempt, itemId, title(activity), model,
                        p.values().asMap());
                if (credit && !activity.sco() && !before.completed()) {
                    ScormStatements.assetCompleted(statements, a, scoAttempt, itemId, title(activity));
                }
            }
            if (seq != null) {
                rollup(c, a, tree, false, !browse, seq);
            }
            return new Session(token, sequence, model, itemId, mode, false, launchHref(activity),
                    p.values().asMap());
        });
        queued();
        if (sequencing.isPresent()) {
            if (!browse) {
                recordFacts(learner, a, tree);
            }
        } else {
            rollup(learner, a, pkg, !activity.sco(), !browse);
        }
        return session;
    }

    /**
     * adl.nav.request_valid from the sequencer's look-ahead (RTE 4.4.2, SN 4.4): continue and previous, and the
     * targets a choice or a jump would deliver now.
     */
    static ActivityTree.RequestValidity requestValidity(LookAhead look) {
        List<String> choosable = new ArrayList<>();
        List<String> jumpable = new ArrayList<>();
        for (LookAhead.ActivityAvailability x : look.activities()) {
            if (x.choiceValid()) {
                choosable.add(x.id());
            }
            if (x.jumpValid()) {
                jumpable.add(x.id());
            }
        }
        return new ActivityTree.RequestValidity(look.continueValid(), look.previousValid(), choosable, jumpable);
    }

    /** The values a session of the SCO starts with, from what its earlier sessions stored. */
    private ScoLaunch.Prepared prepare(ScormPackage pkg, ActivityTree.Activity activity, ActivityTree tree,
                                              String itemId, LearnerContext learner, Optional<ScoRecord> stored,
                                              String mode, Map<String, String> shared) {
        return ScoLaunch.prepare(pkg.edition(), activity.item(), learner, stored.map(ScoRecord::cmi).orElse(null),
                stored.map(ScoRecord::exitValue).orElse(null), stored.map(ScoRecord::totalTimeCs).orElse(0L), mode,
                shared, tree.validity(itemId), ScoLaunch.declaredObjectives(sequencing(pkg), itemId));
    }

    static String launchHref(ActivityTree.Activity activity) {
        return encodePath(activity.item().launchHref());
    }

    /** Applies a commit: every value re-validated, all or nothing, then status, time and progress facts. */
    public ScoRecord commit(LearnerContext learner, String attemptId, String itemId, Commit commit) {
        if (commit == null || commit.session() == null) {
            throw PlayerException.badRequest("scorm-commit-invalid", "A commit needs session, sequence and sets");
        }
        AttemptRecord a = attempt(learner, attemptId);
        if (commit.session().startsWith(REVIEW_SESSION)) {
            throw new PlayerException(409, "scorm-review-session", "A review session stores nothing");
        }
        ScormPackage pkg = packageOf(a);
        ActivityTree tree = new ActivityTree(pkg);
        Optional<dev.manabi.scorm.seq.model.ActivityTree> sequencing = sequencing(pkg);
        DataSource ds = database.ready();
        Instant now = clock.instant();
        // Replaying the sets (the costly part, linear in them and bounded by the limits) happens on the row as read,
        // before any lock; under the lock only a check that nobody changed it meanwhile and one write. Only when
        // another commit of the session got in between is the commit replayed again, on what that one stored.
        ScoRecord seen = Store.sco(ds, attemptId, itemId)
                .orElseThrow(() -> PlayerException.notFound("No session of '" + itemId + "' was opened"));
        ScoRecord prepared = null;
        if (!replaysTerminate(seen, commit)) {
            requireWritable(seen, commit, a.finished());
            prepared = apply(seen, commit, now, dataModel(seen.model()));
        }
        ScoRecord before = seen;
        ScoRecord applied = prepared;
        // One transaction for the SCO's values and the attempt's rolled-up status, the attempt's row locked first
        // as launches lock it: a crash (even SIGKILL) leaves either both or neither, never a commit whose SCO is
        // stored but whose attempt still shows the status before it, and the 200 is sent only after it committed.
        ScoRecord updated = Sql.inTransaction(ds, c -> {
            Store.lockAttempt(c, attemptId);
            ScoRecord locked = Store.lockSco(c, attemptId, itemId)
                    .orElseThrow(() -> PlayerException.notFound("No session of '" + itemId + "' was opened"));
            // The common case: the row is as read, so the replay on it stands and the values need not be read again.
            boolean asRead = applied != null && unchanged(before, locked);
            ScoRecord r = asRead ? locked : Store.scoForUpdate(c, attemptId, itemId).orElseThrow();
            if (replaysTerminate(r, commit)) {
                if (sequencing.isEmpty()) {
                    rollup(c, a, tree, true, r.credit());
                }
                return r;
            }
            requireWritable(r, commit, Store.loadAttempt(c, attemptId).map(AttemptRecord::finished).orElse(true));
            ScoRecord next = asRead ? applied : apply(r, commit, now, dataModel(r.model()));
            Store.updateSco(c, next, r.lastSequence(), r.sessionToken());
            if (outbox != null) {
                // The values before this commit: as read before the lock when they still stand (the locked row
                // is then read without its values), else as re-read under the lock.
                ScoRecord previous = asRead ? before : r;
                ScormStatements.committed(outbox.emitter(c, learner, clock.instant()), a,
                        ScormStatements.scoAttemptId(c, attemptId, itemId),
                        tree.find(itemId).map(ScormRuntime::title).orElse(null), previous, next, commit.terminate());
            }
            if (commit.terminate()) {
                Store.writeShared(c, learner, adlStores(next.cmi()), now);
            }
            if (sequencing.isPresent()) {
                sequence(c, a, pkg, tree, sequencing.get(), next, commit);
            } else {
                rollup(c, a, tree, commit.terminate(), next.credit());
            }
            return next;
        });
        queued();
        if (updated.credit()) {
            recordFacts(learner, a, tree);
        }
        return updated;
    }

    /** After a transaction that may have appended statements committed: the LRS takes them now. */
    private void queued() {
        if (outbox != null) {
            outbox.queued();
        }
    }

    private static String title(ActivityTree.Activity activity) {
        return activity.item().title().resolve(java.util.Locale.ROOT);
    }

    /**
     * A SCORM 2004 commit in the sequencer's terms, in the commit's transaction under the attempt's lock: what the
     * SCO reported goes into the tracking model and rolls up (SN 4th Ed. 4.2.1; not on a Terminate that abandons,
     * {@link #abandons}), then on Terminate the {@code adl.nav.request} it set is carried out (RTE 4.4.1, SN 4.3):
     * the server acts on it even if the browser is gone, unless the learner's own request is pending
     * ({@link Commit#learnerNavigation()}). A request the sequencer refuses leaves the reported state as it is and
     * is remembered for the player ({@code last_refusal}).
     */
    private void sequence(Connection c, AttemptRecord a, ScormPackage pkg, ActivityTree tree,
                          dev.manabi.scorm.seq.model.ActivityTree model, ScoRecord next, Commit commit)
            throws SQLException {
        Instant now = clock.instant();
        boolean terminate = commit.terminate();
        SequencedAttempt reported = sequenced(c, a, pkg, model);
        String request = next.cmi().get("adl.nav.request");
        if (next.credit() && !(terminate && !commit.learnerNavigation() && abandons(request))) {
            reported.report(next.itemId(), next.model(), next.cmi());
        }
        if (!terminate || commit.learnerNavigation() || request == null || request.isBlank()
                || SequencedAttempt.NO_REQUEST.equals(request)) {
            afterNavigation(c, a, reported, tree, SequencedAttempt.NOTHING, now);
            return;
        }
        reported.save(c, a, now);
        // The request runs on the state as just saved; refused, nothing of it is kept (a second load of the row).
        SequencedAttempt navigating = sequenced(c, a, pkg, model);
        Outcome o;
        try {
            o = navigating.navigate(navigationRequest(request, null));
        } catch (PlayerException e) {
            o = null; // the data model only accepts valid requests; one it did not check is ignored
        }
        if (o == null || o.kind() == Outcome.Kind.EXCEPTION) {
            if (o != null) {
                reported.refused(o);
            }
            afterNavigation(c, a, reported, tree, SequencedAttempt.NOTHING, now);
            return;
        }
        afterNavigation(c, a, navigating, tree, o, now);
    }

    /**
     * Whether the SCO's request abandons its attempt ({@code abandon}, {@code abandonAll}). What the SCO set since its
     * last commit then stays out of the tracking model: the abandoned attempt ends without End Attempt and rolls
     * nothing up (SN 4th Ed. TB.2.3; IMS SS: the attempt "terminated abnormally"), and its Terminate is not the
     * SCO's last word on the attempt, which it gave up (the ADL suite's SX-04a: the "passed" set just before
     * {@code abandonAll} does not reach the global objective). What earlier commits put into the tracking model
     * stays: abandoning rolls no tracking data back. The SCO's own record keeps every value it set.
     */
    static boolean abandons(String request) {
        return "abandon".equals(request) || "abandonAll".equals(request);
    }

    /**
     * The pure part of a commit (SCORM 2004 RTE 3.1.4.4 Commit, 3.1.3.2 Terminate): checks session and sequence,
     * replays every SetValue through the data model, and on Terminate accumulates session_time into total_time
     * (RTE 4.2.26) and evaluates the SCORM 1.2 status (mastery score).
     */
    static ScoRecord apply(ScoRecord r, Commit commit, Instant now) {
        return apply(r, commit, now, DataModel.of(r.model()));
    }

    /** {@link #apply(ScoRecord, Commit, Instant)} with the data model (and its limits) of this server. */
    static ScoRecord apply(ScoRecord r, Commit commit, Instant now, DataModel dm) {
        if (replaysTerminate(r, commit)) {
            return r;
        }
        requireCurrent(r, commit);
        if (!r.sessionOpen()) {
            throw new PlayerException(409, "scorm-session-closed", "This session has already terminated");
        }
        List<Assignment> sets = commit.sets() == null ? List.of() : commit.sets();
        int most = dm.limits().setsPerCommit();
        if (sets.size() > most) {
            // The adapter commits before that many SetValue calls wait (and refuses more); only another client
            // sends such a commit.
            throw new PlayerException(413, "scorm-commit-too-large", "The commit carries " + sets.size()
                    + " values; this server accepts at most " + most + " per commit; nothing was stored");
        }
        CmiValues v = new CmiValues(r.cmi());
        List<Rejected> rejected = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < sets.size(); i++) {
            Assignment s = sets.get(i);
            if (s == null) {
                continue;
            }
            int error = dm.setValue(v, s.element(), s.value());
            if (error != 0 && refused++ < REJECTED_LISTED) {
                rejected.add(new Rejected(i, excerpt(s.element()), excerpt(s.value()), error,
                        dm.errorString(error)));
            }
        }
        if (refused > 0) {
            throw new PlayerException(422, "scorm-invalid-value", "The data model refused " + refused
                    + " value(s)" + (refused > rejected.size() ? " (the first " + rejected.size() + " listed)" : "")
                    + "; nothing was stored", rejected);
        }
        boolean scorm12 = DataModel.SCORM_12.equals(r.model());
        long total = r.totalTimeCs();
        long learnerTime = r.learnerTimeCs();
        String exit = r.exitValue();
        boolean open = true;
        if (commit.terminate()) {
            long session = Math.max(0, Durations.parse(r.model(),
                    v.get(scorm12 ? "cmi.core.session_time" : "cmi.session_time")));
            total = Durations.add(total, session);
            learnerTime = Durations.add(learnerTime, session);
            exit = v.get(scorm12 ? "cmi.core.exit" : "cmi.exit");
            if (!scorm12 && "suspendAll".equals(v.get("adl.nav.request"))) {
                // SCORM 2004 RTE 4.4.1 / SN 4.2.x Suspend All: the current activity is suspended whatever cmi.exit
                // says, so its data is kept and the resume all that follows delivers it with cmi.entry "resume"
                // (RTE 4.2.8); without this a SCO that only requests suspendAll lost its location and suspend_data.
                exit = "suspend";
            }
            open = false;
            if (scorm12) {
                v.put("cmi.core.lesson_status", dev.manabi.scorm.cmi.StatusEvaluation.lessonStatus12(
                        v.get("cmi.core.lesson_status"), v.get("cmi.core.credit"), v.get("cmi.core.lesson_mode"),
                        ScoStatus.number(v.get("cmi.student_data.mastery_score")),
                        ScoStatus.number(v.get("cmi.core.score.raw")), true));
                v.put("cmi.core.total_time", Durations.formatTimespan(total));
            } else {
                v.put("cmi.total_time", Durations.formatIso(total));
            }
        }
        // No-credit (browse) sessions keep what the SCO stored but credit nothing (SCORM 2004 RTE 4.2.5, 4.2.18;
        // SCORM 1.2 RTE 3.4.4 cmi.core.credit): status and score stay as the credited sessions left them.
        boolean credit = r.credit();
        ScoStatus status = credit ? ScoStatus.of(r.model(), v, commit.terminate()).atLeast(r.status()) : r.status();
        Double raw = credit ? ScoStatus.number(v.get(scorm12 ? "cmi.core.score.raw" : "cmi.score.raw"))
                : r.scoreRaw();
        return new ScoRecord(r.attemptId(), r.itemId(), r.model(), v.asMap(), r.sessionToken(), open,
                commit.sequence(), r.sessions(), exit, status, raw, total, learnerTime, now);
    }

    /**
     * The commit comes from the SCO's latest session, is newer than the last one applied, and the attempt is not
     * finished: a finished attempt is only reviewed (a new attempt was started, or it was completed), a tab still
     * open on it must not change it. After the stale check, so a commit overtaken by the Terminate that finished the
     * attempt stays merely stale.
     */
    private static void requireWritable(ScoRecord r, Commit commit, boolean attemptFinished) {
        requireCurrent(r, commit);
        if (attemptFinished) {
            throw new PlayerException(409, "scorm-attempt-finished", "This attempt has ended (it was completed"
                    + " or a new attempt was started); this session can no longer save");
        }
    }

    /** At most {@link #EXCERPT_CHARS} characters of {@code text}, saying how long it was when shortened. */
    static String excerpt(String text) {
        if (text == null || text.length() <= EXCERPT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(EXCERPT_CHARS - 1)) ? EXCERPT_CHARS - 1 : EXCERPT_CHARS;
        return text.substring(0, end) + "\u2026 (" + text.length() + " characters)";
    }

    /** Nothing was applied to the SCO between reading {@code seen} and locking {@code locked}. */
    private static boolean unchanged(ScoRecord seen, ScoRecord locked) {
        return seen.lastSequence() == locked.lastSequence() && seen.sessionOpen() == locked.sessionOpen()
                && seen.sessionToken().equals(locked.sessionToken()) && seen.updatedAt().equals(locked.updatedAt());
    }

    /** The commit comes from the SCO's latest session and is newer than the last one applied. */
    static void requireCurrent(ScoRecord r, Commit commit) {
        if (!commit.session().equals(r.sessionToken())) {
            throw new PlayerException(409, "scorm-session-superseded", "This activity was opened again elsewhere"
                    + " (another tab or window); this session can no longer save");
        }
        if (commit.sequence() <= r.lastSequence()) {
            throw new PlayerException(409, "scorm-commit-stale", "Commit " + commit.sequence()
                    + " was already applied or is older than commit " + r.lastSequence());
        }
    }

    /**
     * The adapter re-sends its Terminate, with the same sequence number, when it saw no answer (response lost, page
     * closing): the session already ended with exactly that commit, so the replay is acknowledged without applying
     * anything again (session time must be added to total_time once, SCORM 2004 RTE 4.2.26). Only the terminating
     * commit is replayable: any other commit at or below the last sequence stays stale.
     */
    static boolean replaysTerminate(ScoRecord r, Commit commit) {
        return commit.terminate() && !r.sessionOpen() && commit.session().equals(r.sessionToken())
                && commit.sequence() == r.lastSequence();
    }

    /**
     * Ends a session the SCO never terminated (tab closed, browser gone) as its Terminate would have: session time
     * into total time, and the adl.data stores it wrote into the learner's shared buckets (SCORM 2004 4th Edition
     * RTE 4.3: shared data written during the session persists when it ends), in the same transaction, before the
     * next launch reads them.
     */
    private ScoRecord closeAbandoned(Connection c, LearnerContext learner, ScoRecord r) throws SQLException {
        Instant now = clock.instant();
        // Ended by the LMS, not by a commit of the SCO: the sequence stays the SCO's last, so a Terminate the SCO may
        // still send is never taken for a replay of this one (replaysTerminate).
        ScoRecord closed = apply(r, new Commit(r.sessionToken(), r.lastSequence() + 1, List.of(), true), now)
                .withLastSequence(r.lastSequence());
        Store.updateSco(c, closed, r.lastSequence(), r.sessionToken());
        Store.writeShared(c, learner, adlStores(closed.cmi()), now);
        return closed;
    }

    private static Map<String, String> adlStores(Map<String, String> cmi) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; cmi.containsKey("adl.data." + i + ".id"); i++) {
            String store = cmi.get("adl.data." + i + ".store");
            String access = cmi.getOrDefault("adl.data." + i + ".store#access", "rw");
            if (store != null && !access.equals("ro")) {
                out.put(cmi.get("adl.data." + i + ".id"), store);
            }
        }
        return out;
    }

    // ---- rollup -------------------------------------------------------------------------------------------------

    /**
     * The attempt's status rolled up from its activities, with the progress facts of its SCOs and of the whole part.
     * Only what differs from what is stored is written: most commits change no status (a bookmark, suspend data, an
     * interaction), and every fact written is a database transaction plus a {@code ProgressRecorded} event that
     * completion rules evaluate. Comparing with the stored facts rather than with the state before this commit also
     * repairs a fact whose write failed earlier. After a no-credit session ({@code credit} false) only the
     * learner's time is brought up to date: no fact, no status, and the attempt is not finished by it.
     */
    void rollup(LearnerContext learner, AttemptRecord a, ScormPackage pkg, boolean mayFinish, boolean credit) {
        DataSource ds = database.ready();
        ActivityTree tree = new ActivityTree(pkg);
        // Under the attempt's lock, like launches: two SCOs committing at once (two tabs) roll up one after the
        // other, and the later one reads what the earlier one committed, so it never writes back an older status.
        Optional<dev.manabi.scorm.seq.model.ActivityTree> sequencing = sequencing(pkg);
        Sql.inTransaction(ds, c -> {
            Store.lockAttempt(c, a.id());
            if (sequencing.isPresent()) {
                rollup(c, a, tree, false, credit, sequenced(c, Store.loadAttempt(c, a.id()).orElse(a), pkg,
                        sequencing.get()));
            } else {
                rollup(c, a, tree, mayFinish, credit);
            }
            return null;
        });
        if (credit) {
            recordFacts(learner, a, tree);
        }
    }

    /**
     * The progress facts, outside the rollup's transaction (no second connection is taken while it holds one), from
     * the state as stored now: whichever rollup records last records the latest state. A fact a crash kept from
     * being written is written by the attempt's next rollup, which compares with the ledger.
     */
    private void recordFacts(LearnerContext learner, AttemptRecord a, ActivityTree tree) {
        DataSource ds = database.ready();
        synchronized (FACT_LOCKS[Math.floorMod(a.id().hashCode(), FACT_LOCKS.length)]) {
            recordFacts(learner, Store.findAttempt(ds, a.id()).orElse(a), tree, Store.statuses(ds, a.id()));
        }
    }

    private void rollup(Connection c, AttemptRecord a, ActivityTree tree, boolean mayFinish, boolean credit)
            throws SQLException {
        rollup(c, a, tree, mayFinish, credit, null);
    }

    /**
     * With {@code seq} (a SCORM 2004 attempt) the course's completion, success and score are the root's rollup (SN
     * 4.6), not the SCOs' statuses combined, and the attempt ends only with its sequencing session ({@code mayFinish}
     * says it ended), never because every activity happens to be completed.
     */
    private void rollup(Connection c, AttemptRecord a, ActivityTree tree, boolean mayFinish, boolean credit,
                               SequencedAttempt seq) throws SQLException {
        Map<String, ScoRecord> byItem = new LinkedHashMap<>();
        Store.statusesOf(c, a.id()).forEach(s -> byItem.put(s.itemId(), s));
        List<ScoStatus> statuses = new ArrayList<>();
        long total = 0;
        for (ActivityTree.Activity act : tree.launchables()) {
            ScoRecord s = byItem.get(act.id());
            statuses.add(s == null ? ScoStatus.NOT_ATTEMPTED : s.status());
            if (s != null) {
                // The learner's time, not cmi.total_time: that one restarts with each new SCO attempt.
                total = Durations.add(total, s.learnerTimeCs());
            }
        }
        AttemptRecord now = Store.loadAttempt(c, a.id()).orElse(a);
        if (!credit) {
            if (total != now.totalTimeCs()) {
                Store.updateAttempt(c, a.id(), now.status(), total, false, clock.instant());
            }
            return;
        }
        ScoStatus course = seq != null ? seq.courseStatus() : ScoStatus.rollup(statuses);
        boolean allClosed = byItem.values().stream().noneMatch(ScoRecord::sessionOpen);
        boolean finish = seq != null ? mayFinish : mayFinish && course.completed() && allClosed;
        if (!course.equals(now.status()) || total != now.totalTimeCs() || (finish && !now.finished())) {
            Store.updateAttempt(c, a.id(), course, total, finish, clock.instant());
        }
    }

    /** The SCOs' and the part's progress facts that differ from the ledger's (see {@link #rollup}). */
    private void recordFacts(LearnerContext learner, AttemptRecord a, ActivityTree tree, List<ScoRecord> scos) {
        Set<ProgressFact> stored = new HashSet<>(ledger.facts(learner, a.courseId()));
        Map<String, ScoRecord> byItem = new LinkedHashMap<>();
        scos.forEach(s -> byItem.put(s.itemId(), s));
        List<ProgressFact> facts = new ArrayList<>();
        for (ActivityTree.Activity act : tree.launchables()) {
            ScoRecord s = byItem.get(act.id());
            if (s != null && act.sco()) {
                facts.add(new ProgressFact("sco", scoRef(a.lineId(), act.id()), s.status().completed(),
                        s.status().passed(), percent(s.status().scoreScaled()),
                        s.status().scoreScaled() == null ? null : 100.0));
            }
        }
        ScoStatus course = a.status();
        facts.add(new ProgressFact("scorm", a.lineId(), course.completed(), course.passed(),
                percent(course.scoreScaled()), course.scoreScaled() == null ? null : 100.0));
        // Only what changed, all in one transaction: a commit that moves a SCO's score moves the package's too.
        facts.removeIf(stored::contains);
        ledger.record(learner, a.courseId(), facts);
    }

    private static Double percent(Double scaled) {
        return scaled == null ? null : Math.round(scaled * 10000.0) / 100.0;
    }

    /** Progress fact ref of a SCO: {@code lineId/itemId}, hashed when longer than the ledger's 128 characters. */
    static String scoRef(String lineId, String itemId) {
        String ref = lineId + "/" + itemId;
        if (ref.length() <= 128) {
            return ref;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
            return lineId + "/#" + HexFormat.of().formatHex(d).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- course progress ----------------------------------------------------------------------------------------

    /** What the learner's latest attempt in the course reported, or the course's first part when none. */
    public CourseProgress progress(LearnerContext learner, String courseId) {
        Course course = catalog.requireVisible(courseId, learner);
        if (course.components().stream().noneMatch(c -> c.kind().equals("scorm"))) {
            // Courses of other kinds (tincan.xml packages...): what their modules recorded in the progress ledger.
            return CourseProgress.ofParts(course, ledger.facts(learner, courseId));
        }
        Optional<AttemptRecord> attempt = latestInCourse(learner, course);
        if (attempt.isPresent()) {
            return CourseProgress.of(attempt, scos(attempt.get()), Optional.of(packageOf(attempt.get())));
        }
        return CourseProgress.of(attempt, List.of(), course.components().stream()
                .filter(c -> c.kind().equals("scorm")).findFirst().flatMap(c -> packages.latestOfLine(c.ref())));
    }

    /** The learner's most recently used attempt among the course's SCORM parts, if any. */
    private Optional<AttemptRecord> latestInCourse(LearnerContext learner, Course course) {
        DataSource ds = database.ready();
        return course.components().stream().filter(c -> c.kind().equals("scorm"))
                .map(c -> Store.latestAttempt(ds, learner.tenant().id(), learner.learnerId(), course.id(), c.ref()))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(AttemptRecord::updatedAt));
    }

    public Optional<ScormPackage> findPackage(String packageId) {
        return packages.find(packageId);
    }

    private ScormPackage latest(String lineId) {
        ScormPackage p = packages.latestOfLine(lineId)
                .orElseThrow(() -> PlayerException.notFound("No SCORM package '" + lineId + "'"));
        if (!p.edition().isScorm()) {
            throw new PlayerException(409, "scorm-not-playable", p.edition().displayName()
                    + " packages are stored but not played by the SCORM run-time");
        }
        return p;
    }

    private Course requireComponent(LearnerContext learner, String courseId, String lineId) {
        Course course = catalog.requireVisible(courseId, learner);
        if (course.components().stream().noneMatch(c -> c.kind().equals("scorm") && c.ref().equals(lineId))) {
            throw PlayerException.notFound("Course '" + courseId + "' has no SCORM part '" + lineId + "'");
        }
        return course;
    }

    /** Percent-encodes what a relative URL path may not contain, keeping '/', the query and existing escapes. */
    static String encodePath(String href) {
        int q = href.indexOf('?');
        String path = q < 0 ? href : href.substring(0, q);
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 32 && c < 127 && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`'
                    && c != '{' && c != '|' && c != '}' && c != '#') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return q < 0 ? out.toString() : out + href.substring(q);
    }

    // ---- persistence --------------------------------------------------------------------------------------------

    static final class Store {

        private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() { };
        private static final String ATTEMPT_COLUMNS = "id, tenant_id, learner_id, course_id, line_id, package_id,"
                + " number, finished, current_item, completion, success, score_scaled, total_time_cs, started_at,"
                + " updated_at, finished_at";
        private static final String SCO_COLUMNS = "attempt_id, item_id, model, cmi_json, session_token,"
                + " session_open, last_sequence, sessions, exit_value, completion, success, score_scaled, score_raw,"
                + " total_time_cs, updated_at, learner_time_cs";

        private Store() {
        }

        static AttemptRecord createAttempt(DataSource ds, LearnerContext learner, String courseId, String lineId,
                                           String packageId, int number, Instant now) {
            String id = UUID.randomUUID().toString();
            return Sql.inTransaction(ds, c -> {
                Sql.update(c, "insert into manabi_scorm_attempt (" + ATTEMPT_COLUMNS + ") values (?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, learner.tenant().id(), learner.learnerId(), courseId,
                        lineId, packageId, number, false, null, "not attempted", "unknown", null, 0L,
                        Timestamp.from(now), Timestamp.from(now), null);
                return loadAttempt(c, id).orElseThrow();
            });
        }

        static Optional<AttemptRecord> latestAttempt(DataSource ds, String tenantId, String learnerId,
                                                     String courseId, String lineId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select id from manabi_scorm_attempt where tenant_id = ?"
                        + " and learner_id = ? and course_id = ? and line_id = ? order by number desc")) {
                    ps.setString(1, tenantId);
                    ps.setString(2, learnerId);
                    ps.setString(3, courseId);
                    ps.setString(4, lineId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? loadAttempt(c, rs.getString(1)) : Optional.<AttemptRecord>empty();
                    }
                }
            });
        }

        static Optional<AttemptRecord> findAttempt(DataSource ds, String id) {
            return Sql.inTransaction(ds, c -> loadAttempt(c, id));
        }

        static void finishAttempt(DataSource ds, String id, Instant now) {
            Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_scorm_attempt set finished = ?, finished_at = ?,"
                    + " updated_at = ? where id = ?", true, Timestamp.from(now), Timestamp.from(now), id));
        }

        static void setCurrent(DataSource ds, String id, String item, Instant now) {
            Sql.inTransaction(ds, c -> setCurrent(c, id, item, now));
        }

        static int setCurrent(Connection c, String id, String item, Instant now) throws SQLException {
            return Sql.update(c, "update manabi_scorm_attempt set current_item = ?, updated_at = ? where id = ?",
                    item, Timestamp.from(now), id);
        }

        static void updateAttempt(Connection c, String id, ScoStatus status, long totalCs, boolean finish,
                                  Instant now) throws SQLException {
            Sql.update(c, "update manabi_scorm_attempt set completion = ?, success = ?, score_scaled = ?,"
                    + " total_time_cs = ?, updated_at = ? where id = ?", status.completion(), status.success(),
                    status.scoreScaled(), totalCs, Timestamp.from(now), id);
            if (finish) {
                Sql.update(c, "update manabi_scorm_attempt set finished = ?, finished_at = ? where id = ?"
                        + " and finished = ?", true, Timestamp.from(now), id, false);
            }
        }

        static Optional<AttemptRecord> loadAttempt(Connection c, String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select " + ATTEMPT_COLUMNS
                    + " from manabi_scorm_attempt where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp finished = rs.getTimestamp(16);
                    return Optional.of(new AttemptRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getBoolean(8),
                            rs.getString(9), new ScoStatus(rs.getString(10), rs.getString(11),
                            (Double) rs.getObject(12)), rs.getLong(13), rs.getTimestamp(14).toInstant(),
                            rs.getTimestamp(15).toInstant(), finished == null ? null : finished.toInstant()));
                }
            }
        }

        static Optional<ScoRecord> sco(DataSource ds, String attemptId, String itemId) {
            return Sql.inTransaction(ds, c -> loadScos(c, attemptId, itemId, false, true).stream().findFirst());
        }

        static Optional<ScoRecord> scoForUpdate(Connection c, String attemptId, String itemId) throws SQLException {
            return loadScos(c, attemptId, itemId, true, true).stream().findFirst();
        }

        /**
         * Locks the SCO's row and reads it without its data model values ({@code cmi} empty): what a commit checks
         * under the lock, without parsing what it already replayed.
         */
        static Optional<ScoRecord> lockSco(Connection c, String attemptId, String itemId) throws SQLException {
            return loadScos(c, attemptId, itemId, true, false).stream().findFirst();
        }

        /** The attempt's SCOs without their data model values ({@code cmi} empty): what rollups read. */
        static List<ScoRecord> statusesOf(Connection c, String attemptId) throws SQLException {
            return loadScos(c, attemptId, null, false, false);
        }

        static List<ScoRecord> statuses(DataSource ds, String attemptId) {
            return Sql.inTransaction(ds, c -> statusesOf(c, attemptId));
        }

        static List<ScoRecord> scosForUpdate(Connection c, String attemptId) throws SQLException {
            return loadScos(c, attemptId, null, true, true);
        }

        /** Locks the attempt's row until the transaction ends: launches of its SCOs run one after the other. */
        static void lockAttempt(Connection c, String attemptId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("select id from manabi_scorm_attempt where id = ?"
                    + " for update")) {
                ps.setString(1, attemptId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw PlayerException.notFound("No attempt '" + attemptId + "'");
                    }
                }
            }
        }

        static List<ScoRecord> scos(DataSource ds, String attemptId) {
            return Sql.inTransaction(ds, c -> loadScos(c, attemptId, null, false, true));
        }

        /** With {@code values} false the data model values are neither read nor parsed ({@code cmi} empty). */
        private static List<ScoRecord> loadScos(Connection c, String attemptId, String itemId, boolean lock,
                                                boolean values) throws SQLException {
            String columns = values ? SCO_COLUMNS : SCO_COLUMNS.replace("cmi_json", "null as cmi_json");
            String sql = "select " + columns + " from manabi_scorm_sco_attempt where attempt_id = ?"
                    + (itemId == null ? "" : " and item_id = ?") + (lock ? " for update" : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, attemptId);
                if (itemId != null) {
                    ps.setString(2, itemId);
                }
                List<ScoRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScoRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                values ? parse(rs.getString(4)) : Map.of(), rs.getString(5), rs.getBoolean(6),
                                rs.getLong(7),
                                rs.getInt(8), rs.getString(9), new ScoStatus(rs.getString(10), rs.getString(11),
                                (Double) rs.getObject(12)), (Double) rs.getObject(13), rs.getLong(14),
                                rs.getLong(16), rs.getTimestamp(15).toInstant()));
                    }
                }
                return out;
            }
        }

        static void saveSco(Connection c, String tenantId, ScoRecord r, boolean exists) throws SQLException {
            if (exists) {
                Sql.update(c, "update manabi_scorm_sco_attempt set model = ?, cmi_json = ?, session_token = ?,"
                        + " session_open = ?, last_sequence = ?, sessions = ?, exit_value = ?, completion = ?,"
                        + " success = ?, score_scaled = ?, score_raw = ?, total_time_cs = ?, updated_at = ?,"
                        + " learner_time_cs = ? where attempt_id = ? and item_id = ?", r.model(), json(r.cmi()),
                        r.sessionToken(), r.sessionOpen(), r.lastSequence(), r.sessions(), r.exitValue(),
                        r.status().completion(), r.status().success(), r.status().scoreScaled(), r.scoreRaw(),
                        r.totalTimeCs(), Timestamp.from(r.updatedAt()), r.learnerTimeCs(), r.attemptId(),
                        r.itemId());
            } else {
                Sql.update(c, "insert into manabi_scorm_sco_attempt (" + SCO_COLUMNS + ", tenant_id) values (?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.attemptId(), r.itemId(), r.model(),
                        json(r.cmi()), r.sessionToken(), r.sessionOpen(), r.lastSequence(), r.sessions(),
                        r.exitValue(), r.status().completion(), r.status().success(), r.status().scoreScaled(),
                        r.scoreRaw(), r.totalTimeCs(), Timestamp.from(r.updatedAt()), r.learnerTimeCs(),
                        tenantId);
            }
        }

        /**
         * Optimistic update of an open session: only if nobody applied another commit, opened another session or
         * ended this one meanwhile.
         */
        static void updateSco(Connection c, ScoRecord r, long expectedSequence, String expectedSession)
                throws SQLException {
            int n = Sql.update(c, "update manabi_scorm_sco_attempt set cmi_json = ?, session_open = ?,"
                    + " last_sequence = ?, exit_value = ?, completion = ?, success = ?, score_scaled = ?,"
                    + " score_raw = ?, total_time_cs = ?, learner_time_cs = ?, updated_at = ? where attempt_id = ?"
                    + " and item_id = ? and last_sequence = ? and session_token = ? and session_open = ?",
                    json(r.cmi()), r.sessionOpen(), r.lastSequence(), r.exitValue(), r.status().completion(),
                    r.status().success(), r.status().scoreScaled(), r.scoreRaw(), r.totalTimeCs(), r.learnerTimeCs(),
                    Timestamp.from(r.updatedAt()), r.attemptId(), r.itemId(), expectedSequence, expectedSession, true);
            if (n == 0) {
                throw new PlayerException(409, "scorm-commit-conflict", "Another commit changed this activity"
                        + " at the same time; reload to continue");
            }
        }

        static Map<String, String> sharedData(DataSource ds, LearnerContext learner) {
            return Sql.inTransaction(ds, c -> sharedData(c, learner));
        }

        static Map<String, String> sharedData(Connection c, LearnerContext learner) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select target_id, store from"
                    + " manabi_scorm_shared_data where tenant_id = ? and learner_id = ?")) {
                ps.setString(1, learner.tenant().id());
                ps.setString(2, learner.learnerId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            out.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return out;
        }

        static void writeShared(Connection c, LearnerContext learner, Map<String, String> stores, Instant now)
                throws SQLException {
            for (Map.Entry<String, String> e : stores.entrySet()) {
                Object[] values = {e.getValue(), Timestamp.from(now), learner.tenant().id(), learner.learnerId(),
                    e.getKey()};
                if (Sql.update(c, "update manabi_scorm_shared_data set store = ?, updated_at = ? where tenant_id = ?"
                        + " and learner_id = ? and target_id = ?", values) == 0) {
                    Sql.update(c, "insert into manabi_scorm_shared_data (store, updated_at, tenant_id, learner_id,"
                            + " target_id) values (?, ?, ?, ?, ?)", values);
                }
            }
        }

        static String json(Map<String, String> map) {
            try {
                return Json.mapper().writeValueAsString(map);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Map<String, String> parse(String json) {
            try {
                return Json.mapper().readValue(json, MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt CMI data", e);
            }
        }
    }
}
