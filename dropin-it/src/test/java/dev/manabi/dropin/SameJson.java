package dev.manabi.dropin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The JSON answers of one server, normalised so that the same calls give the same bytes on every server: ids,
 * times, origins and capabilities differ by run, field order, nulls and number formats must not. Each server's run
 * writes {@code <dropin.responses.dir>/<server>/<step>.json}; {@link SameJsonIT} compares the three folders.
 */
final class SameJson {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern ORIGIN = Pattern.compile("http://(localhost|127\\.0\\.0\\.1):\\d+");
    /** The same in a URL's query (cmi5 launch parameters, RFC 3986 percent-encoding). */
    private static final Pattern ENCODED_ORIGIN = Pattern.compile("http%3A%2F%2F(localhost|127\\.0\\.0\\.1)%3A\\d+");
    /** A cmi5 fetch URL's one-time key, plain or percent-encoded after its path. */
    private static final Pattern FETCH_KEY = Pattern.compile("(fetch(/|%2F))[A-Za-z0-9_-]{16,}");
    /** Salted hashes of a badge recipient (Open Badges 2.0 IdentityObject): the salt is random per assertion. */
    private static final Pattern SALTED_HASH = Pattern.compile("sha256\\$[0-9a-f]{64}");
    /** Content capabilities: long URL-safe tokens in content paths. */
    private static final Pattern CAPABILITY = Pattern.compile("/([cr])/[A-Za-z0-9_.~-]{24,}");
    /** Durations measured by the test's own clock (a remaining time limit, a session's elapsed time). */
    private static final Pattern SECONDS = Pattern.compile("\"(remainingSeconds|elapsedSeconds)\":\\d+");

    private SameJson() {
    }

    static String normalise(String body, String... runIds) {
        String out = body;
        for (String id : runIds) {
            if (id != null && !id.isEmpty()) { // an empty one would match between every two characters
                out = out.replace(id, "<run-id>");
            }
        }
        out = UUID.matcher(out).replaceAll("<uuid>");
        out = TIME.matcher(out).replaceAll("<time>");
        out = ORIGIN.matcher(out).replaceAll("<origin>");
        out = ENCODED_ORIGIN.matcher(out).replaceAll("<origin>");
        out = FETCH_KEY.matcher(out).replaceAll("$1<key>");
        out = SALTED_HASH.matcher(out).replaceAll("sha256\\$<hash>");
        out = CAPABILITY.matcher(out).replaceAll("/$1/<capability>");
        out = SECONDS.matcher(out).replaceAll("\"$1\":<n>");
        return out;
    }

    /** Records one answer of this server under {@code step}. */
    static void record(String server, String step, String body, String... runIds) {
        Path dir = Path.of(System.getProperty("dropin.responses.dir", "target/dropin-responses"), server);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(step + ".json"), normalise(body, runIds) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
