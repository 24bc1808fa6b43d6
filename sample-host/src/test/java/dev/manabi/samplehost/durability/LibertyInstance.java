package dev.manabi.samplehost.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A second Open Liberty server of the sample host, made from the one the build created for the ITs (same runtime,
 * configuration, application and drivers) with its own ports, database and data, so a test may kill it with
 * SIGKILL without disturbing the other ITs.
 */
public final class LibertyInstance implements AutoCloseable {

    /** What of the template server is not copied: its state, logs and data. */
    private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "h2", "manabi-content", "expanded");

    private final Path script;
    private final Path dir;
    private final String name;
    private final String baseUrl;
    private final String adminUrl;

    private LibertyInstance(Path script, Path dir, String name, String baseUrl, String adminUrl) {
        this.script = script;
        this.dir = dir;
        this.name = name;
        this.baseUrl = baseUrl;
        this.adminUrl = adminUrl;
    }

    /** The server the build started for the ITs ({@code manabi.liberty.server}), answering at {@code baseUrl}. */
    public static LibertyInstance itServer(String baseUrl) {
        Path script = script();
        String name = System.getProperty("manabi.liberty.server", "manabi-it");
        return new LibertyInstance(script, script.getParent().getParent().resolve("usr/servers").resolve(name), name,
                baseUrl, adminUrlOf(baseUrl));
    }

    /**
     * Where the server's own endpoints ({@code /health}, {@code /openapi}) answer for a server whose portal is at
     * {@code baseUrl} with the default admin port of its {@code server.xml}: the HTTP port + 2, on localhost.
     */
    public static String adminUrlOf(String baseUrl) {
        URI portal = URI.create(baseUrl);
        return "http://localhost:" + (portal.getPort() + 2);
    }

    private static Path script() {
        Path script = Path.of(System.getProperty("manabi.liberty.script", "target/liberty/wlp/bin/server"));
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("Liberty server script not found at " + script.toAbsolutePath());
        }
        return script;
    }

    /**
     * A fresh server {@code name} with the template's configuration and these bootstrap properties (database, demo
     * learners) on two free ports. An older server of that name is stopped and replaced.
     */
    public static LibertyInstance create(String name, Map<String, String> properties) {
        Path script = script();
        String template = System.getProperty("manabi.liberty.server", "manabi-it");
        Path servers = script.getParent().getParent().resolve("usr/servers");
        Path dir = servers.resolve(name);
        try {
            if (Files.exists(dir)) {
                new LibertyInstance(script, dir, name, "", "").stopQuietly();
                deleteTree(dir);
            }
            copyTree(servers.resolve(template), dir);
            Map<String, String> bootstrap = new LinkedHashMap<>(properties);
            int http = freePort();
            bootstrap.put("manabi.http.port", Integer.toString(http));
            bootstrap.put("manabi.https.port", Integer.toString(freePort()));
            int admin = freePort();
            bootstrap.put("manabi.admin.port", Integer.toString(admin));
            StringBuilder text = new StringBuilder();
            Path file = dir.resolve("bootstrap.properties");
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    String key = line.split("=", 2)[0].trim();
                    if (!bootstrap.containsKey(key)) {
                        text.append(line).append('\n');
                    }
                }
            }
            bootstrap.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(file, text, StandardCharsets.ISO_8859_1);
            return new LibertyInstance(script, dir, name, "http://localhost:" + http, "http://localhost:" + admin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The admin port's address, where Liberty's own endpoints answer (and only there: README "Content origin"). */
    public String adminUrl() {
        return adminUrl;
    }

    Path logs() {
        return dir.resolve("logs");
    }

    /** {@code server start}, then waits until {@code /health/ready} answers 200 on the admin port (database migrated). */
    public void start() {
        run(List.of(script.toString(), "start", name));
        awaitReady(Duration.ofMinutes(4));
    }

    /** Adds JVM options (the server's {@code jvm.options}) for its next start, e.g. a flight recording. */
    public void jvmOptions(List<String> options) {
        try {
            Files.write(dir.resolve("jvm.options"), options, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption
                    .CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time the running server's JVM has used so far. */
    Duration cpuTime() {
        return ProcessHandle.of(pid()).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The server JVM's process id, as {@code server start} recorded it. */
    long pid() {
        Path file = dir.getParent().resolve(".pid").resolve(name + ".pid");
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file " + file, e);
        }
    }

    /** SIGKILL on the server JVM (no shutdown hooks, no orderly close of anything), and waits until it is gone. */
    void kill() {
        ProcessHandle process = ProcessHandle.of(pid())
                .orElseThrow(() -> new IllegalStateException("the server " + name + " is not running"));
        if (!process.info().command().orElse("").contains("java")) {
            throw new IllegalStateException("pid " + process.pid() + " is not the server's JVM: " + process.info());
        }
        process.destroyForcibly();
        process.onExit().join();
    }

    public void stop() {
        run(List.of(script.toString(), "stop", name));
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped or killed
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(adminUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException("server " + name + " not ready within " + timeout + "; see " + logs());
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(p);
                boolean skipped = false;
                for (Path part : rel) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }
}
