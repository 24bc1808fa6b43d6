package dev.manabi.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a video's own length from its container header. */
class VideoLengthTest {

    @TempDir
    Path temp;

    @Test
    void readsWebmDurationInTicksOfTheTimestampScale() throws IOException {
        assertThat(length("a.webm", SampleBooks.webm(19_207, 1_000_000, true, 4096), "video/webm").getAsDouble())
                .isCloseTo(19.207, within(1e-9));
        // 100 µs ticks: 123 456 ticks are 12.3456 s.
        assertThat(length("b.webm", SampleBooks.webm(123_456, 100_000, true, 200), "video/webm").getAsDouble())
                .isCloseTo(12.3456, within(1e-9));
    }

    @Test
    void readsMp4MovieHeaderOfBothVersionsBehindTheMediaData() throws IOException {
        assertThat(length("a.mp4", SampleBooks.mp4(0, 1000, 19_207, false), "video/mp4").getAsDouble())
                .isCloseTo(19.207, within(1e-9));
        assertThat(length("b.mp4", SampleBooks.mp4(1, 90_000, 90_000L * 65, true), "video/mp4").getAsDouble())
                .isCloseTo(65, within(1e-9));
    }

    @Test
    void filesThatDoNotStateTheirLengthHaveNone() throws IOException {
        assertThat(length("a.webm", SampleBooks.webm(0, 1_000_000, false, 300), "video/webm")).isEmpty();
        assertThat(length("b.mp4", SampleBooks.mp4(0, 1000, 0xFFFF_FFFFL, false), "video/mp4"))
                .as("all ones: unknown").isEmpty();
        assertThat(length("c.mp4", SampleBooks.mp4(0, 0, 1000, false), "video/mp4")).as("no timescale").isEmpty();
    }

    @Test
    void brokenOrHostileHeadersAreNotLengths() throws IOException {
        byte[] mp4 = SampleBooks.mp4(0, 1000, 19_207, false);
        assertThat(length("cut.mp4", Arrays.copyOf(mp4, mp4.length - 50), "video/mp4"))
                .as("moov claims more than the file holds").isEmpty();
        byte[] webm = SampleBooks.webm(19_207, 1_000_000, true, 4096);
        assertThat(length("cut.webm", Arrays.copyOf(webm, 40), "video/webm")).as("Info cut off").isEmpty();
        byte[] zeroBox = mp4.clone();
        zeroBox[24] = zeroBox[25] = zeroBox[26] = 0;
        zeroBox[27] = 4;
        assertThat(length("tiny.mp4", zeroBox, "video/mp4")).as("box smaller than its header").isEmpty();
        assertThat(length("junk.webm", "<html>not a video</html>".getBytes(), "video/webm")).isEmpty();
        assertThat(length("empty.mp4", new byte[0], "video/mp4")).isEmpty();
        assertThat(length("other.webm", webm, "video/ogg")).isEmpty();
    }

    private OptionalDouble length(String name, byte[] bytes, String type) throws IOException {
        return VideoLength.of(Files.write(temp.resolve(name), bytes), type);
    }
}
