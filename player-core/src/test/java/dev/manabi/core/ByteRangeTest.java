package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Range header parsing per RFC 7233. */
class ByteRangeTest {

    private static final long SIZE = 1000;

    private static ByteRange.Outcome outcome(String header, long size) {
        return ByteRange.parse(header, size).outcome();
    }

    private static Optional<ByteRange> range(String header, long size) {
        return ByteRange.parse(header, size).range();
    }

    @Test
    void noHeaderOrOtherUnitsServeTheWholeFile() {
        assertThat(outcome(null, SIZE)).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(outcome("items=0-5", SIZE)).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse(null, SIZE).range()).isEmpty();
    }

    @Test
    void firstAndLastBytes() {
        assertThat(range("bytes=0-499", SIZE)).contains(new ByteRange(0, 499));
        assertThat(range("bytes=500-", SIZE)).contains(new ByteRange(500, 999));
        assertThat(range("BYTES=500-", SIZE).orElseThrow().contentRange(SIZE)).isEqualTo("bytes 500-999/1000");
        // RFC 7233 section 2.1: a last-byte-pos beyond the end means "to the end".
        assertThat(range("bytes=900-5000", SIZE)).contains(new ByteRange(900, 999));
        assertThat(range("bytes=90-99999999999999999999", SIZE)).contains(new ByteRange(90, 999));
        assertThat(range("bytes=0-0", SIZE).orElseThrow().length()).isEqualTo(1);
        assertThat(ByteRange.parse("bytes=0-0", SIZE).outcome()).isEqualTo(ByteRange.Outcome.PARTIAL);
    }

    @Test
    void suffixRanges() {
        assertThat(range("bytes=-100", SIZE)).contains(new ByteRange(900, 999));
        assertThat(range("bytes=-5000", SIZE)).contains(new ByteRange(0, 999));
        assertThat(outcome("bytes=-0", SIZE)).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
    }

    @Test
    void unsatisfiableAndInvalidRanges() {
        assertThat(outcome("bytes=1000-", SIZE)).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(outcome("bytes=2000-3000", SIZE)).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(outcome("bytes=0-", 0)).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        // A first-byte-pos too long for a long is still valid syntax, and beyond any file (section 4.4).
        assertThat(outcome("bytes=99999999999999999999-", SIZE)).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        // Syntactically invalid specs make the server ignore the header (section 2.1).
        assertThat(outcome("bytes=500-100", SIZE)).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(outcome("bytes=abc", SIZE)).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(outcome("bytes=-", SIZE)).isEqualTo(ByteRange.Outcome.FULL);
        // Several ranges: ignored, the whole file is served (section 3.1).
        assertThat(outcome("bytes=0-1,5-6", SIZE)).isEqualTo(ByteRange.Outcome.FULL);
    }

    @Test
    void rangeParsing() {
        assertThat(ByteRange.parse(null, 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=0-0", 100).range()).contains(new ByteRange(0, 0));
        assertThat(ByteRange.parse("bytes=90-200", 100).range()).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-200", 100).range()).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("BYTES = 5 - 6", 100).range()).contains(new ByteRange(5, 6));
        assertThat(ByteRange.parse("bytes=5-4", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("items=0-1", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=-", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=abc", 100).outcome()).isEqualTo(ByteRange.Outcome.FULL);
        assertThat(ByteRange.parse("bytes=100-", 100).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=-0", 100).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0).outcome()).isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100).outcome())
                .isEqualTo(ByteRange.Outcome.UNSATISFIABLE);
        assertThat(new ByteRange(2, 5).contentRange(10)).isEqualTo("bytes 2-5/10");
    }

    @Test
    void aRangeIsNeverEmptyOrReversed() {
        assertThatThrownBy(() -> new ByteRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
