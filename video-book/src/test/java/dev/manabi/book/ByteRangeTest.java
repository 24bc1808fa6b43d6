package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static final long SIZE = 1000;

    @Test
    void noHeaderOrOtherUnitsServeTheWholeFile() {
        assertThat(ByteRange.parse(null, SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
        assertThat(ByteRange.parse("items=0-5", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
    }

    @Test
    void firstAndLastBytes() {
        assertThat(ByteRange.parse("bytes=0-499", SIZE)).isEqualTo(new ByteRange(ByteRange.Kind.PARTIAL, 0, 499));
        assertThat(ByteRange.parse("bytes=500-", SIZE)).isEqualTo(new ByteRange(ByteRange.Kind.PARTIAL, 500, 999));
        assertThat(ByteRange.parse("BYTES=500-", SIZE).contentRange(SIZE)).isEqualTo("bytes 500-999/1000");
        // RFC 7233 section 2.1: a last-byte-pos beyond the end means "to the end".
        assertThat(ByteRange.parse("bytes=900-5000", SIZE)).isEqualTo(new ByteRange(ByteRange.Kind.PARTIAL, 900, 999));
        assertThat(ByteRange.parse("bytes=0-0", SIZE).length()).isEqualTo(1);
    }

    @Test
    void suffixRanges() {
        assertThat(ByteRange.parse("bytes=-100", SIZE)).isEqualTo(new ByteRange(ByteRange.Kind.PARTIAL, 900, 999));
        assertThat(ByteRange.parse("bytes=-5000", SIZE)).isEqualTo(new ByteRange(ByteRange.Kind.PARTIAL, 0, 999));
        assertThat(ByteRange.parse("bytes=-0", SIZE).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
    }

    @Test
    void unsatisfiableAndInvalidRanges() {
        assertThat(ByteRange.parse("bytes=1000-", SIZE).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=2000-3000", SIZE).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        assertThat(ByteRange.parse("bytes=0-", 0).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        // Syntactically invalid specs make the server ignore the header (section 2.1).
        assertThat(ByteRange.parse("bytes=500-100", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
        assertThat(ByteRange.parse("bytes=abc", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
        assertThat(ByteRange.parse("bytes=-", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
        // Several ranges: ignored, the whole file is served (section 3.1).
        assertThat(ByteRange.parse("bytes=0-1,5-6", SIZE).kind()).isEqualTo(ByteRange.Kind.FULL);
    }
}
