package dev.manabi.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a video a learner has actually watched: a union of half-open intervals {@code [start, end)} in
 * seconds, kept sorted, disjoint and non-adjacent. Immutable; {@link #add} returns a new value.
 *
 * <p>Watched time is the measure of this union, so watching the same minute twice counts once and jumping to the end
 * counts only what is then played.
 */
public final class WatchedIntervals {

    /** One watched stretch, {@code start < end}. */
    public record Interval(double start, double end) {
        public Interval {
            if (!(start >= 0) || !(end > start) || Double.isInfinite(end)) {
                throw new IllegalArgumentException("Not an interval: [" + start + ", " + end + ")");
            }
        }

        public double length() {
            return end - start;
        }
    }

    private static final WatchedIntervals EMPTY = new WatchedIntervals(List.of());

    private final List<Interval> intervals;

    private WatchedIntervals(List<Interval> sortedDisjoint) {
        this.intervals = List.copyOf(sortedDisjoint);
    }

    public static WatchedIntervals empty() {
        return EMPTY;
    }

    public static WatchedIntervals of(Interval... intervals) {
        WatchedIntervals w = EMPTY;
        for (Interval i : intervals) {
            w = w.add(i);
        }
        return w;
    }

    /** The sorted, disjoint intervals. */
    public List<Interval> intervals() {
        return intervals;
    }

    /** The union of this and {@code added}: overlapping and touching intervals merge into one. */
    public WatchedIntervals add(Interval added) {
        List<Interval> out = new ArrayList<>(intervals.size() + 1);
        double start = added.start();
        double end = added.end();
        boolean placed = false;
        for (Interval i : intervals) {
            if (i.end() < start) {
                out.add(i);
            } else if (i.start() > end) {
                if (!placed) {
                    out.add(new Interval(start, end));
                    placed = true;
                }
                out.add(i);
            } else {
                start = Math.min(start, i.start());
                end = Math.max(end, i.end());
            }
        }
        if (!placed) {
            out.add(new Interval(start, end));
        }
        return new WatchedIntervals(out);
    }

    /** Seconds covered in total. */
    public double total() {
        return intervals.stream().mapToDouble(Interval::length).sum();
    }

    /** Seconds covered within {@code [0, limit)}, e.g. the video's duration. */
    public double totalWithin(double limit) {
        double sum = 0;
        for (Interval i : intervals) {
            if (i.start() >= limit) {
                break;
            }
            sum += Math.min(i.end(), limit) - i.start();
        }
        return sum;
    }

    /** Compact text form for storage: {@code 0.000-12.250,15.000-20.500} (milliseconds are plenty for video). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Interval i : intervals) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "%.3f-%.3f", i.start(), i.end()));
        }
        return sb.toString();
    }

    /** Reads {@link #format()}; any overlap in the input is merged. */
    public static WatchedIntervals parse(String text) {
        WatchedIntervals w = EMPTY;
        if (text == null || text.isBlank()) {
            return w;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                throw new IllegalArgumentException("Bad interval '" + part + "'");
            }
            double start = Double.parseDouble(part.substring(0, dash));
            double end = Double.parseDouble(part.substring(dash + 1));
            if (end > start) {
                w = w.add(new Interval(start, end));
            }
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchedIntervals other && other.intervals.equals(intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    @Override
    public String toString() {
        return "WatchedIntervals[" + format() + "]";
    }
}
