package dev.manabi.quiz;

/**
 * Points earned by one response (or a whole attempt) out of a maximum. Partial credit is any value strictly between
 * zero and the maximum.
 */
public record Score(double points, double max) {

    /** Scores are compared with this tolerance so 0.1 + 0.2 still counts as 0.3. */
    static final double EPSILON = 1e-9;

    public Score {
        if (!Double.isFinite(points) || !Double.isFinite(max) || max < 0 || points < 0 || points > max + EPSILON) {
            throw new IllegalArgumentException("Score must be 0 <= points <= max, got " + points + "/" + max);
        }
        points = Math.min(points, max);
    }

    /** Full points for the question. */
    public static Score full(Question question) {
        return new Score(question.points(), question.points());
    }

    /** No points for the question. */
    public static Score zero(Question question) {
        return new Score(0, question.points());
    }

    /** {@code fraction} (clamped to 0..1) of the question's points: how partial-credit types report. */
    public static Score fraction(Question question, double fraction) {
        double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
        return new Score(question.points() * f, question.points());
    }

    public boolean isFull() {
        return points >= max - EPSILON;
    }

    public boolean isZero() {
        return points <= EPSILON;
    }

    /** Percent of the maximum (0 when the maximum is 0). */
    public double percent() {
        return max <= 0 ? 0 : points * 100.0 / max;
    }

    /** "correct", "partial" or "incorrect": what the browser shows and reports count. */
    public String outcome() {
        return isFull() ? "correct" : isZero() ? "incorrect" : "partial";
    }

    Score plus(Score other) {
        return new Score(points + other.points, max + other.max);
    }
}
