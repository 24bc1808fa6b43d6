package dev.manabi.quiz;

import dev.manabi.core.spi.Plugins;
import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.QuizPassed;
import dev.manabi.api.QuizSubmitted;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Json;
import dev.manabi.core.Sql;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.spi.LearningRecords;
import dev.manabi.i18n.UiLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The quiz engine's logic: import, attempts (start, save, check, submit), views and reports. Works on a plain
 * DataSource and a {@link Platform}; {@link QuizEngine} wires it into CDI.
 *
 * <p>Scoring happens here and only here. Responses are taken from the browser; points, pass/fail and timing never
 * are. Events and progress facts are emitted after the transaction that made the change commits.
 */
final class QuizService {

    private static final Logger LOG = Logger.getLogger(QuizService.class.getName());

    /** Allowance for the network after the deadline; the browser's own timer submits at zero. */
    static final Duration GRACE = Duration.ofSeconds(5);
    static final int MAX_DEFINITION_BYTES = 2 * 1024 * 1024;
    static final int MAX_RESPONSES_CHARS = 64 * 1024;
    static final String NO_COURSE = "";

    private static final SecureRandom SEEDS = new SecureRandom();

    private final DataSource ds;
    private final Plugins<QuestionType> types;
    private final Platform platform;
    private final Clock clock;
    private final ConcurrentMap<String, QuizDefinition> definitions;

    QuizService(DataSource ds, Plugins<QuestionType> types, Platform platform, Clock clock,
                ConcurrentMap<String, QuizDefinition> definitionCache) {
        this.ds = ds;
        this.types = types;
        this.platform = platform;
        this.clock = clock;
        this.definitions = definitionCache;
    }

    QuizService(DataSource ds, Plugins<QuestionType> types, Platform platform, Clock clock) {
        this(ds, types, platform, clock, new ConcurrentHashMap<>());
    }

    // ------------------------------------------------------------------------------------------------ import

