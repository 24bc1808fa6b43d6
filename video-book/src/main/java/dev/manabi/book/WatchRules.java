package dev.manabi.book;

import dev.manabi.api.PlayerException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * How a {@link PlayReport} changes a learner's watched intervals. Pure functions, so the rules are tested without a
 * server.
 *
 * <p>The browser is not trusted: a report's interval must lie within the video, and it is credited only as far as
 * the learner's <em>watch credit</em> allows. Credit is a token bucket per learner, filled by wall-clock time since
 * the previous report at the fastest playback rate the player offers ({@link Policy#maxRate()}) and capped at
 * {@link Policy#creditCap()}; a credited interval spends its length. So however reports are forged, a learner cannot
 * be credited with more video than real time at the maximum rate accounts for, across all topics and books together,
 * and seeking to the end credits only what is then actually played.
 */
final class WatchRules {

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9-]{8,64}");
    /** Intervals shorter than this are rounding noise from timeupdate (fired every 15-250 ms, HTML 4.8.11.8). */
    private static final double MIN_INTERVAL = 0.001;

    private WatchRules() {
    }

    /**
     * The limits of crediting.
     *
     * @param maxRate       fastest playback rate the player offers (credit per wall-clock second)
     * @param creditCap     most credit that idle time can accumulate, seconds of video
     * @param initialCredit credit of a learner's very first report, absorbing clock jitter
     * @param endTolerance  how far past the declared duration a report may reach (containers round durations)
     */
    record Policy(double maxRate, double creditCap, double initialCredit, double endTolerance) {
        static final Policy DEFAULT = new Policy(2.0, 30.0, 1.0, 1.0);
    }

    /** A learner's stored watch credit. */
    record Credit(double seconds, Instant at) {
        /** The credit at {@code now}: refilled by elapsed wall-clock time, capped. */
        Credit at(Instant now, Policy policy) {
            double elapsed = Math.max(0, Duration.between(at, now).toNanos() / 1e9);
            return new Credit(Math.min(policy.creditCap(), seconds + elapsed * policy.maxRate()), now);
        }
    }

    /** The stored state of one topic for one learner. */
    record State(WatchedIntervals watched, double position, boolean completed, String session, long sequence,
                 Instant updatedAt) {
    }

    /**
     * The outcome of a report.
     *
     * @param state    the topic's new state (the old one if the report was stale)
     * @param credit   the learner's remaining credit
     * @param credited seconds of video credited by this report
     * @param stale    the report repeated or preceded one already received
     */
    record Outcome(State state, Credit credit, double credited, boolean stale) {
    }

    /**
     * Applies a report.
     *
     * @param previous the topic's state, or null before the first report
     * @param credit   the learner's credit, or null before their first report ever
     * @param share    completion share of the topic
     * @throws PlayerException 400/422 for malformed or impossible reports
     */
    static Outcome apply(State previous, Credit credit, PlayReport report, double duration, double share,
                         Instant now, Policy policy) {
        check(report, duration, policy);
        Credit available = credit == null ? new Credit(policy.initialCredit(), now) : credit.at(now, policy);
        if (previous != null && previous.session().equals(report.session())
                && report.sequence() <= previous.sequence()) {
            return new Outcome(previous, available, 0, true);
        }
        WatchedIntervals watched = previous == null ? WatchedIntervals.empty() : previous.watched();
        double position = previous == null ? 0 : previous.position();
        double credited = 0;
        if (report.start() != null) {
            double end = Math.min(report.end(), duration);
            double length = Math.min(end - report.start(), available.seconds());
            if (length >= MIN_INTERVAL) {
                watched = watched.add(new WatchedIntervals.Interval(report.start(), report.start() + length));
                credited = length;
                available = new Credit(available.seconds() - length, now);
            }
            position = end;
        }
        if (report.position() != null) {
            position = Math.min(report.position(), duration);
        }
        boolean completed = (previous != null && previous.completed()) || reached(watched, duration, share);
        return new Outcome(new State(watched, position, completed, report.session(), report.sequence(), now),
                available, credited, false);
    }

    static boolean reached(WatchedIntervals watched, double duration, double share) {
        // A millisecond of slack: intervals are stored to the millisecond (WatchedIntervals.format).
        return watched.totalWithin(duration) + 0.001 >= share * duration;
    }

    private static void check(PlayReport r, double duration, Policy policy) {
        if (r == null) {
            throw PlayerException.badRequest("report-required", "Send {session, sequence, start, end, position}");
        }
        if (r.session() == null || !SESSION.matcher(r.session()).matches()) {
            throw PlayerException.badRequest("bad-session", "session is 8-64 letters, digits and '-'");
        }
        if (r.sequence() < 0) {
            throw PlayerException.badRequest("bad-sequence", "sequence is a non-negative integer");
        }
        if ((r.start() == null) != (r.end() == null)) {
            throw PlayerException.badRequest("interval-incomplete", "Give both start and end, or neither");
        }
        double limit = duration + policy.endTolerance();
        if (r.start() != null && !(r.start() >= 0 && r.end() > r.start() && r.end() <= limit)) {
            throw new PlayerException(422, "interval-out-of-range", "The interval must satisfy 0 <= start < end <= "
                    + limit + " (the video's duration)");
        }
        if (r.position() != null && !(r.position() >= 0 && r.position() <= limit)) {
            throw new PlayerException(422, "position-out-of-range", "position must lie within the video");
        }
        if (r.event() != null && !PlayReport.EVENTS.contains(r.event())) {
            throw PlayerException.badRequest("bad-event", "event is one of " + PlayReport.EVENTS + ", or absent");
        }
        if (r.event() != null && r.position() == null) {
            throw PlayerException.badRequest("event-without-position", "A report naming an event gives position");
        }
        if ((r.from() != null) != "seeked".equals(r.event())) {
            throw PlayerException.badRequest("seek-from", "from is given with the event seeked, and only with it");
        }
        if (r.from() != null && !(r.from() >= 0 && r.from() <= limit)) {
            throw new PlayerException(422, "position-out-of-range", "from must lie within the video");
        }
    }
}
