package dev.manabi.samplehost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Load harness (a report, not a timed test): requests/s of a package file served through the authorized content path
 * ({@code /manabi/content/c/{capability}/...} on the content origin) against Liberty's own static file serving of a
 * file of the same bytes ({@code /manabi/assets/scorm/scorm-player.js}, 12.7 KB, from the SDK JAR's
 * META-INF/resources) in the same run, 16 connections (keep-alive), on the running sample host. Writes
 * {@code target/benchmarks/content-serving.md}.
 *
 * <p>{@code java -cp ... ContentServingBenchmark http://localhost:9080 [seconds]}, or with the build's test classpath:
 * {@code ./mvnw -pl sample-host -am verify -Pbench} (starts the IT server, see README "Benchmarks").
 */
public final class ContentServingBenchmark {

    private static final int CONNECTIONS = 16;
    private static final String STATIC_FILE = "/manabi/assets/scorm/scorm-player.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String portal = args.length > 0 ? args[0] : System.getProperty("manabi.baseUrl", "http://localhost:9080");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("bench.seconds", 15);
        Path out = Path.of(args.length > 2 ? args[2] : "target/benchmarks/content-serving.md");

        byte[] file = get(URI.create(portal + STATIC_FILE).toURL(), null);
        String contentUrl = launch(portal, file) + "bench/file.js";
        byte[] served = get(URI.create(contentUrl).toURL(), null);
        if (!java.util.Arrays.equals(file, served)) {
            throw new IllegalStateException("the content path did not serve the same bytes");
        }
        // Warm both paths (JIT, connection pools), then measure them one after the other, twice, alternating.
        run(portal + STATIC_FILE, 5);
        run(contentUrl, 5);
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rounds.add(new double[] {run(portal + STATIC_FILE, seconds), run(contentUrl, seconds)});
        }
        StringBuilder md = new StringBuilder("# Content serving: authorized content path vs Liberty static files\n\n")
                .append("File: ").append(file.length).append(" bytes (the bytes of `").append(STATIC_FILE)
                .append("`), ").append(CONNECTIONS).append(" keep-alive connections, ").append(seconds)
                .append(" s per measurement after 5 s warm-up each, run ").append(Instant.now()).append(".\n\n")
                .append("| round | Liberty static (req/s) | content path with capability (req/s) | ratio |\n")
                .append("|---|---|---|---|\n");
        for (int i = 0; i < rounds.size(); i++) {
            double[] r = rounds.get(i);
            md.append(String.format("| %d | %.0f | %.0f | %.0f %% |%n", i + 1, r[0], r[1], 100 * r[1] / r[0]));
        }
        md.append("\nStatic: `").append(portal).append(STATIC_FILE).append("`; content: `")
                .append(contentUrl.replaceAll("/c/[^/]+/", "/c/{capability}/")).append("`.\n");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.print(md);
    }

    /** Uploads a package holding the file, opens alice's SCO session, returns the content base URL. */
    private static String launch(String portal, byte[] file) throws IOException {
        Path zip = Files.createTempFile("bench-", ".zip");
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="content-serving-bench-%d" version="1"
                    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <organizations default="ORG"><organization identifier="ORG"><title>Bench</title>
                    <item identifier="ITEM" identifierref="RES"><title>Bench</title></item></organization>
                  </organizations>
                  <resources><resource identifier="RES" type="webcontent" adlcp:scormtype="asset"
                    href="index.html"><file href="index.html"/><file href="bench/file.js"/></resource></resources>
                </manifest>
                """.formatted(System.nanoTime());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("imsmanifest.xml"));
            z.write(manifest.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("index.html"));
            z.write("<!DOCTYPE html><title>bench</title>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("bench/file.js"));
            z.write(file);
        }
        JsonNode pkg = JSON.readTree(post(portal, "/manabi/api/packages", "author", Files.readAllBytes(zip),
                "application/zip"));
        Files.delete(zip);
        String course = pkg.get("courseId").asText();
        String line = pkg.get("lineId").asText();
        JsonNode attempt = JSON.readTree(get(URI.create(portal + "/manabi/api/scorm/courses/" + course + "/lines/"
                + line + "/attempt").toURL(), "alice"));
        JsonNode session = JSON.readTree(post(portal, "/manabi/api/scorm/attempts/" + attempt.get("attemptId")
                .asText() + "/scos/ITEM/session", "alice", new byte[0], "application/json"));
        return session.get("launchUrl").asText();
    }

    /** Requests/s of GETs of {@code url} over {@link #CONNECTIONS} threads for {@code seconds}. */
    private static double run(String url, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Instant end = Instant.now().plus(Duration.ofSeconds(seconds));
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CONNECTIONS; i++) {
            Thread t = new Thread(() -> {
                try {
                    URL u = URI.create(url).toURL();
                    while (Instant.now().isBefore(end)) {
                        // HttpURLConnection keeps the connection alive once the body is read to the end.
                        HttpURLConnection c = (HttpURLConnection) u.openConnection();
                        try (InputStream in = c.getInputStream()) {
                            in.readAllBytes();
                        }
                        if (c.getResponseCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests to " + url + " failed");
        }
        return done.get() / elapsed;
    }

    private static byte[] get(URL url, String user) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        if (user != null) {
            c.setRequestProperty("Authorization", basic(user));
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] post(String portal, String path, String user, byte[] body, String type)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(portal + path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", basic(user));
        c.setRequestProperty("Content-Type", type);
        c.setRequestProperty("Origin", portal);
        try (OutputStream o = c.getOutputStream()) {
            o.write(body);
        }
        if (c.getResponseCode() >= 300) {
            throw new IOException(path + " answered " + c.getResponseCode() + ": "
                    + new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":manabi-demo").getBytes(StandardCharsets.UTF_8));
    }
}