    /** Parses JSON bytes strictly (duplicate keys are an error, not "last one wins"). */
    static JsonNode readJson(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_DEFINITION_BYTES + 1);
            if (bytes.length > MAX_DEFINITION_BYTES) {
                throw new PlayerException(413, "definition-too-large", "A quiz definition may be at most "
                        + MAX_DEFINITION_BYTES / 1024 + " KiB");
            }
            if (bytes.length == 0) {
                throw PlayerException.badRequest("malformed-json", "The request body is empty");
            }
            return Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PlayerException(400, "malformed-json", "The quiz definition is not valid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw PlayerException.badRequest("unreadable-body", "The request body could not be read");
        }
    }

    /**
     * Validates and stores a definition as the quiz's next version. A new quiz joins {@code courseId}, or, without
     * one, a new course titled like the quiz; a re-import keeps its courses and may join one more.
     */
    Views.Imported importQuiz(LearnerContext author, JsonNode json, String courseId) {
        requireAuthor(author);
        QuizDefinition definition = new DefinitionParser(types).parse(json);
        Optional<Store.QuizRow> existing = Store.quiz(ds, definition.id());
        if (existing.isPresent() && !mayEdit(author, existing.get())) {
            throw PlayerException.conflict("quiz-id-taken", "The quiz id '" + definition.id()
                    + "' belongs to another institution; choose another id");
        }
        Course target = courseId == null || courseId.isBlank() ? null
                : requireEditable(courseId, author);
        Instant now = clock.instant();
        Course.Component part = new Course.Component(QuizEngine.KIND, definition.id(), null);
        // One transaction for the version and its course: a quiz stored without the course that plays it could not
        // be attached by a re-import (which keeps the courses a quiz already has).
        return Sql.inTransaction(ds, c -> {
            int version = Store.storeVersion(c, author, definition, now);
            if (target == null && existing.isEmpty()) {
                Course created = platform.createCourse(c, author, new CourseCatalog.Draft(definition.title(),
                        definition.title().values().keySet().stream().findFirst().orElse(null),
                        CourseVisibility.TENANT, Set.of()));
                platform.addComponent(c, created.id(), part);
                return new Views.Imported(definition.id(), version, created.id(), true);
            }
            if (target != null && target.components().stream()
                    .noneMatch(p -> p.kind().equals(QuizEngine.KIND) && p.ref().equals(definition.id()))) {
                platform.addComponent(c, target.id(), part);
            }
            return new Views.Imported(definition.id(), version, target == null ? null : target.id(), false);
        });
    }

    private static void requireAuthor(LearnerContext author) {
        if (!author.hasRole(Role.CONTENT_AUTHOR) && !author.hasRole(Role.PLATFORM_ADMIN)) {
            throw PlayerException.forbidden("Importing quizzes needs the content author role");
        }
    }

    private Course requireEditable(String courseId, LearnerContext author) {
        Course course = platform.course(courseId).filter(c -> c.visibleTo(author))
                .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
        if (!course.editableBy(author)) {
            throw PlayerException.forbidden("Only authors and admins of the owning institution may change this course");
        }
        return course;
    }

    private static boolean mayEdit(LearnerContext who, Store.QuizRow quiz) {
        return who.hasRole(Role.PLATFORM_ADMIN) || who.tenant().id().equals(quiz.ownerTenantId())
                && (who.hasRole(Role.CONTENT_AUTHOR) || who.hasRole(Role.INSTITUTION_ADMIN));
    }

    /** The stored definition with answers, for the authors who may change it. */
    JsonNode definitionFor(LearnerContext author, String quizId) {
        Store.QuizRow quiz = Store.quiz(ds, quizId).filter(q -> visible(author, q))
                .orElseThrow(() -> PlayerException.notFound("No quiz '" + quizId + "'"));
        if (!mayEdit(author, quiz)) {
            throw PlayerException.forbidden("Only authors of the owning institution may read the answers");
        }
        return definition(quizId, quiz.currentVersion()).source();
    }

    // ------------------------------------------------------------------------------------------------ learners

    Views.QuizView quiz(LearnerContext learner, String quizId, String courseId, UiLanguage language) {
        Store.QuizRow quiz = requirePlayable(learner, quizId, courseId);
        String course = course(courseId);
        expireOverdue(learner, quizId, course);
        QuizDefinition d = definition(quizId, quiz.currentVersion());
        List<Attempt> attempts = Store.attempts(ds, learner.tenant().id(), learner.learnerId(), quizId, course);
        Integer max = d.settings().maxAttempts();
        int questionCount = d.questions().size() + d.pools().stream().mapToInt(QuizDefinition.Pool::draw).sum();
        QuizDefinition.Threshold t = d.settings().threshold();
        return new Views.QuizView(quizId, quiz.currentVersion(), d.title().resolve(language),
                d.description().isEmpty() ? null : d.description().resolve(language), courseOrNull(course),
                questionCount, Map.of(t.kind().name().toLowerCase(java.util.Locale.ROOT), t.value()), max,
                attempts.size(), max == null ? null : Math.max(0, max - attempts.size()),
                d.settings().timeLimitSeconds(), d.settings().feedback().json(), d.settings().review().json(),
                attempts.stream().filter(Attempt::open).map(Attempt::id).findFirst().orElse(null),
                attempts.stream().map(Views.AttemptSummary::of).toList(),
                attempts.stream().anyMatch(a -> Boolean.TRUE.equals(a.passed())));
    }

    /** Starts an attempt on the current version, or returns the learner's open one (a reload must not cost one). */
    Views.AttemptView start(LearnerContext learner, String quizId, String courseId, UiLanguage language) {
        Store.QuizRow quiz = requirePlayable(learner, quizId, courseId);
        String course = course(courseId);
        expireOverdue(learner, quizId, course);
        QuizDefinition d = definition(quizId, quiz.currentVersion());
        Instant now = clock.instant();
        Attempt attempt = Sql.inTransaction(ds, c -> {
            List<Attempt> attempts = Store.attempts(c, learner.tenant().id(), learner.learnerId(), quizId, course);
            Optional<Attempt> open = attempts.stream().filter(Attempt::open).findFirst();
            if (open.isPresent()) {
                return open.get();
            }
            Integer max = d.settings().maxAttempts();
            if (max != null && attempts.size() >= max) {
                throw new PlayerException(409, "attempt-limit", "All " + max + " attempts at this quiz are used");
            }
            long seed = SEEDS.nextLong();
            List<String> drawn = d.draw(seed).stream().map(Question::id).toList();
            Instant deadline = d.settings().timeLimitSeconds() == null ? null
                    : now.plusSeconds(d.settings().timeLimitSeconds());
            Attempt a = new Attempt(UUID.randomUUID().toString(), learner.tenant().id(), learner.learnerId(), quizId,
                    quiz.currentVersion(), course, attempts.size() + 1, seed, drawn,
                    JsonNodeFactory.instance.objectNode(), Set.of(), Attempt.Status.OPEN, now, deadline, null, false,
                    null, null, null);
            Store.insertAttempt(c, a);
            return a;
        });
        return view(learner, attempt, language);
    }

    Views.AttemptView attempt(LearnerContext learner, String quizId, String attemptId, UiLanguage language) {
        Attempt a = requireAttempt(learner, quizId, attemptId);
        if (a.open() && a.expired(clock.instant())) {
            a = finish(learner, a, null);
        }
        return view(learner, a, language);
    }

    /** Saves responses of an open attempt (merged per question); nothing is scored. */
    Views.AttemptView save(LearnerContext learner, String quizId, String attemptId, Map<String, JsonNode> responses,
                           UiLanguage language) {
        Attempt a = requireAttempt(learner, quizId, attemptId);
        requireOpenInTime(learner, a);
        // Merged into the row as locked now, not as read above: a check committed meanwhile has locked a response
        // this save must not change (nor drop the lock), and a save committed meanwhile must not be lost.
        Sql.inTransaction(ds, c -> {
            Attempt current = Store.lockedOpenAttempt(c, a.id());
            return Store.saveResponses(c, current.id(), merge(current, responses), current.checked());
        });
        return view(learner, requireAttempt(learner, quizId, attemptId), language);
    }

    /**
     * Under the after-each feedback policy: scores one question now and locks its response. Asking again returns
     * the same outcome, so the check cannot be used to try answers one by one.
     */
    Views.QuestionOutcome check(LearnerContext learner, String quizId, String attemptId, String questionId,
                                JsonNode response, UiLanguage language) {
        Attempt a = requireAttempt(learner, quizId, attemptId);
        QuizDefinition d = definition(quizId, a.version());
        if (d.settings().feedback() != QuizDefinition.FeedbackPolicy.AFTER_EACH) {
            throw PlayerException.conflict("no-feedback-before-submit", "This quiz gives feedback after submission");
        }
        if (!a.questionIds().contains(questionId)) {
            throw PlayerException.notFound("No question '" + questionId + "' in this attempt");
        }
        if (!a.checked().contains(questionId)) {
            requireOpenInTime(learner, a);
            // On the locked row, like save: responses saved meanwhile are kept, and of two simultaneous checks
            // of one question the first to commit decides its response.
            Sql.inTransaction(ds, c -> {
                Attempt current = Store.lockedOpenAttempt(c, a.id());
                if (current.checked().contains(questionId)) {
                    return null;
                }
                ObjectNode merged = response == null || response.isNull() ? current.responses()
                        : merge(current, Map.of(questionId, response));
                Set<String> checked = new LinkedHashSet<>(current.checked());
                checked.add(questionId);
                return Store.saveResponses(c, current.id(), merged, checked);
            });
        }
        Attempt now = requireAttempt(learner, quizId, attemptId);
        Question q = d.question(questionId).orElseThrow();
        return outcome(q, score(q, now.responses().get(questionId)), language, false);
    }

    /**
     * Scores and closes the attempt. Idempotent: submitting a submitted attempt returns its stored result and emits
     * nothing. After the deadline the body's responses are ignored and what was saved in time is scored.
     */
    Views.AttemptView submit(LearnerContext learner, String quizId, String attemptId, Map<String, JsonNode> responses,
                             UiLanguage language) {
        Attempt a = requireAttempt(learner, quizId, attemptId);
        if (a.open()) {
            a = finish(learner, a, responses);
        }
        return view(learner, a, language);
    }

    /**
     * Every attempt of the learner at this quiz, in any course; overdue ones are submitted first. A quiz the learner
     * cannot see is 404 like one that does not exist, so the answer does not reveal which ids are taken.
     */
    List<Views.AttemptSummary> myResults(LearnerContext learner, String quizId) {
        Store.quiz(ds, quizId).filter(q -> visible(learner, q))
                .orElseThrow(() -> PlayerException.notFound("No quiz '" + quizId + "'"));
        Instant now = clock.instant();
        for (Attempt a : Store.attemptsOfLearner(ds, learner.tenant().id(), learner.learnerId(), quizId)) {
            if (a.open() && a.expired(now)) {
                finish(learner, a, null);
            }
        }
        return Store.attemptsOfLearner(ds, learner.tenant().id(), learner.learnerId(), quizId).stream()
                .map(Views.AttemptSummary::of).toList();
    }

    // ------------------------------------------------------------------------------------------------ reports

    /**
     * One institution's results of a quiz. Institution admins get their own tenant only (403 for another); a quiz
     * they cannot see at all is 404, so its existence is not revealed.
     */
    Views.Report report(LearnerContext admin, String quizId, String tenantId) {
        if (!admin.hasRole(Role.INSTITUTION_ADMIN) && !admin.hasRole(Role.PLATFORM_ADMIN)) {
            throw PlayerException.forbidden("Quiz reports are for institution admins");
        }
        String tenant = tenantId == null || tenantId.isBlank() ? admin.tenant().id() : tenantId;
        if (!admin.mayAdminister(tenant)) {
            throw PlayerException.forbidden("Institution admins see only their own institution's results");
        }
        Store.quiz(ds, quizId).filter(q -> visible(admin, q))
                .orElseThrow(() -> PlayerException.notFound("No quiz '" + quizId + "'"));
        expireOverdueInTenant(quizId, tenant);
        return new Views.Report(quizId, tenant, Store.report(ds, quizId, tenant));
    }

    /**
     * Submits every overdue attempt at the quiz in one tenant with its responses saved in time, exactly as the
     * learner's own next request would. Without this, an attempt abandoned by a learner who never comes back would
     * stay "open" in reports, and its score would never reach the ledger and completion rules. The events and the
     * progress fact name the learner as the directory knows them (roles: learner), since they are not the caller.
     */
    private void expireOverdueInTenant(String quizId, String tenantId) {
        Instant now = clock.instant();
        for (Attempt a : Store.overdueAttempts(ds, quizId, tenantId, now.minus(GRACE))) {
            if (a.expired(now)) {
                finish(Store.learner(ds, a.tenantId(), a.learnerId()), a, null);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private boolean visible(LearnerContext who, Store.QuizRow quiz) {
        return who.hasRole(Role.PLATFORM_ADMIN) || who.tenant().id().equals(quiz.ownerTenantId())
                || platform.coursesContaining(QuizEngine.KIND, quiz.id()).stream().anyMatch(c -> c.visibleTo(who));
    }

    /**
     * In a course: the course must be visible and contain the quiz (404 otherwise). Outside any course only the
     * owning institution's authors may take it, as a preview.
     */
    private Store.QuizRow requirePlayable(LearnerContext learner, String quizId, String courseId) {
        Optional<Store.QuizRow> quiz = Store.quiz(ds, quizId);
        if (courseId != null && !courseId.isBlank()) {
            Course course = platform.course(courseId).filter(c -> c.visibleTo(learner))
                    .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
            if (quiz.isEmpty() || course.components().stream()
                    .noneMatch(p -> p.kind().equals(QuizEngine.KIND) && p.ref().equals(quizId))) {
                throw PlayerException.notFound("No quiz '" + quizId + "' in course '" + courseId + "'");
            }
            return quiz.get();
        }
        return quiz.filter(q -> mayEdit(learner, q)).orElseThrow(() -> PlayerException.notFound("No quiz '"
                + quizId + "' outside a course; open it from its course"));
    }

    private Attempt requireAttempt(LearnerContext learner, String quizId, String attemptId) {
        return Store.attempt(ds, attemptId)
                .filter(a -> a.tenantId().equals(learner.tenant().id()) && a.learnerId().equals(learner.learnerId())
                        && a.quizId().equals(quizId))
                .orElseThrow(() -> PlayerException.notFound("No attempt '" + attemptId + "'"));
    }

    private void requireOpenInTime(LearnerContext learner, Attempt a) {
        if (!a.open()) {
            throw PlayerException.conflict("attempt-submitted", "This attempt is already submitted");
        }
        if (a.expired(clock.instant())) {
            finish(learner, a, null);
            throw PlayerException.conflict("time-up", "The time limit has passed; the attempt was submitted with the"
                    + " responses saved in time");
        }
    }

    /** Submits the learner's open attempts whose time ran out, so they count and report like any other. */
    private void expireOverdue(LearnerContext learner, String quizId, String course) {
        Instant now = clock.instant();
        for (Attempt a : Store.attempts(ds, learner.tenant().id(), learner.learnerId(), quizId, course)) {
            if (a.open() && a.expired(now)) {
                finish(learner, a, null);
            }
        }
    }

    private ObjectNode merge(Attempt a, Map<String, JsonNode> responses) {
        ObjectNode merged = a.responses().deepCopy();
        if (responses == null) {
            return merged;
        }
        Problems problems = new Problems().at("responses");
        for (Map.Entry<String, JsonNode> e : responses.entrySet()) {
            if (!a.questionIds().contains(e.getKey())) {
                problems.add(e.getKey(), "is not a question of this attempt");
            } else if (a.checked().contains(e.getKey())) {
                if (!e.getValue().equals(a.responses().get(e.getKey()))) {
                    problems.add(e.getKey(), "was already checked; its response can no longer change");
                }
            } else if (e.getValue() == null || e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new PlayerException(400, "invalid-responses", "Some responses were not accepted; nothing was saved",
                    Map.of("problems", problems.list()));
        }
        if (merged.toString().length() > MAX_RESPONSES_CHARS) {
            throw new PlayerException(413, "responses-too-large", "The responses are too large to store");
        }
        return merged;
    }

    /** Scores and stores the submission, then emits events and the progress fact if this call closed it. */
    private Attempt finish(LearnerContext learner, Attempt open, Map<String, JsonNode> responses) {
        Instant now = clock.instant();
        // Past the deadline the attempt counts as timed out; within the grace period what the browser sends with the
        // submission still counts (its timer submits at zero), after it only what was saved in time.
        boolean timedOut = open.deadline() != null && now.isAfter(open.deadline());
        QuizDefinition d = definition(open.quizId(), open.version());
        // Scored from the locked row, so responses saved and checks made since it was read count, and the body's
        // responses cannot change a question checked meanwhile.
        boolean closedNow = Sql.inTransaction(ds, c -> {
            Optional<Attempt> locked = Store.lockedAttempt(c, open.id()).filter(Attempt::open);
            if (locked.isEmpty()) {
                return false;
            }
            Attempt current = locked.get();
            ObjectNode finalResponses = current.expired(now) ? current.responses() : merge(current, responses);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            Score total = new Score(0, 0);
            List<QuizStatements.Answer> answers = new ArrayList<>();
            for (String id : current.questionIds()) {
                Question q = d.question(id).orElseThrow(() -> new IllegalStateException("Question " + id
                        + " missing from pinned version " + current.version() + " of " + current.quizId()));
                Score s = score(q, finalResponses.get(id));
                total = total.plus(s);
                answers.add(new QuizStatements.Answer(q, finalResponses.get(id), s));
                result.withArray("questions").addObject().put("id", id).put("points", s.points())
                        .put("max", s.max());
            }
            boolean passed = d.settings().threshold().reachedBy(total);
            boolean closed = Store.submit(c, current.id(), finalResponses, now, timedOut, total, passed, result);
            if (closed) {
                // In the transaction that closes the attempt: its statements exist exactly when it is submitted.
                StatementOutbox.Emitter e = platform.statements(c, learner, now);
                if (e != null) {
                    QuizStatements.submitted(e, current, d, answers, total, passed, now);
                }
            }
            return closed;
        });
        if (closedNow) {
            platform.statementsQueued();
        }
        Attempt stored = Store.attempt(ds, open.id()).orElseThrow();
        if (closedNow) {
            announce(learner, stored);
        }
        return stored;
    }

    /** Events first (QuizSubmitted, QuizPassed), then the progress fact whose event drives completion rules. */
    private void announce(LearnerContext learner, Attempt a) {
        String course = a.courseOrNull();
        platform.fire(new QuizSubmitted(learner, course, a.quizId(), a.id(), a.score().points(), a.score().max(),
                a.passed(), a.submittedAt()));
        if (a.passed()) {
            platform.fire(new QuizPassed(learner, course, a.quizId(), a.id(), a.score().points(), a.score().max(),
                    a.submittedAt()));
        }
        if (course != null) {
            // The ledger keeps the learner's best attempt in this course: a worse retake must not undo a pass.
            Attempt best = Store.attempts(ds, a.tenantId(), a.learnerId(), a.quizId(), a.courseId()).stream()
                    .filter(x -> !x.open())
                    .max((x, y) -> Double.compare(x.score().percent(), y.score().percent()))
                    .orElse(a);
            boolean anyPassed = Store.attempts(ds, a.tenantId(), a.learnerId(), a.quizId(), a.courseId()).stream()
                    .anyMatch(x -> Boolean.TRUE.equals(x.passed()));
            platform.record(learner, course, new ProgressFact(QuizEngine.KIND, a.quizId(), true, anyPassed,
                    best.score().points(), best.score().max()));
        }
    }

    /** Unanswered scores zero; a plug-in type that throws scores zero rather than losing the submission. */
    private Score score(Question q, JsonNode response) {
        if (response == null || response.isNull() || response.isMissingNode()) {
            return Score.zero(q);
        }
        QuestionType type = typeOf(q);
        try {
            Score s = type.score(q, response);
            if (s == null || Math.abs(s.max() - q.points()) > Score.EPSILON) {
                LOG.warning(() -> "Question type " + q.type() + " returned " + s + " for a " + q.points()
                        + "-point question; scored as zero");
                return Score.zero(q);
            }
            return s;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Question type " + q.type() + " failed to score question " + q.id(), e);
            return Score.zero(q);
        }
    }

    private QuestionType typeOf(Question q) {
        return types.find(q.type()).orElseThrow(() -> new PlayerException(503, "question-type-missing",
                "The question type '" + q.type() + "' is no longer installed"));
    }

    /**
     * The languages each quiz's current version is written in: the tags of its title and description (the texts a
     * learner meets first). Unknown ids are absent. Definitions come from the cache, so only the first call per
     * version parses one.
     */
    Map<String, Set<String>> languagesOf(Collection<String> quizIds) {
        Map<String, Set<String>> out = new HashMap<>();
        Store.currentVersions(ds, quizIds).forEach((id, version) -> {
            QuizDefinition d = definition(id, version);
            Set<String> tags = new LinkedHashSet<>(d.title().values().keySet());
            tags.addAll(d.description().values().keySet());
            out.put(id, tags);
        });
        return out;
    }

    /** README "Learning records": each of the course's quizzes is one module, titled as its current version. */
    List<LearningRecords.Module> recordModules(List<String> quizIds) {
        Map<String, Integer> versions = Store.currentVersions(ds, quizIds);
        return quizIds.stream().filter(versions::containsKey).map(id -> new LearningRecords.Module(
                QuizRecords.moduleId(id), QuizEngine.KIND, id, definition(id, versions.get(id)).title())).toList();
    }

    /** The attempts a records query asks for ({@link QuizRecords}). */
    List<LearningRecords.Attempt> recordAttempts(LearningRecords.Query query) {
        return QuizRecords.Store.attempts(ds, query);
    }

    private QuizDefinition definition(String quizId, int version) {
        return definitions.computeIfAbsent(quizId + "#" + version, key -> {
            JsonNode source = Store.definitionJson(ds, quizId, version).orElseThrow(
                    () -> PlayerException.notFound("No quiz '" + quizId + "' version " + version));
            try {
                return new DefinitionParser(types).parse(source);
            } catch (DefinitionParser.InvalidDefinition e) {
                // Only when a plug-in type was removed or changed its rules after import.
                throw new PlayerException(503, "quiz-unavailable", "Quiz '" + quizId + "' version " + version
                        + " no longer validates with the installed question types", e.details());
            }
        });
    }

    private Views.AttemptView view(LearnerContext learner, Attempt a, UiLanguage language) {
        QuizDefinition d = definition(a.quizId(), a.version());
        boolean reveal = !a.open() && reviewAllowed(learner, a, d);
        List<ObjectNode> questions = new ArrayList<>();
        for (String id : a.questionIds()) {
            Question q = d.question(id).orElseThrow();
            questions.add(clientView(q, a, language, d.settings().shuffleOptions(), reveal));
        }
        Map<String, JsonNode> responses = new LinkedHashMap<>();
        a.responses().properties().forEach(e -> responses.put(e.getKey(), e.getValue()));
        Map<String, Views.QuestionOutcome> checked = new LinkedHashMap<>();
        for (String id : a.checked()) {
            Question q = d.question(id).orElseThrow();
            checked.put(id, outcome(q, score(q, a.responses().get(id)), language, false));
        }
        // Rounded up, so the browser's countdown never reaches zero before the server's deadline.
        Long remaining = a.open() && a.deadline() != null
                ? Math.max(0, (Duration.between(clock.instant(), a.deadline()).toMillis() + 999) / 1000) : null;
        return new Views.AttemptView(a.id(), a.quizId(), a.courseOrNull(), a.number(),
                a.status().name().toLowerCase(java.util.Locale.ROOT), d.title().resolve(language),
                d.settings().feedback().json(), a.startedAt(), a.deadline(), remaining, questions, responses,
                checked.isEmpty() ? null : checked, a.open() ? null : result(learner, a, d, language, reveal));
    }

    private Views.Result result(LearnerContext learner, Attempt a, QuizDefinition d, UiLanguage language,
                                boolean reveal) {
        List<Views.QuestionOutcome> outcomes = null;
        if (d.settings().feedback() != QuizDefinition.FeedbackPolicy.NEVER || reveal) {
            outcomes = new ArrayList<>();
            for (JsonNode r : a.result().path("questions")) {
                Question q = d.question(r.path("id").asText()).orElseThrow();
                outcomes.add(outcome(q, new Score(r.path("points").asDouble(), r.path("max").asDouble()), language,
                        reveal));
            }
        }
        Integer max = d.settings().maxAttempts();
        Integer left = max == null ? null : Math.max(0, max - Store.attempts(ds, a.tenantId(), a.learnerId(),
                a.quizId(), a.courseId()).size());
        return new Views.Result(a.score().points(), a.score().max(), Views.round(a.score().percent()), a.passed(),
                a.timedOut(), a.submittedAt(), reveal, left, outcomes);
    }

    private boolean reviewAllowed(LearnerContext learner, Attempt a, QuizDefinition d) {
        return switch (d.settings().review()) {
            case NEVER -> false;
            case AFTER_SUBMIT -> true;
            case AFTER_FINAL_ATTEMPT -> {
                List<Attempt> all = Store.attempts(ds, a.tenantId(), a.learnerId(), a.quizId(), a.courseId());
                Integer max = d.settings().maxAttempts();
                yield all.stream().anyMatch(x -> Boolean.TRUE.equals(x.passed()))
                        || max != null && all.size() >= max && all.stream().noneMatch(Attempt::open);
            }
        };
    }

    private static Views.QuestionOutcome outcome(Question q, Score s, UiLanguage language, boolean reveal) {
        String feedback = q.feedback().forScore(s).isEmpty() ? null : q.feedback().forScore(s).resolve(language);
        String explanation = reveal && !q.explanation().isEmpty() ? q.explanation().resolve(language) : null;
        return new Views.QuestionOutcome(q.id(), s.points(), s.max(), s.outcome(), feedback, explanation);
    }

    private ObjectNode clientView(Question q, Attempt a, UiLanguage language, boolean shuffleOptions,
                                  boolean reveal) {
        QuestionType type = typeOf(q);
        SeededView view = new SeededView(language, a.seed() ^ q.id().hashCode(), shuffleOptions, reveal);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", q.id()).put("type", q.type()).put("prompt", q.prompt().resolve(language))
                .put("points", q.points()).put("renderer", type.rendererModule());
        ObjectNode own = type.clientView(q, view);
        if (own != null) {
            own.properties().forEach(e -> {
                if (!out.has(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        }
        return out;
    }

    private static String course(String courseId) {
        return courseId == null || courseId.isBlank() ? NO_COURSE : courseId;
    }

    private static String courseOrNull(String course) {
        return course.isEmpty() ? null : course;
    }

    /** The {@link View} of one question in one attempt: shuffles are seeded by attempt and question. */
    record SeededView(UiLanguage language, long seed, boolean shuffleOptions, boolean revealAnswers)
            implements View {

        @Override
        public String text(JsonNode localized) {
            return Json.localizedText(localized).resolve(language);
        }

        @Override
        public <T> List<T> optionOrder(List<T> items) {
            return shuffleOptions ? shuffled(items, seed, false) : List.copyOf(items);
        }

        /**
         * Seeded apart from {@link #optionOrder}: a matching question shows its prompts in option order and its
         * choices scrambled, and two lists of equal length shuffled from one seed move alike, so the k-th choice
         * shown would always answer the k-th prompt shown.
         */
        @Override
        public <T> List<T> scrambled(List<T> items) {
            return shuffled(items, mixed(seed), true);
        }

        private static <T> List<T> shuffled(List<T> items, long seed, boolean mustDiffer) {
            List<T> out = new ArrayList<>(items);
            Random random = new Random(seed);
            // Shuffling again (rather than, say, rotating) keeps every order other than the given one equally likely,
            // so no order is shown noticeably more often than the others. Only a list of equal items cannot differ.
            boolean canDiffer = mustDiffer && new HashSet<>(items).size() > 1;
            do {
                Collections.shuffle(out, random);
            } while (canDiffer && out.equals(items));
            return out;
        }

        /** SplitMix64's finalizer: a seed unrelated to the given one (Random itself uses only its low 48 bits). */
        private static long mixed(long seed) {
            long z = seed + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public ObjectNode object() {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    // ------------------------------------------------------------------------------------------------ SQL

    static final class Store {

        record QuizRow(String id, String ownerTenantId, int currentVersion) {
        }

        private Store() {
        }

        /** The current version of each existing quiz among {@code quizIds}. */
        static Map<String, Integer> currentVersions(DataSource ds, Collection<String> quizIds) {
            Map<String, Integer> out = new HashMap<>();
            Sql.selectIn(ds, "select id, current_version from manabi_quiz where id ?in", List.of(), quizIds,
                    rs -> out.put(rs.getString(1), rs.getInt(2)));
            return out;
        }

        static Optional<QuizRow> quiz(DataSource ds, String quizId) {
            return Sql.inTransaction(ds, c -> quiz(c, quizId));
        }

        private static Optional<QuizRow> quiz(Connection c, String quizId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, owner_tenant_id, current_version from manabi_quiz where id = ?")) {
                ps.setString(1, quizId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new QuizRow(rs.getString(1), rs.getString(2), rs.getInt(3)))
                            : Optional.empty();
                }
            }
        }

        /** Stores the definition as the next version in {@code c}; the quiz row's version is the optimistic lock. */
        static int storeVersion(Connection c, LearnerContext author, QuizDefinition d, Instant now)
                throws SQLException {
            String json = d.source().toString();
            Timestamp ts = Timestamp.from(now);
            Optional<QuizRow> row = quiz(c, d.id());
            int version;
            if (row.isEmpty()) {
                version = 1;
                Sql.insertOrConflict(c, "insert into manabi_quiz (id, owner_tenant_id, current_version, created_by,"
                        + " created_at) values (?, ?, ?, ?, ?)", d.id(), author.tenant().id(), version,
                        author.learnerId(), ts);
            } else {
                version = row.get().currentVersion() + 1;
                if (Sql.update(c, "update manabi_quiz set current_version = ? where id = ? and current_version = ?",
                        version, d.id(), row.get().currentVersion()) == 0) {
                    throw PlayerException.conflict("concurrent-import", "Another import of this quiz happened"
                            + " at the same time; try again");
                }
            }
            // The importer's institution beside the id: a platform admin imports into other institutions' quizzes.
            Sql.update(c, "insert into manabi_quiz_version (quiz_id, version, definition_json, imported_by,"
                    + " imported_at, imported_by_tenant) values (?, ?, ?, ?, ?, ?)", d.id(), version, json,
                    author.learnerId(), ts, author.tenant().id());
            return version;
        }

        static Optional<JsonNode> definitionJson(DataSource ds, String quizId, int version) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "select definition_json from manabi_quiz_version where quiz_id = ? and version = ?")) {
                    ps.setString(1, quizId);
                    ps.setInt(2, version);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(parse(rs.getString(1))) : Optional.empty();
                    }
                }
            });
        }

        static void insertAttempt(Connection c, Attempt a) throws SQLException {
            Sql.insertOrConflict(c, "insert into manabi_quiz_attempt (id, tenant_id, learner_id, quiz_id, quiz_version,"
                    + " course_id, attempt_number, seed, question_ids, responses_json, checked_json, status, started_at,"
                    + " deadline_at, timed_out) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.id(),
                    a.tenantId(), a.learnerId(), a.quizId(), a.version(), a.courseId(), a.number(), a.seed(),
                    write(a.questionIds()), a.responses().toString(), write(a.checked()), a.status().name(),
                    Timestamp.from(a.startedAt()), a.deadline() == null ? null : Timestamp.from(a.deadline()), false);
        }

        /**
         * The attempt's row, locked against other writers until {@code c} ends ({@code for update} works alike on
         * H2 and PostgreSQL). Saves, checks and submissions read what they change through this, so none of them
         * overwrites another's committed change with an older copy.
         */
        static Optional<Attempt> lockedAttempt(Connection c, String attemptId) throws SQLException {
            return query(c, "select " + ATTEMPT_COLUMNS + " from manabi_quiz_attempt where id = ? for update",
                    attemptId).stream().findFirst();
        }

        /** {@link #lockedAttempt}, or 409 {@code attempt-submitted} when it was submitted meanwhile. */
        static Attempt lockedOpenAttempt(Connection c, String attemptId) throws SQLException {
            return lockedAttempt(c, attemptId).filter(Attempt::open).orElseThrow(() -> PlayerException.conflict(
                    "attempt-submitted", "This attempt is already submitted"));
        }

        static Void saveResponses(Connection c, String attemptId, ObjectNode responses, Set<String> checked)
                throws SQLException {
            if (Sql.update(c, "update manabi_quiz_attempt set responses_json = ?, checked_json = ? where id = ?"
                    + " and status = 'OPEN'", responses.toString(), write(checked), attemptId) == 0) {
                throw PlayerException.conflict("attempt-submitted", "This attempt is already submitted");
            }
            return null;
        }

        /** @return true when this call closed the attempt, false when it was already submitted */
        static boolean submit(Connection c, String attemptId, ObjectNode responses, Instant at, boolean timedOut,
                              Score score, boolean passed, ObjectNode result) throws SQLException {
            return Sql.update(c, "update manabi_quiz_attempt set status = 'SUBMITTED', responses_json = ?,"
                    + " submitted_at = ?, timed_out = ?, score = ?, max_score = ?, passed = ?, result_json = ?"
                    + " where id = ? and status = 'OPEN'", responses.toString(), Timestamp.from(at), timedOut,
                    score.points(), score.max(), passed, result.toString(), attemptId) == 1;
        }

        private static final String ATTEMPT_COLUMNS = "id, tenant_id, learner_id, quiz_id, quiz_version, course_id,"
                + " attempt_number, seed, question_ids, responses_json, checked_json, status, started_at, deadline_at,"
                + " submitted_at, timed_out, score, max_score, passed, result_json";

        static Optional<Attempt> attempt(DataSource ds, String attemptId) {
            return Sql.inTransaction(ds, c -> {
                List<Attempt> found = query(c, "select " + ATTEMPT_COLUMNS + " from manabi_quiz_attempt where id = ?",
                        attemptId);
                return found.stream().findFirst();
            });
        }

        static List<Attempt> attempts(DataSource ds, String tenantId, String learnerId, String quizId,
                                      String courseId) {
            return Sql.inTransaction(ds, c -> attempts(c, tenantId, learnerId, quizId, courseId));
        }

        static List<Attempt> attempts(Connection c, String tenantId, String learnerId, String quizId,
                                      String courseId) throws SQLException {
            return query(c, "select " + ATTEMPT_COLUMNS + " from manabi_quiz_attempt where tenant_id = ? and"
                    + " learner_id = ? and quiz_id = ? and course_id = ? order by attempt_number", tenantId, learnerId,
                    quizId, courseId);
        }

        static List<Attempt> attemptsOfLearner(DataSource ds, String tenantId, String learnerId, String quizId) {
            return Sql.inTransaction(ds, c -> query(c, "select " + ATTEMPT_COLUMNS + " from manabi_quiz_attempt"
                    + " where tenant_id = ? and learner_id = ? and quiz_id = ? order by started_at, attempt_number",
                    tenantId, learnerId, quizId));
        }

        /** Open attempts at a quiz in one tenant whose deadline was before {@code before}. */
        static List<Attempt> overdueAttempts(DataSource ds, String quizId, String tenantId, Instant before) {
            return Sql.inTransaction(ds, c -> query(c, "select " + ATTEMPT_COLUMNS + " from manabi_quiz_attempt"
                    + " where quiz_id = ? and tenant_id = ? and status = 'OPEN' and deadline_at < ?", quizId, tenantId,
                    Timestamp.from(before)));
        }

        /** A learner as the core's directory remembers them; id and tenant id alone when it has no record. */
        static LearnerContext learner(DataSource ds, String tenantId, String learnerId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select t.name, l.display_name, l.mail"
                        + " from manabi_tenant t left join manabi_learner l on l.tenant_id = t.id and l.learner_id = ?"
                        + " where t.id = ?")) {
                    ps.setString(1, learnerId);
                    ps.setString(2, tenantId);
                    try (ResultSet rs = ps.executeQuery()) {
                        boolean known = rs.next();
                        return new LearnerContext(learnerId, known ? rs.getString(2) : null,
                                known ? rs.getString(3) : null, new Tenant(tenantId, known ? rs.getString(1) : null),
                                Set.of(Role.LEARNER), null);
                    }
                }
            });
        }

        static List<Views.ReportRow> report(DataSource ds, String quizId, String tenantId) {
            return Sql.inTransaction(ds, c -> {
                try (PreparedStatement ps = c.prepareStatement("select a.learner_id, l.display_name, a.course_id,"
                        + " a.attempt_number, a.quiz_version, a.status, a.started_at, a.submitted_at, a.score,"
                        + " a.max_score, a.passed, a.timed_out from manabi_quiz_attempt a left join manabi_learner l"
                        + " on l.tenant_id = a.tenant_id and l.learner_id = a.learner_id"
                        + " where a.quiz_id = ? and a.tenant_id = ? order by a.learner_id, a.course_id,"
                        + " a.attempt_number")) {
                    ps.setString(1, quizId);
                    ps.setString(2, tenantId);
                    List<Views.ReportRow> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Double score = (Double) rs.getObject(9);
                            Double max = (Double) rs.getObject(10);
                            Timestamp submitted = rs.getTimestamp(8);
                            rows.add(new Views.ReportRow(rs.getString(1),
                                    rs.getString(2) == null ? rs.getString(1) : rs.getString(2),
                                    rs.getString(3).isEmpty() ? null : rs.getString(3), rs.getInt(4), rs.getInt(5),
                                    rs.getString(6).toLowerCase(java.util.Locale.ROOT),
                                    rs.getTimestamp(7).toInstant(), submitted == null ? null : submitted.toInstant(),
                                    score, max, score == null ? null
                                            : Views.round(new Score(score, max).percent()),
                                    (Boolean) rs.getObject(11), rs.getBoolean(12)));
                        }
                    }
                    return rows;
                }
            });
        }

        private static List<Attempt> query(Connection c, String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<Attempt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp deadline = rs.getTimestamp(14);
                        Timestamp submitted = rs.getTimestamp(15);
                        Double score = (Double) rs.getObject(17);
                        String result = rs.getString(20);
                        out.add(new Attempt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getString(6), rs.getInt(7), rs.getLong(8),
                                List.of(Json.mapper().readValue(rs.getString(9), String[].class)),
                                (ObjectNode) parse(rs.getString(10)),
                                new LinkedHashSet<>(List.of(Json.mapper().readValue(rs.getString(11), String[].class))),
                                Attempt.Status.valueOf(rs.getString(12)), rs.getTimestamp(13).toInstant(),
                                deadline == null ? null : deadline.toInstant(),
                                submitted == null ? null : submitted.toInstant(), rs.getBoolean(16),
                                score == null ? null : new Score(score, rs.getDouble(18)), (Boolean) rs.getObject(19),
                                result == null ? null : (ObjectNode) parse(result)));
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Corrupt quiz attempt row", e);
                }
                return out;
            }
        }

        private static JsonNode parse(String json) {
            try {
                return Json.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt JSON in the quiz tables", e);
            }
        }

        private static String write(Object value) {
            try {
                return Json.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
