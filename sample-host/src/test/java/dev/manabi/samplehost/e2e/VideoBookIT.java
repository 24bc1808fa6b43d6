package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The video book in Chromium: autoplay into the next topic, resume after reload, Korean captions, and completion
 * only for what was actually watched. Imports the committed demo book (src/main/demo/book) through the REST API under
 * a fresh key, so it does not depend on, or collide with, the host's demo seeding.
 */
class VideoBookIT {

    private static final Path DEMO = Path.of("src/main/demo/book");
    private static final String BOOK = "manabi-book-player";

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static String bookId;
    private static String courseId;

    @BeforeAll
    static void importDemoBook() throws IOException {
        JsonNode imported = importFreshDemoBook();
        bookId = imported.get("bookId").asText();
        courseId = imported.get("courseId").asText();
    }

    /** The demo book imported under a fresh key (a course of its own): the import's answer (bookId, courseId). */
    static JsonNode importFreshDemoBook() throws IOException {
        Path zip = Files.createTempFile("demo-book", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(DEMO)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = DEMO.relativize(file).toString().replace('\\', '/');
                z.putNextEntry(new ZipEntry(name));
                byte[] bytes = Files.readAllBytes(file);
                if (name.equals("book.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8).replace("\"key\": \"infosec-basics\"",
                            "\"key\": \"e2e-" + UUID.randomUUID().toString().substring(0, 8) + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                z.write(bytes);
                z.closeEntry();
            }
        }
        // Sent as an HTML form would: multipart/form-data, field "file".
        Api.Reply imported = Api.as("author").postForm("/manabi/api/books", zip);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        Files.delete(zip);
        return imported.json();
    }

    @Test
    void autoplaysIntoTheNextTopicResumesAfterReloadSwitchesCaptionsAndCompletesWhatWasWatched() {
        // An explicit English choice, whatever other tests left behind: captions then default to English.
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator book = page.locator(BOOK);
        assertThat(book).hasAttribute("data-state", "ready", wait(30));
        assertThat(book).hasAttribute("data-topic", "passwords");
        assertThat(book.locator("nav ol button")).hasCount(3);

        // Watch topic 1 to its end at double speed; the countdown announces topic 2, which then plays by itself.
        book.locator("select.rate").selectOption("2");
        book.locator("button.play").click();
        Locator countdown = book.locator(".countdown");
        assertThat(countdown).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(40_000));
        assertThat(countdown).hasAttribute("aria-live", "polite");
        assertThat(countdown.locator(".countdown-text")).containsText("Spotting phishing");
        Browser.screenshot(page, "book-countdown");
        assertThat(book).hasAttribute("data-topic", "phishing", wait(15));
        waitForVideo(book, v -> ((Number) v.get("currentTime")).doubleValue() > 6 && !(Boolean) v.get("paused"));

        JsonNode progress = progress("alice");
        assertThat(progress.at("/topics/0/completed").asBoolean()).as("topic 1 watched to the end").isTrue();
        assertThat(progress.at("/topics/0/share").asDouble()).isGreaterThanOrEqualTo(0.9);

        // Pause in topic 2, then reload: the player comes back to topic 2 at the same position.
        book.locator("button.play").click();
        waitForVideo(book, v -> (Boolean) v.get("paused"));
        double pausedAt = ((Number) video(book).get("currentTime")).doubleValue();
        waitFor(() -> progress("alice").at("/topics/1/position").asDouble() > pausedAt - 0.5, "position saved");
        page.reload();
        assertThat(book).hasAttribute("data-state", "ready", wait(30));
        assertThat(book).hasAttribute("data-topic", "phishing");
        waitForVideo(book, v -> Math.abs(((Number) v.get("currentTime")).doubleValue() - pausedAt) < 1.0);
        assertThat(book.locator(".status")).containsText("Resuming");

        // Captions: English by default for an English UI, then Korean.
        waitForVideo(book, v -> List.of("en").equals(v.get("showing")));
        book.locator("select.caption-language").selectOption("ko");
        waitForVideo(book, v -> List.of("ko").equals(v.get("showing")));
        book.locator("button.play").click();
        waitForVideo(book, v -> String.valueOf(v.get("cue")).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL));
        Browser.screenshot(page, "book-korean-captions");
        book.locator("button.play").click();

        // The keyboard works too: "c" turns captions off.
        book.locator(".stage").focus();
        page.keyboard().press("c");
        waitForVideo(book, v -> ((List<?>) v.get("showing")).isEmpty());
    }

    @Test
    void seekingToTheEndDoesNotComplete() {
        Api.as("admin-a").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("admin-a", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator book = page.locator(BOOK);
        assertThat(book).hasAttribute("data-state", "ready", wait(30));
        book.locator("nav ol button[data-topic=updates]").click();
        assertThat(book).hasAttribute("data-topic", "updates");
        waitForVideo(book, v -> ((Number) v.get("currentTime")).doubleValue() > 0.5);
        book.locator(".stage").focus();
        page.keyboard().press("End");
        waitForVideo(book, v -> (Boolean) v.get("ended"));
        waitFor(() -> progress("admin-a").at("/topics/2/position").asDouble() > 19, "position at the end saved");

        JsonNode progress = progress("admin-a");
        assertThat(progress.at("/topics/2/completed").asBoolean()).isFalse();
        assertThat(progress.at("/topics/2/share").asDouble()).isLessThan(0.5);
        assertThat(progress.get("completed").asBoolean()).isFalse();
        assertThat(book.locator("nav ol li.done")).hasCount(0);
    }

    private static JsonNode progress(String user) {
        Api.Reply reply = Api.as(user).get("/manabi/api/books/" + bookId + "/progress?course=" + courseId);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> video(Locator book) {
        return (Map<String, Object>) book.evaluate("el => { const v = el.shadowRoot.querySelector('video');"
                + " const showing = Array.from(v.textTracks).filter(t => t.mode === 'showing');"
                + " const cues = showing.flatMap(t => Array.from(t.activeCues || []).map(c => c.text));"
                + " return { currentTime: v.currentTime, paused: v.paused, ended: v.ended,"
                + " showing: showing.map(t => t.language), cue: cues.join(' ') }; }");
    }

    static void waitForVideo(Locator book, Predicate<Map<String, Object>> condition) {
        Object[] last = new Object[1];
        waitFor(() -> {
            Map<String, Object> state = video(book);
            last[0] = state;
            return condition.test(state);
        }, () -> "the video; last seen " + last[0]);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        waitFor(condition, () -> what);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.currentTimeMillis() + 45_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting for " + what.get());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static LocatorAssertions.HasAttributeOptions wait(int seconds) {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(seconds * 1000.0);
    }
}
