package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.book.WatchedIntervals.Interval;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class WatchedIntervalsTest {

    /** Slots of 1/8 s: exact in binary floating point, so the bitmap is an exact model of the union. */
    private static final int SLOTS_PER_SECOND = 8;
    private static final int SECONDS = 60;

    @RepeatedTest(300)
    void unionMatchesABruteForceBitmap(org.junit.jupiter.api.RepetitionInfo info) {
        Random random = new Random(info.getCurrentRepetition() * 7919L);
        BitSet bitmap = new BitSet();
        WatchedIntervals w = WatchedIntervals.empty();
        int count = 1 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(SECONDS * SLOTS_PER_SECOND);
            int b = a + 1 + random.nextInt(random.nextBoolean() ? 8 : SECONDS * SLOTS_PER_SECOND / 3);
            bitmap.set(a, b);
            w = w.add(new Interval((double) a / SLOTS_PER_SECOND, (double) b / SLOTS_PER_SECOND));
        }
        assertThat(w.total()).isEqualTo((double) bitmap.cardinality() / SLOTS_PER_SECOND);
        int limitSlot = random.nextInt(SECONDS * SLOTS_PER_SECOND);
        assertThat(w.totalWithin((double) limitSlot / SLOTS_PER_SECOND))
                .isEqualTo((double) bitmap.get(0, limitSlot).cardinality() / SLOTS_PER_SECOND);
        // Sorted, disjoint and not touching: exactly the bitmap's runs of set bits.
        List<Interval> intervals = w.intervals();
        int runs = 0;
        for (int i = bitmap.nextSetBit(0); i >= 0; i = bitmap.nextSetBit(bitmap.nextClearBit(i))) {
            Interval run = intervals.get(runs++);
            assertThat(run.start()).isEqualTo((double) i / SLOTS_PER_SECOND);
            assertThat(run.end()).isEqualTo((double) bitmap.nextClearBit(i) / SLOTS_PER_SECOND);
        }
        assertThat(intervals).hasSize(runs);
        assertThat(WatchedIntervals.parse(w.format())).isEqualTo(w);
    }

    @Test
    void overlappingAndTouchingIntervalsMerge() {
        WatchedIntervals w = WatchedIntervals.of(new Interval(10, 20), new Interval(0, 5), new Interval(5, 8),
                new Interval(15, 25), new Interval(30, 31));
        assertThat(w.intervals()).containsExactly(new Interval(0, 8), new Interval(10, 25), new Interval(30, 31));
        assertThat(w.total()).isEqualTo(24);
        assertThat(w.totalWithin(12)).isEqualTo(10);
        assertThat(w.add(new Interval(0, 40)).intervals()).containsExactly(new Interval(0, 40));
    }

    @Test
    void watchingTheSameStretchTwiceCountsOnce() {
        WatchedIntervals w = WatchedIntervals.of(new Interval(0, 10), new Interval(0, 10), new Interval(2, 9));
        assertThat(w.total()).isEqualTo(10);
    }

    @Test
    void rejectsEmptyAndNegativeIntervals() {
        assertThatThrownBy(() -> new Interval(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Interval(Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WatchedIntervals.parse("1-x")).isInstanceOf(NumberFormatException.class);
    }
}
