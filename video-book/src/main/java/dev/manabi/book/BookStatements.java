package dev.manabi.book;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.LearnerContext;
import dev.manabi.core.LearnerStatement;
import dev.manabi.core.StatementOutbox;
import dev.manabi.core.Verb;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * The xAPI Video Profile (https://w3id.org/xapi/video) statements of a topic's video, from the reports the book's
 * player sends ({@link PlayReport}), written in the transaction that applies the report:
 *
 * <ul>
 *   <li>{@code initialized}: the first report of a new playback session of the topic (a page load), with the
 *       video's length, the session id and the completion threshold (when not 1) in the context, as paused and
 *       completed have too;</li>
 *   <li>{@code played} / {@code paused} / {@code seeked}: a report naming that media event (the player sends them on
 *       the video's play, pause and seeked events); time, or time-from and time-to for a seek;</li>
 *   <li>{@code completed}: when the topic first reaches the book's completion share, with played-segments,
 *       progress and time.</li>
 * </ul>
 *
 * <p>Played segments and progress are the server's record (the union of the stretches credited, WatchRules), not
 * the client's claim. Not emitted: {@code terminated} (the server is not told when a page closes) and
 * {@code interacted} (captions, rate and volume changes are not reported). Registration: one UUID per learner,
 * course and book, derived from their ids.
 */
final class BookStatements {

    static final String PROFILE = "https://w3id.org/xapi/video";
    static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
    static final String PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile";
    static final Verb PLAYED = new Verb("https://w3id.org/xapi/video/verbs/played", "played");
    static final Verb PAUSED = new Verb("https://w3id.org/xapi/video/verbs/paused", "paused");
    static final Verb SEEKED = new Verb("https://w3id.org/xapi/video/verbs/seeked", "seeked");

    private static final String EXT = "https://w3id.org/xapi/video/extensions/";

    private BookStatements() {
    }

    static String topicActivity(String bookId, String topicId) {
        return LearnerStatement.activityId("book", bookId, "topic", topicId);
    }

    static UUID registration(LearnerContext learner, String courseId, String bookId) {
        return LearnerStatement.registration("book\n" + learner.tenant().id() + "\n" + learner.learnerId() + "\n"
                + courseId + "\n" + bookId);
    }

    /** The statements of one applied (not stale) report: {@code before} is the topic's state before it, or null. */
    static void reported(StatementOutbox.Emitter e, LearnerContext learner, String courseId, String bookId,
                         Topic topic, double share, PlayReport report, WatchRules.State before,
                         WatchRules.State after) throws SQLException {
        double length = topic.video().duration();
        if (before == null || !before.session().equals(report.session())) {
            LearnerStatement s = video(e, Verb.INITIALIZED, learner, courseId, bookId, topic, report.session());
            lengthAndThreshold(s, length, share);
            e.append(s);
        }
        if (report.event() != null) {
            Verb verb = switch (report.event()) {
                case "played" -> PLAYED;
                case "paused" -> PAUSED;
                default -> SEEKED;
            };
            LearnerStatement s = video(e, verb, learner, courseId, bookId, topic, report.session());
            ObjectNode ext = s.result().with("extensions");
            if (verb == SEEKED) {
                ext.put(EXT + "time-from", seconds(Math.min(report.from(), length)));
                ext.put(EXT + "time-to", seconds(Math.min(report.position(), length)));
            } else {
                ext.put(EXT + "time", seconds(Math.min(report.position(), length)));
            }
            if (verb == PAUSED) {
                watched(ext, after, length);
                lengthAndThreshold(s, length, share);
            }
            e.append(s);
        }
        if (after.completed() && (before == null || !before.completed())) {
            LearnerStatement s = video(e, Verb.COMPLETED, learner, courseId, bookId, topic, report.session());
            s.result().put("completion", true);
            ObjectNode ext = s.result().with("extensions");
            ext.put(EXT + "time", seconds(Math.min(after.position(), length)));
            watched(ext, after, length);
            lengthAndThreshold(s, length, share);
            e.append(s);
        }
    }

    private static LearnerStatement video(StatementOutbox.Emitter e, Verb verb, LearnerContext learner,
                                          String courseId, String bookId, Topic topic, String session) {
        LearnerStatement s = e.statement(verb, registration(learner, courseId, bookId), courseId);
        s.activity(topicActivity(bookId, topic.id()), VIDEO_TYPE, topic.title().resolve(Locale.ROOT));
        s.contextActivity("parent", LearnerStatement.activityId("book", bookId), LearnerStatement.MODULE_TYPE);
        s.contextActivity("category", PROFILE, PROFILE_TYPE);
        s.context().with("extensions").put(EXT + "session-id", session);
        return s;
    }

    /**
     * The context extensions the Video Profile asks on initialized, paused, completed (and terminated, which is not
     * emitted): {@code length}, and {@code completion-threshold} when it is not 1 (the profile's default: the whole
     * video). Extension IRIs under https://w3id.org/xapi/video/extensions/.
     */
    private static void lengthAndThreshold(LearnerStatement s, double length, double share) {
        ObjectNode ext = s.context().with("extensions");
        ext.put(EXT + "length", seconds(length));
        double threshold = Math.round(share * 1000) / 1000.0;
        if (threshold != 1.0) {
            ext.put(EXT + "completion-threshold", threshold);
        }
    }

    /** played-segments ("start[.]end[,]...", Video Profile 2.5) and progress (watched share, 0..1). */
    private static void watched(ObjectNode ext, WatchRules.State state, double length) {
        StringBuilder segments = new StringBuilder();
        for (WatchedIntervals.Interval i : state.watched().intervals()) {
            if (i.start() >= length) {
                continue;
            }
            if (segments.length() > 0) {
                segments.append("[,]");
            }
            segments.append(number(i.start())).append("[.]").append(number(Math.min(i.end(), length)));
        }
        ext.put(EXT + "played-segments", segments.toString());
        ext.put(EXT + "progress", Math.round(Math.min(1, state.watched().totalWithin(length) / length) * 1000)
                / 1000.0);
    }

    private static double seconds(double s) {
        return Math.round(s * 1000) / 1000.0;
    }

    private static String number(double s) {
        double r = seconds(s);
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
