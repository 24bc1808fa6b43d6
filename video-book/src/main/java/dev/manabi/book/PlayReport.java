package dev.manabi.book;

import java.util.Set;

/**
 * What the player tells the server while a topic plays: the stretch it just played continuously (from
 * {@code timeupdate} events while playing; a seek ends one stretch and starts the next) and where playback is now.
 *
 * @param session  random id of one page's playback session (8-64 letters, digits, '-'); a reload starts a new one
 * @param sequence increases with every report of a session; repeated or out-of-order reports are ignored
 * @param start    start of the played stretch in seconds, or null for a report of position only
 * @param end      end of the played stretch, or null
 * @param position current playback position for resuming, or null
 * @param event    the media event that sent the report, or null for a periodic one: {@code played} (playback
 *                 started at {@code position}), {@code paused} (playback paused at {@code position}), {@code seeked}
 *                 (the learner moved from {@code from} to {@code position}); the xAPI Video Profile statements
 * @param from     with {@code seeked}: the position before the seek
 */
public record PlayReport(String session, long sequence, Double start, Double end, Double position, String event,
                         Double from) {

    /** The media events a report may name. */
    public static final Set<String> EVENTS = Set.of("played", "paused", "seeked");

    /** A report without a media event (periodic, or from a client that does not send them). */
    public PlayReport(String session, long sequence, Double start, Double end, Double position) {
        this(session, sequence, start, end, position, null, null);
    }
}
