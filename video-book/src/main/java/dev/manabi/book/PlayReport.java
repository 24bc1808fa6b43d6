package dev.manabi.book;

/**
 * What the player tells the server while a topic plays: the stretch it just played continuously (from
 * {@code timeupdate} events while playing; a seek ends one stretch and starts the next) and where playback is now.
 *
 * @param session  random id of one page's playback session (8-64 letters, digits, '-'); a reload starts a new one
 * @param sequence increases with every report of a session; repeated or out-of-order reports are ignored
 * @param start    start of the played stretch in seconds, or null for a report of position only
 * @param end      end of the played stretch, or null
 * @param position current playback position for resuming, or null
 */
public record PlayReport(String session, long sequence, Double start, Double end, Double position) {
}
