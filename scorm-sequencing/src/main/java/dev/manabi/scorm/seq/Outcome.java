package dev.manabi.scorm.seq;

/**
 * What the overall sequencing process (OP.1) decided for one navigation request.
 *
 * @param kind              what happened
 * @param deliver           the activity to deliver (kind {@code DELIVER}), else null
 * @param exception         the SN exception (kind {@code EXCEPTION}), else null
 * @param exceptionActivity the activity the exception is about, when the process names one, else null
 */
public record Outcome(Kind kind, String deliver, SnCode exception, String exceptionActivity) {

    public enum Kind {
        /** Launch {@link #deliver()}. */
        DELIVER,
        /** The sequencing session ended (exit all, suspend all, end of the course): the attempt is over or kept. */
        SESSION_ENDED,
        /** Nothing to deliver and the session goes on (e.g. after abandon, or exit of a non-root activity). */
        NOTHING,
        /** The request was not valid; see {@link #exception()}. */
        EXCEPTION
    }

    static Outcome deliver(String id) {
        return new Outcome(Kind.DELIVER, id, null, null);
    }

    static Outcome ended() {
        return new Outcome(Kind.SESSION_ENDED, null, null, null);
    }

    static Outcome nothing() {
        return new Outcome(Kind.NOTHING, null, null, null);
    }

    static Outcome failed(SnException e) {
        return new Outcome(Kind.EXCEPTION, null, e.code(), e.activity());
    }

    public boolean delivered() {
        return kind == Kind.DELIVER;
    }
}
