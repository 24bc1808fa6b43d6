package dev.manabi.scorm.seq;

/**
 * A process of the SN book returned an exception ("Return ... Exception: SB.2.9-3"). Raised inside the processes and
 * turned into an {@link Outcome} by {@link OverallSequencingProcess}; it never escapes the module's public API.
 * Activity (the failing activity, when the book names one) helps the look-ahead tell the learner why.
 */
final class SnException extends RuntimeException {
    private final SnCode code;
    private final String activity;

    SnException(SnCode code) {
        this(code, null);
    }

    SnException(SnCode code, String activity) {
        super(code.toString(), null, false, false);
        this.code = code;
        this.activity = activity;
    }

    SnCode code() {
        return code;
    }

    String activity() {
        return activity;
    }
}
